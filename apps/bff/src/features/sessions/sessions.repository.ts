import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { StatutInscription, StatutPresence } from '@imilo/domain';
import { pgArray } from '../../platform/sql';
import { type AgendaOwner, type InstantRange, ownerBind, ownerClause } from '../agenda/rendez-vous.repository';

// Collective sessions and their registrations in SQL (#5): raw queries with bind parameters, plain objects out. The
// seat counts are read with the session, so that every answer says how many seats are left.

interface Options {
  readonly transaction: Transaction;
}

/** The statuses that hold a seat: registered, then the émargement's presence. */
const SEATED = `('INSCRIT', 'PRESENT', 'ABSENT', 'EXCUSE')`;

/** A session as stored, with its offre, site, animateur and seat counts. */
export interface SessionRecord {
  readonly id: string;
  readonly missionLocaleId: string;
  readonly timezone: string;
  readonly offre: { readonly id: string; readonly libelle: string; readonly type: string; readonly theme: string };
  readonly titre: string;
  readonly debut: Date;
  readonly dureeMinutes: number;
  readonly site: { readonly id: string; readonly nom: string; readonly communeInsee: string } | null;
  readonly adresse: string | null;
  readonly animateur: { readonly id: string; readonly prenom: string; readonly nom: string };
  readonly places: number;
  readonly inscrits: number;
  readonly enAttente: number;
  /** `YYYY-MM-DD`. */
  readonly dateLimiteInscription: string;
  readonly autoinscription: boolean;
  readonly visible: boolean;
  readonly commentaire: string | null;
  readonly aApporter: string | null;
  /** As stored: `A_CLOTURER` is derived from the time. */
  readonly statut: 'A_VENIR' | 'CLOTUREE' | 'ANNULEE';
  readonly version: number;
  /** Its last change: the calendar feed's DTSTAMP. */
  readonly updatedAt: Date;
}

interface SessionRow {
  id: string;
  mission_locale_id: string;
  timezone: string;
  offre_id: string;
  offre_libelle: string;
  offre_type: string;
  offre_theme: string;
  titre: string;
  debut: Date;
  duree_minutes: number;
  site_id: string | null;
  site_nom: string | null;
  site_commune: string | null;
  adresse: string | null;
  animateur_id: string;
  animateur_prenom: string;
  animateur_nom: string;
  places: number;
  inscrits: number;
  en_attente: number;
  date_limite: string;
  autoinscription: boolean;
  visible: boolean;
  commentaire: string | null;
  a_apporter: string | null;
  statut: SessionRecord['statut'];
  version: number;
  updated_at: Date;
}

const SESSION_SELECT = `
  SELECT s.id, s.mission_locale_id, ml.timezone, o.id AS offre_id, o.libelle AS offre_libelle, o.type AS offre_type,
         o.theme AS offre_theme, s.titre, s.debut, s.duree_minutes, s.site_id, si.nom AS site_nom,
         si.commune_insee AS site_commune, s.adresse, a.id AS animateur_id, a.prenom AS animateur_prenom,
         a.nom AS animateur_nom, s.places,
         (SELECT count(*)::int FROM inscription_session i WHERE i.session_id = s.id AND i.statut IN ${SEATED}) AS inscrits,
         (SELECT count(*)::int FROM inscription_session i WHERE i.session_id = s.id AND i.statut = 'ATTENTE') AS en_attente,
         to_char(s.date_limite_inscription, 'YYYY-MM-DD') AS date_limite, s.autoinscription, s.visible, s.commentaire,
         s.a_apporter, s.statut, s.version, s.updated_at
  FROM session_collective s
  JOIN mission_locale ml ON ml.id = s.mission_locale_id
  JOIN offre_interne o ON o.id = s.offre_id
  JOIN utilisateur a ON a.id = s.animateur_id
  LEFT JOIN site si ON si.id = s.site_id`;

const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  missionLocaleId: row.mission_locale_id,
  timezone: row.timezone,
  offre: { id: row.offre_id, libelle: row.offre_libelle, type: row.offre_type, theme: row.offre_theme },
  titre: row.titre,
  debut: row.debut,
  dureeMinutes: row.duree_minutes,
  site: row.site_id === null ? null : { id: row.site_id, nom: row.site_nom ?? '', communeInsee: row.site_commune ?? '' },
  adresse: row.adresse,
  animateur: { id: row.animateur_id, prenom: row.animateur_prenom, nom: row.animateur_nom },
  places: row.places,
  inscrits: row.inscrits,
  enAttente: row.en_attente,
  dateLimiteInscription: row.date_limite,
  autoinscription: row.autoinscription,
  visible: row.visible,
  commentaire: row.commentaire,
  aApporter: row.a_apporter,
  statut: row.statut,
  version: row.version,
  updatedAt: row.updated_at,
});

/**
 * A session inside a scope (`null`: every Mission Locale), or null. `lock` first locks its row until the transaction
 * ends: every change of the session or of its registrations does, so that seats are counted one writer at a time.
 */
export const findSession = async (
  sequelize: Sequelize,
  id: string,
  options: Options & { readonly scope: readonly string[] | null; readonly lock?: boolean },
): Promise<SessionRecord | null> => {
  const bind = { id, scope: pgArray(options.scope) };
  const inScope = `s.id = $id AND ($scope::uuid[] IS NULL OR s.mission_locale_id = ANY($scope::uuid[]))`;
  if (options.lock) {
    await sequelize.query(`SELECT s.id FROM session_collective s WHERE ${inScope} FOR UPDATE`, {
      type: QueryTypes.SELECT,
      transaction: options.transaction,
      bind,
    });
  }
  const [row] = await sequelize.query<SessionRow>(`${SESSION_SELECT} WHERE ${inScope}`, {
    type: QueryTypes.SELECT,
    transaction: options.transaction,
    bind,
  });
  return row ? toSession(row) : null;
};

/** Filters of the staff's list: local days of each session's Mission Locale, a site, an animateur. */
export interface SessionsFilter {
  readonly scope: readonly string[] | null;
  readonly from: string;
  readonly to: string;
  readonly siteId?: string;
  readonly animateurId?: string;
}

/** The sessions starting in a range of local days (inclusive), earliest first; cancelled ones included. */
export const listSessions = async (sequelize: Sequelize, filter: SessionsFilter, options: Options): Promise<SessionRecord[]> => {
  const rows = await sequelize.query<SessionRow>(
    `${SESSION_SELECT}
     WHERE ($scope::uuid[] IS NULL OR s.mission_locale_id = ANY($scope::uuid[]))
       AND s.debut >= ($from::date)::timestamp AT TIME ZONE ml.timezone
       AND s.debut < ($to::date + 1)::timestamp AT TIME ZONE ml.timezone
       AND ($site::uuid IS NULL OR s.site_id = $site::uuid)
       AND ($animateur::uuid IS NULL OR s.animateur_id = $animateur::uuid)
     ORDER BY s.debut, s.id
     LIMIT 1000`,
    {
      type: QueryTypes.SELECT,
      transaction: options.transaction,
      bind: {
        scope: pgArray(filter.scope),
        from: filter.from,
        to: filter.to,
        site: filter.siteId ?? null,
        animateur: filter.animateurId ?? null,
      },
    },
  );
  return rows.map(toSession);
};

/** The sessions a conseiller animates, or held at (or animated from) a site, starting in the range: the agenda's. */
export const listSessionsOf = async (
  sequelize: Sequelize,
  owner: AgendaOwner,
  range: InstantRange,
  options: Partial<Options> = {},
): Promise<SessionRecord[]> => {
  const rows = await sequelize.query<SessionRow>(
    `${SESSION_SELECT}
     WHERE ${ownerClause(owner, 's', 'animateur_id')} AND s.debut >= $from AND s.debut < $to
     ORDER BY s.debut, s.id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ...ownerBind(owner), from: range.from, to: range.to } },
  );
  return rows.map(toSession);
};

/**
 * The sessions of a Mission Locale a jeune may register to on their own: visible, open to self-registration, to come,
 * before their deadline (the Mission Locale's local day) and with a free seat; those the jeune is already on are left
 * out. Earliest first.
 */
export const listOpenSessions = async (
  sequelize: Sequelize,
  missionLocaleId: string,
  jeuneId: string,
  now: Date,
  options: Options,
): Promise<SessionRecord[]> => {
  const rows = await sequelize.query<SessionRow>(
    `SELECT * FROM (${SESSION_SELECT}
       WHERE s.mission_locale_id = $ml AND s.visible AND s.autoinscription AND s.statut = 'A_VENIR' AND s.debut > $now
         AND s.date_limite_inscription >= ($now::timestamptz AT TIME ZONE ml.timezone)::date
         AND NOT EXISTS (SELECT 1 FROM inscription_session i
                         WHERE i.session_id = s.id AND i.jeune_id = $jeuneId AND i.statut <> 'DESINSCRIT')
     ) candidate WHERE candidate.inscrits < candidate.places
     ORDER BY candidate.debut, candidate.id
     LIMIT 200`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ml: missionLocaleId, jeuneId, now } },
  );
  return rows.map(toSession);
};

/** What a session's form sets. */
export interface SessionValues {
  readonly offreId: string;
  readonly titre: string;
  readonly debut: Date;
  readonly dureeMinutes: number;
  readonly siteId: string | null;
  readonly adresse: string | null;
  readonly places: number;
  readonly dateLimiteInscription: string;
  readonly autoinscription: boolean;
  readonly commentaire: string | null;
  readonly aApporter: string | null;
}

/** Inserts a session (visible: self-registration implies it, and staff sessions are shown in the agenda); false when its id is taken. */
export const insertSession = async (
  sequelize: Sequelize,
  session: SessionValues & { readonly id: string; readonly missionLocaleId: string; readonly animateurId: string; readonly at: Date },
  options: Options,
): Promise<boolean> => {
  const inserted = await sequelize.query(
    `INSERT INTO session_collective (id, mission_locale_id, offre_id, titre, debut, duree_minutes, site_id, adresse, animateur_id,
                                     places, date_limite_inscription, autoinscription, commentaire, a_apporter,
                                     created_at, created_by, updated_at, updated_by)
     VALUES ($id, $missionLocaleId, $offreId, $titre, $debut, $dureeMinutes, $siteId, $adresse, $animateurId,
             $places, $dateLimiteInscription, $autoinscription, $commentaire, $aApporter, $at, $animateurId, $at, $animateurId)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ...session } },
  );
  return inserted.length > 0;
};

/** Replaces a session's values, next version. */
export const updateSession = async (
  sequelize: Sequelize,
  id: string,
  values: SessionValues,
  meta: { readonly by: string; readonly at: Date },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE session_collective SET offre_id = $offreId, titre = $titre, debut = $debut, duree_minutes = $dureeMinutes,
            site_id = $siteId, adresse = $adresse, places = $places, date_limite_inscription = $dateLimiteInscription,
            autoinscription = $autoinscription, visible = visible OR $autoinscription, commentaire = $commentaire,
            a_apporter = $aApporter, version = version + 1, updated_at = $at, updated_by = $by
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, ...values, ...meta } },
  );
};

/** Sets a session's final status: cancelled, or closed by its émargement (who and when); next version. */
export const endSession = async (
  sequelize: Sequelize,
  id: string,
  statut: 'ANNULEE' | 'CLOTUREE',
  meta: { readonly by: string; readonly at: Date },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE session_collective SET statut = $statut, version = version + 1, updated_at = $at, updated_by = $by,
            clos_le = CASE WHEN $statut = 'CLOTUREE' THEN $at::timestamptz END,
            clos_par = CASE WHEN $statut = 'CLOTUREE' THEN $by::uuid END
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, statut, ...meta } },
  );
};

/** An internal offre as a session needs it. */
export interface OffreForSession {
  readonly id: string;
  readonly missionLocaleId: string;
  readonly type: string;
  readonly actif: boolean;
  readonly timezone: string;
}

/** An internal offre inside a scope, or null. */
export const findOffre = async (
  sequelize: Sequelize,
  id: string,
  scope: readonly string[] | null,
  options: Options,
): Promise<OffreForSession | null> => {
  const [row] = await sequelize.query<{ id: string; mission_locale_id: string; type: string; actif: boolean; timezone: string }>(
    `SELECT o.id, o.mission_locale_id, o.type, o.actif, ml.timezone
     FROM offre_interne o JOIN mission_locale ml ON ml.id = o.mission_locale_id
     WHERE o.id = $id AND ($scope::uuid[] IS NULL OR o.mission_locale_id = ANY($scope::uuid[]))`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { id, scope: pgArray(scope) } },
  );
  return row ? { id: row.id, missionLocaleId: row.mission_locale_id, type: row.type, actif: row.actif, timezone: row.timezone } : null;
};

// ---------------------------------------------------------------------------------------------------------------
// Registrations.

/** A registration, with the jeune's names and, on the waiting list, its rank. */
export interface InscriptionRecord {
  readonly id: string;
  readonly jeune: { readonly id: string; readonly prenom: string; readonly nom: string };
  readonly statut: StatutInscription;
  readonly rangAttente: number | null;
  readonly inscritLe: Date;
}

interface InscriptionRow {
  id: string;
  jeune_id: string;
  prenom: string;
  nom: string;
  statut: StatutInscription;
  rang: number | null;
  inscrit_le: Date;
}

const toInscription = (row: InscriptionRow): InscriptionRecord => ({
  id: row.id,
  jeune: { id: row.jeune_id, prenom: row.prenom, nom: row.nom },
  statut: row.statut,
  rangAttente: row.rang,
  inscritLe: row.inscrit_le,
});

// The waiting list follows the order of registration.
const INSCRIPTION_SELECT = `
  SELECT i.id, i.jeune_id, j.prenoms AS prenom, COALESCE(j.nom_usage, j.nom_naissance) AS nom, i.statut, i.inscrit_le,
         CASE WHEN i.statut = 'ATTENTE' THEN
           (SELECT count(*)::int FROM inscription_session w
            WHERE w.session_id = i.session_id AND w.statut = 'ATTENTE' AND (w.inscrit_le, w.id) <= (i.inscrit_le, i.id))
         END AS rang
  FROM inscription_session i
  JOIN jeune j ON j.id = i.jeune_id`;

/** A session's registrations: the seated ones by name, then the waiting list in order, then the unregistered. */
export const listInscriptions = async (sequelize: Sequelize, sessionId: string, options: Options): Promise<InscriptionRecord[]> => {
  const rows = await sequelize.query<InscriptionRow>(
    `${INSCRIPTION_SELECT}
     WHERE i.session_id = $sessionId
     ORDER BY CASE WHEN i.statut = 'ATTENTE' THEN 1 WHEN i.statut = 'DESINSCRIT' THEN 2 ELSE 0 END,
              CASE WHEN i.statut = 'ATTENTE' THEN NULL ELSE COALESCE(j.nom_usage, j.nom_naissance) END, i.inscrit_le, i.id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { sessionId } },
  );
  return rows.map(toInscription);
};

/** A jeune's registration to a session, or null. */
export const findInscription = async (
  sequelize: Sequelize,
  sessionId: string,
  jeuneId: string,
  options: Options,
): Promise<InscriptionRecord | null> => {
  const [row] = await sequelize.query<InscriptionRow>(`${INSCRIPTION_SELECT} WHERE i.session_id = $sessionId AND i.jeune_id = $jeuneId`, {
    type: QueryTypes.SELECT,
    transaction: options.transaction,
    bind: { sessionId, jeuneId },
  });
  return row ? toInscription(row) : null;
};

/**
 * Registers a jeune (or puts them on the waiting list): a new row, or the row of an earlier unregistration, which
 * goes to the back of the queue.
 */
export const saveInscription = async (
  sequelize: Sequelize,
  inscription: {
    readonly id: string;
    readonly sessionId: string;
    readonly jeuneId: string;
    readonly missionLocaleId: string;
    readonly statut: 'INSCRIT' | 'ATTENTE';
    readonly par: string | null;
    readonly at: Date;
  },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `INSERT INTO inscription_session (id, session_id, jeune_id, mission_locale_id, statut, inscrit_le, par, updated_at)
     VALUES ($id, $sessionId, $jeuneId, $missionLocaleId, $statut, $at, $par, $at)
     ON CONFLICT (session_id, jeune_id) DO UPDATE SET statut = EXCLUDED.statut, inscrit_le = EXCLUDED.inscrit_le,
       par = EXCLUDED.par, updated_at = EXCLUDED.updated_at`,
    { transaction: options.transaction, bind: { ...inscription } },
  );
};

/** Sets a registration's status (and the événement its émargement wrote). */
export const setInscriptionStatut = async (
  sequelize: Sequelize,
  id: string,
  statut: 'INSCRIT' | 'DESINSCRIT' | StatutPresence,
  meta: { readonly at: Date; readonly evenementId?: string },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE inscription_session SET statut = $statut, updated_at = $at, evenement_id = COALESCE($evenementId::uuid, evenement_id)
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, statut, at: meta.at, evenementId: meta.evenementId ?? null } },
  );
};

/** The first `count` jeunes of a session's waiting list, in order. */
export const firstWaiting = async (
  sequelize: Sequelize,
  sessionId: string,
  count: number,
  options: Options,
): Promise<{ id: string; jeuneId: string }[]> => {
  if (count <= 0) {
    return [];
  }
  const rows = await sequelize.query<{ id: string; jeune_id: string }>(
    `SELECT id, jeune_id FROM inscription_session WHERE session_id = $sessionId AND statut = 'ATTENTE'
     ORDER BY inscrit_le, id LIMIT $count`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { sessionId, count } },
  );
  return rows.map((row) => ({ id: row.id, jeuneId: row.jeune_id }));
};
