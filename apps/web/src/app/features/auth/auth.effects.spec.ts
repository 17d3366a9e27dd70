import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { MeDto } from '@imilo/domain';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { firstValueFrom, type Observable, of, ReplaySubject, throwError } from 'rxjs';
import { OfflineCache } from '../../core/offline/offline-cache';
import { AccountPageActions, AuthApiActions, AuthGuardActions, AuthHttpActions, SignInPageActions } from './auth.actions';
import { AuthApi } from './auth-api';
import * as authEffects from './auth.effects';
import { aMe, aProblemResponse } from './auth.testing';

describe('auth effects', () => {
  let actions$: ReplaySubject<Action>;
  let api: jasmine.SpyObj<AuthApi>;
  let router: jasmine.SpyObj<Router>;
  let cache: jasmine.SpyObj<OfflineCache>;

  beforeEach(() => {
    cache = jasmine.createSpyObj<OfflineCache>('OfflineCache', ['get', 'put', 'wipe', 'wipeCache']);
    cache.get.and.resolveTo(null);
    cache.put.and.resolveTo();
    cache.wipe.and.resolveTo();
    cache.wipeCache.and.resolveTo();
    actions$ = new ReplaySubject<Action>(1);
    api = jasmine.createSpyObj<AuthApi>('AuthApi', ['me', 'signIn', 'signOut', 'signOutEverywhere']);
    router = jasmine.createSpyObj<Router>('Router', ['navigateByUrl']);
    router.navigateByUrl.and.resolveTo(true);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        { provide: AuthApi, useValue: api },
        { provide: Router, useValue: router },
        { provide: OfflineCache, useValue: cache },
      ],
    });
  });

  const run = <T>(effect: () => Observable<T>): Observable<T> => TestBed.runInInjectionContext(effect);

  it('when the sign-in succeeds, reports the signed-in user', async () => {
    const me = aMe();
    api.signIn.and.returnValue(of(me));
    actions$.next(SignInPageActions.submitted({ credentials: { login: 'awa.diallo', password: 'secret' } }));

    const action = await firstValueFrom(run(authEffects.signIn));

    expect(api.signIn).toHaveBeenCalledOnceWith({ login: 'awa.diallo', password: 'secret' });
    expect(action).toEqual(AuthApiActions.signedIn({ me }));
  });

  it('when the BFF refuses the credentials, reports its French message', async () => {
    api.signIn.and.returnValue(
      throwError(() => aProblemResponse(401, 'invalid-credentials', 'Identifiant ou mot de passe incorrect.')),
    );
    actions$.next(SignInPageActions.submitted({ credentials: { login: 'awa.diallo', password: 'faux' } }));

    const action = await firstValueFrom(run(authEffects.signIn));

    expect(action).toEqual(
      AuthApiActions.submitFailed({
        failure: { code: 'invalid-credentials', message: 'Identifiant ou mot de passe incorrect.', fieldErrors: [] },
      }),
    );
  });

  it('when nobody is signed in, the session check reports the session absent', async () => {
    api.me.and.returnValue(throwError(() => aProblemResponse(401, 'unauthenticated', 'Connectez-vous.')));
    actions$.next(AuthGuardActions.sessionCheckRequested());

    const action = await firstValueFrom(run(authEffects.checkSession));

    expect(action).toEqual(AuthApiActions.sessionAbsent());
  });

  it('when the session is loaded, keeps the profile for an offline start', async () => {
    const me = aMe();
    api.me.and.returnValue(of(me));
    actions$.next(AuthGuardActions.sessionCheckRequested());

    const action = await firstValueFrom(run(authEffects.checkSession));

    expect(action).toEqual(AuthApiActions.sessionLoaded({ me }));
    expect(cache.put).toHaveBeenCalledOnceWith('me', me, me.id);
  });

  const unreachableCases = [
    { scenario: 'no answer at all', error: new HttpErrorResponse({ status: 0 }) },
    { scenario: 'a 504 from the service worker', error: new HttpErrorResponse({ status: 504, error: '' }) },
  ];
  for (const { scenario, error } of unreachableCases) {
    it(`when the BFF cannot be reached (${scenario}), goes on with the profile kept on the device`, async () => {
      const me = aMe();
      cache.get.withArgs('me', { anyUser: true }).and.resolveTo({ value: me, savedAt: '2026-11-29T08:00:00.000Z' });
      api.me.and.returnValue(throwError(() => error));
      actions$.next(AuthGuardActions.sessionCheckRequested());

      const action = await firstValueFrom(run(authEffects.checkSession));

      expect(action).toEqual(AuthApiActions.sessionLoaded({ me }));
      expect(cache.put).not.toHaveBeenCalled();
    });
  }

  it('when the BFF cannot be reached and no profile is kept, reports the session absent', async () => {
    api.me.and.returnValue(throwError(() => new HttpErrorResponse({ status: 0 })));
    actions$.next(AuthGuardActions.sessionCheckRequested());

    const action = await firstValueFrom(run(authEffects.checkSession));

    expect(action).toEqual(AuthApiActions.sessionAbsent());
  });

  it('when nobody is signed in, does not fall back on the profile kept on the device', async () => {
    cache.get.and.resolveTo({ value: aMe(), savedAt: '2026-11-29T08:00:00.000Z' });
    api.me.and.returnValue(throwError(() => aProblemResponse(401, 'unauthenticated', 'Connectez-vous.')));
    actions$.next(AuthGuardActions.sessionCheckRequested());

    const action = await firstValueFrom(run(authEffects.checkSession));

    expect(action).toEqual(AuthApiActions.sessionAbsent());
  });

  it('when someone signs in, keeps their profile for an offline start', async () => {
    const me = aMe();
    actions$.next(AuthApiActions.signedIn({ me }));

    await firstValueFrom(run(authEffects.rememberSignedInUser));

    expect(cache.put).toHaveBeenCalledOnceWith('me', me, me.id);
  });

  it('when the user signs out, wipes everything the device keeps offline (cached data and queued writes)', async () => {
    actions$.next(AuthApiActions.signedOut());

    await firstValueFrom(run(authEffects.wipeOfflineData));

    expect(cache.wipe).toHaveBeenCalledTimes(1);
    expect(cache.wipeCache).not.toHaveBeenCalled();
  });

  it('when the session ends by itself, wipes the cached data but keeps the queued writes for their author', async () => {
    actions$.next(AuthHttpActions.sessionEnded());

    await firstValueFrom(run(authEffects.wipeOfflineData));

    expect(cache.wipeCache).toHaveBeenCalledTimes(1);
    expect(cache.wipe).not.toHaveBeenCalled();
  });

  it('when signing out fails offline, says that imilo cannot be reached', async () => {
    api.signOut.and.returnValue(throwError(() => new HttpErrorResponse({ status: 0 })));
    actions$.next(AccountPageActions.signOutClicked());

    const action = await firstValueFrom(run(authEffects.signOut));

    expect(action).toEqual(
      AuthApiActions.signOutFailed({
        failure: {
          code: null,
          message: 'Impossible de joindre imilo. Vérifiez votre connexion à internet, puis réessayez.',
          fieldErrors: [],
        },
      }),
    );
  });

  it('when signing out everywhere succeeds, reports the user signed out', async () => {
    api.signOutEverywhere.and.returnValue(of(undefined));
    actions$.next(AccountPageActions.signOutEverywhereClicked());

    const action = await firstValueFrom(run(authEffects.signOutEverywhere));

    expect(api.signOutEverywhere).toHaveBeenCalled();
    expect(action).toEqual(AuthApiActions.signedOut());
  });

  const landingCases: readonly { scenario: string; me: MeDto; url: string }[] = [
    { scenario: 'the password expired', me: aMe({ mustChangePassword: true, mustAcceptCgu: true }), url: '/mot-de-passe' },
    { scenario: 'the CGU must be accepted', me: aMe({ mustAcceptCgu: true }), url: '/cgu' },
    { scenario: 'an administrator has nothing pending', me: aMe({ roles: ['admin_ml'] }), url: '/admin' },
    { scenario: 'a jeune has nothing pending', me: aMe({ roles: ['jeune'] }), url: '/c-milo' },
  ];
  for (const { scenario, me, url } of landingCases) {
    it(`when ${scenario} at sign-in, leads to ${url}`, async () => {
      actions$.next(AuthApiActions.signedIn({ me }));

      await firstValueFrom(run(authEffects.landAfterSignIn));

      expect(router.navigateByUrl).toHaveBeenCalledOnceWith(url);
    });
  }

  it('when the BFF says the session is over, leads back to the sign-in page', async () => {
    actions$.next(AuthHttpActions.sessionEnded());

    await firstValueFrom(run(authEffects.leaveAfterSignOut));

    expect(router.navigateByUrl).toHaveBeenCalledOnceWith('/connexion');
  });

  it('when the BFF says the CGU must be accepted, leads to the CGU page', async () => {
    actions$.next(AuthHttpActions.gateReached({ gate: 'cgu' }));

    await firstValueFrom(run(authEffects.followGate));

    expect(router.navigateByUrl).toHaveBeenCalledOnceWith('/cgu');
  });
});
