import { isLocked } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { verifyDecoy, verifySecret } from './password-hasher';

/** Outcome of a sign-in attempt; the reason never reaches the client (no account enumeration). */
export type SignInOutcome =
  | { readonly ok: true; readonly userId: string }
  | { readonly ok: false; readonly userId: string | null; readonly reason: 'unknown' | 'inactive' | 'not-activated' | 'locked' | 'wrong-password' };

/** Checks a login and password against the lockout rule, counting failures in PostgreSQL. */
export const signIn = async (ctx: AppContext, login: string, password: string): Promise<SignInOutcome> => {
  const now = ctx.clock.now();
  const credentials = await ctx.utilisateurs.findCredentials(login);
  if (!credentials) {
    await verifyDecoy(password);
    return { ok: false, userId: null, reason: 'unknown' };
  }
  if (isLocked(credentials.failedAttempts, credentials.lastFailureAt, now)) {
    await verifyDecoy(password);
    return { ok: false, userId: credentials.id, reason: 'locked' };
  }
  if (!credentials.passwordHash) {
    await verifyDecoy(password);
    return { ok: false, userId: credentials.id, reason: 'not-activated' };
  }
  const matches = await verifySecret(credentials.passwordHash, password);
  if (!matches) {
    await ctx.utilisateurs.recordFailure(credentials.id, now);
    return { ok: false, userId: credentials.id, reason: 'wrong-password' };
  }
  if (!credentials.active) {
    return { ok: false, userId: credentials.id, reason: 'inactive' };
  }
  await ctx.utilisateurs.recordSuccess(credentials.id, now);
  return { ok: true, userId: credentials.id };
};
