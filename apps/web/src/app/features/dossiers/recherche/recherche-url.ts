import type { Params } from '@angular/router';
import {
  type CriteresRecherche,
  criteresRechercheSchema,
  JEUNE_SEARCH_LIMITS,
  jeuneCriteresQuerySchema,
  jeuneCriteresShape,
  type ProblemFieldError,
} from '@imilo/domain';

/** One criterion of the search, as named in the URL and the API. */
export type CritereKey = keyof typeof jeuneCriteresShape;
/** The criteria in the order the URL and the form list them. */
export const CRITERE_KEYS = Object.keys(jeuneCriteresShape) as CritereKey[];
/** The criteria set, as strings (the URL's and the form's shape); an absent key is not a criterion. */
export type Criteres = Partial<Record<CritereKey, string>>;

/** Everything a search screen shows, as the URL keeps it: shareable, restored on reload, walked by the back button. */
export interface RechercheState {
  readonly q: string;
  readonly criteres: Criteres;
  /** A sort key of TRIS_JEUNES, `-` in front for descending; empty for the default order. */
  readonly sort: string;
  readonly page: number;
}

/** No text, no criterion, default sort, first page. */
export const EMPTY_RECHERCHE: RechercheState = { q: '', criteres: {}, sort: '', page: 1 };

/** Results per page: the API's default, a phone screen and a half. */
export const PAGE_SIZE = JEUNE_SEARCH_LIMITS.sizeDefault;

// `statut=actif` is what the API assumes: the URL leaves it out so that one search has one address.
const DEFAULT_STATUT = 'actif';

const isCritereKey = (key: string): key is CritereKey => (CRITERE_KEYS as readonly string[]).includes(key);

const firstString = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';

/** Only the criteria that narrow something, in the canonical order. */
export const cleanCriteres = (criteres: Criteres): Criteres => {
  const clean: Criteres = {};
  for (const key of CRITERE_KEYS) {
    const value = criteres[key]?.trim() ?? '';
    if (value !== '' && !(key === 'statut' && value === DEFAULT_STATUT)) {
      clean[key] = value;
    }
  }
  return clean;
};

/** Reads a search from the URL's query parameters; unknown parameters are ignored. */
export const fromQueryParams = (params: Params): RechercheState => {
  const criteres: Criteres = {};
  for (const [key, value] of Object.entries(params)) {
    if (isCritereKey(key)) {
      criteres[key] = firstString(value);
    }
  }
  const page = Number(firstString(params['page']));
  return {
    q: firstString(params['q']),
    criteres: cleanCriteres(criteres),
    sort: firstString(params['sort']).trim(),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
};

/** Writes a search as query parameters: only what differs from the defaults, in a stable order. */
export const toQueryParams = (state: RechercheState): Params => ({
  ...(state.q === '' ? {} : { q: state.q }),
  ...cleanCriteres(state.criteres),
  ...(state.sort === '' ? {} : { sort: state.sort }),
  ...(state.page > 1 ? { page: String(state.page) } : {}),
});

/** Whether two searches are the same (same URL). */
export const sameRecherche = (a: RechercheState, b: RechercheState): boolean =>
  JSON.stringify(toQueryParams(a)) === JSON.stringify(toQueryParams(b));

// Fewer letters than the API accepts are a search being typed, not a search: the criteria alone apply meanwhile.
const effectiveQ = (state: RechercheState): string | undefined => {
  const q = state.q.trim();
  return q.length >= JEUNE_SEARCH_LIMITS.qMin ? q : undefined;
};

// Relevance only means something with a text: once the text is erased, the API's default order applies.
const effectiveSort = (state: RechercheState): string | undefined =>
  state.sort === '' || (state.sort.replace(/^-/, '') === 'pertinence' && effectiveQ(state) === undefined)
    ? undefined
    : state.sort;

/** Whether there is something to search: enough letters typed, or a criterion chosen. */
export const isSearchable = (state: RechercheState): boolean =>
  effectiveQ(state) !== undefined || Object.keys(cleanCriteres(state.criteres)).length > 0;

/** The query parameters of `GET /api/v1/jeunes` for this search. */
export const toApiParams = (state: RechercheState): Record<string, string> => {
  const q = effectiveQ(state);
  const sort = effectiveSort(state);
  return {
    ...(q === undefined ? {} : { q }),
    ...cleanCriteres(state.criteres),
    ...(sort === undefined ? {} : { sort }),
    page: String(state.page),
    size: String(PAGE_SIZE),
  };
};

/** What is wrong with a search (an edited URL, a stale link), with the domain's French messages; empty when valid. */
export const rechercheErrors = (state: RechercheState): ProblemFieldError[] => {
  const result = jeuneCriteresQuerySchema.safeParse(toApiParams(state));
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
};

/** The search as a saved search keeps it (text, criteria, sort; never a page), or null when it is not valid. */
export const toCriteresRecherche = (state: RechercheState): CriteresRecherche | null => {
  const q = effectiveQ(state);
  const sort = effectiveSort(state);
  const result = criteresRechercheSchema.safeParse({
    ...(q === undefined ? {} : { q }),
    ...cleanCriteres(state.criteres),
    ...(sort === undefined ? {} : { sort }),
  });
  return result.success ? result.data : null;
};

/** A saved search as the first page of a search. */
export const fromCriteresRecherche = (criteres: CriteresRecherche): RechercheState => {
  const { q, sort, ...rest } = criteres;
  const strings: Criteres = {};
  for (const key of CRITERE_KEYS) {
    const value = rest[key];
    if (value !== undefined) {
      strings[key] = String(value);
    }
  }
  return { q: q ?? '', criteres: cleanCriteres(strings), sort: sort ?? '', page: 1 };
};
