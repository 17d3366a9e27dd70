import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { OffreInterneDto, Theme, TypeEvenementDto, TypeOffreInterne } from '@imilo/domain';

// The referentials of the suivi in SQL (#4): types of événement (national rows, mission_locale_id NULL, and each
// Mission Locale's own) and the internal offre de service. Bind parameters only; every query runs in the caller's
// transaction.

interface Options {
  readonly transaction: Transaction;
}

interface TypeRow {
  code: string;
  libelle: string;
  national: boolean;
  contact: boolean;
}

/** The active types: national, and those of these Missions Locales; by `ordre`, then libellé. */
export const listTypesEvenement = async (sequelize: Sequelize, missionLocaleIds: readonly string[], options: Options): Promise<TypeEvenementDto[]> =>
  sequelize.query<TypeRow>(
    `SELECT code, libelle, mission_locale_id IS NULL AS national, contact
     FROM type_evenement
     WHERE actif AND (mission_locale_id IS NULL OR mission_locale_id = ANY($mls::uuid[]))
     ORDER BY ordre, libelle, code`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { mls: [...missionLocaleIds] } },
  );

/**
 * The type an événement of a jeune of this Mission Locale may use: an active national one or one of the Mission
 * Locale's own; null when there is none under this code.
 */
export const findTypeUsable = async (
  sequelize: Sequelize,
  code: string,
  missionLocaleId: string,
  options: Options,
): Promise<TypeEvenementDto | null> => {
  const [row] = await sequelize.query<TypeRow>(
    `SELECT code, libelle, mission_locale_id IS NULL AS national, contact
     FROM type_evenement
     WHERE code = $code AND actif AND (mission_locale_id IS NULL OR mission_locale_id = $ml)
     ORDER BY mission_locale_id NULLS FIRST LIMIT 1`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { code, ml: missionLocaleId } },
  );
  return row ?? null;
};

/**
 * Adds a type to a Mission Locale; false when its code is taken, nationally or by that Mission Locale (the partial
 * unique index answers concurrent additions).
 */
export const insertTypeEvenement = async (
  sequelize: Sequelize,
  missionLocaleId: string,
  values: { readonly code: string; readonly libelle: string; readonly contact: boolean; readonly at: Date },
  options: Options,
): Promise<boolean> => {
  const inserted = await sequelize.query(
    `INSERT INTO type_evenement (mission_locale_id, code, libelle, contact, created_at)
     SELECT $ml::uuid, $code::text, $libelle::text, $contact::boolean, $at::timestamptz
     WHERE NOT EXISTS (SELECT 1 FROM type_evenement WHERE code = $code::text AND mission_locale_id IS NULL)
     ON CONFLICT (mission_locale_id, code) WHERE mission_locale_id IS NOT NULL DO NOTHING
     RETURNING code`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ml: missionLocaleId, ...values } },
  );
  return inserted.length > 0;
};

/** Whether a site belongs to the Mission Locale. */
export const siteOf = async (sequelize: Sequelize, siteId: string, missionLocaleId: string, options: Options): Promise<boolean> => {
  const rows = await sequelize.query('SELECT 1 FROM site WHERE id = $siteId AND mission_locale_id = $ml', {
    type: QueryTypes.SELECT,
    transaction: options.transaction,
    bind: { siteId, ml: missionLocaleId },
  });
  return rows.length > 0;
};

// ---------------------------------------------------------------------------------------------------------------
// Internal offre de service.

interface OffreRow {
  id: string;
  mission_locale_id: string;
  code: string;
  libelle: string;
  theme: Theme;
  type: TypeOffreInterne;
  actif: boolean;
}

/** An offre with its Mission Locale. */
export interface OffreRecord extends OffreInterneDto {
  readonly missionLocaleId: string;
}

const toOffre = (row: OffreRow): OffreRecord => ({
  id: row.id,
  missionLocaleId: row.mission_locale_id,
  code: row.code,
  libelle: row.libelle,
  theme: row.theme,
  type: row.type,
  actif: row.actif,
});

const OFFRE_COLUMNS = 'id, mission_locale_id, code, libelle, theme, type, actif';

/** The offres of these Missions Locales (the active ones unless `toutes`), by libellé. */
export const listOffres = async (
  sequelize: Sequelize,
  missionLocaleIds: readonly string[],
  toutes: boolean,
  options: Options,
): Promise<OffreRecord[]> => {
  const rows = await sequelize.query<OffreRow>(
    `SELECT ${OFFRE_COLUMNS} FROM offre_interne
     WHERE mission_locale_id = ANY($mls::uuid[]) AND ($toutes OR actif)
     ORDER BY libelle, code, id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { mls: [...missionLocaleIds], toutes } },
  );
  return rows.map(toOffre);
};

/** An offre inside a scope (`null`: every Mission Locale), or null. */
export const findOffre = async (
  sequelize: Sequelize,
  id: string,
  options: Options & { readonly scope: readonly string[] | null; readonly forUpdate?: boolean },
): Promise<OffreRecord | null> => {
  const [row] = await sequelize.query<OffreRow>(
    `SELECT ${OFFRE_COLUMNS} FROM offre_interne
     WHERE id = $id AND ($scope::uuid[] IS NULL OR mission_locale_id = ANY($scope::uuid[]))
     ${options.forUpdate ? 'FOR UPDATE' : ''}`,
    {
      type: QueryTypes.SELECT,
      transaction: options.transaction,
      bind: { id, scope: options.scope === null ? null : [...options.scope] },
    },
  );
  return row ? toOffre(row) : null;
};

/** The values of an offre. */
export interface OffreValues {
  readonly libelle: string;
  readonly theme: Theme;
  readonly type: TypeOffreInterne;
  readonly actif: boolean;
}

/** Adds an offre; false when the Mission Locale already has one under this code. */
export const insertOffre = async (
  sequelize: Sequelize,
  offre: OffreValues & { readonly id: string; readonly missionLocaleId: string; readonly code: string; readonly at: Date },
  options: Options,
): Promise<boolean> => {
  const inserted = await sequelize.query(
    `INSERT INTO offre_interne (id, mission_locale_id, code, libelle, theme, type, actif, created_at, updated_at)
     VALUES ($id, $missionLocaleId, $code, $libelle, $theme, $type, $actif, $at, $at)
     ON CONFLICT (mission_locale_id, code) DO NOTHING
     RETURNING id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ...offre } },
  );
  return inserted.length > 0;
};

/** Replaces an offre's values (its code stays). */
export const updateOffre = async (sequelize: Sequelize, id: string, values: OffreValues & { readonly at: Date }, options: Options): Promise<void> => {
  await sequelize.query(
    `UPDATE offre_interne SET libelle = $libelle, theme = $theme, type = $type, actif = $actif, updated_at = $at WHERE id = $id`,
    { transaction: options.transaction, bind: { id, ...values } },
  );
};
