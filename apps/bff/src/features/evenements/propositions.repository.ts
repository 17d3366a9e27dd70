import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { EtatProposition, Personne, Theme, TypeOffreInterne } from '@imilo/domain';

// Propositions and their steps in SQL (#4). A proposition's history is one `proposition_etape` row per state it went
// through, the first being "proposée".

interface Options {
  readonly transaction: Transaction;
}

/** One step of a proposition's history. */
export interface EtapeRecord {
  readonly rang: number;
  readonly etat: EtatProposition;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly resultat: string | null;
  readonly par: Personne | null;
  readonly evenementId: string | null;
}

/** A proposition as stored, with its offre and its history (oldest first). */
export interface PropositionRecord {
  readonly id: string;
  readonly jeuneId: string;
  readonly missionLocaleId: string;
  readonly evenementId: string | null;
  readonly offre: { readonly id: string; readonly code: string; readonly libelle: string; readonly type: TypeOffreInterne } | null;
  readonly libelle: string;
  readonly theme: Theme;
  readonly partenaire: string | null;
  readonly commentaire: string | null;
  readonly etat: EtatProposition;
  readonly historique: readonly EtapeRecord[];
  readonly creePar: Personne | null;
  readonly createdAt: Date;
  readonly version: number;
  readonly updatedAt: Date;
}

interface EtapeJson {
  rang: number;
  etat: EtatProposition;
  date: string;
  resultat: string | null;
  par_id: string | null;
  par_prenom: string | null;
  par_nom: string | null;
  evenement_id: string | null;
}

interface PropositionRow {
  id: string;
  jeune_id: string;
  mission_locale_id: string;
  evenement_id: string | null;
  offre_id: string | null;
  offre_code: string | null;
  offre_libelle: string | null;
  offre_type: TypeOffreInterne | null;
  libelle: string;
  theme: Theme;
  partenaire: string | null;
  commentaire: string | null;
  etat: EtatProposition;
  historique: EtapeJson[];
  cree_par_id: string | null;
  cree_par_prenom: string | null;
  cree_par_nom: string | null;
  created_at: Date;
  version: number;
  updated_at: Date;
}

const PROPOSITION_SELECT = `
  SELECT p.id, p.jeune_id, p.mission_locale_id, p.evenement_id,
         o.id AS offre_id, o.code AS offre_code, o.libelle AS offre_libelle, o.type AS offre_type,
         p.libelle, p.theme, p.partenaire, p.commentaire, p.etat, p.created_at, p.version, p.updated_at,
         c.id AS cree_par_id, c.prenom AS cree_par_prenom, c.nom AS cree_par_nom,
         COALESCE((
           SELECT json_agg(json_build_object(
                    'rang', s.rang, 'etat', s.etat, 'date', to_char(s.date, 'YYYY-MM-DD'), 'resultat', s.resultat,
                    'par_id', u.id, 'par_prenom', u.prenom, 'par_nom', u.nom, 'evenement_id', s.evenement_id)
                  ORDER BY s.rang)
           FROM proposition_etape s LEFT JOIN utilisateur u ON u.id = s.par
           WHERE s.proposition_id = p.id
         ), '[]'::json) AS historique
  FROM proposition p
  LEFT JOIN offre_interne o ON o.id = p.offre_id
  LEFT JOIN utilisateur c ON c.id = p.created_by`;

const personne = (id: string | null, prenom: string | null, nom: string | null): Personne | null =>
  id === null ? null : { id, prenom: prenom ?? '', nom: nom ?? '' };

const toProposition = (row: PropositionRow): PropositionRecord => ({
  id: row.id,
  jeuneId: row.jeune_id,
  missionLocaleId: row.mission_locale_id,
  evenementId: row.evenement_id,
  offre:
    row.offre_id === null
      ? null
      : { id: row.offre_id, code: row.offre_code ?? '', libelle: row.offre_libelle ?? '', type: row.offre_type ?? 'ATELIER' },
  libelle: row.libelle,
  theme: row.theme,
  partenaire: row.partenaire,
  commentaire: row.commentaire,
  etat: row.etat,
  historique: row.historique.map((etape) => ({
    rang: etape.rang,
    etat: etape.etat,
    date: etape.date,
    resultat: etape.resultat,
    par: personne(etape.par_id, etape.par_prenom, etape.par_nom),
    evenementId: etape.evenement_id,
  })),
  creePar: personne(row.cree_par_id, row.cree_par_prenom, row.cree_par_nom),
  createdAt: row.created_at,
  version: row.version,
  updatedAt: row.updated_at,
});

/** A proposition inside a scope (`null`: every Mission Locale), or null; `forUpdate` locks its row. */
export const findProposition = async (
  sequelize: Sequelize,
  id: string,
  options: Options & { readonly scope: readonly string[] | null; readonly forUpdate?: boolean },
): Promise<PropositionRecord | null> => {
  const [row] = await sequelize.query<PropositionRow>(
    `${PROPOSITION_SELECT}
     WHERE p.id = $id AND ($scope::uuid[] IS NULL OR p.mission_locale_id = ANY($scope::uuid[]))
     ${options.forUpdate ? 'FOR UPDATE OF p' : ''}`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { id, scope: options.scope === null ? null : [...options.scope] } },
  );
  return row ? toProposition(row) : null;
};

/** A jeune's propositions, newest first. */
export const listPropositions = async (sequelize: Sequelize, jeuneId: string, options: Options): Promise<PropositionRecord[]> => {
  const rows = await sequelize.query<PropositionRow>(
    `${PROPOSITION_SELECT}
     WHERE p.jeune_id = $jeuneId
     ORDER BY p.created_at DESC, p.id DESC
     LIMIT 500`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { jeuneId } },
  );
  return rows.map(toProposition);
};

/** Inserts a proposition, "proposée", with its first step; false when a row already has its id. */
export const insertProposition = async (
  sequelize: Sequelize,
  proposition: {
    readonly id: string;
    readonly jeuneId: string;
    readonly missionLocaleId: string;
    readonly evenementId: string | null;
    readonly offreId: string | null;
    readonly libelle: string;
    readonly theme: Theme;
    readonly partenaire: string | null;
    readonly commentaire: string | null;
    /** The first step's day. */
    readonly date: string;
    readonly by: string;
    readonly at: Date;
  },
  options: Options,
): Promise<boolean> => {
  const inserted = await sequelize.query(
    `INSERT INTO proposition (id, jeune_id, mission_locale_id, evenement_id, offre_id, libelle, theme, partenaire, commentaire, etat,
                              created_at, created_by, updated_at)
     VALUES ($id, $jeuneId, $missionLocaleId, $evenementId, $offreId, $libelle, $theme, $partenaire, $commentaire, 'PROPOSEE',
             $at, $by, $at)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ...proposition } },
  );
  if (inserted.length === 0) {
    return false;
  }
  await insertEtape(
    sequelize,
    { propositionId: proposition.id, rang: 1, etat: 'PROPOSEE', date: proposition.date, resultat: null, by: proposition.by, evenementId: null, at: proposition.at },
    options,
  );
  return true;
};

/** Adds a step to a proposition's history. */
export const insertEtape = async (
  sequelize: Sequelize,
  etape: {
    readonly propositionId: string;
    readonly rang: number;
    readonly etat: EtatProposition;
    readonly date: string;
    readonly resultat: string | null;
    readonly by: string;
    readonly evenementId: string | null;
    readonly at: Date;
  },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `INSERT INTO proposition_etape (proposition_id, rang, etat, date, resultat, par, evenement_id, created_at)
     VALUES ($propositionId, $rang, $etat, $date, $resultat, $by, $evenementId, $at)`,
    { transaction: options.transaction, bind: { ...etape } },
  );
};

/** Moves a proposition to a new state, next version. */
export const updateEtatProposition = async (
  sequelize: Sequelize,
  id: string,
  etat: EtatProposition,
  meta: { readonly by: string; readonly at: Date },
  options: Options,
): Promise<void> => {
  await sequelize.query('UPDATE proposition SET etat = $etat, version = version + 1, updated_by = $by, updated_at = $at WHERE id = $id', {
    transaction: options.transaction,
    bind: { id, etat, ...meta },
  });
};
