import { createHash, randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { BiProfil, CategorieSituation, EtatSituation, NiveauCompletude, NiveauFormation, Role } from '@imilo/domain';
import { hashSecret } from '../../src/features/auth/password-hasher';

/** The password every test user gets unless told otherwise. */
export const TEST_PASSWORD = 'Escargot-Violet-Tambour-42';

let sequence = 0;
const next = () => `${process.pid}${++sequence}`;

/** A Mission Locale (with its région and one site); returns the ids. */
export const aMissionLocale = async (
  sequelize: Sequelize,
  overrides: { nom?: string; timezone?: string } = {},
): Promise<{ id: string; siteId: string; nom: string }> => {
  const n = next();
  const regionId = randomUUID();
  const id = randomUUID();
  const siteId = randomUUID();
  const nom = overrides.nom ?? `Mission Locale Test ${n}`;
  await sequelize.query(`INSERT INTO region (id, code, nom) VALUES (:regionId, :code, 'Région test')`, {
    replacements: { regionId, code: `R${n}` },
  });
  await sequelize.query(
    `INSERT INTO mission_locale (id, code_imilo, nom, region_id, code_departement, timezone)
     VALUES (:id, :code, :nom, :regionId, '33', :timezone)`,
    { replacements: { id, code: `T${n}S00`, nom, regionId, timezone: overrides.timezone ?? 'Europe/Paris' } },
  );
  await sequelize.query(
    `INSERT INTO site (id, mission_locale_id, nom, type, commune_insee) VALUES (:siteId, :id, 'Siège', 'siege', '33063')`,
    { replacements: { siteId, id } },
  );
  return { id, siteId, nom };
};

/** What a test user may be given. */
export interface UserOverrides {
  login?: string;
  prenom?: string;
  nom?: string;
  roles?: Role[];
  biProfils?: BiProfil[];
  password?: string | null;
  passwordChangedAt?: Date | null;
  active?: boolean;
  cguAccepted?: boolean;
  missionLocaleIds?: string[];
}

/** A user of the given Mission Locale (first id principal); returns id and login. */
export const aUser = async (
  sequelize: Sequelize,
  missionLocale: { id: string; siteId?: string },
  overrides: UserOverrides = {},
): Promise<{ id: string; login: string }> => {
  const id = randomUUID();
  const login = overrides.login ?? `test.user${next()}`;
  const password = overrides.password === undefined ? TEST_PASSWORD : overrides.password;
  const roles = overrides.roles ?? ['conseiller'];
  await sequelize.query(
    `INSERT INTO utilisateur (id, login, prenom, nom, roles, bi_profils, password_hash, password_changed_at, active, activated_at)
     VALUES (:id, :login, :prenom, :nom, ARRAY[:roles]::text[], :biProfils::text[], :hash, :changedAt, :active,
             CASE WHEN :hash::text IS NULL THEN NULL ELSE now() END)`,
    {
      replacements: {
        id,
        login,
        prenom: overrides.prenom ?? 'Camille',
        nom: overrides.nom ?? 'Martin',
        roles,
        biProfils: `{${(overrides.biProfils ?? []).join(',')}}`,
        hash: password === null ? null : await hashSecret(password),
        changedAt: overrides.passwordChangedAt === undefined ? new Date() : overrides.passwordChangedAt,
        active: overrides.active ?? true,
      },
    },
  );
  const mls = [missionLocale.id, ...(overrides.missionLocaleIds ?? [])];
  for (const [index, mlId] of mls.entries()) {
    await sequelize.query(
      `INSERT INTO utilisateur_mission_locale (utilisateur_id, mission_locale_id, principale, site_id)
       VALUES (:id, :mlId, :principale, :siteId)`,
      { replacements: { id, mlId, principale: index === 0, siteId: index === 0 ? (missionLocale.siteId ?? null) : null } },
    );
  }
  if (overrides.cguAccepted ?? true) {
    await sequelize.query(
      `INSERT INTO cgu_acceptance (utilisateur_id, cgu_version_id, accepted_at)
       SELECT :id, v.id, now() FROM cgu_version v
       WHERE v.audience = :audience AND v.version = (SELECT max(version) FROM cgu_version WHERE audience = :audience)`,
      { replacements: { id, audience: roles.includes('jeune') ? 'jeune' : 'staff' } },
    );
  }
  return { id, login };
};

/** What a test jeune's dossier may be given. */
export interface JeuneOverrides {
  /** Chosen ahead when a value sealed for this dossier (NIR) must name it. */
  id?: string;
  matricule?: string;
  nomNaissance?: string;
  nomUsage?: string | null;
  prenoms?: string;
  sexe?: 'F' | 'M';
  /** `YYYY-MM-DD`. */
  dateNaissance?: string;
  communeInsee?: string | null;
  telephone?: string | null;
  email?: string | null;
  referentId?: string | null;
  statutDossier?: 'actif' | 'archive' | 'anonymise';
  /** Encrypted as the BFF stores it (see `sealSensitive`). */
  nirEnc?: Buffer | null;
  pieceIdentiteNumEnc?: Buffer | null;
  nationalite?: 'FRANCAISE' | 'UE' | 'HORS_UE' | null;
  communeNaissanceInsee?: string | null;
  /** The current address's QPV code, as the BFF denormalises it. */
  qpvCode?: string | null;
  niveauFormation?: NiveauFormation | null;
  /** Stored as the BFF computes it; `partiel` unless told. */
  completude?: NiveauCompletude;
  /** The stored current situation (the `situation` rows are `aSituation`'s). */
  situationCourante?: { categorie: CategorieSituation; etat: EtatSituation } | null;
  /** `YYYY-MM-DD`. */
  dernierContactLe?: string | null;
  createdAt?: Date;
}

/** A jeune's dossier in the given Mission Locale (by default Camille Durand, born 2008-03-14 in Bordeaux); returns id and matricule. */
export const aJeune = async (
  sequelize: Sequelize,
  missionLocale: { id: string },
  overrides: JeuneOverrides = {},
): Promise<{ id: string; matricule: string }> => {
  const id = overrides.id ?? randomUUID();
  const matricule = overrides.matricule ?? `J${next()}`;
  await sequelize.query(
    `INSERT INTO jeune (id, matricule, mission_locale_id, referent_id, nom_naissance, nom_usage, prenoms, sexe, date_naissance,
                        commune_insee, telephone, email, statut_dossier, nir_enc, piece_identite_num_enc, nationalite,
                        commune_naissance_insee, qpv_code, niveau_formation, completude, situation_courante_categorie,
                        situation_courante_etat, dernier_contact_le, created_at)
     VALUES (:id, :matricule, :missionLocaleId, :referentId, :nomNaissance, :nomUsage, :prenoms, :sexe, :dateNaissance,
             :communeInsee, :telephone, :email, :statutDossier, :nirEnc::bytea, :pieceIdentiteNumEnc::bytea, :nationalite,
             :communeNaissanceInsee, :qpvCode, :niveauFormation, :completude, :situationCategorie, :situationEtat,
             :dernierContactLe::date, COALESCE(:createdAt::timestamptz, now()))`,
    {
      replacements: {
        id,
        matricule,
        missionLocaleId: missionLocale.id,
        referentId: overrides.referentId ?? null,
        nomNaissance: overrides.nomNaissance ?? 'DURAND',
        nomUsage: overrides.nomUsage ?? null,
        prenoms: overrides.prenoms ?? 'Camille',
        sexe: overrides.sexe ?? 'F',
        dateNaissance: overrides.dateNaissance ?? '2008-03-14',
        communeInsee: overrides.communeInsee === undefined ? '33063' : overrides.communeInsee,
        telephone: overrides.telephone ?? null,
        email: overrides.email ?? null,
        statutDossier: overrides.statutDossier ?? 'actif',
        nirEnc: overrides.nirEnc ?? null,
        pieceIdentiteNumEnc: overrides.pieceIdentiteNumEnc ?? null,
        nationalite: overrides.nationalite ?? null,
        communeNaissanceInsee: overrides.communeNaissanceInsee ?? null,
        qpvCode: overrides.qpvCode ?? null,
        niveauFormation: overrides.niveauFormation ?? null,
        completude: overrides.completude ?? 'partiel',
        situationCategorie: overrides.situationCourante?.categorie ?? null,
        situationEtat: overrides.situationCourante?.etat ?? null,
        dernierContactLe: overrides.dernierContactLe ?? null,
        createdAt: overrides.createdAt ?? null,
      },
    },
  );
  return { id, matricule };
};

/** What a test situation may be given. */
export interface SituationOverrides {
  /** Chosen ahead when a spec orders rows by id. */
  id?: string;
  categorie?: CategorieSituation;
  etat?: EtatSituation;
  /** `YYYY-MM-DD`. */
  dateDebut?: string;
  /** `YYYY-MM-DD`. */
  dateFin?: string | null;
  intitule?: string | null;
  /** Its author, whom the timeline names. */
  createdBy?: string | null;
}

/**
 * A situation row of the jeune (EMPLOI, EN_COURS unless told), stored directly: the stored current situation is
 * `aJeune`'s `situationCourante`, to keep in agreement. Returns its id.
 */
export const aSituation = async (sequelize: Sequelize, jeune: { id: string }, overrides: SituationOverrides = {}): Promise<{ id: string }> => {
  const id = overrides.id ?? randomUUID();
  await sequelize.query(
    `INSERT INTO situation (id, jeune_id, categorie, etat, date_debut, date_fin, intitule, created_by)
     VALUES (:id, :jeuneId, :categorie, :etat, :dateDebut, :dateFin, :intitule, :createdBy)`,
    {
      replacements: {
        id,
        jeuneId: jeune.id,
        categorie: overrides.categorie ?? 'EMPLOI',
        etat: overrides.etat ?? 'EN_COURS',
        dateDebut: overrides.dateDebut ?? '2026-01-05',
        dateFin: overrides.dateFin ?? null,
        intitule: overrides.intitule ?? null,
        createdBy: overrides.createdBy ?? null,
      },
    },
  );
  return { id };
};

/** The audit rows of an actor or target, oldest first. */
export const auditRows = (sequelize: Sequelize, where: { targetId?: string; actorId?: string; action?: string }) =>
  sequelize.query<Record<string, unknown>>(
    `SELECT at, actor_id, mission_locale_id, action, outcome, target_type, target_id, ip, user_agent, details
     FROM audit_log
     WHERE (:targetId::text IS NULL OR target_id = :targetId)
       AND (:actorId::uuid IS NULL OR actor_id = :actorId)
       AND (:action::text IS NULL OR action = :action)
     ORDER BY id`,
    {
      type: QueryTypes.SELECT,
      replacements: { targetId: where.targetId ?? null, actorId: where.actorId ?? null, action: where.action ?? null },
    },
  );

/**
 * Remembers the CGU versions of the run; the returned function withdraws any published since (with their
 * acceptances), so that a spec publishing a version does not make every later spec's users re-accept.
 */
export const cguCheckpoint = async (sequelize: Sequelize): Promise<() => Promise<void>> => {
  const before = (await sequelize.query<{ id: string }>('SELECT id FROM cgu_version', { type: QueryTypes.SELECT })).map((row) => row.id);
  return async () => {
    await sequelize.query('DELETE FROM cgu_acceptance WHERE cgu_version_id NOT IN (:before)', { replacements: { before } });
    await sequelize.query('DELETE FROM cgu_version WHERE id NOT IN (:before)', { replacements: { before } });
  };
};

/** A valid 1×1 PNG: the smallest pièce a test can upload or store. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** What a test pièce may be given. */
export interface PieceOverrides {
  type?: 'IDENTITE' | 'DOMICILE' | 'RQTH' | 'RESSOURCES' | 'TITRE_SEJOUR' | 'DIPLOME' | 'AUTRE';
  statut?: 'A_VALIDER' | 'VALIDEE' | 'REFUSEE';
  nomFichier?: string;
  deposeePar?: string | null;
}

/** A pièce justificative of the jeune, stored directly (a PNG, à valider unless told); returns its id. */
export const aPiece = async (sequelize: Sequelize, jeune: { id: string }, overrides: PieceOverrides = {}): Promise<{ id: string }> => {
  const id = randomUUID();
  const statut = overrides.statut ?? 'A_VALIDER';
  await sequelize.query(
    `INSERT INTO piece_justificative (id, jeune_id, type, nom_fichier, mime, taille, sha256, contenu, statut, motif_refus,
                                      deposee_le, deposee_par, decidee_le)
     VALUES ($id, $jeuneId, $type, $nomFichier, 'image/png', $taille, $sha256, $contenu, $statut, $motif, now(), $deposeePar,
             CASE WHEN $statut = 'A_VALIDER' THEN NULL ELSE now() END)`,
    {
      bind: {
        id,
        jeuneId: jeune.id,
        type: overrides.type ?? 'IDENTITE',
        nomFichier: overrides.nomFichier ?? 'piece.png',
        taille: TINY_PNG.length,
        sha256: createHash('sha256').update(TINY_PNG).digest('hex'),
        contenu: TINY_PNG,
        statut,
        motif: statut === 'REFUSEE' ? 'Illisible.' : null,
        deposeePar: overrides.deposeePar ?? null,
      },
    },
  );
  return { id };
};

/** A saved search of the user (criteria: a text); returns its id. */
export const aRecherche = async (
  sequelize: Sequelize,
  utilisateurId: string,
  overrides: { nom?: string; criteres?: object } = {},
): Promise<{ id: string }> => {
  const id = randomUUID();
  await sequelize.query(
    `INSERT INTO recherche_sauvegardee (id, utilisateur_id, nom, criteres) VALUES (:id, :utilisateurId, :nom, :criteres::jsonb)`,
    {
      replacements: {
        id,
        utilisateurId,
        nom: overrides.nom ?? `Recherche ${next()}`,
        criteres: JSON.stringify(overrides.criteres ?? { q: 'durand', statut: 'actif' }),
      },
    },
  );
  return { id };
};

/**
 * Fills every field « complet » asks for on a jeune's dossier, with a current address in Bordeaux (not a
 * représentant légal: a minor stays « partiel »). The stored completude is left as it was, for the BFF to recompute.
 */
export const withCompletFields = async (sequelize: Sequelize, jeune: { id: string }): Promise<void> => {
  await sequelize.query(
    `UPDATE jeune SET ne_etranger = false, commune_naissance_insee = '33063', nationalite = 'FRANCAISE',
                      telephone = '0612345678', situation_familiale = 'CELIBATAIRE', enfants_a_charge = 0, niveau_formation = '4',
                      logement_situation = 'PARENTS', ressources = '[]', rqth = false, ft_inscrit = false
     WHERE id = :id;
     INSERT INTO jeune_adresse (id, jeune_id, ligne1, code_postal, commune_insee, valid_from)
     VALUES (:adresseId, :id, '1 cours de l''Intendance', '33000', '33063', '2024-01-01');`,
    { replacements: { id: jeune.id, adresseId: randomUUID() } },
  );
};
