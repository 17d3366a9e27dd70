import { normaliseSearchText } from './jeune-search.rules';

/**
 * A usage or birth name as the charte de saisie wants it: unaccented capitals, single spaces, hyphens and
 * apostrophes kept ("Lefèvre-d’Arc" → "LEFEVRE-D'ARC").
 */
export const nomCharte = (nom: string): string =>
  normaliseSearchText(nom.replace(/[’‘`´]/g, "'"))
    .replace(/\s*-\s*/g, '-')
    .toUpperCase();

/** First names as on the identity card: the jeune's own spelling, accents and capitals kept; spaces tidied. */
export const prenomsCharte = (prenoms: string): string => prenoms.replace(/\s+/g, ' ').trim();

/** Letters (any script's accents), spaces, hyphens and apostrophes: what a name on a French ID may hold. */
export const NOM_PATTERN = /^[\p{L}][\p{L}\p{M}'’ -]*$/u;
