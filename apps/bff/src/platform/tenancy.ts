import type { Request } from 'express';
import { can, CAPABILITIES } from '@imilo/domain';
import { currentUser } from './guards';
import type { UserMissionLocale } from './session-user';

/**
 * The Missions Locales a request may touch: the caller's own, or every one for a national administrator
 * (`null`). Derived from the session only; no request parameter can widen it.
 */
export const missionLocaleScope = (req: Request): readonly string[] | null => {
  const user = currentUser(req);
  return can(user.roles, CAPABILITIES.usersManageAllMissionsLocales) ? null : user.missionsLocales.map((ml) => ml.id);
};

/** Whether a Mission Locale id lies inside the scope. */
export const inScope = (scope: readonly string[] | null, missionLocaleId: string): boolean =>
  scope === null || scope.includes(missionLocaleId);

/** The principal one of a user's Missions Locales (null for a user attached to none). */
export const principalOf = (missionsLocales: readonly UserMissionLocale[]): string | null =>
  (missionsLocales.find((ml) => ml.principale) ?? missionsLocales[0])?.id ?? null;

/** The caller's principal Mission Locale id, for audit rows (null for a user attached to none). */
export const principalMissionLocaleId = (req: Request): string | null => principalOf(req.user?.missionsLocales ?? []);
