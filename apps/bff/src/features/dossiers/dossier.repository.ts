import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type {
  CategorieSituation,
  CursusInput,
  EtatSituation,
  FamilleInput,
  FranceTravailInput,
  LogementInput,
  MobiliteInput,
  Nationalite,
  NiveauCompletude,
  RessourcesInput,
  SanteInput,
  Sexe,
  StatutDossier,
  TypePieceIdentite,
} from '@imilo/domain';
import { type Piece, PiecesRepository } from './pieces.repository';
import { pgArray } from '../../platform/sql';

// The jeune's dossier in SQL (#3): raw queries, plain objects out. Every query takes the transaction it runs in:
// PGlite (the embedded default) has a single session, and a query outside the open transaction would wait forever.

/** A staff member as a dossier names them. */
export interface Personne {
  readonly id: string;
  readonly prenom: string;
  readonly nom: string;
}

/** A `jeune` row with everything the dossier screen shows (sensitive numbers still encrypted). */
export interface JeuneRecord {
  readonly id: string;
  readonly matricule: string;
  readonly missionLocale: { readonly id: string; readonly nom: string; readonly timezone: string };
  readonly version: number;
  readonly statutDossier: StatutDossier;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly modifiePar: Personne | null;
  readonly referent: Personne | null;
  readonly nomNaissance: string;
  readonly nomUsage: string | null;
  readonly prenoms: string;
  readonly sexe: Sexe;
  /** `YYYY-MM-DD`, like every day below. */
  readonly dateNaissance: string;
  readonly neEtranger: boolean;
  readonly communeNaissanceInsee: string | null;
  readonly paysNaissance: string | null;
  readonly nationalite: Nationalite | null;
  readonly titreSejourExpireLe: string | null;
  readonly parentNeEtranger: boolean | null;
  readonly nirEnc: Buffer | null;
  readonly nirCertifie: boolean;
  readonly pieceIdentiteType: TypePieceIdentite | null;
  readonly pieceIdentiteNumEnc: Buffer | null;
  readonly recense: boolean | null;
  readonly jdcEffectuee: boolean | null;
  readonly telephone: string | null;
  readonly email: string | null;
  readonly consentements: { readonly sms: boolean; readonly email: boolean; readonly push: boolean };
  readonly famille: FamilleInput;
  readonly cursus: CursusInput;
  readonly ressources: RessourcesInput;
  readonly logement: LogementInput;
  readonly mobilite: MobiliteInput;
  readonly sante: SanteInput;
  readonly franceTravail: FranceTravailInput;
  readonly completude: NiveauCompletude;
}

/** One address of the jeune; `validTo` null for the current one. */
export interface AdresseRecord {
  readonly id: string;
  readonly ligne1: string;
  readonly ligne2: string | null;
  readonly codePostal: string;
  readonly communeInsee: string;
  readonly qpvCode: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** One situation of the jeune. */
export interface SituationRecord {
  readonly id: string;
  readonly categorie: CategorieSituation;
  readonly etat: EtatSituation;
  readonly dateDebut: string;
  readonly dateFin: string | null;
  readonly intitule: string | null;
  readonly romeCode: string | null;
}

/** The whole stored dossier. */
export interface DossierRecord {
  readonly jeune: JeuneRecord;
  /** Current first, then the older ones, latest first. */
  readonly adresses: readonly AdresseRecord[];
  readonly situations: readonly SituationRecord[];
  /** Latest first. */
  readonly pieces: readonly Piece[];
}

interface Options {
  readonly transaction: Transaction;
}

const personne = (id: string | null, prenom: string | null, nom: string | null): Personne | null =>
  id === null ? null : { id, prenom: prenom ?? '', nom: nom ?? '' };

const day = (column: string, alias = column.replace(/^\w+\./, '')) => `to_char(${column}, 'YYYY-MM-DD') AS ${alias}`;

const JEUNE_SELECT = `
  SELECT j.id, j.matricule, j.mission_locale_id, ml.nom AS ml_nom, ml.timezone, j.version, j.statut_dossier,
         j.created_at, j.updated_at,
         m.id AS modifie_par_id, m.prenom AS modifie_par_prenom, m.nom AS modifie_par_nom,
         r.id AS referent_id, r.prenom AS referent_prenom, r.nom AS referent_nom,
         j.nom_naissance, j.nom_usage, j.prenoms, j.sexe, ${day('j.date_naissance')}, j.ne_etranger,
         j.commune_naissance_insee, j.pays_naissance, j.nationalite, ${day('j.titre_sejour_expire_le')},
         j.parent_ne_etranger, j.nir_enc, j.nir_certifie, j.piece_identite_type, j.piece_identite_num_enc, j.recense,
         j.jdc_effectuee, j.telephone, j.email, j.consentement_sms, j.consentement_email, j.consentement_push,
         j.situation_familiale, j.enfants_a_charge, j.mode_garde, j.representants_legaux,
         j.niveau_formation, j.derniere_classe, ${day('j.date_sortie_formation_initiale')}, j.diplomes, j.experiences,
         j.langues, j.ressources, j.logement_situation, j.logement_difficulte, j.permis, j.vehicule, j.moyens_transport,
         j.rqth, ${day('j.rqth_fin')}, j.ft_inscrit, j.ft_identifiant, ${day('j.ft_date_inscription')}, j.completude
  FROM jeune j
  JOIN mission_locale ml ON ml.id = j.mission_locale_id
  LEFT JOIN utilisateur m ON m.id = j.updated_by
  LEFT JOIN utilisateur r ON r.id = j.referent_id`;

interface JeuneRow {
  id: string;
  matricule: string;
  mission_locale_id: string;
  ml_nom: string;
  timezone: string;
  version: number;
  statut_dossier: StatutDossier;
  created_at: Date;
  updated_at: Date;
  modifie_par_id: string | null;
  modifie_par_prenom: string | null;
  modifie_par_nom: string | null;
  referent_id: string | null;
  referent_prenom: string | null;
  referent_nom: string | null;
  nom_naissance: string;
  nom_usage: string | null;
  prenoms: string;
  sexe: Sexe;
  date_naissance: string;
  ne_etranger: boolean;
  commune_naissance_insee: string | null;
  pays_naissance: string | null;
  nationalite: Nationalite | null;
  titre_sejour_expire_le: string | null;
  parent_ne_etranger: boolean | null;
  nir_enc: Buffer | null;
  nir_certifie: boolean;
  piece_identite_type: TypePieceIdentite | null;
  piece_identite_num_enc: Buffer | null;
  recense: boolean | null;
  jdc_effectuee: boolean | null;
  telephone: string | null;
  email: string | null;
  consentement_sms: boolean;
  consentement_email: boolean;
  consentement_push: boolean;
  situation_familiale: FamilleInput['situationFamiliale'];
  enfants_a_charge: number | null;
  mode_garde: FamilleInput['modeGarde'];
  representants_legaux: FamilleInput['representantsLegaux'];
  niveau_formation: CursusInput['niveauFormation'];
  derniere_classe: string | null;
  date_sortie_formation_initiale: string | null;
  diplomes: CursusInput['diplomes'];
  experiences: CursusInput['experiences'];
  langues: CursusInput['langues'];
  ressources: RessourcesInput['liste'];
  logement_situation: LogementInput['situation'];
  logement_difficulte: boolean | null;
  permis: MobiliteInput['permis'];
  vehicule: boolean | null;
  moyens_transport: MobiliteInput['moyensTransport'];
  rqth: boolean | null;
  rqth_fin: string | null;
  ft_inscrit: boolean | null;
  ft_identifiant: string | null;
  ft_date_inscription: string | null;
  completude: NiveauCompletude;
}

const toJeune = (row: JeuneRow): JeuneRecord => ({
  id: row.id,
  matricule: row.matricule,
  missionLocale: { id: row.mission_locale_id, nom: row.ml_nom, timezone: row.timezone },
  version: row.version,
  statutDossier: row.statut_dossier,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  modifiePar: personne(row.modifie_par_id, row.modifie_par_prenom, row.modifie_par_nom),
  referent: personne(row.referent_id, row.referent_prenom, row.referent_nom),
  nomNaissance: row.nom_naissance,
  nomUsage: row.nom_usage,
  prenoms: row.prenoms,
  sexe: row.sexe,
  dateNaissance: row.date_naissance,
  neEtranger: row.ne_etranger,
  communeNaissanceInsee: row.commune_naissance_insee,
  paysNaissance: row.pays_naissance,
  nationalite: row.nationalite,
  titreSejourExpireLe: row.titre_sejour_expire_le,
  parentNeEtranger: row.parent_ne_etranger,
  nirEnc: row.nir_enc,
  nirCertifie: row.nir_certifie,
  pieceIdentiteType: row.piece_identite_type,
  pieceIdentiteNumEnc: row.piece_identite_num_enc,
  recense: row.recense,
  jdcEffectuee: row.jdc_effectuee,
  telephone: row.telephone,
  email: row.email,
  consentements: { sms: row.consentement_sms, email: row.consentement_email, push: row.consentement_push },
  famille: {
    situationFamiliale: row.situation_familiale,
    enfantsACharge: row.enfants_a_charge,
    modeGarde: row.mode_garde,
    representantsLegaux: row.representants_legaux ?? [],
  },
  cursus: {
    niveauFormation: row.niveau_formation,
    derniereClasse: row.derniere_classe,
    dateSortieFormationInitiale: row.date_sortie_formation_initiale,
    diplomes: row.diplomes ?? [],
    experiences: row.experiences ?? [],
    langues: row.langues ?? [],
  },
  ressources: { liste: row.ressources },
  logement: { situation: row.logement_situation, difficulte: row.logement_difficulte },
  mobilite: { permis: row.permis ?? [], vehicule: row.vehicule, moyensTransport: row.moyens_transport ?? [] },
  sante: { rqth: row.rqth, rqthFin: row.rqth_fin },
  franceTravail: { inscrit: row.ft_inscrit, identifiant: row.ft_identifiant, dateInscription: row.ft_date_inscription },
  completude: row.completude,
});

/**
 * A jeune's dossier row inside a scope (`null`: every Mission Locale), or null when absent, elsewhere or anonymised
 * (kept for statistics only). `forUpdate` locks the row until the transaction ends (optimistic locking's check).
 */
export const findJeune = async (
  sequelize: Sequelize,
  id: string,
  options: Options & { readonly scope: readonly string[] | null; readonly forUpdate?: boolean },
): Promise<JeuneRecord | null> => {
  const rows = await sequelize.query<JeuneRow>(
    `${JEUNE_SELECT}
     WHERE j.id = :id
       AND (:scope::uuid[] IS NULL OR j.mission_locale_id = ANY(:scope::uuid[]))
       AND j.statut_dossier <> 'anonymise'
     ${options.forUpdate ? 'FOR UPDATE OF j' : ''}`,
    { type: QueryTypes.SELECT, transaction: options.transaction, replacements: { id, scope: pgArray(options.scope) } },
  );
  return rows[0] ? toJeune(rows[0]) : null;
};

interface AdresseRow {
  id: string;
  ligne1: string;
  ligne2: string | null;
  code_postal: string;
  commune_insee: string;
  qpv_code: string | null;
  valid_from: string;
  valid_to: string | null;
}

/** The jeune's addresses: the current one first, then the older ones, latest first. */
export const findAdresses = async (sequelize: Sequelize, jeuneId: string, options: Options): Promise<AdresseRecord[]> => {
  const rows = await sequelize.query<AdresseRow>(
    `SELECT id, ligne1, ligne2, code_postal, commune_insee, qpv_code, ${day('valid_from')}, ${day('valid_to')}
     FROM jeune_adresse WHERE jeune_id = :jeuneId
     ORDER BY (valid_to IS NULL) DESC, valid_from DESC, created_at DESC`,
    { type: QueryTypes.SELECT, transaction: options.transaction, replacements: { jeuneId } },
  );
  return rows.map((row) => ({
    id: row.id,
    ligne1: row.ligne1,
    ligne2: row.ligne2,
    codePostal: row.code_postal,
    communeInsee: row.commune_insee,
    qpvCode: row.qpv_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  }));
};

interface SituationRow {
  id: string;
  categorie: CategorieSituation;
  etat: EtatSituation;
  date_debut: string;
  date_fin: string | null;
  intitule: string | null;
  rome_code: string | null;
}

/** The jeune's situations, latest start first. */
export const findSituations = async (sequelize: Sequelize, jeuneId: string, options: Options): Promise<SituationRecord[]> => {
  const rows = await sequelize.query<SituationRow>(
    `SELECT id, categorie, etat, ${day('date_debut')}, ${day('date_fin')}, intitule, rome_code
     FROM situation WHERE jeune_id = :jeuneId
     ORDER BY date_debut DESC, created_at DESC, id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, replacements: { jeuneId } },
  );
  return rows.map((row) => ({
    id: row.id,
    categorie: row.categorie,
    etat: row.etat,
    dateDebut: row.date_debut,
    dateFin: row.date_fin,
    intitule: row.intitule,
    romeCode: row.rome_code,
  }));
};

/** The whole dossier inside a scope, or null (see `findJeune`). */
export const findDossier = async (
  sequelize: Sequelize,
  id: string,
  options: Options & { readonly scope: readonly string[] | null; readonly forUpdate?: boolean },
): Promise<DossierRecord | null> => {
  const jeune = await findJeune(sequelize, id, options);
  if (jeune === null) {
    return null;
  }
  // One after the other: a transaction is one connection.
  const adresses = await findAdresses(sequelize, id, options);
  const situations = await findSituations(sequelize, id, options);
  const pieces = await new PiecesRepository(sequelize).listOf(id, options.transaction);
  return { jeune, adresses, situations, pieces };
};

// ---------------------------------------------------------------------------------------------------------------
// Writes.

/** The `jeune` columns a section writes, with their SQL type where the value needs a cast. */
const JEUNE_COLUMNS = {
  nom_naissance: 'text',
  nom_usage: 'text',
  prenoms: 'text',
  sexe: 'text',
  date_naissance: 'date',
  ne_etranger: 'boolean',
  commune_naissance_insee: 'text',
  pays_naissance: 'text',
  nationalite: 'text',
  titre_sejour_expire_le: 'date',
  parent_ne_etranger: 'boolean',
  nir_enc: 'bytea',
  nir_certifie: 'boolean',
  piece_identite_type: 'text',
  piece_identite_num_enc: 'bytea',
  recense: 'boolean',
  jdc_effectuee: 'boolean',
  telephone: 'text',
  email: 'text',
  consentement_sms: 'boolean',
  consentement_email: 'boolean',
  consentement_push: 'boolean',
  commune_insee: 'text',
  qpv_code: 'text',
  situation_familiale: 'text',
  enfants_a_charge: 'integer',
  mode_garde: 'text',
  representants_legaux: 'jsonb',
  niveau_formation: 'text',
  derniere_classe: 'text',
  date_sortie_formation_initiale: 'date',
  diplomes: 'jsonb',
  experiences: 'jsonb',
  langues: 'jsonb',
  ressources: 'jsonb',
  logement_situation: 'text',
  logement_difficulte: 'boolean',
  permis: 'text[]',
  vehicule: 'boolean',
  moyens_transport: 'text[]',
  rqth: 'boolean',
  rqth_fin: 'date',
  ft_inscrit: 'boolean',
  ft_identifiant: 'text',
  ft_date_inscription: 'date',
} as const;

/** A `jeune` column a dossier edit may write. */
export type JeuneColumn = keyof typeof JEUNE_COLUMNS;
/** Values of some `jeune` columns: jsonb as objects, text[] as string arrays, dates as `YYYY-MM-DD`. */
export type JeuneValues = Partial<Record<JeuneColumn, unknown>>;

/** A value as bound to the query: JSON text for jsonb, an array literal for text[] (enum codes: nothing to quote). */
const bound = (column: JeuneColumn, value: unknown): unknown => {
  if (value === null || value === undefined) {
    return null;
  }
  switch (JEUNE_COLUMNS[column]) {
    case 'jsonb':
      return JSON.stringify(value);
    case 'text[]':
      return `{${(value as readonly string[]).join(',')}}`;
    default:
      return value;
  }
};

const assignments = (values: JeuneValues) => {
  const columns = (Object.keys(values) as JeuneColumn[]).filter((column) => column in JEUNE_COLUMNS);
  return {
    sql: columns.map((column) => `${column} = :v_${column}::${JEUNE_COLUMNS[column]}`),
    replacements: Object.fromEntries(columns.map((column) => [`v_${column}`, bound(column, values[column])])),
  };
};

/**
 * Writes the columns of an edit and bumps the version, when it is still the one read; answers whether it was
 * (false: another edit came first).
 */
export const updateJeune = async (
  sequelize: Sequelize,
  id: string,
  values: JeuneValues,
  edit: { readonly version: number; readonly by: string; readonly at: Date },
  options: Options,
): Promise<boolean> => {
  const { sql, replacements } = assignments(values);
  const rows = await sequelize.query<{ id: string }>(
    `UPDATE jeune SET ${[...sql, 'version = version + 1', 'updated_by = :by', 'updated_at = :at'].join(', ')}
     WHERE id = :id AND version = :version
     RETURNING id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, replacements: { ...replacements, id, version: edit.version, by: edit.by, at: edit.at } },
  );
  return rows.length === 1;
};

/** What a new dossier is created with. */
export interface NewJeune {
  readonly id: string;
  readonly matricule: string;
  readonly missionLocaleId: string;
  readonly referentId: string | null;
  readonly createdBy: string;
  readonly at: Date;
  /** `YYYY-MM-DD`: the Mission Locale's day of the premier accueil. */
  readonly today: string;
  readonly values: JeuneValues;
}

/** Inserts a new dossier (version 1). */
export const insertJeune = async (sequelize: Sequelize, jeune: NewJeune, options: Options): Promise<void> => {
  const { replacements } = assignments(jeune.values);
  const columns = (Object.keys(jeune.values) as JeuneColumn[]).filter((column) => column in JEUNE_COLUMNS);
  await sequelize.query(
    `INSERT INTO jeune (id, matricule, mission_locale_id, referent_id, created_by, updated_by, created_at, updated_at,
                        date_premier_accueil, dernier_contact_le${columns.map((column) => `, ${column}`).join('')})
     VALUES (:id, :matricule, :missionLocaleId, :referentId, :createdBy, :createdBy, :at, :at, :today::date, :today::date
             ${columns.map((column) => `, :v_${column}::${JEUNE_COLUMNS[column]}`).join('')})`,
    {
      type: QueryTypes.INSERT,
      transaction: options.transaction,
      replacements: {
        ...replacements,
        id: jeune.id,
        matricule: jeune.matricule,
        missionLocaleId: jeune.missionLocaleId,
        referentId: jeune.referentId,
        createdBy: jeune.createdBy,
        at: jeune.at,
        today: jeune.today,
      },
    },
  );
};

/**
 * The next matricule of a Mission Locale, `<code_imilo>-<rank on 5 digits>` like i-milo's (and the demo seed's).
 * The advisory lock serialises two creations in the same Mission Locale until their transactions end.
 */
export const nextMatricule = async (sequelize: Sequelize, missionLocaleId: string, options: Options): Promise<string> => {
  await sequelize.query('SELECT pg_advisory_xact_lock(hashtext(:key))', {
    type: QueryTypes.SELECT,
    transaction: options.transaction,
    replacements: { key: `matricule:${missionLocaleId}` },
  });
  const [row] = await sequelize.query<{ code: string; rang: number }>(
    `SELECT ml.code_imilo AS code,
            COALESCE((SELECT max(substring(j.matricule FROM '-(\\d{1,9})$')::int)
                      FROM jeune j WHERE j.matricule LIKE ml.code_imilo || '-%'), 0) + 1 AS rang
     FROM mission_locale ml WHERE ml.id = :missionLocaleId`,
    { type: QueryTypes.SELECT, transaction: options.transaction, replacements: { missionLocaleId } },
  );
  if (!row) {
    throw new Error(`unknown mission locale ${missionLocaleId}`);
  }
  return `${row.code}-${String(row.rang).padStart(5, '0')}`;
};

/** The time zone of a Mission Locale, whose local day dates a premier accueil. */
export const missionLocaleTimezone = async (sequelize: Sequelize, missionLocaleId: string, options: Options): Promise<string> => {
  const [row] = await sequelize.query<{ timezone: string }>('SELECT timezone FROM mission_locale WHERE id = :missionLocaleId', {
    type: QueryTypes.SELECT,
    transaction: options.transaction,
    replacements: { missionLocaleId },
  });
  if (!row) {
    throw new Error(`unknown mission locale ${missionLocaleId}`);
  }
  return row.timezone;
};

/** An address as the dossier stores it. */
export interface AdresseValues {
  readonly ligne1: string;
  readonly ligne2: string | null;
  readonly codePostal: string;
  readonly communeInsee: string;
  readonly qpvCode: string | null;
}

/** Opens the jeune's current address from a day. */
export const insertAdresse = async (
  sequelize: Sequelize,
  jeuneId: string,
  adresse: AdresseValues,
  meta: { readonly validFrom: string; readonly by: string; readonly at: Date },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `INSERT INTO jeune_adresse (id, jeune_id, ligne1, ligne2, code_postal, commune_insee, qpv_code, valid_from, created_by, created_at)
     VALUES (:id, :jeuneId, :ligne1, :ligne2, :codePostal, :communeInsee, :qpvCode, :validFrom::date, :by, :at)`,
    {
      type: QueryTypes.INSERT,
      transaction: options.transaction,
      replacements: { id: randomUUID(), jeuneId, ...adresse, validFrom: meta.validFrom, by: meta.by, at: meta.at },
    },
  );
};

/** Ends an address on a day: it becomes history. */
export const closeAdresse = async (sequelize: Sequelize, adresseId: string, validTo: string, options: Options): Promise<void> => {
  await sequelize.query('UPDATE jeune_adresse SET valid_to = :validTo::date WHERE id = :adresseId', {
    type: QueryTypes.UPDATE,
    transaction: options.transaction,
    replacements: { adresseId, validTo },
  });
};

/** Corrects an address in place (it was opened the same day: a typo, not a move). */
export const correctAdresse = async (sequelize: Sequelize, adresseId: string, adresse: AdresseValues, options: Options): Promise<void> => {
  await sequelize.query(
    `UPDATE jeune_adresse SET ligne1 = :ligne1, ligne2 = :ligne2, code_postal = :codePostal, commune_insee = :communeInsee,
            qpv_code = :qpvCode
     WHERE id = :adresseId`,
    { type: QueryTypes.UPDATE, transaction: options.transaction, replacements: { adresseId, ...adresse } },
  );
};

/** Of these situation ids, those that belong to another jeune's dossier. */
export const situationIdsOfOthers = async (
  sequelize: Sequelize,
  jeuneId: string,
  ids: readonly string[],
  options: Options,
): Promise<string[]> => {
  if (ids.length === 0) {
    return [];
  }
  const rows = await sequelize.query<{ id: string }>('SELECT id FROM situation WHERE id IN (:ids) AND jeune_id <> :jeuneId', {
    type: QueryTypes.SELECT,
    transaction: options.transaction,
    replacements: { ids, jeuneId },
  });
  return rows.map((row) => row.id);
};

/** A situation to store, its id chosen (kept, or new). */
export type SituationValues = SituationRecord;

/** Makes the jeune's situations exactly these: updates the kept ones, inserts the new ones, deletes the others. */
export const replaceSituations = async (
  sequelize: Sequelize,
  jeuneId: string,
  situations: readonly SituationValues[],
  meta: { readonly by: string; readonly at: Date },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `DELETE FROM situation WHERE jeune_id = :jeuneId ${situations.length > 0 ? 'AND id NOT IN (:ids)' : ''}`,
    {
      type: QueryTypes.DELETE,
      transaction: options.transaction,
      replacements: { jeuneId, ids: situations.map((situation) => situation.id) },
    },
  );
  for (const situation of situations) {
    await sequelize.query(
      `INSERT INTO situation (id, jeune_id, categorie, etat, date_debut, date_fin, intitule, rome_code, created_by, created_at, updated_at)
       VALUES (:id, :jeuneId, :categorie, :etat, :dateDebut::date, :dateFin::date, :intitule, :romeCode, :by, :at, :at)
       ON CONFLICT (id) DO UPDATE SET categorie = EXCLUDED.categorie, etat = EXCLUDED.etat, date_debut = EXCLUDED.date_debut,
         date_fin = EXCLUDED.date_fin, intitule = EXCLUDED.intitule, rome_code = EXCLUDED.rome_code, updated_at = EXCLUDED.updated_at
       WHERE situation.jeune_id = EXCLUDED.jeune_id`,
      {
        type: QueryTypes.INSERT,
        transaction: options.transaction,
        replacements: { ...situation, jeuneId, by: meta.by, at: meta.at },
      },
    );
  }
};

/** Stores what the domain computed from the dossier: completeness and current situation. */
export const saveDerived = async (
  sequelize: Sequelize,
  jeuneId: string,
  derived: {
    readonly completude: NiveauCompletude;
    readonly situationCategorie: CategorieSituation | null;
    readonly situationEtat: EtatSituation | null;
  },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE jeune SET completude = :completude, situation_courante_categorie = :situationCategorie,
            situation_courante_etat = :situationEtat
     WHERE id = :jeuneId`,
    { type: QueryTypes.UPDATE, transaction: options.transaction, replacements: { jeuneId, ...derived } },
  );
};

/** What the duplicate answer shows of a dossier of the caller's own Missions Locales. */
export interface DoublonRecord {
  readonly id: string;
  readonly matricule: string;
  readonly nomNaissance: string;
  readonly nomUsage: string | null;
  readonly prenoms: string;
  readonly dateNaissance: string;
  readonly referent: Personne | null;
}

/** The duplicate-answer lines of these dossiers, those inside the scope only, by name. */
export const findDoublons = async (
  sequelize: Sequelize,
  ids: readonly string[],
  scope: readonly string[] | null,
): Promise<DoublonRecord[]> => {
  if (ids.length === 0) {
    return [];
  }
  const rows = await sequelize.query<{
    id: string;
    matricule: string;
    nom_naissance: string;
    nom_usage: string | null;
    prenoms: string;
    date_naissance: string;
    referent_id: string | null;
    referent_prenom: string | null;
    referent_nom: string | null;
  }>(
    `SELECT j.id, j.matricule, j.nom_naissance, j.nom_usage, j.prenoms, ${day('j.date_naissance')},
            r.id AS referent_id, r.prenom AS referent_prenom, r.nom AS referent_nom
     FROM jeune j LEFT JOIN utilisateur r ON r.id = j.referent_id
     WHERE j.id IN (:ids) AND (:scope::uuid[] IS NULL OR j.mission_locale_id = ANY(:scope::uuid[]))
     ORDER BY j.nom_naissance, j.prenoms, j.id`,
    { type: QueryTypes.SELECT, replacements: { ids, scope: pgArray(scope) } },
  );
  return rows.map((row) => ({
    id: row.id,
    matricule: row.matricule,
    nomNaissance: row.nom_naissance,
    nomUsage: row.nom_usage,
    prenoms: row.prenoms,
    dateNaissance: row.date_naissance,
    referent: personne(row.referent_id, row.referent_prenom, row.referent_nom),
  }));
};

/**
 * Asks, for the Mission Locale, for each of these dossiers held elsewhere; a request already pending is kept as it
 * is (the partial unique index). Answers how many requests are pending for them now.
 */
export const insertDemandesTransfert = async (
  sequelize: Sequelize,
  demande: {
    readonly jeuneIds: readonly string[];
    readonly missionLocaleId: string;
    readonly by: string;
    readonly motif: string;
    readonly at: Date;
  },
  options: Options,
): Promise<number> => {
  for (const jeuneId of demande.jeuneIds) {
    await sequelize.query(
      `INSERT INTO demande_transfert (id, jeune_id, mission_locale_demandeuse_id, demandee_par, motif, created_at)
       VALUES (:id, :jeuneId, :missionLocaleId, :by, :motif, :at)
       ON CONFLICT (jeune_id, mission_locale_demandeuse_id) WHERE statut = 'EN_ATTENTE' DO NOTHING`,
      {
        type: QueryTypes.INSERT,
        transaction: options.transaction,
        replacements: { id: randomUUID(), jeuneId, missionLocaleId: demande.missionLocaleId, by: demande.by, motif: demande.motif, at: demande.at },
      },
    );
  }
  return demande.jeuneIds.length;
};
