import { QueryTypes, type Sequelize } from 'sequelize';
import { jeuneSearchTermsOf, type Sexe, type StatutDossier } from '@imilo/domain';

/** A dossier the search found, with what its result line shows and the time zone its age is counted in. */
export interface JeuneSearchRow {
  readonly id: string;
  readonly matricule: string;
  readonly nomUsage: string | null;
  readonly nomNaissance: string;
  readonly prenoms: string;
  readonly sexe: Sexe;
  /** `YYYY-MM-DD`. */
  readonly dateNaissance: string;
  readonly communeInsee: string | null;
  readonly statutDossier: StatutDossier;
  readonly missionLocaleId: string;
  readonly missionLocaleTimezone: string;
  readonly referent: { readonly id: string; readonly prenom: string; readonly nom: string } | null;
  /** 2 for an exact matricule, phone or e-mail match, else the word similarity of the names (0.3 to 1). */
  readonly score: number;
}

interface Row {
  id: string;
  matricule: string;
  nom_usage: string | null;
  nom_naissance: string;
  prenoms: string;
  sexe: Sexe;
  date_naissance: string;
  commune_insee: string | null;
  statut_dossier: StatutDossier;
  mission_locale_id: string;
  timezone: string;
  referent_id: string | null;
  referent_prenom: string | null;
  referent_nom: string | null;
  score: number;
}

/** Lowest word similarity of a name match: "lefebre" still finds "LEFÈVRE" (0.5), noise stays out. */
const WORD_SIMILARITY_THRESHOLD = 0.3;
const EXACT_MATCH_SCORE = 2;

// One scan of the table rather than a UNION per criterion: the exact lookups (matricule, phone and e-mail btrees) and
// the trigram match (GIN) are ORed, which EXPLAIN shows as one BitmapOr, ANDed inside a scope with the
// (mission_locale_id, …) btree; the heap is then read for the scope's candidates only.
// Ranking: exact matches, then word similarity (what `<%` filters on; it also rewards a prefix still being typed),
// then strict word similarity, which compares whole words: "lefebre" ties "lefevre" and "lefeuvre" on the first
// (0.5) but is nearer "lefevre" on the second. Each similarity costs a trigram extraction per row, and nationally
// there are thousands of candidates: the candidates come out sorted on the first keys (OFFSET 0 keeps that
// subquery apart), so that an Incremental Sort computes the strict one only for the groups the page reaches.
// Then name order and id, so that pages are stable. The display columns are joined to the page only.
const SEARCH = `
  WITH matches AS (
    SELECT j.id, j.nom_naissance, j.prenoms, j.search_text,
           COALESCE(j.matricule IN (:matricules) OR j.telephone_digits = :phoneDigits OR lower(j.email) = :email, false) AS exact,
           word_similarity(lower(public.imilo_unaccent(:text)), j.search_text) AS similarity
    FROM jeune j
    WHERE (j.matricule IN (:matricules)
           OR j.telephone_digits = :phoneDigits
           OR lower(j.email) = :email
           OR lower(public.imilo_unaccent(:text)) <% j.search_text)
      AND (:scope::uuid[] IS NULL OR j.mission_locale_id = ANY(:scope::uuid[]))
      -- An anonymised dossier (retention, décret art. 6) is kept for statistics only: nobody finds it by name.
      AND j.statut_dossier <> 'anonymise'
    ORDER BY exact DESC, similarity DESC
    OFFSET 0
  ), page AS (
    SELECT m.id, m.nom_naissance, m.prenoms, m.exact, m.similarity,
           strict_word_similarity(lower(public.imilo_unaccent(:text)), m.search_text) AS strict_similarity
    FROM matches m
    ORDER BY m.exact DESC, m.similarity DESC, strict_similarity DESC, m.nom_naissance, m.prenoms, m.id
    LIMIT :limit OFFSET :offset
  )
  SELECT j.id, j.matricule, j.nom_usage, j.nom_naissance, j.prenoms, j.sexe,
         to_char(j.date_naissance, 'YYYY-MM-DD') AS date_naissance, j.commune_insee, j.statut_dossier,
         j.mission_locale_id, ml.timezone, r.id AS referent_id, r.prenom AS referent_prenom, r.nom AS referent_nom,
         CASE WHEN page.exact THEN ${EXACT_MATCH_SCORE} ELSE page.similarity END::float8 AS score
  FROM page
  JOIN jeune j ON j.id = page.id
  JOIN mission_locale ml ON ml.id = j.mission_locale_id
  LEFT JOIN utilisateur r ON r.id = j.referent_id
  ORDER BY page.exact DESC, page.similarity DESC, page.strict_similarity DESC, page.nom_naissance, page.prenoms, page.id`;

const toRow = (row: Row): JeuneSearchRow => ({
  id: row.id,
  matricule: row.matricule,
  nomUsage: row.nom_usage,
  nomNaissance: row.nom_naissance,
  prenoms: row.prenoms,
  sexe: row.sexe,
  dateNaissance: row.date_naissance,
  communeInsee: row.commune_insee,
  statutDossier: row.statut_dossier,
  missionLocaleId: row.mission_locale_id,
  missionLocaleTimezone: row.timezone,
  referent:
    row.referent_id === null ? null : { id: row.referent_id, prenom: row.referent_prenom ?? '', nom: row.referent_nom ?? '' },
  score: row.score,
});

/** A list of uuids (nothing to quote) as a PostgreSQL array literal; `null` (no scope limit) stays null. */
const pgArray = (values: readonly string[] | null): string | null => (values === null ? null : `{${values.join(',')}}`);

/**
 * The dossiers matching a search input inside a scope (`null`: every Mission Locale), best first: exact
 * matricule, phone or e-mail matches, then names by trigram word similarity (accent- and typo-tolerant).
 * Reads one row more than the page to tell whether another page follows; fuzzy matches are never counted.
 */
export const searchJeunes = (
  sequelize: Sequelize,
  params: { scope: readonly string[] | null; q: string; page: number; size: number },
): Promise<{ rows: JeuneSearchRow[]; hasMore: boolean }> => {
  const terms = jeuneSearchTermsOf(params.q);
  // The threshold is per transaction (SET LOCAL); every query is bound to it, or PGlite's single session waits forever.
  return sequelize.transaction(async (transaction) => {
    await sequelize.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`, { transaction });
    const rows = await sequelize.query<Row>(SEARCH, {
      type: QueryTypes.SELECT,
      transaction,
      replacements: {
        text: terms.text,
        matricules: terms.matricules,
        phoneDigits: terms.phoneDigits,
        email: terms.email,
        scope: pgArray(params.scope),
        limit: params.size + 1,
        offset: (params.page - 1) * params.size,
      },
    });
    return { rows: rows.slice(0, params.size).map(toRow), hasMore: rows.length > params.size };
  });
};
