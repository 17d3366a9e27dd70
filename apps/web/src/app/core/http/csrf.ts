import { HttpClient, HttpErrorResponse, HttpInterceptorFn, HttpRequest, HttpXsrfTokenExtractor } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { PROBLEM_CODES } from '@imilo/domain';
import { catchError, map, Observable, switchMap, throwError } from 'rxjs';
import { problemOf } from './problem';

/** Cookie the BFF sets with the CSRF token (readable by scripts, by design of double-submit). */
export const XSRF_COOKIE_NAME = 'XSRF-TOKEN';
/** Header the BFF expects the token in on every mutating request. */
export const XSRF_HEADER_NAME = 'X-XSRF-TOKEN';

/** Asks the BFF for a fresh CSRF cookie. */
@Injectable({ providedIn: 'root' })
export class CsrfToken {
  private readonly http = inject(HttpClient);
  private readonly extractor = inject(HttpXsrfTokenExtractor);

  /** (Re)sets the cookie, then emits the token it now holds. */
  refresh(): Observable<string | null> {
    return this.http.get<void>('/api/v1/auth/csrf').pipe(map(() => this.extractor.getToken()));
  }
}

const isMutatingApiRequest = (req: HttpRequest<unknown>): boolean =>
  req.url.startsWith('/api/') && req.method !== 'GET' && req.method !== 'HEAD';

const isCsrfRejection = (error: unknown): boolean =>
  error instanceof HttpErrorResponse && error.status === 403 && problemOf(error)?.code === PROBLEM_CODES.csrf;

/**
 * Angular's XSRF interceptor reads the cookie synchronously, before this one runs. When the cookie
 * is not there yet (first POST racing the start-up call) or the BFF rejects a stale token (session
 * rotated at sign-in), fetch a fresh one and send the request once more with it.
 */
export const csrfInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isMutatingApiRequest(req)) {
    return next(req);
  }
  const csrf = inject(CsrfToken);
  const sendWithFreshToken = () =>
    csrf.refresh().pipe(
      switchMap((token) => next(token === null ? req : req.clone({ setHeaders: { [XSRF_HEADER_NAME]: token } }))),
    );
  const firstAttempt = req.headers.has(XSRF_HEADER_NAME) ? next(req) : sendWithFreshToken();
  return firstAttempt.pipe(
    catchError((error: unknown) => (isCsrfRejection(error) ? sendWithFreshToken() : throwError(() => error))),
  );
};
