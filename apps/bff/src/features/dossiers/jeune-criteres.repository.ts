import { QueryTypes, type Sequelize } from 'sequelize';
import type { CategorieSituation, EtatSituation, NiveauCompletude, TriJeunes } from '@imilo/domain';
import { type Criteres, criteresCondition, type SqlCondition } from './jeune-criteres';
import { type JeuneSearchRow, LIGNE_COLUMNS, type LigneRow, searchJeunes, toLigne } from './jeune-search.repository';
import { pgArray } from '../../platform/sql';

/** The header badges of a result: current situation, completeness, last contact (`YYYY-MM-DD`). */
interface Badges {
  readonly situationCourante: { readonly categorie: CategorieSituation; readonly etat: EtatSituation } | null;
  readonly completude: NiveauCompletude;
  readonly dernierContactLe: string | null;
}

/** A dossier of the results: its line (identity, age's time zone, commune, référent) and its header badges. */
export type JeuneResultatRow = Omit<JeuneSearchRow, 'score'> & Badges;

/** A page of results; `total` is the exact count of a criteria-only search, null when a text is typed. */
export interface JeuneResultatsPage {
  readonly rows: JeuneResultatRow[];
  readonly hasMore: boolean;
  readonly total: number | null;
}

/** What a search asks: text (optional), criteria, sort (`-` in front: descending), page, inside a scope. */
export interface JeuneCriteresSearch {
  /** The caller's Missions Locales; `null`: every one. */
  readonly scope: readonly string[] | null;
  readonly callerId: string;
  readonly now: Date;
  readonly q?: string;
  readonly criteres: Criteres;
  readonly sort?: string;
  readonly page: number;
  readonly size: number;
}

type Tri = Exclude<TriJeunes, 'pertinence'>;

// Every order ends on the id, so that rows tied on the key keep one order from page to page. `nom` is the search
// text: nom d'usage (when there is one), nom de naissance, prénoms, lower case and without accents, so that ÉTHÈVE
// sorts among the E (the database collation is byte order). `age` ascending is the youngest first. The last contact:
// never contacted comes last in both directions. The id goes the key's way, so that one index serves both.
const ORDERS: Readonly<Record<Tri, (descending: boolean) => string>> = {
  nom: (descending) => (descending ? 'j.search_text DESC, j.id DESC' : 'j.search_text, j.id'),
  age: (descending) => (descending ? 'j.date_naissance, j.id' : 'j.date_naissance DESC, j.id DESC'),
  dernierContact: (descending) =>
    descending ? 'j.dernier_contact_le DESC NULLS LAST, j.id DESC' : 'j.dernier_contact_le NULLS LAST, j.id',
  creation: (descending) => (descending ? 'j.created_at DESC, j.id DESC' : 'j.created_at, j.id'),
};

const isTri = (key: string): key is Tri => Object.hasOwn(ORDERS, key);

/** The ORDER BY of a sort other than pertinence, on `j`; `nom` when none (or pertinence) is given. */
export const orderOf = (sort: string | undefined): string => {
  const key = (sort ?? 'nom').replace(/^-/, '');
  return (isTri(key) ? ORDERS[key] : ORDERS.nom)(sort?.startsWith('-') ?? false);
};

interface Row extends LigneRow {
  completude: NiveauCompletude;
  situation_courante_categorie: CategorieSituation | null;
  situation_courante_etat: EtatSituation | null;
  dernier_contact_le: string | null;
}


const badgesOf = (row: Pick<Row, 'completude' | 'situation_courante_categorie' | 'situation_courante_etat' | 'dernier_contact_le'>): Badges => ({
  situationCourante:
    row.situation_courante_categorie === null || row.situation_courante_etat === null
      ? null
      : { categorie: row.situation_courante_categorie, etat: row.situation_courante_etat },
  completude: row.completude,
  dernierContactLe: row.dernier_contact_le,
});

const toRow = (row: Row): JeuneResultatRow => ({ ...toLigne(row), ...badgesOf(row) });

const BADGE_COLUMNS = `j.completude, j.situation_courante_categorie, j.situation_courante_etat,
         to_char(j.dernier_contact_le, 'YYYY-MM-DD') AS dernier_contact_le`;

// The scope is the caller's Missions Locales, never the request's choice; with no scope (null) the condition folds
// away at planning. One Mission Locale (most users) is written as an equality: PostgreSQL 15 reads a btree in order
// after `= ANY(array)` only through a sort, so that the page in name order could not stop after its first rows.
// An anonymised dossier is never a result, whatever the criteria say.
const scopeCondition = (scope: readonly string[] | null): SqlCondition =>
  scope === null
    ? { sql: 'TRUE', replacements: {} }
    : scope.length === 1
      ? { sql: 'j.mission_locale_id = :scopeOne::uuid', replacements: { scopeOne: scope[0] } }
      : { sql: 'j.mission_locale_id = ANY(:scope::uuid[])', replacements: { scope: pgArray(scope) } };

const scoped = (scope: SqlCondition, where: SqlCondition) => `
    ${scope.sql}
    AND j.statut_dossier <> 'anonymise'
    AND (${where.sql})`;

// The page is chosen on `jeune` alone (sorted on its own columns, through an index when one fits), then only its
// rows are joined to what the line shows.
const pageQuery = (scope: SqlCondition, where: SqlCondition, order: string) => `
  WITH page AS (
    SELECT j.id FROM jeune j
    WHERE ${scoped(scope, where)}
    ORDER BY ${order}
    LIMIT :limit OFFSET :offset
  )
  SELECT ${LIGNE_COLUMNS}, ${BADGE_COLUMNS}
  FROM page
  JOIN jeune j ON j.id = page.id
  JOIN mission_locale ml ON ml.id = j.mission_locale_id
  LEFT JOIN utilisateur r ON r.id = j.referent_id
  ORDER BY ${order}`;

const countQuery = (scope: SqlCondition, where: SqlCondition) => `SELECT count(*)::int AS total FROM jeune j WHERE ${scoped(scope, where)}`;

/** Criteria only: the page in the chosen order and the exact count, with the same conditions. */
const byCriteres = async (sequelize: Sequelize, search: JeuneCriteresSearch, where: SqlCondition): Promise<JeuneResultatsPage> => {
  const scope = scopeCondition(search.scope);
  const replacements = { ...where.replacements, ...scope.replacements };
  // Two statements on two connections: the count reads every match, the page often only the first ones in index
  // order; neither waits for the other.
  const [rows, counted] = await Promise.all([
    sequelize.query<Row>(pageQuery(scope, where, orderOf(search.sort)), {
      type: QueryTypes.SELECT,
      replacements: { ...replacements, limit: search.size + 1, offset: (search.page - 1) * search.size },
    }),
    sequelize.query<{ total: number }>(countQuery(scope, where), { type: QueryTypes.SELECT, replacements }),
  ]);
  return { rows: rows.slice(0, search.size).map(toRow), hasMore: rows.length > search.size, total: counted[0]?.total ?? 0 };
};

/** The header badges of a few dossiers, by id. */
const badgesById = async (sequelize: Sequelize, ids: readonly string[]): Promise<Map<string, Badges>> => {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await sequelize.query<Row>(`SELECT j.id, ${BADGE_COLUMNS} FROM jeune j WHERE j.id IN (:ids)`, {
    type: QueryTypes.SELECT,
    replacements: { ids },
  });
  return new Map(rows.map((row) => [row.id, badgesOf(row)]));
};

/** A text and criteria: the one-box search's matches that meet the criteria, never counted. */
const byText = async (sequelize: Sequelize, search: JeuneCriteresSearch & { q: string }, where: SqlCondition): Promise<JeuneResultatsPage> => {
  const sortKey = search.sort?.replace(/^-/, '') ?? 'pertinence';
  const { rows, hasMore } = await searchJeunes(
    sequelize,
    { scope: search.scope, q: search.q, page: search.page, size: search.size },
    { where, ...(sortKey === 'pertinence' ? {} : { order: orderOf(search.sort) }) },
  );
  const badges = await badgesById(
    sequelize,
    rows.map((row) => row.id),
  );
  // A dossier deleted between the two reads is left out rather than shown without its badges.
  return {
    rows: rows.flatMap(({ score: _score, ...row }) => {
      const found = badges.get(row.id);
      return found === undefined ? [] : [{ ...row, ...found }];
    }),
    hasMore,
    total: null,
  };
};

/**
 * The multi-criteria search of jeunes' dossiers inside a scope. Without a text: every dossier meeting the criteria,
 * in the chosen order (by name unless told), with the exact count. With a text: the one-box search's matches
 * (`searchJeunes`) that meet the criteria, best first unless another order is chosen, which then reorders the
 * matches; fuzzy matches are never counted (`total` null). Reads one row more than the page for `hasMore`.
 */
export const searchJeunesByCriteres = (sequelize: Sequelize, search: JeuneCriteresSearch): Promise<JeuneResultatsPage> => {
  const where = criteresCondition({ callerId: search.callerId, now: search.now, criteres: search.criteres });
  return search.q === undefined ? byCriteres(sequelize, search, where) : byText(sequelize, { ...search, q: search.q }, where);
};
