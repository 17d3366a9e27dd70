import type { Transaction } from 'sequelize';
import { type ChangePasswordDto, isLocked, judgePasswordReuse, PASSWORD_HISTORY_SIZE, PROBLEM_CODES } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import type { AuditEntry, RequestOrigin } from '../../platform/audit';
import { fromDomainError, problem, unauthenticated } from '../../platform/errors';
import { destroyOtherSessionsOf } from '../../platform/session';
import type { SessionUser } from '../../platform/session-user';
import { reloadSessionUser } from '../me/me.service';
import { onOwnAccount } from './auth.service';
import type { CredentialsRepository } from './credentials.repository';
import { hashSecret, verifySecret } from './password-hasher';
import { judgeNewPassword } from './password-policy';

const WRONG_CURRENT_PASSWORD = 'Mot de passe actuel incorrect, ou compte temporairement bloqué après plusieurs erreurs.';

/** A new password to set, and what goes with it. */
export interface NewPassword {
  readonly password: string;
  /** The form field it was typed in, named when it is refused. */
  readonly field: 'password' | 'newPassword';
  /** The session of the request, which stays signed in; every other session of the user ends. */
  readonly sessionId: string;
  /** The caller's own writes (spending the access code), made first: they may still refuse the change. */
  readonly alongside?: (transaction: Transaction) => Promise<void>;
  /** The success audit row, given how many other sessions ended. */
  readonly audit: (otherSessionsEnded: number) => AuditEntry;
}

/**
 * Sets a new password once the policy and the history accept it, in one transaction with the caller's own writes,
 * the end of the user's other sessions (a stolen session must not outlive the password) and the audit row;
 * answers the user as now stored.
 */
export const applyNewPassword = async (
  ctx: AppContext,
  credentials: CredentialsRepository,
  user: SessionUser,
  { password, field, sessionId, alongside, audit }: NewPassword,
): Promise<SessionUser> => {
  const judged = await judgeNewPassword(password, user);
  if (!judged.ok) {
    throw fromDomainError(judged.error, field);
  }
  const recent = await credentials.lastPasswordHashes(user.id, PASSWORD_HISTORY_SIZE);
  const reuse = judgePasswordReuse((await Promise.all(recent.map((hash) => verifySecret(hash, password)))).includes(true));
  if (!reuse.ok) {
    throw fromDomainError(reuse.error, field);
  }
  // Hashed before the transaction: argon2 takes tens of milliseconds that need not hold row locks.
  const passwordHash = await hashSecret(password);
  await ctx.db.sequelize.transaction(async (transaction) => {
    await credentials.savePassword(user.id, passwordHash, ctx.clock.now(), PASSWORD_HISTORY_SIZE, transaction);
    await alongside?.(transaction);
    // Inside the transaction, as a deactivation does: if the sessions cannot be ended, the password stays as it was.
    const otherSessionsEnded = await destroyOtherSessionsOf(ctx.db.pool, user.id, sessionId);
    await ctx.audit.record(audit(otherSessionsEnded), transaction);
  });
  return reloadSessionUser(ctx, user.id);
};

/**
 * Changes the signed-in user's password; a wrong current password counts toward the lockout like a sign-in.
 * The user's other sessions end, the one of the request stays.
 */
export const changePassword = async (
  ctx: AppContext,
  credentials: CredentialsRepository,
  user: SessionUser,
  dto: ChangePasswordDto,
  origin: RequestOrigin,
  sessionId: string,
): Promise<SessionUser> => {
  const now = ctx.clock.now();
  const account = await ctx.utilisateurs.findCredentials(user.login);
  if (!account) {
    throw unauthenticated();
  }
  // Locked, the current password is not even checked: a stolen session must not become a way to guess it.
  const locked = isLocked(account.failedAttempts, account.lastFailureAt, now);
  const confirmed = !locked && account.passwordHash !== null && (await verifySecret(account.passwordHash, dto.currentPassword));
  if (!confirmed) {
    if (!locked) {
      await ctx.utilisateurs.recordFailure(account.id, now);
    }
    await ctx.audit.record({
      action: 'auth.password-change',
      outcome: 'failure',
      ...onOwnAccount(user, origin),
      details: { reason: locked ? 'locked' : 'wrong-password' },
    });
    throw problem(PROBLEM_CODES.invalidCredentials, WRONG_CURRENT_PASSWORD, { field: 'currentPassword' });
  }
  return applyNewPassword(ctx, credentials, user, {
    password: dto.newPassword,
    field: 'newPassword',
    sessionId,
    audit: (otherSessionsEnded) => ({
      action: 'auth.password-change',
      outcome: 'success',
      ...onOwnAccount(user, origin),
      details: { otherSessionsEnded },
    }),
  });
};
