import { ACCESS_CODE_REFUSALS, type ActivateDto, judgeAccessCode, PROBLEM_CODES } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import type { RequestOrigin } from '../../platform/audit';
import { fromDomainError, problem } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';
import { principalOf } from '../../platform/tenancy';
import { normaliseAccessCode } from './access-code.service';
import { onOwnAccount } from './auth.service';
import type { CredentialsRepository } from './credentials.repository';
import { verifyDecoy, verifySecret } from './password-hasher';
import { applyNewPassword } from './password.service';

const INVALID_ACTIVATION = "Identifiant ou code d'accès incorrect.";

/**
 * First sign-in (or reset) with the access code a référent handed over: the identifiant and the latest code must
 * match, then the chosen password replaces any previous one, the code is spent and a session opens. A reset ends
 * the user's other sessions, like any password change.
 * Only an expired or used code is explained; every other refusal reads the same (no account enumeration).
 */
export const activateAccount = async (
  ctx: AppContext,
  credentials: CredentialsRepository,
  dto: ActivateDto,
  origin: RequestOrigin,
  sessionId: string,
): Promise<SessionUser> => {
  const now = ctx.clock.now();
  const typedCode = normaliseAccessCode(dto.code);
  const account = await ctx.utilisateurs.findCredentials(dto.login);
  // Null for a deactivated account, as for a sign-in.
  const user = account && (await ctx.utilisateurs.findSessionUser(account.id));
  const code = account && (await credentials.latestAccessCode(account.id));
  const refuse = async (reason: string, error = problem(PROBLEM_CODES.invalidCredentials, INVALID_ACTIVATION)) => {
    await ctx.audit.record({
      action: 'auth.activate',
      outcome: 'failure',
      actorId: account?.id ?? null,
      missionLocaleId: user ? principalOf(user.missionsLocales) : null,
      ...origin,
      targetType: account ? 'utilisateur' : undefined,
      targetId: account?.id,
      details: { reason },
    });
    return error;
  };

  if (!account || !code) {
    await verifyDecoy(typedCode);
    throw await refuse(account ? 'no-code' : 'unknown');
  }
  if (!(await verifySecret(code.codeHash, typedCode))) {
    throw await refuse('wrong-code');
  }
  if (!user) {
    throw await refuse('inactive');
  }
  const usable = judgeAccessCode(code, now);
  if (!usable.ok) {
    // The code matched: whoever typed it may be told why it no longer works.
    throw await refuse(usable.error.code, fromDomainError(usable.error));
  }
  const isReset = account.passwordHash !== null;
  const activated = await applyNewPassword(ctx, credentials, user, {
    password: dto.password,
    field: 'password',
    sessionId,
    alongside: async (transaction) => {
      if (!(await credentials.spendAccessCode(code.id, now, transaction))) {
        // A concurrent activation spent it since the check.
        throw problem(PROBLEM_CODES.accessCodeUsed, ACCESS_CODE_REFUSALS.used);
      }
    },
    audit: (otherSessionsEnded) => ({
      action: 'auth.activate',
      outcome: 'success',
      ...onOwnAccount(user, origin),
      // Only a reset replaces a password, whose sessions then end.
      details: isReset ? { otherSessionsEnded } : {},
    }),
  });
  // Activation opens a session: it counts as the user's sign-in.
  await ctx.utilisateurs.recordSuccess(user.id, now);
  return activated;
};
