import { QueryTypes, type Sequelize } from 'sequelize';
import { CAPABILITIES, can, ROLES } from '@imilo/domain';
import { pgArray } from '../../platform/sql';

// The staff whose agenda a colleague may open (#5): the "Agenda de" choice of the agenda page. Bind parameters only.

/** One colleague with an agenda, at their site in the Mission Locale shared with the caller (null: no site). */
export interface ConseillerAgenda {
  readonly id: string;
  readonly prenom: string;
  readonly nom: string;
  readonly siteId: string | null;
  readonly siteNom: string | null;
}

/** The roles that have an agenda of their own (derived from the matrix, so that a new role follows it). */
const ROLES_WITH_AGENDA = ROLES.filter((role) => can([role], CAPABILITIES.agendaMine));

interface ConseillerRow {
  id: string;
  prenom: string;
  nom: string;
  site_id: string | null;
  site_nom: string | null;
}

/**
 * The active staff members with an agenda in these Missions Locales (`null`: every one), the caller excepted, by name.
 * A colleague attached to several of them is listed once, at their site in the caller's principal Mission Locale
 * (else their own principal one).
 */
export const listConseillersAgenda = async (
  sequelize: Sequelize,
  scope: readonly string[] | null,
  callerId: string,
  preferred: string | null,
): Promise<ConseillerAgenda[]> => {
  const rows = await sequelize.query<ConseillerRow>(
    `SELECT id, prenom, nom, site_id, site_nom FROM (
       SELECT DISTINCT ON (u.id) u.id, u.prenom, u.nom, uml.site_id, s.nom AS site_nom
       FROM utilisateur u
       JOIN utilisateur_mission_locale uml ON uml.utilisateur_id = u.id
       LEFT JOIN site s ON s.id = uml.site_id
       WHERE u.active AND u.id <> $callerId AND u.roles && $roles::text[]
         AND ($scope::uuid[] IS NULL OR uml.mission_locale_id = ANY($scope::uuid[]))
       ORDER BY u.id, uml.mission_locale_id = $preferred::uuid DESC NULLS LAST, uml.principale DESC
     ) conseillers
     ORDER BY nom, prenom, id`,
    { type: QueryTypes.SELECT, bind: { scope: pgArray(scope), callerId, roles: pgArray(ROLES_WITH_AGENDA), preferred } },
  );
  return rows.map((row) => ({ id: row.id, prenom: row.prenom, nom: row.nom, siteId: row.site_id, siteNom: row.site_nom }));
};
