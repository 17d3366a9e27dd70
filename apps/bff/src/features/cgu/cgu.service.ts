import { type AcceptCguDto, type CguDto, cguAudience, judgeCguAcceptance } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, type RequestOrigin } from '../../platform/audit';
import { fromDomainError, notFound } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';
import { reloadSessionUser } from '../me/me.service';
import type { CguRepository, CurrentCgu } from './cgu.repository';

const findCurrent = async (cgus: CguRepository, user: SessionUser): Promise<CurrentCgu> => {
  const current = await cgus.currentFor(cguAudience(user.roles), user.id);
  if (!current) {
    throw notFound("Aucune condition générale d'utilisation n'est publiée pour le moment.");
  }
  return current;
};

/** The CGU in force for the user's audience, and whether (when) they accepted it. */
export const currentCgu = async (cgus: CguRepository, user: SessionUser): Promise<CguDto> => {
  const current = await findCurrent(cgus, user);
  return {
    version: current.version,
    audience: current.audience,
    texte: current.texte,
    publishedAt: current.publishedAt.toISOString(),
    acceptedAt: current.acceptedAt?.toISOString() ?? null,
  };
};

/**
 * Accepts the CGU version the user read, which must still be the one in force; accepting it again changes
 * nothing. Answers the user as now stored, so that the response already lifts the gate.
 */
export const acceptCgu = async (
  ctx: AppContext,
  cgus: CguRepository,
  user: SessionUser,
  dto: AcceptCguDto,
  origin: RequestOrigin,
): Promise<SessionUser> => {
  const current = await findCurrent(cgus, user);
  const judged = judgeCguAcceptance(dto.version, current.version);
  if (!judged.ok) {
    throw fromDomainError(judged.error);
  }
  await ctx.db.sequelize.transaction(async (transaction) => {
    if (await cgus.recordAcceptance(user.id, current.id, ctx.clock.now(), transaction)) {
      await ctx.audit.record(
        {
          action: 'cgu.accept',
          outcome: 'success',
          ...actedBy(user, origin),
          targetType: 'cgu_version',
          targetId: current.id,
          details: { audience: current.audience, version: current.version },
        },
        transaction,
      );
    }
  });
  return reloadSessionUser(ctx, user.id);
};
