import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { COMMUNES_SEARCH_LIMITS, type CommuneDto, normaliseSearchText } from '@imilo/domain';

interface CommuneRecord {
  readonly code: string;
  readonly nom: string;
  readonly type: string;
  readonly departement: string;
  readonly codesPostaux?: readonly string[];
  readonly population?: number;
}

/** A current commune with what the search compares: its name's words, normalised. */
interface IndexedCommune {
  readonly commune: CommuneDto;
  readonly population: number;
  readonly words: readonly string[];
}

interface CommuneIndex {
  readonly all: readonly IndexedCommune[];
  readonly byInsee: ReadonlyMap<string, IndexedCommune>;
}

const require = createRequire(import.meta.url);

// Abbreviations people type for the saints of so many commune names ("st emilion", "ste foy").
const SAINTS: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

/** The words of a name or a query: lower case, no accents; hyphens, apostrophes and brackets separate words. */
const wordsOf = (text: string): string[] =>
  normaliseSearchText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => SAINTS[word] ?? word);

let index: CommuneIndex | null = null;

// Built on first use, once per process: the file is 8 MB and most requests never need it.
const communeIndex = (): CommuneIndex => {
  if (index === null) {
    const records = JSON.parse(
      readFileSync(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8'),
    ) as CommuneRecord[];
    const all = records
      .filter((record) => record.type === 'commune-actuelle')
      .map(
        (record): IndexedCommune => ({
          commune: { insee: record.code, nom: record.nom, codesPostaux: [...(record.codesPostaux ?? [])], departement: record.departement },
          population: record.population ?? 0,
          words: wordsOf(record.nom),
        }),
      );
    index = { all, byInsee: new Map(all.map((entry) => [entry.commune.insee, entry])) };
  }
  return index;
};

/** The name of a current commune by INSEE code, or null. */
export const communeName = (insee: string): string | null => communeIndex().byInsee.get(insee)?.commune.nom ?? null;

/** How well a commune matches: the lower, the better; null when it does not. */
type Rank = 0 | 1 | 2;
const EXACT = 0;
const PREFIX = 1;
const WORD_PREFIX = 2;

/** A query word, and the literal form of an abbreviation ("ste" is also the start of "Stenay"). */
interface QueryWord {
  readonly forms: readonly string[];
}

interface ParsedQuery {
  /** The whole query, when it has the shape of an INSEE code. */
  readonly insee: string | null;
  readonly words: readonly QueryWord[];
  /** Postal codes or their start, or a département code. */
  readonly numbers: readonly string[];
}

const INSEE = /^(?:\d{5}|2[AB]\d{3})$/;

const parseQuery = (q: string): ParsedQuery => {
  const literal = normaliseSearchText(q).replace(/[^a-z0-9]+/g, ' ').split(' ').filter((word) => word !== '');
  const insee = q.trim().toUpperCase();
  return {
    insee: INSEE.test(insee) ? insee : null,
    words: literal.filter((word) => !/^\d+$/.test(word)).map((word) => ({ forms: SAINTS[word] ? [SAINTS[word], word] : [word] })),
    numbers: literal.filter((word) => /^\d+$/.test(word)),
  };
};

const equalsAny = (word: string | undefined, query: QueryWord): boolean => word !== undefined && query.forms.includes(word);
const startsWithAny = (word: string | undefined, query: QueryWord): boolean =>
  word !== undefined && query.forms.some((form) => word.startsWith(form));

/** Exact name, start of the name, or each word starting a word of the name, in order; null otherwise. */
const nameRank = (words: readonly string[], query: readonly QueryWord[]): Rank | null => {
  const last = query.length - 1;
  const leading = query.slice(0, last).every((word, i) => equalsAny(words[i], word));
  if (leading && query.length === words.length && equalsAny(words[last], query[last]!)) {
    return EXACT;
  }
  if (leading && startsWithAny(words[last], query[last]!)) {
    return PREFIX;
  }
  let from = 0;
  for (const word of query) {
    const found = words.findIndex((candidate, i) => i >= from && startsWithAny(candidate, word));
    if (found < 0) {
      return null;
    }
    from = found + 1;
  }
  return WORD_PREFIX;
};

/** A number typed is a postal code (exact or its start) or the département. */
const numberRank = (commune: CommuneDto, number: string): Rank | null => {
  if (commune.codesPostaux.includes(number) || commune.departement === number) {
    return EXACT;
  }
  return commune.codesPostaux.some((code) => code.startsWith(number)) ? PREFIX : null;
};

const rankOf = (entry: IndexedCommune, query: ParsedQuery): Rank | null => {
  if (query.insee !== null && entry.commune.insee === query.insee) {
    return EXACT;
  }
  let rank: Rank | null = null;
  for (const number of query.numbers) {
    const numbered = numberRank(entry.commune, number);
    if (numbered === null) {
      return null;
    }
    rank = Math.max(rank ?? EXACT, numbered) as Rank;
  }
  // With a name, the numbers only narrow it ("saint denis 974"): the name ranks.
  return query.words.length > 0 ? nameRank(entry.words, query.words) : rank;
};

/**
 * The current communes a conseiller may mean (#3): by name, its start or the start of its words, accents, case,
 * hyphens and "st"/"ste" aside; by postal code or its start; by INSEE code. Best matches first (exact, then start
 * of the name, then start of a word), the most populous first among equals; at most 10.
 */
export const searchCommunes = (q: string): CommuneDto[] => {
  const query = parseQuery(q);
  if (query.insee === null && query.words.length === 0 && query.numbers.length === 0) {
    return [];
  }
  const found: { readonly entry: IndexedCommune; readonly rank: Rank }[] = [];
  for (const entry of communeIndex().all) {
    const rank = rankOf(entry, query);
    if (rank !== null) {
      found.push({ entry, rank });
    }
  }
  return found
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        b.entry.population - a.entry.population ||
        a.entry.commune.insee.localeCompare(b.entry.commune.insee),
    )
    .slice(0, COMMUNES_SEARCH_LIMITS.results)
    .map(({ entry }) => entry.commune);
};
