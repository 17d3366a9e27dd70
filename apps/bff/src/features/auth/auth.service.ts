import { isLocked } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, type RequestOrigin } from '../../platform/audit';
import { destroySessionsOf } from '../../platform/session';
import type { SessionUser } from '../../platform/session-user';
import { verifyDecoy, verifySecret } from './password-hasher';

/** The audit fields of a user acting on their own account. */
export const onOwnAccount = (user: SessionUser, origin: RequestOrigin) => ({
  ...actedBy(user, origin),
  targetType: 'utilisateur',
  targetId: user.id,
});

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

/** Ends every session of the user on every device, the current one included (lost or shared device). */
export const logOutEverywhere = async (ctx: AppContext, user: SessionUser, origin: RequestOrigin): Promise<void> => {
  const sessions = await destroySessionsOf(ctx.db.pool, user.id);
  await ctx.audit.record({ action: 'auth.logout-all', outcome: 'success', ...onOwnAccount(user, origin), details: { sessions } });
};
