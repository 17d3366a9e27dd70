import { layoutDay, type Placeable, slotAt } from './agenda-layout';
import { instantDans, isoAvecOffset, jourDans, lundiDe } from './agenda-time';

const item = (key: string, debut: string, minutes: number): Placeable => ({
  key,
  debut: new Date(debut),
  fin: new Date(Date.parse(debut) + minutes * 60_000),
});

const summary = (placed: ReturnType<typeof layoutDay>) => placed.map(({ item: { key }, top, height, lane, lanes }) => ({ key, top, height, lane, lanes }));

describe('layoutDay', () => {
  it('when a rendez-vous is at 9 h 00 for 45 minutes in Paris, places it 2 hours below 7 h, 45 minutes high', () => {
    const placed = layoutDay([item('a', '2026-12-07T08:00:00Z', 45)], '2026-12-07', 'Europe/Paris');

    expect(summary(placed)).toEqual([{ key: 'a', top: 120, height: 45, lane: 0, lanes: 1 }]);
  });

  it('when the Mission Locale is in La Réunion, places a 05:00 UTC rendez-vous at 9 h 00 local, whatever the device', () => {
    const placed = layoutDay([item('a', '2026-12-07T05:00:00Z', 30)], '2026-12-07', 'Indian/Reunion');

    expect(summary(placed)).toEqual([{ key: 'a', top: 120, height: 30, lane: 0, lanes: 1 }]);
  });

  it('when a rendez-vous falls on another local day in La Réunion, leaves it out of this day', () => {
    // 21:30 UTC on the 6th is 01:30 on the 7th in La Réunion.
    const late = item('late', '2026-12-06T21:30:00Z', 30);

    expect(layoutDay([late], '2026-12-06', 'Indian/Reunion')).toEqual([]);
    expect(layoutDay([late], '2026-12-07', 'Indian/Reunion').map(({ top }) => top)).toEqual([0]);
  });

  it('when two rendez-vous overlap, puts them side by side, and the next one alone takes the full width', () => {
    const placed = layoutDay(
      [item('b', '2026-12-07T08:30:00Z', 30), item('a', '2026-12-07T08:00:00Z', 60), item('c', '2026-12-07T10:00:00Z', 30)],
      '2026-12-07',
      'Europe/Paris',
    );

    expect(summary(placed)).toEqual([
      { key: 'a', top: 120, height: 60, lane: 0, lanes: 2 },
      { key: 'b', top: 150, height: 30, lane: 1, lanes: 2 },
      { key: 'c', top: 240, height: 30, lane: 0, lanes: 1 },
    ]);
  });

  it('when a 15-minute item is followed by another 15 minutes later, draws both 30 minutes high, side by side', () => {
    const placed = layoutDay([item('a', '2026-12-07T08:00:00Z', 15), item('b', '2026-12-07T08:15:00Z', 15)], '2026-12-07', 'Europe/Paris');

    expect(summary(placed)).toEqual([
      { key: 'a', top: 120, height: 30, lane: 0, lanes: 2 },
      { key: 'b', top: 135, height: 30, lane: 1, lanes: 2 },
    ]);
  });

  it('when a lane frees up inside a group, reuses it', () => {
    const placed = layoutDay(
      [item('long', '2026-12-07T08:00:00Z', 120), item('first', '2026-12-07T08:00:00Z', 30), item('then', '2026-12-07T09:00:00Z', 30)],
      '2026-12-07',
      'Europe/Paris',
    );

    expect(summary(placed).map(({ key, lane, lanes }) => ({ key, lane, lanes }))).toEqual([
      { key: 'long', lane: 0, lanes: 2 },
      { key: 'first', lane: 1, lanes: 2 },
      { key: 'then', lane: 1, lanes: 2 },
    ]);
  });

  it('when an item starts before 7 h, pins it to the top of the grid', () => {
    expect(summary(layoutDay([item('early', '2026-12-07T05:00:00Z', 30)], '2026-12-07', 'Europe/Paris'))[0]?.top).toBe(0);
  });
});

describe('slotAt', () => {
  it('when the empty grid is tapped, answers the start of the 30-minute slot under the finger, within 7 h – 19 h 30', () => {
    expect(slotAt(0)).toBe(7 * 60);
    expect(slotAt(47)).toBe(7 * 60);
    expect(slotAt(48)).toBe(7 * 60 + 30);
    expect(slotAt(13 * 60 * 1.6 - 1)).toBe(19 * 60 + 30);
    expect(slotAt(13 * 60 * 1.6 + 5)).toBe(19 * 60 + 30);
  });
});

describe('agenda days and times', () => {
  it('when a conseiller of La Réunion types 9:00, sends it with the +04:00 offset', () => {
    expect(isoAvecOffset(instantDans('2026-12-07', '09:00', 'Indian/Reunion'), 'Indian/Reunion')).toBe('2026-12-07T09:00:00+04:00');
  });

  it('when in Paris across the change to summer time, keeps the wall time and the new offset', () => {
    expect(isoAvecOffset(instantDans('2026-03-30', '09:30', 'Europe/Paris'), 'Europe/Paris')).toBe('2026-03-30T09:30:00+02:00');
  });

  it('when asked the week of a Sunday, answers the Monday before it', () => {
    expect(lundiDe('2026-12-13')).toBe('2026-12-07');
    expect(lundiDe('2026-12-07')).toBe('2026-12-07');
  });

  it('when an instant is late evening in Paris, its day is already the next one in La Réunion', () => {
    const instant = new Date('2026-12-07T21:00:00Z');

    expect(jourDans(instant, 'Europe/Paris')).toBe('2026-12-07');
    expect(jourDans(instant, 'Indian/Reunion')).toBe('2026-12-08');
  });
});
