// Limits and messages of the sign-in fields, free of zod: the sign-in page (the first a phone loads) uses them
// without pulling a schema library; auth.schema.ts builds the shared schemas from the same values.

/** An identifiant: `prenom.nom` style, lowercase letters, digits, dots and hyphens. */
export const IDENTIFIANT_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/** Longest identifiant accepted. */
export const IDENTIFIANT_MAX = 64;

/** Longest password accepted (argon2 has no limit, but bodies must stay small). */
export const PASSWORD_MAX = 128;

/** Shortest password accepted by the policy. */
export const PASSWORD_MIN_LENGTH = 12;

/** Lowest zxcvbn score accepted (0–4). */
export const PASSWORD_MIN_SCORE = 3;

/** How many previous passwords cannot be reused. */
export const PASSWORD_HISTORY_SIZE = 5;

/** French messages of the sign-in form, shared by the schemas the BFF applies and the sign-in page. */
export const SIGN_IN_MESSAGES = {
  identifiantRequired: "L'identifiant est obligatoire.",
  identifiantTooLong: `L'identifiant compte au plus ${IDENTIFIANT_MAX} caractères.`,
  passwordRequired: 'Le mot de passe est obligatoire.',
  passwordTooLong: `Le mot de passe compte au plus ${PASSWORD_MAX} caractères.`,
} as const;
