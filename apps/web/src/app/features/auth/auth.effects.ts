import { inject } from '@angular/core';
import { Router } from '@angular/router';
import type { MeDto } from '@imilo/domain';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { catchError, exhaustMap, map, type Observable, of, type OperatorFunction, tap } from 'rxjs';
import { toRequestFailure } from '../../core/http/problem';
import {
  AccountPageActions,
  ActivationPageActions,
  AuthApiActions,
  AuthGuardActions,
  AuthHttpActions,
  CguPageActions,
  PasswordPageActions,
  SignInPageActions,
} from './auth.actions';
import { AuthApi } from './auth-api';
import { GATE_URLS, landingUrlFor, SIGN_IN_URL } from './auth.navigation';

/** Sends one form at a time (extra clicks are ignored) and reports its outcome. */
const submitForm = <T>(
  send: (payload: T) => Observable<MeDto>,
  succeeded: (props: { me: MeDto }) => Action,
): OperatorFunction<T, Action> =>
  exhaustMap((payload) =>
    send(payload).pipe(
      map((me) => succeeded({ me })),
      catchError((error: unknown) => of(AuthApiActions.submitFailed({ failure: toRequestFailure(error) }))),
    ),
  );

/** Ends the session (here or on every device) and reports its outcome. */
const signOutWith = (send: () => Observable<void>): OperatorFunction<unknown, Action> =>
  exhaustMap(() =>
    send().pipe(
      map(() => AuthApiActions.signedOut()),
      catchError((error: unknown) => of(AuthApiActions.signOutFailed({ failure: toRequestFailure(error) }))),
    ),
  );

export const checkSession = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) =>
    actions$.pipe(
      ofType(AuthGuardActions.sessionCheckRequested),
      exhaustMap(() =>
        api.me().pipe(
          map((me) => AuthApiActions.sessionLoaded({ me })),
          catchError(() => of(AuthApiActions.sessionAbsent())),
        ),
      ),
    ),
  { functional: true },
);

export const signIn = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) =>
    actions$.pipe(
      ofType(SignInPageActions.submitted),
      map(({ credentials }) => credentials),
      submitForm((credentials) => api.signIn(credentials), AuthApiActions.signedIn),
    ),
  { functional: true },
);

export const activateAccount = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) =>
    actions$.pipe(
      ofType(ActivationPageActions.submitted),
      map(({ activation }) => activation),
      submitForm((activation) => api.activate(activation), AuthApiActions.accountActivated),
    ),
  { functional: true },
);

export const changePassword = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) =>
    actions$.pipe(
      ofType(PasswordPageActions.submitted),
      map(({ change }) => change),
      submitForm((change) => api.changePassword(change), AuthApiActions.passwordChanged),
    ),
  { functional: true },
);

export const acceptCgu = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) =>
    actions$.pipe(
      ofType(CguPageActions.acceptClicked),
      map(({ version }) => ({ version })),
      submitForm((acceptance) => api.acceptCgu(acceptance), AuthApiActions.cguAccepted),
    ),
  { functional: true },
);

export const signOut = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) =>
    actions$.pipe(
      ofType(AccountPageActions.signOutClicked, PasswordPageActions.signOutClicked, CguPageActions.signOutClicked),
      signOutWith(() => api.signOut()),
    ),
  { functional: true },
);

export const signOutEverywhere = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) =>
    actions$.pipe(
      ofType(AccountPageActions.signOutEverywhereClicked),
      signOutWith(() => api.signOutEverywhere()),
    ),
  { functional: true },
);

export const landAfterSignIn = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(
        AuthApiActions.signedIn,
        AuthApiActions.accountActivated,
        AuthApiActions.passwordChanged,
        AuthApiActions.cguAccepted,
      ),
      tap(({ me }) => void router.navigateByUrl(landingUrlFor(me))),
    ),
  { functional: true, dispatch: false },
);

export const leaveAfterSignOut = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthApiActions.signedOut, AuthHttpActions.sessionEnded),
      tap(() => void router.navigateByUrl(SIGN_IN_URL)),
    ),
  { functional: true, dispatch: false },
);

export const followGate = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthHttpActions.gateReached),
      tap(({ gate }) => void router.navigateByUrl(GATE_URLS[gate])),
    ),
  { functional: true, dispatch: false },
);
