import { IDENTIFIANT_MAX } from '../auth/auth.fields';

/** Activation codes a dossier may be sent per hour: more is a mistake or a misuse, and every SMS is billed. */
export const CODES_CMILO_PAR_HEURE = 3;

// Room kept at the end of an identifiant for the digits that make it unique.
const SUFFIX_ROOM = 4;

/** A name as an identifiant part: no accents, lowercase, words joined by hyphens (`Marie-Hélène` → `marie-helene`). */
export const toIdentifiantPart = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * The identifiant a jeune is offered, before uniqueness: `prenom.nom` from the first prénom and the name in use, as
 * staff identifiants are written (IDENTIFIANT_PATTERN), so that the jeune can type it on the activation page.
 */
export const identifiantCmiloBase = (prenoms: string, nom: string): string => {
  const prenom = toIdentifiantPart(prenoms.trim().split(/\s+/)[0] ?? '');
  const parts = [prenom, toIdentifiantPart(nom)].filter((part) => part !== '');
  const base = (parts.length > 0 ? parts.join('.') : 'jeune').slice(0, IDENTIFIANT_MAX - SUFFIX_ROOM);
  return base.replace(/[.-]+$/, '');
};

/** The first identifiant free among `base`, `base2`, `base3`…, given those already taken. */
export const firstFreeIdentifiant = (base: string, taken: ReadonlySet<string>): string => {
  if (!taken.has(base)) {
    return base;
  }
  let n = 2;
  while (taken.has(`${base}${n}`)) {
    n += 1;
  }
  return `${base}${n}`;
};

/** A telephone number with only its first two and last two digits shown: `06 •• •• •• 78`. */
export const masquerTelephone = (telephone: string): string => {
  const digits = telephone.replace(/\D/g, '');
  if (digits.length < 6) {
    return '•• •• •• •• ••';
  }
  return `${digits.slice(0, 2)} ${'•• '.repeat(Math.max(1, Math.ceil((digits.length - 4) / 2)))}${digits.slice(-2)}`;
};

/** An e-mail address with only the first letter of its local part shown: `i•••@example.org`. */
export const masquerEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  if (at <= 0) {
    return '•••';
  }
  return `${email.charAt(0)}•••${email.slice(at)}`;
};

/** What the activation SMS says. */
export interface SmsActivationInput {
  readonly missionLocale: string;
  readonly identifiant: string;
  /** The single-use code (never logged). */
  readonly code: string;
  /** The activation page (absolute URL). */
  readonly lien: string;
}

/** The activation SMS, before GSM-7 conversion: who writes, the identifiant, the code, for how long, and where. */
export const smsActivation = (input: SmsActivationInput): string =>
  `${input.missionLocale} : votre identifiant C-Milo est ${input.identifiant} et votre code d'activation ${input.code} ` +
  `(valable 7 jours) sur ${input.lien}`;
