import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { PROBLEM_CODES } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { catchError, throwError } from 'rxjs';
import { AuthHttpActions } from '../../features/auth/auth.actions';
import { ME_URL } from '../../features/auth/auth-api';
import { problemOf } from './problem';

/**
 * Turns the BFF's session answers into navigation: an ended session leads back to the sign-in
 * page, a closed gate (expired password, CGU to accept) to the page that opens it. The error
 * still reaches the caller, which stops its own work.
 */
export const sessionInterceptor: HttpInterceptorFn = (req, next) => {
  const store = inject(Store);
  return next(req).pipe(
    catchError((error: unknown) => {
      switch (problemOf(error)?.code) {
        case PROBLEM_CODES.unauthenticated:
          // `/me` answering 401 is how the guards learn that nobody is signed in: not an ended session.
          if (req.url !== ME_URL) {
            store.dispatch(AuthHttpActions.sessionEnded());
          }
          break;
        case PROBLEM_CODES.passwordExpired:
          store.dispatch(AuthHttpActions.gateReached({ gate: 'password' }));
          break;
        case PROBLEM_CODES.cguNotAccepted:
          store.dispatch(AuthHttpActions.gateReached({ gate: 'cgu' }));
          break;
      }
      return throwError(() => error);
    }),
  );
};
