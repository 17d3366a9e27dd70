import { HttpErrorResponse } from '@angular/common/http';
import type { Problem, ProblemFieldError } from '@imilo/domain';

/** What the UI shows for a failed request: a French sentence and the failing fields, if any. */
export interface RequestFailure {
  /** Stable problem code from the BFF, or null when the server could not be reached. */
  readonly code: string | null;
  readonly message: string;
  readonly fieldErrors: readonly ProblemFieldError[];
}

const UNREACHABLE = 'Impossible de joindre imilo. Vérifiez votre connexion à internet, puis réessayez.';
const UNEXPECTED = 'Une erreur inattendue est survenue. Réessayez dans quelques instants.';

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && typeof (body as Partial<Problem>).code === 'string';

/** The RFC 9457 problem carried by a failed response, or null. */
export const problemOf = (error: unknown): Problem | null =>
  error instanceof HttpErrorResponse && isProblem(error.error) ? error.error : null;

/** Gateway answers: from a proxy, or from Angular's service worker when the network failed (504). */
const GATEWAY_STATUSES: readonly number[] = [502, 503, 504];

/**
 * Whether a request failed without reaching the BFF: no answer at all (status 0), or a gateway answer without the
 * BFF's problem body. The browser may still believe it is online (BFF stopped, Wi-Fi without a route).
 */
export const isUnreachable = (error: unknown): boolean =>
  error instanceof HttpErrorResponse &&
  (error.status === 0 || (GATEWAY_STATUSES.includes(error.status) && problemOf(error) === null));

const retryMessage = (error: HttpErrorResponse): string => {
  const seconds = Number(error.headers.get('Retry-After'));
  const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : null;
  return minutes === null
    ? 'Trop de tentatives. Patientez quelques minutes, puis réessayez.'
    : `Trop de tentatives. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`;
};

/**
 * Turns any request error into a French message. The BFF's `detail` wins; otherwise a sentence
 * that says what happened and what to do, never an HTTP code alone.
 */
export const toRequestFailure = (error: unknown): RequestFailure => {
  if (!(error instanceof HttpErrorResponse)) {
    return { code: null, message: UNEXPECTED, fieldErrors: [] };
  }
  if (isUnreachable(error)) {
    return { code: null, message: UNREACHABLE, fieldErrors: [] };
  }
  const problem = problemOf(error);
  const fallback = error.status === 429 ? retryMessage(error) : UNEXPECTED;
  return {
    code: problem?.code ?? null,
    message: problem?.detail ?? fallback,
    fieldErrors: problem?.errors ?? [],
  };
};
