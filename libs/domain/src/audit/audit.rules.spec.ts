import { auditRetentionCutoff, monthsBeforeUtc } from './audit.rules';

const at = (iso: string) => new Date(iso);

describe('audit retention', () => {
  it('when it is 29 November 2026 at 10:00 UTC, rows before 29 April 2026 at 10:00 UTC are out', () => {
    expect(auditRetentionCutoff(at('2026-11-29T10:00:00.000Z')).toISOString()).toBe('2026-04-29T10:00:00.000Z');
  });

  it('when the period crosses a new year, the year goes back too', () => {
    expect(auditRetentionCutoff(at('2027-03-15T03:15:00.000Z')).toISOString()).toBe('2026-08-15T03:15:00.000Z');
  });

  it('when the same day does not exist 7 months earlier, the last day of that month is used', () => {
    expect(auditRetentionCutoff(at('2026-09-30T12:00:00.000Z')).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(auditRetentionCutoff(at('2028-09-30T12:00:00.000Z')).toISOString()).toBe('2028-02-29T12:00:00.000Z');
  });

  it('when counting zero months, the instant is unchanged', () => {
    expect(monthsBeforeUtc(at('2026-01-31T23:59:59.999Z'), 0).toISOString()).toBe('2026-01-31T23:59:59.999Z');
  });
});
