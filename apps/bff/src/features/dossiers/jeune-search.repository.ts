import { QueryTypes, type Sequelize } from 'sequelize';
import { jeuneSearchTermsOf, type Sexe, type StatutDossier } from '@imilo/domain';
import { pgArray } from '../../platform/sql';

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
  /** 2 for an exact matricule, phone or e-mail match, else the word similarity of the input to the names (0 to 1). */
  readonly score: number;
}

/** The columns of a result line, as `LIGNE_COLUMNS` selects them (on `j`, `ml` and the référent `r`). */
export interface LigneRow {
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
}

/** What a result line shows, selected from `jeune j`, `mission_locale ml` and the référent `utilisateur r`. */
export const LIGNE_COLUMNS = `j.id, j.matricule, j.nom_usage, j.nom_naissance, j.prenoms, j.sexe,
         to_char(j.date_naissance, 'YYYY-MM-DD') AS date_naissance, j.commune_insee, j.statut_dossier,
         j.mission_locale_id, ml.timezone, r.id AS referent_id, r.prenom AS referent_prenom, r.nom AS referent_nom`;

interface Row extends LigneRow {
  score: number;
}

/**
 * Lowest word similarity of a typed word to the names: "lefebre" still finds "LEFÈVRE" (0.5), noise stays out.
 * Each word that must match reaches it on its own: see `nameMatch`.
 */
const WORD_SIMILARITY_THRESHOLD = 0.3;
const EXACT_MATCH_SCORE = 2;
/** The longest typed words are the ones a name must match; the others only weigh in the ranking. */
const MATCHED_WORDS = 4;

// The typed words are matched one by one, not the input as a whole: compared whole, a frequent first name alone
// reaches the threshold ("lea" is half of "lea legrenez"), so that every Léa of the scope was a candidate, read from
// the heap and scored (350–520 ms nationally at 1 000 000 jeunes, bench/README.md). One or two words typed must all
// match; of three or four, all but one, so that a first name or surname the dossier lacks ("Élodie Marie Lefèvre"
// for a dossier registered as Élodie Lefèvre) does not hide it. The price: of two words, a wholly wrong one
// ("julie lefevre" for Élodie Lefèvre) finds nothing by name, where the whole input used to find the surname; and
// a slip in a short surname ("lcaat" for Lacat) can fall below the threshold, where the first name used to carry it.
// Each word gets its own `<%`, so that one GIN scan ANDs them (one scan per left-out word).
const nameMatch = (count: number): string => {
  const indexes = Array.from({ length: count }, (_, i) => i);
  const all = (of: readonly number[]) => of.map((i) => `lower(public.imilo_unaccent(:word${i})) <% j.search_text`).join(' AND ');
  if (count === 0) {
    return 'false';
  }
  return count <= 2 ? all(indexes) : indexes.map((left) => `(${all(indexes.filter((i) => i !== left))})`).join(' OR ');
};

// One scan of the table rather than a UNION per criterion: the exact lookups (matricule, phone and e-mail btrees) and
// the trigram match are ORed, which EXPLAIN shows as one BitmapOr; the scope then filters the candidates (or the
// (mission_locale_id, …) btree is ANDed in, as the planner sees fit). The scope's buckets (last hex digit of each Mission Locale's uuid, redundant with
// the scope itself) let the planner prove that one of the partial trigram indexes of migration 2026.11.29T15 holds
// every candidate, when the scope's Missions Locales share one: a sixteenth of the country's trigrams to decode.
// Otherwise the whole trigram index serves; with no scope (null), both conditions fold away at planning.
// Ranking: exact matches, then word similarity of the whole input (it also rewards a prefix still being typed),
// then strict word similarity, which compares whole words: "lefebre" ties "lefevre" and "lefeuvre" on the first
// (0.5) but is nearer "lefevre" on the second. Each similarity costs a trigram extraction per row, and nationally
// there are thousands of candidates: the candidates come out sorted on the first keys (OFFSET 0 keeps that
// subquery apart), so that an Incremental Sort computes the strict one only for the groups the page reaches.
// Then name order and id, so that pages are stable. The display columns are joined to the page only.
// A caller's own order (on `j`) replaces the ranking: the matches are then paged in it directly.
const RANKING = 'page.exact DESC, page.similarity DESC, page.strict_similarity DESC, page.nom_naissance, page.prenoms, page.id';
const search = (wordCount: number, where: string, order: string | undefined) => `
  WITH matches AS (
    SELECT j.id, j.nom_naissance, j.prenoms, j.search_text,
           COALESCE(j.matricule IN (:matricules) OR j.telephone_digits = :phoneDigits OR lower(j.email) = :email, false) AS exact,
           word_similarity(lower(public.imilo_unaccent(:text)), j.search_text) AS similarity
    FROM jeune j
    WHERE (j.matricule IN (:matricules)
           OR j.telephone_digits = :phoneDigits
           OR lower(j.email) = :email
           OR (${nameMatch(wordCount)}))
      AND (:scope::uuid[] IS NULL OR (j.mission_locale_id = ANY(:scope::uuid[]) AND right(j.mission_locale_id::text, 1) = ANY(:buckets::text[])))
      -- An anonymised dossier (retention, décret art. 6) is kept for statistics only: nobody finds it by name.
      AND j.statut_dossier <> 'anonymise'
      AND (${where})
    ORDER BY ${order === undefined ? 'exact DESC, similarity DESC OFFSET 0' : `${order} LIMIT :limit OFFSET :offset`}
  ), page AS (
    ${
      order === undefined
        ? `SELECT m.id, m.nom_naissance, m.prenoms, m.exact, m.similarity,
           strict_word_similarity(lower(public.imilo_unaccent(:text)), m.search_text) AS strict_similarity
    FROM matches m
    ORDER BY m.exact DESC, m.similarity DESC, strict_similarity DESC, m.nom_naissance, m.prenoms, m.id
    LIMIT :limit OFFSET :offset`
        : 'SELECT m.id, m.exact, m.similarity FROM matches m'
    }
  )
  SELECT ${LIGNE_COLUMNS},
         CASE WHEN page.exact THEN ${EXACT_MATCH_SCORE} ELSE page.similarity END::float8 AS score
  FROM page
  JOIN jeune j ON j.id = page.id
  JOIN mission_locale ml ON ml.id = j.mission_locale_id
  LEFT JOIN utilisateur r ON r.id = j.referent_id
  ORDER BY ${order ?? RANKING}`;

/** A result line from its columns. */
export const toLigne = (row: LigneRow): Omit<JeuneSearchRow, 'score'> => ({
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
});

const toRow = (row: Row): JeuneSearchRow => ({ ...toLigne(row), score: row.score });

/** The search index buckets of a scope: the last hex digit of each Mission Locale's uuid, as PostgreSQL prints it. */
const bucketsOf = (scope: readonly string[] | null): string[] | null =>
  scope === null ? null : [...new Set(scope.map((id) => id.slice(-1).toLowerCase()))];

/** What a caller may add to the one-box search (the criteria search): SQL on the dossier `j`, built by the caller. */
export interface JeuneSearchRefinement {
  /** A condition the matches must also meet, with its own replacements. */
  readonly where?: { readonly sql: string; readonly replacements: Readonly<Record<string, unknown>> };
  /** An ORDER BY on `j` in place of relevance; it must end on a unique key for stable pages. */
  readonly order?: string;
}

/**
 * The dossiers matching a search input inside a scope (`null`: every Mission Locale), best first: exact
 * matricule, phone or e-mail matches, then names by trigram word similarity (accent- and typo-tolerant), every
 * typed word matching a name (all but one of three or four). Reads one row more than the page to tell whether
 * another page follows; fuzzy matches are never counted.
 */
export const searchJeunes = (
  sequelize: Sequelize,
  params: { scope: readonly string[] | null; q: string; page: number; size: number },
  refinement: JeuneSearchRefinement = {},
): Promise<{ rows: JeuneSearchRow[]; hasMore: boolean }> => {
  const terms = jeuneSearchTermsOf(params.q);
  const words = [...new Set(terms.text.split(' ').filter((word) => word !== ''))]
    .sort((a, b) => b.length - a.length)
    .slice(0, MATCHED_WORDS);
  // The threshold is per transaction (SET LOCAL); every query is bound to it, or PGlite's single session waits forever.
  return sequelize.transaction(async (transaction) => {
    await sequelize.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`, { transaction });
    const rows = await sequelize.query<Row>(search(words.length, refinement.where?.sql ?? 'true', refinement.order), {
      type: QueryTypes.SELECT,
      transaction,
      replacements: {
        ...refinement.where?.replacements,
        text: terms.text,
        ...Object.fromEntries(words.map((word, i) => [`word${i}`, word])),
        matricules: terms.matricules,
        phoneDigits: terms.phoneDigits,
        email: terms.email,
        scope: pgArray(params.scope),
        buckets: pgArray(bucketsOf(params.scope)),
        limit: params.size + 1,
        offset: (params.page - 1) * params.size,
      },
    });
    return { rows: rows.slice(0, params.size).map(toRow), hasMore: rows.length > params.size };
  });
};
