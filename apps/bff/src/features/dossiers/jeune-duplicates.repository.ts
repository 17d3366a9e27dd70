import { QueryTypes, type Sequelize } from 'sequelize';

/** A dossier that may be the same jeune as the one being registered: same birth date, similar names. */
export interface DuplicateCandidateRow {
  readonly id: string;
  readonly missionLocaleId: string;
  readonly nomNaissance: string;
  readonly nomUsage: string | null;
  readonly prenoms: string;
  /** `YYYY-MM-DD`. */
  readonly dateNaissance: string;
  /** How near the names are (trigrams, surnames and first names apart), 0.3 to 1. */
  readonly similarity: number;
}

interface Row {
  id: string;
  mission_locale_id: string;
  nom_naissance: string;
  nom_usage: string | null;
  prenoms: string;
  date_naissance: string;
  similarity: number;
}

/** Lowest nearness of the surnames and of the first names: one slip in "lefevre" (0.5) or "petit" (0.33) stays above. */
const SIMILARITY_THRESHOLD = 0.3;
const MAX_CANDIDATES = 20;

const normalised = (text: string) => `lower(public.imilo_unaccent(${text}))`;

// How near two lists of names are, accent- and typo-tolerantly: the word similarity of either within the other.
// Trigrams are compared as sets, so word order does not count (birth and usage names swapped, first names in another
// order); when one side has names the other lacks (no nom d'usage, only the first prénom), the shorter is still
// wholly within the longer. The whole of a text is one of its extents, so this is never below their similarity.
const near = (a: string, b: string) => `greatest(word_similarity(${a}, ${b}), word_similarity(${b}, ${a}))`;

// The birth date is the selective part: a few hundred jeunes are born on one day nationwide, found through the btree
// on date_naissance; the names are then compared on those rows only, so the trigram index has no part in it.
// Surnames and first names are compared apart, and both must be near: compared as one text (the stored
// search_text), twins (same surname and birth date, another first name: 0.40) scored above the same jeune with a
// slip in the surname and a second first name (0.30). Surnames against first names too, for the forms where they
// were typed in each other's field. Ties (a first name more or less) go to the nearer whole text.
// MATERIALIZED: each row's names are normalised once, not once per comparison (unaccent is what costs most here).
const FIND = `
  WITH candidate AS (
    SELECT ${normalised(`COALESCE(:nomUsage || ' ', '') || :nomNaissance`)} AS noms, ${normalised(':prenoms')} AS prenoms,
           ${normalised(`COALESCE(:nomUsage || ' ', '') || :nomNaissance || ' ' || :prenoms`)} AS text
  ), born AS MATERIALIZED (
    SELECT j.id, j.mission_locale_id, j.nom_naissance, j.nom_usage, j.prenoms, j.date_naissance, j.search_text,
           ${normalised(`COALESCE(j.nom_usage || ' ', '') || j.nom_naissance`)} AS noms_text, ${normalised('j.prenoms')} AS prenoms_text
    FROM jeune j
    WHERE j.date_naissance = :dateNaissance::date
      -- An anonymised dossier (retention, décret art. 6) is kept for statistics only: it is nobody's duplicate.
      AND j.statut_dossier <> 'anonymise'
      AND (:excludeId::uuid IS NULL OR j.id <> :excludeId::uuid)
  ), scored AS (
    SELECT b.*, similarity(c.text, b.search_text) AS whole,
           greatest(least(${near('c.noms', 'b.noms_text')}, ${near('c.prenoms', 'b.prenoms_text')}),
                    least(${near('c.noms', 'b.prenoms_text')}, ${near('c.prenoms', 'b.noms_text')})) AS similarity
    FROM born b CROSS JOIN candidate c
  )
  SELECT id, mission_locale_id, nom_naissance, nom_usage, prenoms, to_char(date_naissance, 'YYYY-MM-DD') AS date_naissance,
         similarity::float8 AS similarity
  FROM scored
  WHERE similarity >= ${SIMILARITY_THRESHOLD}
  ORDER BY similarity DESC, whole DESC, id
  LIMIT ${MAX_CANDIDATES}`;

/**
 * The dossiers of every Mission Locale that may be the jeune being registered or edited: same birth date, names
 * similar accent- and typo-tolerantly, best first, at most 20. `excludeId`: the dossier being edited itself.
 */
export const findDuplicateCandidates = async (
  sequelize: Sequelize,
  params: { dateNaissance: string; nomNaissance: string; nomUsage: string | null; prenoms: string; excludeId?: string },
): Promise<DuplicateCandidateRow[]> => {
  const rows = await sequelize.query<Row>(FIND, {
    type: QueryTypes.SELECT,
    replacements: {
      dateNaissance: params.dateNaissance,
      nomNaissance: params.nomNaissance,
      nomUsage: params.nomUsage,
      prenoms: params.prenoms,
      excludeId: params.excludeId ?? null,
    },
  });
  return rows.map((row) => ({
    id: row.id,
    missionLocaleId: row.mission_locale_id,
    nomNaissance: row.nom_naissance,
    nomUsage: row.nom_usage,
    prenoms: row.prenoms,
    dateNaissance: row.date_naissance,
    similarity: row.similarity,
  }));
};
