import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { LieuEvenementType, OrigineEvenement, Personne, Theme } from '@imilo/domain';

// Événements in SQL (#4): raw queries with bind parameters, plain objects out. Deleted événements (`supprime_le`)
// are invisible here: every read skips them.

interface Options {
  readonly transaction: Transaction;
}

/** An événement as stored, with the names the screen shows. */
export interface EvenementRecord {
  readonly id: string;
  readonly jeuneId: string;
  readonly missionLocaleId: string;
  readonly dateHeure: Date;
  readonly dureeMinutes: number | null;
  readonly typeCode: string;
  readonly typeLibelle: string;
  readonly lieuType: LieuEvenementType;
  readonly siteId: string | null;
  readonly siteNom: string | null;
  readonly adresse: string | null;
  readonly themes: Theme[];
  readonly objet: string | null;
  readonly contexte: string | null;
  readonly partenaire: string | null;
  readonly conseiller: Personne;
  readonly origine: OrigineEvenement;
  readonly propositionId: string | null;
  readonly actionIds: string[];
  readonly propositionIds: string[];
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly modifiePar: Personne | null;
}

interface EvenementRow {
  id: string;
  jeune_id: string;
  mission_locale_id: string;
  date_heure: Date;
  duree_minutes: number | null;
  type_code: string;
  type_libelle: string;
  lieu_type: LieuEvenementType;
  site_id: string | null;
  site_nom: string | null;
  lieu_adresse: string | null;
  themes: Theme[];
  objet: string | null;
  contexte: string | null;
  partenaire: string | null;
  conseiller_id: string;
  conseiller_prenom: string;
  conseiller_nom: string;
  origine: OrigineEvenement;
  proposition_id: string | null;
  action_ids: string[];
  proposition_ids: string[];
  version: number;
  created_at: Date;
  updated_at: Date;
  modifie_par_id: string | null;
  modifie_par_prenom: string | null;
  modifie_par_nom: string | null;
}

// The type's libellé: the national one, else the Mission Locale's (a code is unique across both).
const EVENEMENT_SELECT = `
  SELECT e.id, e.jeune_id, e.mission_locale_id, e.date_heure, e.duree_minutes, e.type_code,
         COALESCE(t.libelle, e.type_code) AS type_libelle, e.lieu_type, e.site_id, s.nom AS site_nom, e.lieu_adresse,
         e.themes, e.objet, e.contexte, e.partenaire,
         c.id AS conseiller_id, c.prenom AS conseiller_prenom, c.nom AS conseiller_nom,
         e.origine, e.proposition_id, e.version, e.created_at, e.updated_at,
         m.id AS modifie_par_id, m.prenom AS modifie_par_prenom, m.nom AS modifie_par_nom,
         ARRAY(SELECT a.id::text FROM action_jeune a WHERE a.evenement_id = e.id ORDER BY a.created_at, a.id) AS action_ids,
         ARRAY(SELECT p.id::text FROM proposition p WHERE p.evenement_id = e.id ORDER BY p.created_at, p.id) AS proposition_ids
  FROM evenement e
  JOIN utilisateur c ON c.id = e.conseiller_id
  LEFT JOIN utilisateur m ON m.id = e.updated_by
  LEFT JOIN site s ON s.id = e.site_id
  LEFT JOIN LATERAL (
    SELECT libelle FROM type_evenement t
    WHERE t.code = e.type_code AND (t.mission_locale_id IS NULL OR t.mission_locale_id = e.mission_locale_id)
    ORDER BY t.mission_locale_id NULLS FIRST LIMIT 1
  ) t ON true`;

const toEvenement = (row: EvenementRow): EvenementRecord => ({
  id: row.id,
  jeuneId: row.jeune_id,
  missionLocaleId: row.mission_locale_id,
  dateHeure: row.date_heure,
  dureeMinutes: row.duree_minutes,
  typeCode: row.type_code,
  typeLibelle: row.type_libelle,
  lieuType: row.lieu_type,
  siteId: row.site_id,
  siteNom: row.site_nom,
  adresse: row.lieu_adresse,
  themes: row.themes,
  objet: row.objet,
  contexte: row.contexte,
  partenaire: row.partenaire,
  conseiller: { id: row.conseiller_id, prenom: row.conseiller_prenom, nom: row.conseiller_nom },
  origine: row.origine,
  propositionId: row.proposition_id,
  actionIds: row.action_ids,
  propositionIds: row.proposition_ids,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  modifiePar: row.modifie_par_id === null ? null : { id: row.modifie_par_id, prenom: row.modifie_par_prenom ?? '', nom: row.modifie_par_nom ?? '' },
});

/** A live événement inside a scope (`null`: every Mission Locale), or null (absent, elsewhere or deleted). */
export const findEvenement = async (
  sequelize: Sequelize,
  id: string,
  options: Options & { readonly scope: readonly string[] | null },
): Promise<EvenementRecord | null> => {
  const [row] = await sequelize.query<EvenementRow>(
    `${EVENEMENT_SELECT}
     WHERE e.id = $id AND e.supprime_le IS NULL
       AND ($scope::uuid[] IS NULL OR e.mission_locale_id = ANY($scope::uuid[]))`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { id, scope: options.scope === null ? null : [...options.scope] } },
  );
  return row ? toEvenement(row) : null;
};

/** Locks a live événement's row until the transaction ends; false when it is gone (deleted meanwhile). */
export const lockEvenement = async (sequelize: Sequelize, id: string, options: Options): Promise<boolean> => {
  const rows = await sequelize.query('SELECT id FROM evenement WHERE id = $id AND supprime_le IS NULL FOR UPDATE', {
    type: QueryTypes.SELECT,
    transaction: options.transaction,
    bind: { id },
  });
  return rows.length > 0;
};

/** Filters of a jeune's list of événements; days are the Mission Locale's local days. */
export interface EvenementsFilter {
  readonly theme?: Theme;
  readonly type?: string;
  readonly du?: string;
  readonly au?: string;
  readonly timezone: string;
  readonly limit: number;
}

/** A jeune's live événements, newest first, at most `limit`. */
export const listEvenements = async (sequelize: Sequelize, jeuneId: string, filter: EvenementsFilter, options: Options): Promise<EvenementRecord[]> => {
  const rows = await sequelize.query<EvenementRow>(
    `${EVENEMENT_SELECT}
     WHERE e.jeune_id = $jeuneId AND e.supprime_le IS NULL
       AND ($theme::text IS NULL OR $theme::text = ANY(e.themes))
       AND ($type::text IS NULL OR e.type_code = $type::text)
       AND ($du::date IS NULL OR e.date_heure >= ($du::date)::timestamp AT TIME ZONE $tz::text)
       AND ($au::date IS NULL OR e.date_heure < ($au::date + 1)::timestamp AT TIME ZONE $tz::text)
     ORDER BY e.date_heure DESC, e.id DESC
     LIMIT $limit`,
    {
      type: QueryTypes.SELECT,
      transaction: options.transaction,
      bind: {
        jeuneId,
        theme: filter.theme ?? null,
        type: filter.type ?? null,
        du: filter.du ?? null,
        au: filter.au ?? null,
        tz: filter.timezone,
        limit: filter.limit,
      },
    },
  );
  return rows.map(toEvenement);
};

/** The columns of an événement a conseiller types (or a proposition's change of state writes). */
export interface EvenementValues {
  readonly dateHeure: Date;
  readonly dureeMinutes: number | null;
  readonly typeCode: string;
  readonly lieuType: LieuEvenementType;
  readonly siteId: string | null;
  readonly adresse: string | null;
  readonly themes: readonly Theme[];
  readonly objet: string | null;
  readonly contexte: string | null;
  readonly partenaire: string | null;
}

/** Inserts an événement under its id; false when a row already has that id (a client-chosen id reused). */
export const insertEvenement = async (
  sequelize: Sequelize,
  evenement: EvenementValues & {
    readonly id: string;
    readonly jeuneId: string;
    readonly missionLocaleId: string;
    readonly conseillerId: string;
    readonly origine: OrigineEvenement;
    readonly propositionId: string | null;
    readonly at: Date;
  },
  options: Options,
): Promise<boolean> => {
  const inserted = await sequelize.query(
    `INSERT INTO evenement (id, jeune_id, mission_locale_id, date_heure, duree_minutes, type_code, lieu_type, site_id, lieu_adresse,
                            themes, objet, contexte, partenaire, conseiller_id, origine, proposition_id, created_at, created_by, updated_at)
     VALUES ($id, $jeuneId, $missionLocaleId, $dateHeure::timestamptz, $dureeMinutes, $typeCode, $lieuType, $siteId, $adresse,
             $themes::text[], $objet, $contexte, $partenaire, $conseillerId, $origine, $propositionId, $at, $conseillerId, $at)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    {
      type: QueryTypes.SELECT,
      transaction: options.transaction,
      bind: {
        ...evenement,
        dureeMinutes: evenement.dureeMinutes,
        themes: [...evenement.themes],
      },
    },
  );
  return inserted.length > 0;
};

/** Replaces an événement's values, next version, who and when. */
export const updateEvenement = async (
  sequelize: Sequelize,
  id: string,
  values: EvenementValues,
  meta: { readonly by: string; readonly at: Date },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE evenement SET date_heure = $dateHeure::timestamptz, duree_minutes = $dureeMinutes, type_code = $typeCode,
            lieu_type = $lieuType, site_id = $siteId, lieu_adresse = $adresse, themes = $themes::text[], objet = $objet,
            contexte = $contexte, partenaire = $partenaire, version = version + 1, updated_by = $by, updated_at = $at
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, ...values, themes: [...values.themes], by: meta.by, at: meta.at } },
  );
};

/** Marks an événement deleted (kept, with who, when and why), next version. */
export const softDeleteEvenement = async (
  sequelize: Sequelize,
  id: string,
  meta: { readonly by: string; readonly at: Date; readonly motif: string },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE evenement SET supprime_le = $at, supprime_par = $by, motif_suppression = $motif, version = version + 1,
            updated_by = $by, updated_at = $at
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, ...meta } },
  );
};

/**
 * Derives the dossier's "dernier contact": the latest local day (Mission Locale's timezone) of the jeune's live
 * événements whose type is a contact with the jeune, or NULL. Neither `version` nor `updated_at` moves: the value is
 * derived, and a conseiller's dossier edit must not conflict with an événement typed meanwhile.
 */
export const refreshDernierContact = async (sequelize: Sequelize, jeuneId: string, options: Options): Promise<void> => {
  await sequelize.query(
    `UPDATE jeune j SET dernier_contact_le = (
       SELECT max((e.date_heure AT TIME ZONE ml.timezone)::date)
       FROM evenement e
       WHERE e.jeune_id = j.id AND e.supprime_le IS NULL
         AND EXISTS (SELECT 1 FROM type_evenement t
                     WHERE t.code = e.type_code AND t.contact
                       AND (t.mission_locale_id IS NULL OR t.mission_locale_id = e.mission_locale_id))
     )
     FROM mission_locale ml
     WHERE j.id = $jeuneId AND ml.id = j.mission_locale_id`,
    { transaction: options.transaction, bind: { jeuneId } },
  );
};

/** Noon of a local day in a timezone, as an instant (where an événement dated by its day only sits). */
export const localNoon = async (sequelize: Sequelize, day: string, timezone: string, options: Options): Promise<Date> => {
  const [row] = await sequelize.query<{ at: Date }>("SELECT ($day::date + time '12:00') AT TIME ZONE $tz::text AS at", {
    type: QueryTypes.SELECT,
    transaction: options.transaction,
    bind: { day, tz: timezone },
  });
  return row!.at;
};
