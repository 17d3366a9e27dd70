import { inject } from '@angular/core';
import { Router } from '@angular/router';
import type { MeDto } from '@imilo/domain';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { catchError, concatMap, exhaustMap, from, map, type Observable, of, type OperatorFunction, tap } from 'rxjs';
import { isUnreachable, toRequestFailure } from '../../core/http/problem';
import { OfflineCache } from '../../core/offline/offline-cache';
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

/** Where the signed-in user's profile is kept, to open the app signed in when the BFF cannot be reached. */
const ME_CACHE_KEY = 'me';

/** The BFF cannot be reached: the last user signed in on this device goes on offline, while the cache knows them. */
const sessionFromCache = (cache: OfflineCache): Observable<Action> =>
  from(cache.get<MeDto>(ME_CACHE_KEY, { anyUser: true })).pipe(
    map((cached) => (cached === null ? AuthApiActions.sessionAbsent() : AuthApiActions.sessionLoaded({ me: cached.value }))),
  );

export const checkSession = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi), cache = inject(OfflineCache)) =>
    actions$.pipe(
      ofType(AuthGuardActions.sessionCheckRequested),
      exhaustMap(() =>
        api.me().pipe(
          // Kept from here rather than on every sessionLoaded: a session read from the cache must not extend its life.
          tap((me) => void cache.put(ME_CACHE_KEY, me, me.id)),
          map((me) => AuthApiActions.sessionLoaded({ me })),
          catchError((error: unknown) => (isUnreachable(error) ? sessionFromCache(cache) : of(AuthApiActions.sessionAbsent()))),
        ),
      ),
    ),
  { functional: true },
);

export const rememberSignedInUser = createEffect(
  (actions$ = inject(Actions), cache = inject(OfflineCache)) =>
    actions$.pipe(
      ofType(
        AuthApiActions.signedIn,
        AuthApiActions.accountActivated,
        AuthApiActions.passwordChanged,
        AuthApiActions.cguAccepted,
      ),
      concatMap(({ me }) => cache.put(ME_CACHE_KEY, me, me.id)),
    ),
  { functional: true, dispatch: false },
);

/**
 * A shared tablet never shows the previous user's jeunes: signing out wipes everything kept offline (the account page
 * asks first when writes are still queued); a session that ends by itself wipes the cached data but keeps the queued
 * writes for their author.
 */
export const wipeOfflineData = createEffect(
  (actions$ = inject(Actions), cache = inject(OfflineCache)) =>
    actions$.pipe(
      ofType(AuthApiActions.signedOut, AuthHttpActions.sessionEnded),
      concatMap((action) => (action.type === AuthApiActions.signedOut.type ? cache.wipe() : cache.wipeCache())),
    ),
  { functional: true, dispatch: false },
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
