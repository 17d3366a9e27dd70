/** One failing field of a 400 problem response. */
export interface ProblemFieldError {
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem document as the BFF sends it. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code: string;
  readonly errors?: readonly ProblemFieldError[];
}

/** Stable problem codes shared by the BFF and the PWA. */
export const PROBLEM_CODES = {
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid-credentials',
  accessCodeExpired: 'access-code-expired',
  accessCodeUsed: 'access-code-used',
  passwordExpired: 'password-expired',
  cguNotAccepted: 'cgu-not-accepted',
  forbidden: 'forbidden',
  /** A conseiller or direction opening a dossier outside their portfolio must first say why (POST …/acces). */
  accessReasonRequired: 'motif-acces-requis',
  csrf: 'csrf-token-invalid',
  validation: 'validation-failed',
  notFound: 'not-found',
  conflict: 'conflict',
  /** An `Idempotency-Key` already used for another request: a replay must send the same body. */
  idempotencyKeyReused: 'idempotency-key-reused',
  tooManyRequests: 'too-many-requests',
  weakPassword: 'weak-password',
  passwordReused: 'password-reused',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  internal: 'internal-error',
} as const;

/** One of the stable problem codes. */
export type ProblemCode = (typeof PROBLEM_CODES)[keyof typeof PROBLEM_CODES];
