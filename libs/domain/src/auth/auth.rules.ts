import { failure, type Result, success } from '../shared/result';
import { PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE } from './auth.schema';

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
    return failure('weak-password', `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`);
  }
  if (score < PASSWORD_MIN_SCORE) {
    return failure(
      'weak-password',
      'Ce mot de passe est trop facile à deviner. Ajoutez des mots peu courants, des chiffres ou des symboles.',
    );
  }
  return success(undefined);
};
