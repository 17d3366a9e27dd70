import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

// A jeune's C-Milo account as the dossier sees it (#5): the account linked to the dossier, the activation codes sent
// (message_jeune rows of nature ACTIVATION and their attempt), in raw SQL. No code, hash or text is ever stored here.

/** The dossier's coordinates and its account, as sending a code reads them. */
export interface DossierCompte {
  readonly prenoms: string;
  readonly nom: string;
  readonly telephone: string | null;
  readonly email: string | null;
  readonly archive: boolean;
  readonly missionLocaleNom: string;
  readonly smsBudgetMensuel: number;
  readonly compte: {
    readonly id: string;
    readonly login: string;
    /** A password is set. */
    readonly active: boolean;
    readonly activeLe: Date | null;
    /** The account may sign in (not deactivated by an administrator). */
    readonly ouvert: boolean;
  } | null;
}

interface DossierCompteRow {
  prenoms: string;
  nom: string;
  telephone: string | null;
  email: string | null;
  statut_dossier: string;
  ml_nom: string;
  sms_budget_mensuel: number;
  utilisateur_id: string | null;
  login: string | null;
  has_password: boolean | null;
  activated_at: Date | null;
  compte_ouvert: boolean | null;
}

const blankToNull = (value: string | null): string | null => (value?.trim() ? value.trim() : null);

export const findDossierCompte = async (sequelize: Sequelize, jeuneId: string, transaction?: Transaction): Promise<DossierCompte | null> => {
  const [row] = await sequelize.query<DossierCompteRow>(
    `SELECT j.prenoms, COALESCE(j.nom_usage, j.nom_naissance) AS nom, j.telephone, j.email, j.statut_dossier,
            ml.nom AS ml_nom, ml.sms_budget_mensuel, j.utilisateur_id, u.login, u.password_hash IS NOT NULL AS has_password,
            u.activated_at, u.active AS compte_ouvert
     FROM jeune j
     JOIN mission_locale ml ON ml.id = j.mission_locale_id
     LEFT JOIN utilisateur u ON u.id = j.utilisateur_id
     WHERE j.id = $jeuneId`,
    { type: QueryTypes.SELECT, transaction, bind: { jeuneId } },
  );
  if (!row) {
    return null;
  }
  return {
    prenoms: row.prenoms,
    nom: row.nom,
    telephone: blankToNull(row.telephone),
    email: blankToNull(row.email),
    archive: row.statut_dossier === 'archive',
    missionLocaleNom: row.ml_nom,
    smsBudgetMensuel: row.sms_budget_mensuel,
    compte:
      row.utilisateur_id && row.login
        ? {
            id: row.utilisateur_id,
            login: row.login,
            active: row.has_password === true,
            activeLe: row.activated_at === null ? null : new Date(row.activated_at),
            ouvert: row.compte_ouvert === true,
          }
        : null,
  };
};

/** The latest activation code that left, by which channel and when. */
export interface CodeEnvoye {
  readonly envoyeLe: Date;
  readonly canal: 'sms' | 'email';
}

export const findDernierCodeEnvoye = async (sequelize: Sequelize, jeuneId: string, transaction?: Transaction): Promise<CodeEnvoye | null> => {
  const [row] = await sequelize.query<{ envoi_prevu_le: Date; canal: 'sms' | 'email' }>(
    `SELECT m.envoi_prevu_le, e.canal
     FROM message_jeune m JOIN message_envoi e ON e.message_id = m.id AND e.statut = 'ENVOYE'
     WHERE m.jeune_id = $jeuneId AND m.nature = 'ACTIVATION' AND m.statut = 'ENVOYE'
     ORDER BY m.envoi_prevu_le DESC, m.id DESC LIMIT 1`,
    { type: QueryTypes.SELECT, transaction, bind: { jeuneId } },
  );
  return row ? { envoyeLe: new Date(row.envoi_prevu_le), canal: row.canal } : null;
};

/** How many activation codes were tried for the dossier since the instant (sent or not). */
export const countCodesSince = async (sequelize: Sequelize, jeuneId: string, since: Date, transaction: Transaction): Promise<number> => {
  const [row] = await sequelize.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM message_jeune WHERE jeune_id = $jeuneId AND nature = 'ACTIVATION' AND envoi_prevu_le > $since`,
    { type: QueryTypes.SELECT, transaction, bind: { jeuneId, since: since.toISOString() } },
  );
  return row?.n ?? 0;
};

/** The identifiants already taken among `base` and `base` followed by digits. */
export const takenIdentifiants = async (sequelize: Sequelize, base: string, transaction: Transaction): Promise<Set<string>> => {
  const rows = await sequelize.query<{ login: string }>(
    `SELECT login FROM utilisateur WHERE left(login, length($base)) = $base AND substr(login, length($base) + 1) ~ '^[0-9]*$'`,
    { type: QueryTypes.SELECT, transaction, bind: { base } },
  );
  return new Set(rows.map((row) => row.login));
};

/** A jeune's account to create: no password (the activation code sets it), attached to the dossier's Mission Locale. */
export interface NouveauCompte {
  readonly id: string;
  readonly login: string;
  readonly prenom: string;
  readonly nom: string;
  readonly jeuneId: string;
  readonly missionLocaleId: string;
}

/**
 * Creates the account and links it to the dossier; false when the identifiant was taken meanwhile (nothing written).
 * The Mission Locale attachment is what signs the jeune's audit rows and scopes their session, as for staff.
 */
export const insertCompte = async (sequelize: Sequelize, compte: NouveauCompte, at: Date, transaction: Transaction): Promise<boolean> => {
  const inserted = await sequelize.query<{ id: string }>(
    `INSERT INTO utilisateur (id, login, prenom, nom, roles, created_at, updated_at)
     VALUES ($id, $login, $prenom, $nom, ARRAY['jeune']::text[], $at, $at)
     ON CONFLICT (login) DO NOTHING RETURNING id`,
    { type: QueryTypes.SELECT, transaction, bind: { id: compte.id, login: compte.login, prenom: compte.prenom, nom: compte.nom, at: at.toISOString() } },
  );
  if (inserted.length === 0) {
    return false;
  }
  await sequelize.query(
    'INSERT INTO utilisateur_mission_locale (utilisateur_id, mission_locale_id, principale) VALUES ($id, $ml, true)',
    { transaction, bind: { id: compte.id, ml: compte.missionLocaleId } },
  );
  await sequelize.query('UPDATE jeune SET utilisateur_id = $id WHERE id = $jeuneId', { transaction, bind: { id: compte.id, jeuneId: compte.jeuneId } });
  return true;
};

/** One activation code's sending, as the delivery log keeps it. */
export interface EnvoiActivation {
  readonly jeuneId: string;
  readonly missionLocaleId: string;
  readonly canal: 'sms' | 'email';
  readonly statut: 'ENVOYE' | 'ECHEC';
  readonly motif: string | null;
  readonly segments: number | null;
  readonly reference: string | null;
  readonly at: Date;
}

/** Writes the message (its key unique per code issued) and its one attempt. */
export const recordEnvoiActivation = async (sequelize: Sequelize, envoi: EnvoiActivation, transaction: Transaction): Promise<void> => {
  const messageId = randomUUID();
  const at = envoi.at.toISOString();
  await sequelize.query(
    `INSERT INTO message_jeune (id, cle, mission_locale_id, jeune_id, nature, envoi_prevu_le, statut, motif, traite_le, created_at)
     VALUES ($id, $cle, $ml, $jeuneId, 'ACTIVATION', $at, $statut, $motif, $at, $at)`,
    { transaction, bind: { id: messageId, cle: `activation:${messageId}`, ml: envoi.missionLocaleId, jeuneId: envoi.jeuneId, at, statut: envoi.statut, motif: envoi.motif } },
  );
  await sequelize.query(
    `INSERT INTO message_envoi (id, message_id, mission_locale_id, canal, statut, motif, segments, reference_fournisseur, created_at, updated_at)
     VALUES ($id, $messageId, $ml, $canal, $statut, $motif, $segments, $reference, $at, $at)`,
    {
      transaction,
      bind: {
        id: randomUUID(),
        messageId,
        ml: envoi.missionLocaleId,
        canal: envoi.canal,
        statut: envoi.statut,
        motif: envoi.motif,
        segments: envoi.segments,
        reference: envoi.reference,
        at,
      },
    },
  );
};
