import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { pgArray } from '../../platform/sql';

// Whose agenda a request may open (#5): a colleague, a site, with the time zone its days are counted in.

interface Options {
  readonly transaction?: Transaction;
}

/** A Mission Locale's id and time zone. */
export interface MissionLocaleZone {
  readonly missionLocaleId: string;
  readonly timezone: string;
}

/** The Mission Locale of a site inside a scope, or null. */
export const findSiteZone = async (sequelize: Sequelize, siteId: string, scope: readonly string[] | null, options: Options = {}): Promise<MissionLocaleZone | null> => {
  const [row] = await sequelize.query<{ mission_locale_id: string; timezone: string }>(
    `SELECT s.mission_locale_id, ml.timezone FROM site s JOIN mission_locale ml ON ml.id = s.mission_locale_id
     WHERE s.id = $siteId AND ($scope::uuid[] IS NULL OR s.mission_locale_id = ANY($scope::uuid[]))`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { siteId, scope: pgArray(scope) } },
  );
  return row ? { missionLocaleId: row.mission_locale_id, timezone: row.timezone } : null;
};

/**
 * The Mission Locale a colleague shares with the caller's scope (the caller's principal one first), or null: a
 * colleague's agenda opens only there.
 */
export const findColleagueZone = async (
  sequelize: Sequelize,
  userId: string,
  scope: readonly string[] | null,
  preferred: string | null,
  options: Options = {},
): Promise<MissionLocaleZone | null> => {
  const [row] = await sequelize.query<{ mission_locale_id: string; timezone: string }>(
    `SELECT uml.mission_locale_id, ml.timezone
     FROM utilisateur_mission_locale uml JOIN mission_locale ml ON ml.id = uml.mission_locale_id
     WHERE uml.utilisateur_id = $userId AND ($scope::uuid[] IS NULL OR uml.mission_locale_id = ANY($scope::uuid[]))
     ORDER BY uml.mission_locale_id = $preferred::uuid DESC NULLS LAST, uml.principale DESC
     LIMIT 1`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { userId, scope: pgArray(scope), preferred } },
  );
  return row ? { missionLocaleId: row.mission_locale_id, timezone: row.timezone } : null;
};
