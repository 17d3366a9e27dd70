import type { Transaction } from 'sequelize';
import { type ChangePasswordDto, isLocked, PASSWORD_HISTORY_SIZE, PROBLEM_CODES } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import type { RequestOrigin } from '../../platform/audit';
import { AppError, unauthenticated } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';
import { reloadSessionUser } from '../me/me.service';
import { onOwnAccount } from './auth.service';
import type { CredentialsRepository } from './credentials.repository';
import { hashSecret, verifySecret } from './password-hasher';
import { judgeNewPassword } from './password-policy';

const PASSWORD_REUSED = `Vous avez déjà utilisé ce mot de passe récemment (${PASSWORD_HISTORY_SIZE} derniers) : choisissez-en un nouveau.`;
const WRONG_CURRENT_PASSWORD = 'Mot de passe actuel incorrect, ou compte temporairement bloqué après plusieurs erreurs.';

/** A 400 naming the form field of the refused password. */
const refusedPassword = (code: string, message: string, field: string): AppError =>
  new AppError(code, 400, message, [{ path: field, message }]);

/** A new password, and the form field it was typed in (named when it is refused). */
export interface NewPassword {
  readonly password: string;
  readonly field: 'password' | 'newPassword';
}

/**
 * Sets a new password once the policy and the history accept it, in one transaction with the caller's own
 * writes (spending the access code, the audit row); answers the user as now stored.
 */
export const applyNewPassword = async (
  ctx: AppContext,
  credentials: CredentialsRepository,
  user: SessionUser,
  { password, field }: NewPassword,
  alongside: (transaction: Transaction) => Promise<void>,
): Promise<SessionUser> => {
  const judged = await judgeNewPassword(password, user);
  if (!judged.ok) {
    throw refusedPassword(judged.error.code, judged.error.message, field);
  }
  const recent = await credentials.lastPasswordHashes(user.id, PASSWORD_HISTORY_SIZE);
  const reused = await Promise.all(recent.map((hash) => verifySecret(hash, password)));
  if (reused.includes(true)) {
    throw refusedPassword(PROBLEM_CODES.passwordReused, PASSWORD_REUSED, field);
  }
  // Hashed before the transaction: argon2 takes tens of milliseconds that need not hold row locks.
  const passwordHash = await hashSecret(password);
  await ctx.db.sequelize.transaction(async (transaction) => {
    await credentials.savePassword(user.id, passwordHash, ctx.clock.now(), PASSWORD_HISTORY_SIZE, transaction);
    await alongside(transaction);
  });
  return reloadSessionUser(ctx, user.id);
};

/** Changes the signed-in user's password; a wrong current password counts toward the lockout like a sign-in. */
export const changePassword = async (
  ctx: AppContext,
  credentials: CredentialsRepository,
  user: SessionUser,
  dto: ChangePasswordDto,
  origin: RequestOrigin,
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
    throw refusedPassword(PROBLEM_CODES.invalidCredentials, WRONG_CURRENT_PASSWORD, 'currentPassword');
  }
  return applyNewPassword(ctx, credentials, user, { password: dto.newPassword, field: 'newPassword' }, (transaction) =>
    ctx.audit.record({ action: 'auth.password-change', outcome: 'success', ...onOwnAccount(user, origin) }, transaction),
  );
};
