import {
  AUTH_POLICY,
  cguAudience,
  isLocked,
  isPasswordExpired,
  isSessionOver,
  judgeAccessCode,
  judgeCguAcceptance,
  judgePassword,
  judgePasswordReuse,
  lockedUntil,
  passwordUserInputs,
} from './auth.rules';

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

  it('when a new password matches one of the last five, it is refused as reused; otherwise it is accepted', () => {
    const reused = judgePasswordReuse(true);

    expect(!reused.ok && reused.error).toEqual({ code: 'password-reused', message: jasmine.stringMatching(/déjà utilisé .*\(5 derniers\)/) });
    expect(judgePasswordReuse(false).ok).toBeTrue();
  });
});

describe('access code rules', () => {
  const issued = at('2026-01-01T10:00:00Z');
  const expiresAt = at('2026-01-08T10:00:00Z');

  it('when an unused code is within its 7 days, it can be spent', () => {
    expect(judgeAccessCode({ expiresAt, usedAt: null }, at('2026-01-08T09:59:59Z')).ok).toBeTrue();
  });

  it('when an unused code reaches its expiry, it is refused as expired', () => {
    const judged = judgeAccessCode({ expiresAt, usedAt: null }, expiresAt);
    expect(!judged.ok && judged.error.code).toBe('access-code-expired');
  });

  it('when a code was used, it is refused as used even after its expiry', () => {
    const judged = judgeAccessCode({ expiresAt, usedAt: issued }, at('2026-02-01T00:00:00Z'));
    expect(!judged.ok && judged.error.code).toBe('access-code-used');
  });
});

describe('password user inputs', () => {
  it('when the user is Hélène Dupont, lists the identifiant, the names without accents and their joins, lowercased', () => {
    const inputs = passwordUserInputs({ login: 'h.dupont', prenom: 'Hélène', nom: 'Dupont' });

    expect(inputs).toContain('h.dupont');
    expect(inputs).toContain('hélène');
    expect(inputs).toContain('helene');
    expect(inputs).toContain('helene.dupont');
    expect(inputs).toContain('dupont-helene');
    expect(inputs).toContain('helenedupont');
    expect(new Set(inputs).size).toBe(inputs.length);
  });
});

describe('CGU rules', () => {
  it('when a user holds the jeune role, reads the jeunes CGU; staff roles read the staff CGU', () => {
    expect(cguAudience(['jeune'])).toBe('jeune');
    expect(cguAudience(['conseiller', 'admin_ml'])).toBe('staff');
  });

  it('when the accepted version is not the current one, refuses with a conflict', () => {
    const judged = judgeCguAcceptance(1, 2);
    expect(!judged.ok && judged.error.code).toBe('conflict');
    expect(judgeCguAcceptance(2, 2).ok).toBeTrue();
  });
});
