/**
 * The NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale"): 13 characters and a 2-digit key.
 * Sex 1/2 (3/4 and 7/8 for provisional numbers), birth year and month (20–42 and 50–99 when unknown), department
 * (2A/2B for Corsica, 97x/98x overseas with a 2-digit commune), commune, order, key = 97 − (number mod 97), where
 * Corsica counts 2A as 19 and 2B as 18.
 */
const NIR_SHAPE = /^[123478]\d{2}(?:0[1-9]|1[0-2]|[23]\d|4[0-2]|[5-9]\d)(?:\d{2}|2A|2B)\d{6}\d{2}$/;

/** The NIR as typed, without spaces, dots or dashes, in capitals. */
export const normaliseNir = (input: string): string => input.replace(/[\s.-]/g, '').toUpperCase();

/** The key (2 digits) a 13-character NIR body must carry. */
export const nirKey = (body: string): number => {
  const numeric = Number(body.replace('2A', '19').replace('2B', '18'));
  return 97 - (numeric % 97);
};

/** Why a (normalised) NIR is not valid, in French; `null` when it is. */
export const nirError = (nir: string): string | null => {
  if (!NIR_SHAPE.test(nir)) {
    return 'Le NIR compte 15 caractères : sexe, année et mois de naissance, lieu, rang et clé.';
  }
  if (nirKey(nir.slice(0, 13)) !== Number(nir.slice(13))) {
    return 'La clé du NIR ne correspond pas : vérifiez la saisie.';
  }
  return null;
};

/** What the PWA shows of a sensitive number: its last 3 characters, the rest hidden. */
export const masque = (value: string): string => `${'•'.repeat(Math.max(value.length - 3, 0))}${value.slice(-3)}`;
