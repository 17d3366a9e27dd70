import { monthOf, smsBudgetState } from './sms-budget.rules';

const state = (sentThisMonth: number, segmentsToSend: number, monthlyBudget = 1000) =>
  smsBudgetState({ sentThisMonth, segmentsToSend, monthlyBudget });

describe('smsBudgetState', () => {
  it('when the send stays below 80 % (799 of 1000), it goes, without alert', () => {
    expect(state(798, 1)).toEqual({ level: 'ok', crossesAlert: false, used: 799, percent: 79 });
  });

  it('when the send reaches exactly 80 % (800 of 1000), it goes and this send raises the alert', () => {
    expect(state(799, 1)).toEqual({ level: 'alert', crossesAlert: true, used: 800, percent: 80 });
  });

  it('when the send jumps over the 80 % line (790 → 810), it goes and raises the alert', () => {
    expect(state(790, 20)).toEqual({ level: 'alert', crossesAlert: true, used: 810, percent: 81 });
  });

  it('when the 80 % line was already crossed, later sends are in alert but do not alert again', () => {
    expect(state(800, 1)).toEqual({ level: 'alert', crossesAlert: false, used: 801, percent: 80 });
    expect(state(950, 3)).toEqual({ level: 'alert', crossesAlert: false, used: 953, percent: 95 });
  });

  it('when the send reaches exactly 100 %, it goes', () => {
    expect(state(998, 2)).toEqual({ level: 'alert', crossesAlert: false, used: 1000, percent: 100 });
  });

  it('when the send would go over 100 %, it is stopped and nothing is counted', () => {
    expect(state(999, 2)).toEqual({ level: 'stopped', crossesAlert: false, used: 999, percent: 99 });
    expect(state(1000, 1)).toEqual({ level: 'stopped', crossesAlert: false, used: 1000, percent: 100 });
  });

  it('when a large send from below 80 % would go over 100 %, it is stopped and raises no alert', () => {
    expect(state(700, 400)).toEqual({ level: 'stopped', crossesAlert: false, used: 700, percent: 70 });
  });

  it('when the 80 % line is not a whole number (budget 7: 5.6), 5 is ok and 6 alerts', () => {
    expect(state(4, 1, 7).level).toBe('ok');
    expect(state(5, 1, 7)).toEqual({ level: 'alert', crossesAlert: true, used: 6, percent: 85 });
  });

  it('when the budget is 0, every SMS is stopped', () => {
    expect(state(0, 1, 0)).toEqual({ level: 'stopped', crossesAlert: false, used: 0, percent: 100 });
  });

  it('when a count is negative or not whole, it throws', () => {
    expect(() => state(-1, 1)).toThrowError(RangeError);
    expect(() => state(0, 1.5)).toThrowError(RangeError);
    expect(() => state(0, 1, Number.NaN)).toThrowError(RangeError);
  });
});

describe('monthOf', () => {
  it('when it is 2026-11-30T21:30Z, it is already December in La Réunion (UTC+4) and still November in Paris', () => {
    expect(monthOf('2026-11-30T21:30:00Z', 'Indian/Reunion')).toBe('2026-12');
    expect(monthOf('2026-11-30T21:30:00Z', 'Europe/Paris')).toBe('2026-11');
  });

  it('when it is local midnight on the 1st in La Réunion (19:59:59Z / 20:00Z), the month changes there', () => {
    expect(monthOf('2026-11-30T19:59:59Z', 'Indian/Reunion')).toBe('2026-11');
    expect(monthOf('2026-11-30T20:00:00Z', 'Indian/Reunion')).toBe('2026-12');
  });

  it('when it is local midnight on 1 January in Paris (23:00Z), the year changes too', () => {
    expect(monthOf(new Date('2026-12-31T22:59:59Z'), 'Europe/Paris')).toBe('2026-12');
    expect(monthOf(new Date('2026-12-31T23:00:00Z'), 'Europe/Paris')).toBe('2027-01');
  });

  it('when it is the night of 1 April in Paris (summer time, UTC+2), 22:00Z is already April', () => {
    expect(monthOf('2026-03-31T22:00:00Z', 'Europe/Paris')).toBe('2026-04');
    expect(monthOf('2026-03-31T21:59:59Z', 'Europe/Paris')).toBe('2026-03');
  });

  it('when the instant is invalid, it throws', () => {
    expect(() => monthOf('demain', 'Europe/Paris')).toThrowError(RangeError);
  });
});
