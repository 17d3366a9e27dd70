import { QueryTypes, type Sequelize } from 'sequelize';
import type { SiteDto } from '@imilo/domain';

// The sites of Missions Locales in SQL (#4). Bind parameters only.

interface SiteRow {
  id: string;
  nom: string;
  mission_locale_id: string;
}

/** The sites of these Missions Locales, by name (then id, for a stable order between homonyms). */
export const listSitesOf = async (sequelize: Sequelize, missionLocaleIds: readonly string[]): Promise<SiteDto[]> => {
  const rows = await sequelize.query<SiteRow>(
    `SELECT id, nom, mission_locale_id FROM site
     WHERE mission_locale_id = ANY($mls::uuid[])
     ORDER BY nom, id`,
    { type: QueryTypes.SELECT, bind: { mls: [...missionLocaleIds] } },
  );
  return rows.map((row) => ({ id: row.id, nom: row.nom, missionLocaleId: row.mission_locale_id }));
};
