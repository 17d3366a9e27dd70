import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { ModaliteRendezVous, PreferencesNotification, ReponseJeune, StatutPresence, StatutRendezVous, TypeRendezVous } from '@imilo/domain';

// C-Milo in SQL (#5): the jeune behind a signed-in account, their rendez-vous and sessions as they see them, their
// answers, their notification consents, and the single-use tokens of the notification actions.

interface Options {
  readonly transaction: Transaction;
}

/** The jeune whose account is signed in. */
export interface JeuneOfAccount {
  readonly id: string;
  readonly utilisateurId: string;
  readonly missionLocaleId: string;
  readonly timezone: string;
}

interface JeuneRow {
  id: string;
  utilisateur_id: string;
  mission_locale_id: string;
  timezone: string;
}

const JEUNE_SELECT = `
  SELECT j.id, j.utilisateur_id, j.mission_locale_id, ml.timezone
  FROM jeune j JOIN mission_locale ml ON ml.id = j.mission_locale_id`;

const toJeune = (row: JeuneRow): JeuneOfAccount => ({
  id: row.id,
  utilisateurId: row.utilisateur_id,
  missionLocaleId: row.mission_locale_id,
  timezone: row.timezone,
});

/** The live dossier linked to an account, or null; `lock` serialises the writes on the jeune's row. */
export const findJeuneOfAccount = async (
  sequelize: Sequelize,
  utilisateurId: string,
  options: Options & { readonly lock?: boolean },
): Promise<JeuneOfAccount | null> => {
  const [row] = await sequelize.query<JeuneRow>(
    `${JEUNE_SELECT} WHERE j.utilisateur_id = $utilisateurId AND j.statut_dossier <> 'anonymise'
     ${options.lock ? 'FOR NO KEY UPDATE OF j' : ''}`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { utilisateurId } },
  );
  return row ? toJeune(row) : null;
};

/** A live dossier by its id (the subject of a signed token), or null. */
export const findJeuneById = async (sequelize: Sequelize, id: string, options: Options): Promise<JeuneOfAccount | null> => {
  const [row] = await sequelize.query<JeuneRow>(`${JEUNE_SELECT} WHERE j.id = $id AND j.statut_dossier <> 'anonymise'`, {
    type: QueryTypes.SELECT,
    transaction: options.transaction,
    bind: { id },
  });
  return row ? toJeune(row) : null;
};

/** A rendez-vous or a session of the jeune, as C-Milo shows it (never the internal comment). */
export interface MeItemRecord {
  readonly kind: 'rendez-vous' | 'session';
  readonly id: string;
  /** The rendez-vous' type code, or null for a session. */
  readonly type: TypeRendezVous | null;
  /** The session's offre, or null for a rendez-vous. */
  readonly offreLibelle: string | null;
  readonly objet: string;
  readonly modalite: ModaliteRendezVous;
  readonly debut: Date;
  readonly dureeMinutes: number;
  readonly siteNom: string | null;
  readonly siteCommuneInsee: string | null;
  readonly adresse: string | null;
  readonly aApporter: string | null;
  readonly conseiller: { readonly prenom: string; readonly nom: string };
  readonly statut: StatutRendezVous;
  readonly reponse: ReponseJeune | null;
  readonly presence: StatutPresence | null;
  readonly rangAttente: number | null;
}

interface MeItemRow {
  kind: 'rendez-vous' | 'session';
  id: string;
  type: TypeRendezVous | null;
  offre_libelle: string | null;
  objet: string;
  modalite: ModaliteRendezVous;
  debut: Date;
  duree_minutes: number;
  site_nom: string | null;
  site_commune: string | null;
  adresse: string | null;
  a_apporter: string | null;
  conseiller_prenom: string;
  conseiller_nom: string;
  statut: StatutRendezVous;
  reponse: ReponseJeune | null;
  presence: StatutPresence | null;
  rang: number | null;
}

// One shape for both kinds: a session's status reads as a rendez-vous' (cancelled, closed, planned), its place as a
// modalité (on a site of the Mission Locale, or at an address); an unregistration removes it from the jeune's list.
const ME_ITEMS = `
  SELECT 'rendez-vous' AS kind, r.id, r.type, NULL AS offre_libelle, r.objet, r.modalite, r.debut, r.duree_minutes,
         si.nom AS site_nom, si.commune_insee AS site_commune, r.adresse, r.a_apporter,
         c.prenom AS conseiller_prenom, c.nom AS conseiller_nom, r.statut, r.reponse_jeune AS reponse, r.presence,
         NULL::int AS rang, r.jeune_id
  FROM rendez_vous r
  JOIN utilisateur c ON c.id = r.conseiller_id
  LEFT JOIN site si ON si.id = r.site_id
  UNION ALL
  SELECT 'session', s.id, NULL, o.libelle, s.titre,
         CASE WHEN s.site_id IS NULL THEN 'AUTRE_LIEU' ELSE 'PRESENTIEL_SITE' END, s.debut, s.duree_minutes,
         si.nom, si.commune_insee, s.adresse, s.a_apporter, a.prenom, a.nom,
         CASE s.statut WHEN 'ANNULEE' THEN 'ANNULE' WHEN 'CLOTUREE' THEN 'CLOS' ELSE 'PLANIFIE' END, NULL,
         CASE WHEN i.statut IN ('PRESENT', 'ABSENT', 'EXCUSE') THEN i.statut END,
         CASE WHEN i.statut = 'ATTENTE' THEN
           (SELECT count(*)::int FROM inscription_session w
            WHERE w.session_id = s.id AND w.statut = 'ATTENTE' AND (w.inscrit_le, w.id) <= (i.inscrit_le, i.id))
         END,
         i.jeune_id
  FROM inscription_session i
  JOIN session_collective s ON s.id = i.session_id
  JOIN offre_interne o ON o.id = s.offre_id
  JOIN utilisateur a ON a.id = s.animateur_id
  LEFT JOIN site si ON si.id = s.site_id
  WHERE i.statut <> 'DESINSCRIT'`;

const toItem = (row: MeItemRow): MeItemRecord => ({
  kind: row.kind,
  id: row.id,
  type: row.type,
  offreLibelle: row.offre_libelle,
  objet: row.objet,
  modalite: row.modalite,
  debut: row.debut,
  dureeMinutes: row.duree_minutes,
  siteNom: row.site_nom,
  siteCommuneInsee: row.site_commune,
  adresse: row.adresse,
  aApporter: row.a_apporter,
  conseiller: { prenom: row.conseiller_prenom, nom: row.conseiller_nom },
  statut: row.statut,
  reponse: row.reponse,
  presence: row.presence,
  rangAttente: row.rang,
});

/** The jeune's rendez-vous and sessions starting since `since`, by start (the service splits and orders them). */
export const listMeItems = async (sequelize: Sequelize, jeuneId: string, since: Date, options: Options): Promise<MeItemRecord[]> => {
  const rows = await sequelize.query<MeItemRow>(
    `SELECT * FROM (${ME_ITEMS}) item WHERE item.jeune_id = $jeuneId AND item.debut >= $since ORDER BY item.debut, item.id LIMIT 500`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { jeuneId, since } },
  );
  return rows.map(toItem);
};

/** One of the jeune's items, or null. */
export const findMeItem = async (
  sequelize: Sequelize,
  jeuneId: string,
  item: { readonly kind: 'rendez-vous' | 'session'; readonly id: string },
  options: Options,
): Promise<MeItemRecord | null> => {
  const [row] = await sequelize.query<MeItemRow>(
    `SELECT * FROM (${ME_ITEMS}) item WHERE item.jeune_id = $jeuneId AND item.kind = $kind AND item.id = $id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { jeuneId, kind: item.kind, id: item.id } },
  );
  return row ? toItem(row) : null;
};

/** What the jeune's answer needs of a rendez-vous. */
export interface RendezVousToAnswer {
  readonly id: string;
  readonly debut: Date;
  readonly statut: StatutRendezVous;
  readonly reponse: ReponseJeune | null;
}

/** The jeune's rendez-vous, locked until the transaction ends, or null (absent, or another jeune's). */
export const lockRendezVousOf = async (sequelize: Sequelize, jeuneId: string, id: string, options: Options): Promise<RendezVousToAnswer | null> => {
  const [row] = await sequelize.query<{ id: string; debut: Date; statut: StatutRendezVous; reponse_jeune: ReponseJeune | null }>(
    'SELECT id, debut, statut, reponse_jeune FROM rendez_vous WHERE id = $id AND jeune_id = $jeuneId FOR UPDATE',
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { id, jeuneId } },
  );
  return row ? { id: row.id, debut: row.debut, statut: row.statut, reponse: row.reponse_jeune } : null;
};

/**
 * Records the jeune's answer: a confirmation, or a cancellation (the rendez-vous is cancelled with their reason, by
 * them); next version, and one line of the rendez-vous' history.
 */
export const saveReponse = async (
  sequelize: Sequelize,
  id: string,
  reponse: { readonly reponse: ReponseJeune; readonly motif: string | null },
  meta: { readonly by: string; readonly at: Date },
  options: Options,
): Promise<void> => {
  const annule = reponse.reponse === 'ANNULE';
  await sequelize.query(
    `UPDATE rendez_vous SET reponse_jeune = $reponse, reponse_jeune_le = $at::timestamptz, version = version + 1,
            ics_sequence = ics_sequence + CASE WHEN $annule::boolean THEN 1 ELSE 0 END, updated_at = $at::timestamptz, updated_by = $by::uuid,
            statut = CASE WHEN $annule::boolean THEN 'ANNULE' ELSE statut END,
            motif_annulation = CASE WHEN $annule::boolean THEN $motif::text ELSE motif_annulation END,
            annule_le = CASE WHEN $annule::boolean THEN $at::timestamptz ELSE annule_le END,
            annule_par = CASE WHEN $annule::boolean THEN $by::uuid ELSE annule_par END
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, reponse: reponse.reponse, motif: reponse.motif, annule, ...meta } },
  );
  await sequelize.query(
    `INSERT INTO rendez_vous_historique (rendez_vous_id, le, auteur_id, operation, detail)
     VALUES ($id, $at, $by, $operation, $detail::jsonb)`,
    {
      transaction: options.transaction,
      bind: { id, ...meta, operation: annule ? 'ANNULATION' : 'CONFIRMATION', detail: JSON.stringify({ parJeune: true }) },
    },
  );
};

/** The jeune's consents per channel. */
export const readPreferences = async (sequelize: Sequelize, jeuneId: string, options: Options): Promise<PreferencesNotification> => {
  const [row] = await sequelize.query<PreferencesNotification>(
    'SELECT consentement_push AS push, consentement_sms AS sms, consentement_email AS email FROM jeune WHERE id = $jeuneId',
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { jeuneId } },
  );
  return { push: row!.push, sms: row!.sms, email: row!.email };
};

/**
 * Saves the jeune's consents; the dossier's version moves, so that a conseiller's edit made on an older read of the
 * coordonnées answers 409 instead of overwriting the jeune's choice.
 */
export const savePreferences = async (
  sequelize: Sequelize,
  jeuneId: string,
  preferences: PreferencesNotification,
  meta: { readonly by: string; readonly at: Date },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE jeune SET consentement_push = $push, consentement_sms = $sms, consentement_email = $email, version = version + 1,
            updated_at = $at, updated_by = $by
     WHERE id = $jeuneId`,
    { transaction: options.transaction, bind: { jeuneId, ...preferences, ...meta } },
  );
};

/** Marks a token used; false when it already was (a replay). Kept until it expires. */
export const useToken = async (sequelize: Sequelize, jti: string, meta: { readonly at: Date; readonly expiresAt: Date }, options: Options): Promise<boolean> => {
  const inserted = await sequelize.query(
    'INSERT INTO jeton_utilise (jti, utilise_le, expire_le) VALUES ($jti, $at, $expiresAt) ON CONFLICT (jti) DO NOTHING RETURNING jti',
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { jti, ...meta } },
  );
  return inserted.length > 0;
};
