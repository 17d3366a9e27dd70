import { HttpErrorResponse, type HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';
import { Connectivity } from '../connectivity';
import { isUnreachable } from '../http/problem';

/**
 * GETs the service worker may answer from its cache (`dataGroups` of ngsw-config.json): their success says nothing of
 * the BFF. Keep in line with that file.
 */
const SERVICE_WORKER_CACHED = ['/api/v1/communes', '/api/v1/types-evenement', '/api/v1/offres-internes', '/api/v1/sites'];

const mayComeFromCache = (url: string): boolean => SERVICE_WORKER_CACHED.some((prefix) => url.startsWith(prefix));

/** Tells `Connectivity` whether the BFF answers, from the outcome of every API request. */
export const reachabilityInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith('/api/')) {
    return next(req);
  }
  const connectivity = inject(Connectivity);
  return next(req).pipe(
    tap({
      next: (event) => {
        if (event instanceof HttpResponse && !mayComeFromCache(req.url)) {
          connectivity.markReachable();
        }
      },
      error: (error: unknown) => {
        if (isUnreachable(error)) {
          connectivity.markUnreachable();
        } else if (error instanceof HttpErrorResponse) {
          connectivity.markReachable();
        }
      },
    }),
  );
};
