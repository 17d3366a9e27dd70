import {
  canClose,
  conflictsWith,
  instantOfLocalTime,
  maySendNow,
  overlaps,
  planReminders,
  reminderOffsetDays,
  reminderWording,
  rendezVousDateError,
  typeEvenementDeCloture,
} from './rendez-vous.rules';
import { TYPES_EVENEMENT_NATIONAUX } from '../evenements/evenements.enums';

const at = (iso: string) => new Date(iso);
const RDV_ID = '7d3c1a52-6a0e-4d43-9c55-1a2b3c4d5e6f';

describe('rendezVousDateError', () => {
  const now = at('2026-11-29T10:00:00Z');

  it('when the rendez-vous is exactly one year ago or exactly two years ahead, it is accepted (both ends included)', () => {
    expect(rendezVousDateError(at('2025-11-29T10:00:00Z'), now)).toBeNull();
    expect(rendezVousDateError(at('2028-11-29T10:00:00Z'), now)).toBeNull();
    expect(rendezVousDateError(now, now)).toBeNull();
  });

  it('when the rendez-vous is a millisecond more than a year ago, it is refused in French', () => {
    expect(rendezVousDateError(at('2025-11-29T09:59:59.999Z'), now)).toBe("Un rendez-vous ne peut dater de plus d'un an.");
  });

  it('when the rendez-vous is a millisecond more than two years ahead, it is refused in French', () => {
    expect(rendezVousDateError(at('2028-11-29T10:00:00.001Z'), now)).toBe("Un rendez-vous se planifie au plus deux ans à l'avance.");
  });
});

describe('canClose', () => {
  const debut = at('2026-12-07T05:00:00Z');

  it('when the rendez-vous has not started yet, even by a millisecond, closing is a conflict', () => {
    expect(canClose(debut, at('2026-12-07T04:59:59.999Z'))).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Un rendez-vous se clôture une fois commencé.' },
    });
  });

  it('when the rendez-vous starts now or has started, it may be closed', () => {
    expect(canClose(debut, debut)).toEqual({ ok: true, value: true });
    expect(canClose(debut, at('2027-01-10T00:00:00Z'))).toEqual({ ok: true, value: true });
  });

  it('when the rendez-vous is cancelled or already closed, closing is a conflict even after its date', () => {
    const later = at('2026-12-08T00:00:00Z');
    expect(canClose(debut, later, { annule: true })).toEqual({ ok: false, error: { code: 'conflict', message: 'Ce rendez-vous est annulé : il ne se clôture pas.' } });
    expect(canClose(debut, later, { clos: true })).toEqual({ ok: false, error: { code: 'conflict', message: 'Ce rendez-vous est déjà clôturé.' } });
  });
});

describe('overlaps', () => {
  const nine = { debut: at('2026-12-07T09:00:00Z'), dureeMinutes: 60 };

  it('when one ends exactly when the other starts, they do not overlap (half-open intervals), either way round', () => {
    const ten = { debut: at('2026-12-07T10:00:00Z'), dureeMinutes: 30 };
    expect(overlaps(nine, ten)).toBeFalse();
    expect(overlaps(ten, nine)).toBeFalse();
  });

  it('when they share a minute, or one contains the other, they overlap, either way round', () => {
    const nineFiftyNine = { debut: at('2026-12-07T09:59:00Z'), dureeMinutes: 30 };
    const inside = { debut: at('2026-12-07T09:15:00Z'), dureeMinutes: 15 };
    expect(overlaps(nine, nineFiftyNine)).toBeTrue();
    expect(overlaps(nineFiftyNine, nine)).toBeTrue();
    expect(overlaps(nine, inside)).toBeTrue();
    expect(overlaps(inside, nine)).toBeTrue();
    expect(overlaps(nine, nine)).toBeTrue();
  });

  it('when one ends before the other starts, they do not overlap', () => {
    expect(overlaps(nine, { debut: at('2026-12-07T11:00:00Z'), dureeMinutes: 30 })).toBeFalse();
  });
});

describe('conflictsWith', () => {
  const candidate = { debut: at('2026-12-07T09:00:00Z'), dureeMinutes: 60 };
  const mine = [
    { id: 'c', debut: at('2026-12-07T09:45:00Z'), dureeMinutes: 30 },
    { id: 'a', debut: at('2026-12-07T08:00:00Z'), dureeMinutes: 60 },
    { id: 'b', debut: at('2026-12-07T08:30:00Z'), dureeMinutes: 60 },
    { id: 'd', debut: at('2026-12-07T10:00:00Z'), dureeMinutes: 30 },
    { id: 'x', debut: at('2026-12-07T09:00:00Z'), dureeMinutes: 60, annule: true },
  ];

  it('when some of my rendez-vous overlap, they are answered earliest first; touching and cancelled ones are not', () => {
    expect(conflictsWith(candidate, mine).map((rdv) => rdv.id)).toEqual(['b', 'c']);
  });

  it('when the candidate is one of mine being moved, it does not conflict with itself', () => {
    expect(conflictsWith({ ...candidate, id: 'b' }, mine).map((rdv) => rdv.id)).toEqual(['c']);
  });

  it('when my agenda is empty, there is no conflict', () => {
    expect(conflictsWith(candidate, [])).toEqual([]);
  });
});

describe('instantOfLocalTime', () => {
  it('when a wall time is asked in La Réunion (UTC+4, no summer time), it is four hours before in UTC', () => {
    expect(instantOfLocalTime({ year: 2026, month: 12, day: 6, hour: 10 }, 'Indian/Reunion').toISOString()).toBe('2026-12-06T06:00:00.000Z');
  });

  it('when a wall time is asked in Paris either side of the change to summer time, the offset of that day is used', () => {
    expect(instantOfLocalTime({ year: 2027, month: 3, day: 27, hour: 10 }, 'Europe/Paris').toISOString()).toBe('2027-03-27T09:00:00.000Z');
    expect(instantOfLocalTime({ year: 2027, month: 3, day: 28, hour: 10 }, 'Europe/Paris').toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(instantOfLocalTime({ year: 2027, month: 3, day: 28, hour: 1, minute: 30 }, 'Europe/Paris').toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(instantOfLocalTime({ year: 2027, month: 10, day: 31, hour: 10 }, 'Europe/Paris').toISOString()).toBe('2027-10-31T09:00:00.000Z');
  });
});

describe('reminderOffsetDays', () => {
  it('when an offset is J-N or a number of days, its days are answered; zero or a fraction is a programming error', () => {
    expect(reminderOffsetDays('J-7')).toBe(7);
    expect(reminderOffsetDays('J-1')).toBe(1);
    expect(reminderOffsetDays(3)).toBe(3);
    expect(() => reminderOffsetDays('J-0')).toThrowError(RangeError);
    expect(() => reminderOffsetDays(1.5)).toThrowError(RangeError);
  });
});

describe('planReminders', () => {
  const plan = (debut: string, timeZone: string, now: string, extra: { offsets?: readonly ('J-7' | 'J-1' | number)[]; sendHour?: number } = {}) =>
    planReminders({ rendezVousId: RDV_ID, debut: at(debut), timeZone, now: at(now), ...extra }).map((reminder) => ({
      key: reminder.key,
      offset: reminder.offset,
      sendAt: reminder.sendAt.toISOString(),
    }));

  it('when a rendez-vous is on Monday 08:30 in La Réunion, J-7 and J-1 are at 10:00 Réunion time (06:00Z) the Monday and Sunday before', () => {
    // Monday 7 December 2026, 08:30 at Saint-Pierre (UTC+4) = 04:30Z.
    expect(plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-11-20T00:00:00Z')).toEqual([
      { key: `${RDV_ID}:J-7:2026-12-07T04:30:00.000Z`, offset: 'J-7', sendAt: '2026-11-30T06:00:00.000Z' },
      { key: `${RDV_ID}:J-1:2026-12-07T04:30:00.000Z`, offset: 'J-1', sendAt: '2026-12-06T06:00:00.000Z' },
    ]);
  });

  it('when the same instant is planned for Paris, the local days and hours are those of Paris (UTC+1 in December)', () => {
    // 04:30Z is 05:30 on Monday 7 December in Paris: J-1 on Sunday 6 at 10:00 CET = 09:00Z.
    expect(plan('2026-12-07T04:30:00Z', 'Europe/Paris', '2026-11-20T00:00:00Z').map((r) => r.sendAt)).toEqual([
      '2026-11-30T09:00:00.000Z',
      '2026-12-06T09:00:00.000Z',
    ]);
  });

  it('when the local day differs from the UTC day (Sunday 23:00Z is Monday 03:00 in La Réunion), the local day counts', () => {
    expect(plan('2026-12-06T23:00:00Z', 'Indian/Reunion', '2026-11-20T00:00:00Z').map((r) => r.sendAt)).toEqual([
      '2026-11-30T06:00:00.000Z',
      '2026-12-06T06:00:00.000Z',
    ]);
  });

  it('when the rendez-vous in Paris is on 30 March 2027, J-7 is at 10:00 CET (09:00Z) and J-1 at 10:00 CEST (08:00Z)', () => {
    // 30 March 2027 at 14:00 CEST = 12:00Z; summer time starts on Sunday 28 March 2027.
    expect(plan('2027-03-30T12:00:00Z', 'Europe/Paris', '2027-03-01T00:00:00Z').map((r) => [r.offset, r.sendAt])).toEqual([
      ['J-7', '2027-03-23T09:00:00.000Z'],
      ['J-1', '2027-03-29T08:00:00.000Z'],
    ]);
  });

  it('when the rendez-vous in Paris is in the week after the return to winter time, J-7 is at 10:00 CEST and J-1 at 10:00 CET', () => {
    // Winter time returns on Sunday 31 October 2027; Tuesday 2 November 09:00 CET = 08:00Z.
    expect(plan('2027-11-02T08:00:00Z', 'Europe/Paris', '2027-10-01T00:00:00Z').map((r) => r.sendAt)).toEqual([
      '2027-10-26T08:00:00.000Z',
      '2027-11-01T09:00:00.000Z',
    ]);
  });

  it('when J-7 is already past, only J-1 is planned; at exactly the sending instant, the reminder is skipped', () => {
    expect(plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-12-01T00:00:00Z').map((r) => r.offset)).toEqual(['J-1']);
    expect(plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-11-30T06:00:00Z').map((r) => r.offset)).toEqual(['J-1']);
    expect(plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-11-30T05:59:59.999Z').map((r) => r.offset)).toEqual(['J-7', 'J-1']);
  });

  it('when both are past (a rendez-vous created the day before, after 10:00), nothing is planned', () => {
    expect(plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-12-06T06:00:00Z')).toEqual([]);
  });

  it('when the rendez-vous is moved, its reminders get new keys, so that the old jobs never match the new ones', () => {
    const before = plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-11-20T00:00:00Z');
    const after = plan('2026-12-07T05:30:00Z', 'Indian/Reunion', '2026-11-20T00:00:00Z');
    expect(after.map((r) => r.sendAt)).toEqual(before.map((r) => r.sendAt));
    for (const reminder of after) {
      expect(before.map((r) => r.key)).not.toContain(reminder.key);
    }
    expect(after[1]!.key).toBe(`${RDV_ID}:J-1:2026-12-07T05:30:00.000Z`);
  });

  it('when planned twice with the same rendez-vous, the keys are the same (one job per key: nothing sent twice)', () => {
    expect(plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-11-20T00:00:00Z')).toEqual(plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-11-21T00:00:00Z'));
  });

  it('when the Mission Locale configures other offsets (in J-N or days, repeated, in any order), each is planned once, earliest first', () => {
    expect(plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-11-01T00:00:00Z', { offsets: ['J-1', 3, 'J-1', 14] }).map((r) => [r.offset, r.sendAt])).toEqual([
      ['J-14', '2026-11-23T06:00:00.000Z'],
      ['J-3', '2026-12-04T06:00:00.000Z'],
      ['J-1', '2026-12-06T06:00:00.000Z'],
    ]);
  });

  it('when no offset is configured, nothing is planned', () => {
    expect(plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-11-01T00:00:00Z', { offsets: [] })).toEqual([]);
  });

  it('when the sending hour is changed, reminders are sent at that local hour', () => {
    expect(plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-11-20T00:00:00Z', { sendHour: 18 }).map((r) => r.sendAt)).toEqual([
      '2026-11-30T14:00:00.000Z',
      '2026-12-06T14:00:00.000Z',
    ]);
  });

  it('when the rendez-vous is just after local midnight, a late J-1 is still planned before it, on the previous local day', () => {
    // Monday 00:30 in La Réunion = Sunday 20:30Z; J-1 at Sunday 23:00 local = 19:00Z, 90 minutes before.
    expect(plan('2026-12-06T20:30:00Z', 'Indian/Reunion', '2026-11-20T00:00:00Z', { offsets: ['J-1'], sendHour: 23 }).map((r) => r.sendAt)).toEqual([
      '2026-12-06T19:00:00.000Z',
    ]);
  });

  it('when the sending hour is not a local hour 0..23, it is a programming error', () => {
    for (const sendHour of [-1, 24, 9.5]) {
      expect(() => plan('2026-12-07T04:30:00Z', 'Indian/Reunion', '2026-11-20T00:00:00Z', { sendHour })).withContext(String(sendHour)).toThrowError(RangeError);
    }
  });
});

describe('maySendNow', () => {
  const debut = at('2026-12-07T04:30:00Z');

  it('when the rendez-vous has not started and is not cancelled, the reminder may be sent, up to the last millisecond', () => {
    expect(maySendNow(at('2026-12-06T06:00:00Z'), debut, false)).toBeTrue();
    expect(maySendNow(at('2026-12-07T04:29:59.999Z'), debut, false)).toBeTrue();
  });

  it('when the rendez-vous starts now or has started, nothing is ever sent', () => {
    expect(maySendNow(debut, debut, false)).toBeFalse();
    expect(maySendNow(at('2026-12-07T05:00:00Z'), debut, false)).toBeFalse();
  });

  it('when the rendez-vous is cancelled, nothing is sent, whatever the time', () => {
    expect(maySendNow(at('2026-12-06T06:00:00Z'), debut, true)).toBeFalse();
  });
});

describe('reminderWording', () => {
  it('when J-1 is worded in La Réunion, it says "demain" and the Réunion time', () => {
    expect(reminderWording('J-1', at('2026-12-07T10:30:00Z'), 'Indian/Reunion')).toBe('Rappel : rendez-vous demain à 14 h 30');
  });

  it('when J-7 is worded, it says "dans une semaine" with the local weekday, day and month, and the hour without a leading zero', () => {
    expect(reminderWording('J-7', at('2026-12-07T05:00:00Z'), 'Indian/Reunion')).toBe('Rappel : rendez-vous dans une semaine, le lundi 7 décembre à 9 h 00');
  });

  it('when the same instant is worded in Paris, the Paris day and time are used', () => {
    // 2026-12-06T23:00Z is Monday 7 December 03:00 in La Réunion but Monday 00:00 in Paris; 21:00Z is Sunday in Paris.
    expect(reminderWording('J-7', at('2026-12-06T21:00:00Z'), 'Indian/Reunion')).toBe('Rappel : rendez-vous dans une semaine, le lundi 7 décembre à 1 h 00');
    expect(reminderWording('J-7', at('2026-12-06T21:00:00Z'), 'Europe/Paris')).toBe('Rappel : rendez-vous dans une semaine, le dimanche 6 décembre à 22 h 00');
  });

  it('when the rendez-vous is on the first of the month, it is written "1er"', () => {
    expect(reminderWording('J-7', at('2026-12-01T13:15:00Z'), 'Europe/Paris')).toBe('Rappel : rendez-vous dans une semaine, le mardi 1er décembre à 14 h 15');
  });

  it('when other offsets are worded, two days is "après-demain", weeks are counted, other days are numbered', () => {
    const debut = at('2027-03-30T12:00:00Z');
    expect(reminderWording(2, debut, 'Europe/Paris')).toBe('Rappel : rendez-vous après-demain à 14 h 00');
    expect(reminderWording('J-14', debut, 'Europe/Paris')).toBe('Rappel : rendez-vous dans deux semaines, le mardi 30 mars à 14 h 00');
    expect(reminderWording('J-3', debut, 'Europe/Paris')).toBe('Rappel : rendez-vous dans 3 jours, le mardi 30 mars à 14 h 00');
  });
});

describe('typeEvenementDeCloture', () => {
  it('when the jeune came, the événement is the contact: a phone call by phone, an interview otherwise', () => {
    expect(typeEvenementDeCloture('TELEPHONE', 'PRESENT')).toBe('TELEPHONE');
    expect(typeEvenementDeCloture('PRESENTIEL_SITE', 'PRESENT')).toBe('ENTRETIEN_INDIVIDUEL');
    expect(typeEvenementDeCloture('VISIO', 'PRESENT')).toBe('ENTRETIEN_INDIVIDUEL');
  });

  it('when the jeune did not come, the absence is recorded, excused or not, and it is a national type that is no contact', () => {
    expect(typeEvenementDeCloture('TELEPHONE', 'ABSENT')).toBe('RENDEZ_VOUS_ABSENT');
    expect(typeEvenementDeCloture('AUTRE_LIEU', 'EXCUSE')).toBe('RENDEZ_VOUS_EXCUSE');
    for (const code of ['RENDEZ_VOUS_ABSENT', 'RENDEZ_VOUS_EXCUSE']) {
      expect(TYPES_EVENEMENT_NATIONAUX.find((type) => type.code === code)?.contact).toBeFalse();
    }
  });
});
