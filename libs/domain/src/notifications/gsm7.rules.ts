/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet, indexed by its 7-bit code. 0x1B is the escape to the extension
 * table, not a character of a text: it is `null` here.
 */
export const GSM7_BASIC: readonly (string | null)[] = [
  // 0x00
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  // 0x10
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', null, 'Æ', 'æ', 'ß', 'É',
  // 0x20
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  // 0x30
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  // 0x40
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  // 0x50
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  // 0x60
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  // 0x70
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
];

/**
 * The GSM 03.38 extension table: characters sent as ESC (0x1B) followed by this code, so each one costs two septets.
 * 0x0A is the page break (form feed).
 */
export const GSM7_EXTENSION: Readonly<Record<number, string>> = {
  0x0a: '\f',
  0x14: '^',
  0x28: '{',
  0x29: '}',
  0x2f: '\\',
  0x3c: '[',
  0x3d: '~',
  0x3e: ']',
  0x40: '|',
  0x65: '€',
};

const BASIC = new Set(GSM7_BASIC.filter((char): char is string => char !== null));
const EXTENSION = new Set(Object.values(GSM7_EXTENSION));

/** Whether a character (one code point) is in the basic set or the extension table. */
export const isGsm7Char = (char: string): boolean => BASIC.has(char) || EXTENSION.has(char);

/** Whether a whole text can be sent in GSM-7, without falling back to UCS-2. */
export const isGsm7 = (text: string): boolean => [...text].every(isGsm7Char);

/** The septets a GSM-7 character costs: 1 in the basic set, 2 in the extension table (escape + code). */
const septets = (char: string): number => (EXTENSION.has(char) ? 2 : 1);

/**
 * Typographic characters French texts carry, and their GSM-7 stand-in. Letters that only lose an accent are not
 * listed: they are found by decomposition (ê → e, ç → c, À → A).
 */
export const GSM7_REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2019': "'", // ’ right single quotation mark (the French apostrophe)
  '\u2018': "'", // ‘
  '\u201a': "'", // ‚
  '\u201b': "'", // ‛
  '\u2032': "'", // ′ prime
  '\u02bc': "'", // ʼ modifier letter apostrophe
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u201e': '"', // „
  '\u00ab': '"', // «
  '\u00bb': '"', // »
  '\u2039': '"', // ‹
  '\u203a': '"', // ›
  '\u2033': '"', // ″
  '\u2010': '-', // ‐ hyphen
  '\u2011': '-', // ‑ non-breaking hyphen
  '\u2012': '-', // ‒ figure dash
  '\u2013': '-', // – en dash
  '\u2014': '-', // — em dash
  '\u2015': '-', // ― horizontal bar
  '\u2212': '-', // − minus sign
  '\u2022': '-', // • bullet
  '\u2026': '...', // … ellipsis
  '\u00a0': ' ', // no-break space (before « : ; ! ? » in French)
  '\u202f': ' ', // narrow no-break space
  '\u2007': ' ', // figure space
  '\u2009': ' ', // thin space
  '\u200a': ' ', // hair space
  '\u2002': ' ', // en space
  '\u2003': ' ', // em space
  '\t': ' ',
  '\u200b': '', // zero-width space
  '\u200d': '', // zero-width joiner
  '\ufeff': '', // byte order mark
  '\ufe0f': '', // emoji variation selector
  '\u0153': 'oe', // œ
  '\u0152': 'OE', // Œ
  '\u00b0': 'o', // ° (n° → no)
};

const FRENCH_SPACES = new Set([' ', '\u00a0', '\u202f']);

/** The character written for anything that has no GSM-7 stand-in (an emoji, a CJK letter…). */
export const GSM7_UNKNOWN = '?';

/** One kind of replacement made by {@link toGsm7}: the original character and what was written instead. */
export interface Gsm7Replacement {
  readonly from: string;
  readonly to: string;
}

/** A text made sendable in GSM-7, with the distinct replacements made (in order of first occurrence). */
export interface Gsm7Text {
  readonly text: string;
  readonly replaced: readonly Gsm7Replacement[];
}

/** A letter with its accent removed, when that gives GSM-7 characters (ê → e, Ê → E, ç → c); otherwise `null`. */
const withoutAccent = (char: string): string | null => {
  const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
  return bare !== '' && bare !== char && isGsm7(bare) ? bare : null;
};

const standIn = (char: string): string => {
  const mapped = GSM7_REPLACEMENTS[char];
  if (mapped !== undefined) {
    return mapped;
  }
  // A combining accent left alone after NFC (on a letter that has no precomposed form) is dropped.
  if (/^\p{M}$/u.test(char)) {
    return '';
  }
  return withoutAccent(char) ?? GSM7_UNKNOWN;
};

/**
 * Makes a text sendable in GSM-7: GSM characters (basic set and extension table) are kept, French typography is
 * replaced (’ → ', « x » → "x", – → -, … → ..., no-break spaces → space, œ → oe), letters outside the alphabet lose their
 * accent (ê → e, ç → c, À → A; é, è, à, ù, É, Ç stay), and anything else becomes "?". The text is read by code point
 * (after NFC), so an emoji is one "?".
 */
export const toGsm7 = (text: string): Gsm7Text => {
  const replaced: Gsm7Replacement[] = [];
  const seen = new Set<string>();
  let out = '';
  let afterOpeningGuillemet = false;
  for (const char of text.normalize('NFC')) {
    // « texte » becomes "texte": the spaces French puts inside guillemets are dropped with them.
    if (afterOpeningGuillemet && FRENCH_SPACES.has(char)) {
      continue;
    }
    afterOpeningGuillemet = char === '\u00ab';
    if (isGsm7Char(char)) {
      out += char;
      continue;
    }
    const to = standIn(char);
    out = char === '\u00bb' ? out.replace(/ +$/, '') + to : out + to;
    if (!seen.has(char)) {
      seen.add(char);
      replaced.push({ from: char, to });
    }
  }
  return { text: out, replaced };
};

/** How an SMS text is encoded and cut into segments. */
export interface SmsSegments {
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** Septets in GSM-7 (an extension character counts 2), UTF-16 code units in UCS-2 (an emoji counts 2). */
  readonly units: number;
  /** The SMS billed: 1 up to 160 GSM-7 / 70 UCS-2 units, else concatenated parts of 153 / 67 units. */
  readonly segments: number;
  /** The capacity of each segment for this text: 160 or 153 in GSM-7, 70 or 67 in UCS-2. */
  readonly perSegment: number;
}

/** Single-SMS capacity and the capacity of each part of a concatenated SMS (the rest holds the 6-byte UDH). */
export const SMS_CAPACITY = {
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
} as const;

/**
 * Counts parts the way encoders cut them: a character is never split across two parts (an escape and its
 * extension code, or the two halves of a surrogate pair, go together), so a part may hold one unit less.
 */
const countParts = (costs: readonly number[], capacity: number): number => {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > capacity) {
      parts++;
      used = 0;
    }
    used += cost;
  }
  return parts;
};

/**
 * The encoding, length and segment count of an SMS text as it will be sent (call {@link toGsm7} first to stay in
 * GSM-7). An empty text is still one SMS.
 */
export const smsSegments = (text: string): SmsSegments => {
  const chars = [...text];
  const encoding = chars.every(isGsm7Char) ? 'GSM-7' : 'UCS-2';
  const costs = encoding === 'GSM-7' ? chars.map(septets) : chars.map((char) => char.length);
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const { single, multipart } = SMS_CAPACITY[encoding];
  if (units <= single) {
    return { encoding, units, segments: 1, perSegment: single };
  }
  return { encoding, units, segments: countParts(costs, multipart), perSegment: multipart };
};
