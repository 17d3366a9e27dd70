import type { ProblemCode } from './problem';

/** A failure a domain rule expects, with a stable code the BFF maps to HTTP and a French message. */
export interface DomainError {
  readonly code: ProblemCode;
  readonly message: string;
}

/** The outcome of a domain rule: a value, or an expected failure. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

/** Wraps a value as a successful result. */
export const success = <T>(value: T): Result<T> => ({ ok: true, value });

/** Wraps an expected failure. */
export const failure = <T = never>(code: ProblemCode, message: string): Result<T> => ({ ok: false, error: { code, message } });
