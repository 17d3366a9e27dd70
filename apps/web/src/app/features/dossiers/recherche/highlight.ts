import { normaliseSearchText } from '@imilo/domain';

/** A piece of a displayed text, and whether it matches what was typed. */
export interface HighlightSegment {
  readonly text: string;
  readonly match: boolean;
}

// Words shorter than this would light up letters everywhere ("a", "l'") without telling anything.
const MIN_WORD_LENGTH = 2;

/** The words typed, compared as the search compares names: lower case, without accents. */
const wordsOf = (query: string): string[] =>
  [...new Set(normaliseSearchText(query).split(/[\s'’-]+/))].filter((word) => word.length >= MIN_WORD_LENGTH);

/**
 * The text normalised character by character, with, for each normalised character, the index in `text` of the
 * character it comes from ("Œ" gives "oe", both pointing back to the "Œ").
 */
const normaliseWithOrigins = (text: string): { normalised: string; origins: number[] } => {
  let normalised = '';
  const origins: number[] = [];
  let index = 0;
  for (const character of text) {
    const part = normaliseSearchText(character) || (/\s/.test(character) ? ' ' : '');
    normalised += part;
    for (let i = 0; i < part.length; i++) {
      origins.push(index);
    }
    index += character.length;
  }
  return { normalised, origins };
};

/**
 * Splits a displayed name into the parts that match the words typed and the others, ignoring case and accents
 * ("elo" lights "Élo" in "Élodie"). Every occurrence of every word of two letters or more is marked; the pieces put
 * back together give the text unchanged.
 */
export const highlightMatches = (text: string, query: string): HighlightSegment[] => {
  const words = wordsOf(query);
  const { normalised, origins } = normaliseWithOrigins(text);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    for (let at = normalised.indexOf(word); at !== -1; at = normalised.indexOf(word, at + 1)) {
      const start = origins[at] ?? 0;
      const lastOrigin = origins[at + word.length - 1] ?? start;
      // The last matched character may be a surrogate pair (two UTF-16 units): mark it whole.
      const end = lastOrigin + ((text.codePointAt(lastOrigin) ?? 0) > 0xffff ? 2 : 1);
      marked.fill(true, start, end);
    }
  }
  const segments: HighlightSegment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = segments[segments.length - 1];
    if (last !== undefined && last.match === marked[i]) {
      segments[segments.length - 1] = { text: last.text + text[i], match: last.match };
    } else {
      segments.push({ text: text[i] ?? '', match: marked[i] ?? false });
    }
  }
  return segments;
};
