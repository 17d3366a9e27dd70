/** A calendar day, `YYYY-MM-DD`. */
export type LocalDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsOf = (date: LocalDate): [number, number, number] => {
  const match = ISO_DATE.exec(date);
  if (!match) {
    throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
};

/**
 * The age in whole years on a given day. Someone born on 29 February is a year older on 1 March of a common year
 * (the day after 28 February), as French civil law counts it.
 */
export const ageOn = (dateNaissance: LocalDate, today: LocalDate): number => {
  const [birthYear, birthMonth, birthDay] = partsOf(dateNaissance);
  const [year, month, day] = partsOf(today);
  const birthdayPassed = month > birthMonth || (month === birthMonth && day >= birthDay);
  return year - birthYear - (birthdayPassed ? 0 : 1);
};

// Building a DateTimeFormat costs far more than using one; there are only a few time zones.
const formats = new Map<string, Intl.DateTimeFormat>();

const formatIn = (timeZone: string): Intl.DateTimeFormat => {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
};

/** The calendar day it is at `now` in an IANA time zone (`Europe/Paris`, `Indian/Reunion`), `YYYY-MM-DD`. */
export const localDateIn = (now: Date, timeZone: string): LocalDate => {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
};

// PostgreSQL's unaccent expands these ligatures; canonical decomposition (NFD) leaves them whole.
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae' };

/**
 * A name as the search compares it: lower case, without accents, single spaces. The database computes the same
 * with `lower(imilo_unaccent(…))` for the letters French names use (é è ê ë à â ä î ï ô ö ù û ü ç œ æ ÿ).
 */
export const normaliseSearchText = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[œæ]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .replace(/\s+/g, ' ')
    .trim();

/** What one search input is compared with: names by similarity; matricule, phone and e-mail exactly. */
export interface JeuneSearchTerms {
  /** The normalised text compared with the names. */
  readonly text: string;
  /** The matricules it may be, as typed and in capitals. */
  readonly matricules: readonly string[];
  /** The national phone number it may be, digits only; null when the input is not a phone number. */
  readonly phoneDigits: string | null;
  /** The e-mail address it may be, lower case; null without an `@`. */
  readonly email: string | null;
}

const PHONE_LIKE = /^\+?[\d\s.()/-]+$/;
const MIN_PHONE_DIGITS = 6;
// France and the overseas departments with Missions Locales: +33, +262 (La Réunion), +269 (Mayotte),
// +590 (Guadeloupe), +594 (Guyane), +596 (Martinique). Dossiers keep the national form, 0 and nine digits.
const COUNTRY_CODES = ['33', '262', '269', '590', '594', '596'];

const nationalPhoneDigits = (input: string): string | null => {
  if (!PHONE_LIKE.test(input)) {
    return null;
  }
  const digits = input.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_DIGITS) {
    return null;
  }
  const international = input.startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : null;
  const code = international === null ? undefined : COUNTRY_CODES.find((c) => international.startsWith(c) && international.length === c.length + 9);
  return international !== null && code !== undefined ? `0${international.slice(code.length)}` : digits;
};

/** The terms one search input stands for. */
export const jeuneSearchTermsOf = (q: string): JeuneSearchTerms => {
  const input = q.trim();
  return {
    text: normaliseSearchText(input),
    matricules: [...new Set([input, input.toUpperCase()])],
    phoneDigits: nationalPhoneDigits(input),
    email: input.includes('@') ? input.toLowerCase() : null,
  };
};
