import type { MeDto } from '@imilo/domain';
import { passwordExpiresAt } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import type { Clock } from '../../platform/clock';
import { unauthenticated } from '../../platform/errors';
import { mustChangePassword } from '../../platform/guards';
import type { SessionUser } from '../../platform/session-user';

/** The `/me` view of the signed-in user. */
export const toMe = (user: SessionUser, clock: Clock, passwordLifetimeDays: number): MeDto => ({
  id: user.id,
  login: user.login,
  prenom: user.prenom,
  nom: user.nom,
  roles: [...user.roles],
  biProfils: [...user.biProfils],
  missionsLocales: user.missionsLocales.map((ml) => ({ ...ml })),
  mustChangePassword: mustChangePassword(user, clock, passwordLifetimeDays),
  mustAcceptCgu: user.mustAcceptCgu,
  passwordExpiresAt: user.passwordChangedAt ? passwordExpiresAt(user.passwordChangedAt, passwordLifetimeDays).toISOString() : null,
});

/** The session user as stored now: after a change made by this request, `req.user` is stale. */
export const reloadSessionUser = async (ctx: AppContext, id: string): Promise<SessionUser> => {
  const user = await ctx.utilisateurs.findSessionUser(id);
  if (!user) {
    // Deactivated during the request: the session no longer signs anyone in.
    throw unauthenticated();
  }
  return user;
};
