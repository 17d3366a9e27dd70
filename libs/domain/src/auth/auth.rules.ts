import type { Role } from '../roles/roles';
import { PROBLEM_CODES } from '../shared/problem';
import { failure, type Result, success } from '../shared/result';
import { PASSWORD_HISTORY_SIZE, PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE } from './auth.fields';
import type { CguAudience } from './auth.schema';

/** Deployment defaults of the sign-in rules; the BFF's config may override the password lifetime. */
export const AUTH_POLICY = {
  passwordLifetimeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  ipAttemptsPerWindow: 20,
  ipWindowMinutes: 15,
  accessCodeLifetimeDays: 7,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
} as const;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** When a password changed at `changedAt` expires. */
export const passwordExpiresAt = (changedAt: Date, lifetimeDays: number): Date =>
  new Date(changedAt.getTime() + lifetimeDays * DAY_MS);

/** Whether a password changed at `changedAt` (null: never chosen) must be changed now. */
export const isPasswordExpired = (changedAt: Date | null, now: Date, lifetimeDays: number): boolean =>
  changedAt === null || passwordExpiresAt(changedAt, lifetimeDays).getTime() <= now.getTime();

/** When an access code issued at `issuedAt` stops working. */
export const accessCodeExpiresAt = (issuedAt: Date): Date =>
  new Date(issuedAt.getTime() + AUTH_POLICY.accessCodeLifetimeDays * DAY_MS);

/** Until when an account with this many consecutive failures (the last at `lastFailureAt`) is locked, or null. */
export const lockedUntil = (consecutiveFailures: number, lastFailureAt: Date | null): Date | null =>
  consecutiveFailures >= AUTH_POLICY.lockoutThreshold && lastFailureAt !== null
    ? new Date(lastFailureAt.getTime() + AUTH_POLICY.lockoutMinutes * MINUTE_MS)
    : null;

/** Whether the account is locked at `now`. */
export const isLocked = (consecutiveFailures: number, lastFailureAt: Date | null, now: Date): boolean => {
  const until = lockedUntil(consecutiveFailures, lastFailureAt);
  return until !== null && until.getTime() > now.getTime();
};

/** Whether a session created at `createdAt` and last used at `lastSeenAt` has ended at `now`. */
export const isSessionOver = (createdAt: Date, lastSeenAt: Date, now: Date): boolean =>
  now.getTime() - lastSeenAt.getTime() > AUTH_POLICY.sessionIdleMinutes * MINUTE_MS ||
  now.getTime() - createdAt.getTime() > AUTH_POLICY.sessionAbsoluteHours * 60 * MINUTE_MS;

/**
 * Judges a new password from its zxcvbn score (computed by the caller, which owns the dictionaries).
 * Length is checked first so that the message names the simplest fix.
 */
export const judgePassword = (password: string, score: number): Result<void> => {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return failure(PROBLEM_CODES.weakPassword, `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`);
  }
  if (score < PASSWORD_MIN_SCORE) {
    return failure(
      PROBLEM_CODES.weakPassword,
      'Ce mot de passe est trop facile à deviner. Ajoutez des mots peu courants, des chiffres ou des symboles.',
    );
  }
  return success(undefined);
};

/**
 * Judges a new password against the owner's recent ones (the current one included): `reused` says whether it
 * matches one of the last PASSWORD_HISTORY_SIZE, which the caller checks against their hashes.
 */
export const judgePasswordReuse = (reused: boolean): Result<void> =>
  reused
    ? failure(
        PROBLEM_CODES.passwordReused,
        `Vous avez déjà utilisé ce mot de passe récemment (${PASSWORD_HISTORY_SIZE} derniers) : choisissez-en un nouveau.`,
      )
    : success(undefined);

/** Why a matching access code cannot be spent, as the user reads it. */
export const ACCESS_CODE_REFUSALS = {
  used: "Ce code d'accès a déjà été utilisé. Connectez-vous avec votre mot de passe, ou demandez un nouveau code à votre référent I-milo.",
  expired: "Ce code d'accès a expiré. Demandez-en un nouveau à votre référent I-milo.",
} as const;

/** Whether an access code that matched what the user typed can still be spent at `now`. */
export const judgeAccessCode = (code: { readonly expiresAt: Date; readonly usedAt: Date | null }, now: Date): Result<void> => {
  // "Used" first: a used code that has since expired is better explained by its use.
  if (code.usedAt !== null) {
    return failure(PROBLEM_CODES.accessCodeUsed, ACCESS_CODE_REFUSALS.used);
  }
  if (code.expiresAt.getTime() <= now.getTime()) {
    return failure(PROBLEM_CODES.accessCodeExpired, ACCESS_CODE_REFUSALS.expired);
  }
  return success(undefined);
};

/** Whom a password belongs to: what it must not be built from. */
export interface PasswordOwner {
  readonly login: string;
  readonly prenom: string;
  readonly nom: string;
}

const NAME_SEPARATORS = ['', '.', '-', '_', ' '];
const withoutAccents = (word: string): string => word.normalize('NFD').replace(/\p{Diacritic}/gu, '');

/**
 * The words the strength estimator must treat as known to an attacker: the identifiant, the names, and their
 * usual joins ("camille.martin", "martin-camille"), which zxcvbn does not assemble from the separate names.
 */
export const passwordUserInputs = (owner: PasswordOwner): string[] => {
  const prenom = withoutAccents(owner.prenom);
  const nom = withoutAccents(owner.nom);
  const joins = NAME_SEPARATORS.flatMap((separator) => [`${prenom}${separator}${nom}`, `${nom}${separator}${prenom}`]);
  return [...new Set([owner.login, owner.prenom, owner.nom, prenom, nom, ...joins].map((word) => word.toLowerCase()))];
};

/** The CGU text a user must accept: the jeunes' one for a jeune account, the staff one otherwise. */
export const cguAudience = (roles: readonly Role[]): CguAudience => (roles.includes('jeune') ? 'jeune' : 'staff');

/** Whether the version a user accepts is the one in force (they may have read an older one). */
export const judgeCguAcceptance = (acceptedVersion: number, currentVersion: number): Result<void> =>
  acceptedVersion === currentVersion
    ? success(undefined)
    : failure(
        PROBLEM_CODES.conflict,
        "Une nouvelle version des CGU a été publiée depuis votre lecture : relisez-la avant de l'accepter.",
      );
