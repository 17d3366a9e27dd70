import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type {
  ModaliteRendezVous,
  Personne,
  ReponseJeune,
  StatutPresence,
  StatutRendezVous,
  TypeRendezVous,
} from '@imilo/domain';
import { pgArray } from '../../platform/sql';

// Rendez-vous in SQL (#5): raw queries with bind parameters, plain objects out. Every row carries its Mission Locale,
// so that tenancy is one equality; the agenda's reads go through the (conseiller_id, debut) and (mission_locale_id,
// debut) indexes.

interface Options {
  readonly transaction?: Transaction;
}

/** A rendez-vous as stored, with the names the agenda shows. */
export interface RendezVousRecord {
  readonly id: string;
  readonly missionLocaleId: string;
  readonly jeune: { readonly id: string; readonly prenom: string; readonly nom: string };
  readonly conseiller: Personne;
  readonly type: TypeRendezVous;
  readonly modalite: ModaliteRendezVous;
  readonly site: { readonly id: string; readonly nom: string } | null;
  readonly adresse: string | null;
  readonly debut: Date;
  readonly dureeMinutes: number;
  readonly objet: string;
  readonly commentaire: string | null;
  readonly aApporter: string | null;
  readonly presenceConseiller: boolean;
  readonly statut: StatutRendezVous;
  readonly presence: StatutPresence | null;
  readonly reponseJeune: ReponseJeune | null;
  readonly reponseJeuneLe: Date | null;
  readonly motifAnnulation: string | null;
  readonly annuleLe: Date | null;
  readonly evenementId: string | null;
  readonly icsSequence: number;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface RendezVousRow {
  id: string;
  mission_locale_id: string;
  jeune_id: string;
  jeune_prenom: string;
  jeune_nom: string;
  conseiller_id: string;
  conseiller_prenom: string;
  conseiller_nom: string;
  type: TypeRendezVous;
  modalite: ModaliteRendezVous;
  site_id: string | null;
  site_nom: string | null;
  adresse: string | null;
  debut: Date;
  duree_minutes: number;
  objet: string;
  commentaire: string | null;
  a_apporter: string | null;
  presence_conseiller: boolean;
  statut: StatutRendezVous;
  presence: StatutPresence | null;
  reponse_jeune: ReponseJeune | null;
  reponse_jeune_le: Date | null;
  motif_annulation: string | null;
  annule_le: Date | null;
  evenement_id: string | null;
  ics_sequence: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

// The jeune is named by their first names and their usage name when they have one (as the dossier's header does).
const RENDEZ_VOUS_SELECT = `
  SELECT r.id, r.mission_locale_id, r.jeune_id, j.prenoms AS jeune_prenom, COALESCE(j.nom_usage, j.nom_naissance) AS jeune_nom,
         r.conseiller_id, c.prenom AS conseiller_prenom, c.nom AS conseiller_nom, r.type, r.modalite, r.site_id, s.nom AS site_nom,
         r.adresse, r.debut, r.duree_minutes, r.objet, r.commentaire, r.a_apporter, r.presence_conseiller, r.statut, r.presence,
         r.reponse_jeune, r.reponse_jeune_le, r.motif_annulation, r.annule_le, r.evenement_id, r.ics_sequence, r.version,
         r.created_at, r.updated_at
  FROM rendez_vous r
  JOIN jeune j ON j.id = r.jeune_id
  JOIN utilisateur c ON c.id = r.conseiller_id
  LEFT JOIN site s ON s.id = r.site_id`;

const toRecord = (row: RendezVousRow): RendezVousRecord => ({
  id: row.id,
  missionLocaleId: row.mission_locale_id,
  jeune: { id: row.jeune_id, prenom: row.jeune_prenom, nom: row.jeune_nom },
  conseiller: { id: row.conseiller_id, prenom: row.conseiller_prenom, nom: row.conseiller_nom },
  type: row.type,
  modalite: row.modalite,
  site: row.site_id === null ? null : { id: row.site_id, nom: row.site_nom ?? '' },
  adresse: row.adresse,
  debut: row.debut,
  dureeMinutes: row.duree_minutes,
  objet: row.objet,
  commentaire: row.commentaire,
  aApporter: row.a_apporter,
  presenceConseiller: row.presence_conseiller,
  statut: row.statut,
  presence: row.presence,
  reponseJeune: row.reponse_jeune,
  reponseJeuneLe: row.reponse_jeune_le,
  motifAnnulation: row.motif_annulation,
  annuleLe: row.annule_le,
  evenementId: row.evenement_id,
  icsSequence: row.ics_sequence,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A rendez-vous inside a scope (`null`: every Mission Locale), or null; `lock` holds its row until the transaction ends. */
export const findRendezVous = async (
  sequelize: Sequelize,
  id: string,
  options: Options & { readonly scope: readonly string[] | null; readonly lock?: boolean },
): Promise<RendezVousRecord | null> => {
  const [row] = await sequelize.query<RendezVousRow>(
    `${RENDEZ_VOUS_SELECT}
     WHERE r.id = $id AND ($scope::uuid[] IS NULL OR r.mission_locale_id = ANY($scope::uuid[]))
     ${options.lock ? 'FOR UPDATE OF r' : ''}`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { id, scope: pgArray(options.scope) } },
  );
  return row ? toRecord(row) : null;
};

/** Whose rendez-vous an agenda reads: a conseiller's, or a site's (held there, or by the conseillers attached to it). */
export type AgendaOwner =
  | { readonly conseillerId: string; readonly scope: readonly string[] | null }
  | { readonly missionLocaleId: string; readonly siteId: string };

/** An instant range, half open: [from, to[. */
export interface InstantRange {
  readonly from: Date;
  readonly to: Date;
}

/** The SQL condition of an agenda owner on a table aliased `alias` whose person column is `conseillerColumn`. */
export const ownerClause = (owner: AgendaOwner, alias: string, conseillerColumn: string): string =>
  'conseillerId' in owner
    ? `${alias}.${conseillerColumn} = $conseillerId AND ($scope::uuid[] IS NULL OR ${alias}.mission_locale_id = ANY($scope::uuid[]))`
    : `${alias}.mission_locale_id = $missionLocaleId
       AND (${alias}.site_id = $siteId
            OR EXISTS (SELECT 1 FROM utilisateur_mission_locale uml
                       WHERE uml.utilisateur_id = ${alias}.${conseillerColumn} AND uml.mission_locale_id = ${alias}.mission_locale_id
                         AND uml.site_id = $siteId))`;

/** The bind parameters of `ownerClause`. */
export const ownerBind = (owner: AgendaOwner) =>
  'conseillerId' in owner
    ? { conseillerId: owner.conseillerId, scope: pgArray(owner.scope) }
    : { missionLocaleId: owner.missionLocaleId, siteId: owner.siteId };

/** The rendez-vous (all statuses) of a conseiller or a site starting in the range, earliest first. */
export const listRendezVousOf = async (sequelize: Sequelize, owner: AgendaOwner, range: InstantRange, options: Options = {}): Promise<RendezVousRecord[]> => {
  const rows = await sequelize.query<RendezVousRow>(
    `${RENDEZ_VOUS_SELECT}
     WHERE ${ownerClause(owner, 'r', 'conseiller_id')} AND r.debut >= $from AND r.debut < $to
     ORDER BY r.debut, r.id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ...ownerBind(owner), from: range.from, to: range.to } },
  );
  return rows.map(toRecord);
};

/** The longest rendez-vous (rendez_vous.duree_minutes' check): how far back an overlapping one may start. */
const MAX_DUREE_MINUTES = 480;

/** The conseiller's planned rendez-vous that may overlap [debut, fin[, other than `exceptId`. */
export const plannedAround = async (
  sequelize: Sequelize,
  conseillerId: string,
  range: InstantRange,
  exceptId: string,
  options: Options,
): Promise<RendezVousRecord[]> => {
  const rows = await sequelize.query<RendezVousRow>(
    `${RENDEZ_VOUS_SELECT}
     WHERE r.conseiller_id = $conseillerId AND r.statut = 'PLANIFIE' AND r.id <> $exceptId
       AND r.debut < $to AND r.debut > $from::timestamptz - make_interval(mins => $maxMinutes)
     ORDER BY r.debut, r.id`,
    {
      type: QueryTypes.SELECT,
      transaction: options.transaction,
      bind: { conseillerId, exceptId, from: range.from, to: range.to, maxMinutes: MAX_DUREE_MINUTES },
    },
  );
  return rows.map(toRecord);
};

/** The columns of a rendez-vous its form sets. */
export interface RendezVousValues {
  readonly type: TypeRendezVous;
  readonly modalite: ModaliteRendezVous;
  readonly siteId: string | null;
  readonly adresse: string | null;
  readonly debut: Date;
  readonly dureeMinutes: number;
  readonly objet: string;
  readonly commentaire: string | null;
  readonly aApporter: string | null;
  readonly presenceConseiller: boolean;
}

/** Inserts a planned rendez-vous under its id; false when a row already has that id (a client-chosen id reused). */
export const insertRendezVous = async (
  sequelize: Sequelize,
  rendezVous: RendezVousValues & {
    readonly id: string;
    readonly missionLocaleId: string;
    readonly jeuneId: string;
    readonly conseillerId: string;
    readonly by: string;
    readonly at: Date;
  },
  options: Options,
): Promise<boolean> => {
  const inserted = await sequelize.query(
    `INSERT INTO rendez_vous (id, mission_locale_id, jeune_id, conseiller_id, type, modalite, site_id, adresse, debut, duree_minutes,
                              objet, commentaire, a_apporter, presence_conseiller, created_at, created_by, updated_at, updated_by)
     VALUES ($id, $missionLocaleId, $jeuneId, $conseillerId, $type, $modalite, $siteId, $adresse, $debut, $dureeMinutes,
             $objet, $commentaire, $aApporter, $presenceConseiller, $at, $by, $at, $by)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ...rendezVous } },
  );
  return inserted.length > 0;
};

/** Replaces a rendez-vous' values: next version and next calendar sequence (its invitations are updated). */
export const updateRendezVous = async (
  sequelize: Sequelize,
  id: string,
  values: RendezVousValues,
  meta: { readonly by: string; readonly at: Date },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE rendez_vous SET type = $type, modalite = $modalite, site_id = $siteId, adresse = $adresse, debut = $debut,
            duree_minutes = $dureeMinutes, objet = $objet, commentaire = $commentaire, a_apporter = $aApporter,
            presence_conseiller = $presenceConseiller, version = version + 1, ics_sequence = ics_sequence + 1,
            updated_at = $at, updated_by = $by
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, ...values, ...meta } },
  );
};

/** Marks a rendez-vous cancelled, with why, who and when (the row stays). */
export const cancelRendezVous = async (
  sequelize: Sequelize,
  id: string,
  meta: { readonly by: string; readonly at: Date; readonly motif: string },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE rendez_vous SET statut = 'ANNULE', motif_annulation = $motif, annule_le = $at, annule_par = $by,
            version = version + 1, ics_sequence = ics_sequence + 1, updated_at = $at, updated_by = $by
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, ...meta } },
  );
};

/** Marks a rendez-vous closed with the jeune's presence and the événement its closing wrote. */
export const closeRendezVous = async (
  sequelize: Sequelize,
  id: string,
  meta: { readonly by: string; readonly at: Date; readonly presence: StatutPresence; readonly evenementId: string },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE rendez_vous SET statut = 'CLOS', presence = $presence, clos_le = $at, clos_par = $by, evenement_id = $evenementId,
            version = version + 1, updated_at = $at, updated_by = $by
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, ...meta } },
  );
};

/** What happened to a rendez-vous. */
export type OperationRendezVous = 'CREATION' | 'MODIFICATION' | 'ANNULATION' | 'CLOTURE';

/** Adds a line to a rendez-vous' history; `detail` names fields and states, never their values. */
export const insertHistorique = async (
  sequelize: Sequelize,
  rendezVousId: string,
  entry: { readonly le: Date; readonly auteurId: string; readonly operation: OperationRendezVous; readonly detail?: Readonly<Record<string, unknown>> },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `INSERT INTO rendez_vous_historique (rendez_vous_id, le, auteur_id, operation, detail) VALUES ($rendezVousId, $le, $auteurId, $operation, $detail::jsonb)`,
    {
      transaction: options.transaction,
      bind: { rendezVousId, le: entry.le, auteurId: entry.auteurId, operation: entry.operation, detail: JSON.stringify(entry.detail ?? {}) },
    },
  );
};

/** A line of a rendez-vous' history. */
export interface HistoriqueRecord {
  readonly le: Date;
  readonly operation: string;
  readonly auteur: Personne | null;
}

/** A rendez-vous' history, oldest first. */
export const listHistorique = async (sequelize: Sequelize, rendezVousId: string, options: Options): Promise<HistoriqueRecord[]> => {
  const rows = await sequelize.query<{ le: Date; operation: string; auteur_id: string | null; prenom: string | null; nom: string | null }>(
    `SELECT h.le, h.operation, u.id AS auteur_id, u.prenom, u.nom
     FROM rendez_vous_historique h LEFT JOIN utilisateur u ON u.id = h.auteur_id
     WHERE h.rendez_vous_id = $rendezVousId
     ORDER BY h.le, h.id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { rendezVousId } },
  );
  return rows.map((row) => ({
    le: row.le,
    operation: row.operation,
    auteur: row.auteur_id === null ? null : { id: row.auteur_id, prenom: row.prenom ?? '', nom: row.nom ?? '' },
  }));
};

/** A member of a Mission Locale's staff, as a rendez-vous is booked for them. */
export interface StaffMember extends Personne {
  readonly roles: readonly string[];
}

/** An active member of the Mission Locale's staff, or null. */
export const findStaffMember = async (sequelize: Sequelize, id: string, missionLocaleId: string, options: Options): Promise<StaffMember | null> => {
  const [row] = await sequelize.query<{ id: string; prenom: string; nom: string; roles: string[] }>(
    `SELECT u.id, u.prenom, u.nom, u.roles
     FROM utilisateur u JOIN utilisateur_mission_locale uml ON uml.utilisateur_id = u.id
     WHERE u.id = $id AND uml.mission_locale_id = $missionLocaleId AND u.active`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { id, missionLocaleId } },
  );
  return row ?? null;
};
