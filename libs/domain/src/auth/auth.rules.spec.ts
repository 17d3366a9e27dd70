import { AUTH_POLICY, isLocked, isPasswordExpired, isSessionOver, judgePassword, lockedUntil } from './auth.rules';

const at = (iso: string) => new Date(iso);

describe('auth rules', () => {
  it('when a password was changed 89 days ago, it is still valid; at 90 days it expires', () => {
    const changed = at('2026-01-01T10:00:00Z');
    expect(isPasswordExpired(changed, at('2026-03-31T09:59:59Z'), 90)).toBeFalse();
    expect(isPasswordExpired(changed, at('2026-04-01T10:00:00Z'), 90)).toBeTrue();
  });

  it('when a password was never chosen, it must be changed', () => {
    expect(isPasswordExpired(null, at('2026-01-01T00:00:00Z'), 90)).toBeTrue();
  });

  it('when an account fails 4 times, it is not locked; at 5 it is, for 15 minutes', () => {
    const last = at('2026-01-01T10:00:00Z');
    expect(isLocked(4, last, last)).toBeFalse();
    expect(isLocked(5, last, at('2026-01-01T10:14:59Z'))).toBeTrue();
    expect(isLocked(5, last, at('2026-01-01T10:15:00Z'))).toBeFalse();
    expect(lockedUntil(5, last)?.toISOString()).toBe('2026-01-01T10:15:00.000Z');
  });

  it('when a session is idle for more than 30 minutes, it is over', () => {
    const created = at('2026-01-01T08:00:00Z');
    expect(isSessionOver(created, at('2026-01-01T08:00:00Z'), at('2026-01-01T08:30:00Z'))).toBeFalse();
    expect(isSessionOver(created, at('2026-01-01T08:00:00Z'), at('2026-01-01T08:30:01Z'))).toBeTrue();
  });

  it('when a session is used without pause for more than 12 hours, it is over', () => {
    const created = at('2026-01-01T08:00:00Z');
    expect(isSessionOver(created, at('2026-01-01T19:59:00Z'), at('2026-01-01T20:00:01Z'))).toBeTrue();
    expect(AUTH_POLICY.sessionAbsoluteHours).toBe(12);
  });

  it('when a password is short or guessable, it is refused with a French message', () => {
    const short = judgePassword('Court1!', 4);
    const guessable = judgePassword('motdepasse123', 1);
    expect(short.ok).toBeFalse();
    expect(guessable.ok).toBeFalse();
    expect(!guessable.ok && guessable.error.message).toContain('trop facile');
    expect(judgePassword('Marmotte-Escalier-92!', 4).ok).toBeTrue();
  });
});
