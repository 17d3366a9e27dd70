import { TestBed } from '@angular/core/testing';
import { type CanMatchFn, provideRouter, Router, type Route, type UrlSegment, UrlTree } from '@angular/router';
import { CAPABILITIES, type MeDto } from '@imilo/domain';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, isObservable, type Observable } from 'rxjs';
import { AuthGuardActions } from './auth.actions';
import { type AuthState, initialAuthState } from './auth.feature';
import {
  capabilityGuard,
  gatesPassedGuard,
  passwordGatePassedGuard,
  portalGuard,
  signedInGuard,
  signedOutGuard,
} from './auth.guards';
import { aMe } from './auth.testing';

const signedIn = (me: MeDto): AuthState => ({ ...initialAuthState, me, status: 'signed-in' });
const signedOut: AuthState = { ...initialAuthState, status: 'signed-out' };

describe('auth guards', () => {
  let store: MockStore;

  const setUp = (auth: AuthState) => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideMockStore({ initialState: { auth } })],
    });
    store = TestBed.inject(MockStore);
  };

  /** Runs a guard and returns `true`, `false` or the URL it redirects to. */
  const check = (guard: CanMatchFn): Observable<boolean | UrlTree> => {
    const result = TestBed.runInInjectionContext(() => guard({} as Route, [] as UrlSegment[]));
    if (!isObservable(result)) {
      throw new Error('The auth guards answer with an Observable.');
    }
    return result as Observable<boolean | UrlTree>;
  };
  const outcome = async (guard: CanMatchFn): Promise<boolean | string> => {
    const result = await firstValueFrom(check(guard));
    return result instanceof UrlTree ? TestBed.inject(Router).serializeUrl(result) : result;
  };

  it('when the session is not known yet, starts loading the page before the BFF answers', async () => {
    setUp(initialAuthState);
    const loadComponent = jasmine.createSpy('loadComponent').and.returnValue(new Promise(() => undefined));

    const pending = TestBed.runInInjectionContext(() => signedOutGuard({ loadComponent } as Route, [] as UrlSegment[]));

    expect(isObservable(pending)).toBeTrue();
    expect(loadComponent).toHaveBeenCalledTimes(1);
  });

  it('when nobody is signed in, the signed-in guard leads to the sign-in page', async () => {
    setUp(signedOut);

    expect(await outcome(signedInGuard)).toBe('/connexion');
  });

  it('when the session is not known yet, asks the BFF once and waits for the answer', async () => {
    setUp(initialAuthState);
    const dispatch = spyOn(store, 'dispatch').and.callThrough();

    const result = firstValueFrom(check(signedInGuard));
    store.setState({ auth: signedIn(aMe()) });

    expect(await result).toBeTrue();
    expect(dispatch).toHaveBeenCalledOnceWith(AuthGuardActions.sessionCheckRequested());
  });

  it('when the session is being loaded, does not ask the BFF again', async () => {
    setUp({ ...initialAuthState, status: 'loading' });
    const dispatch = spyOn(store, 'dispatch');

    const result = firstValueFrom(check(signedInGuard));
    store.setState({ auth: signedOut });

    expect(await result).toEqual(jasmine.any(UrlTree));
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('when the password must change, every page leads to the password page, even with CGU pending', async () => {
    setUp(signedIn(aMe({ mustChangePassword: true, mustAcceptCgu: true })));

    expect(await outcome(gatesPassedGuard)).toBe('/mot-de-passe');
    expect(await outcome(passwordGatePassedGuard)).toBe('/mot-de-passe');
  });

  it('when the CGU must be accepted, every page leads to the CGU page', async () => {
    setUp(signedIn(aMe({ mustAcceptCgu: true })));

    expect(await outcome(gatesPassedGuard)).toBe('/cgu');
    expect(await outcome(passwordGatePassedGuard)).toBeTrue();
  });

  it('when nothing is pending, the pages open', async () => {
    setUp(signedIn(aMe()));

    expect(await outcome(gatesPassedGuard)).toBeTrue();
  });

  it('when a jeune asks for the admin portal, it does not match', async () => {
    setUp(signedIn(aMe({ roles: ['jeune'] })));

    expect(await outcome(portalGuard('admin'))).toBeFalse();
    expect(await outcome(portalGuard('c-milo'))).toBeTrue();
  });

  it('when an administrator asks for the conseiller portal, it does not match', async () => {
    setUp(signedIn(aMe({ roles: ['admin_ml'] })));

    expect(await outcome(portalGuard('conseiller'))).toBeFalse();
    expect(await outcome(portalGuard('admin'))).toBeTrue();
  });

  it('when an admin_ml asks for CGU publication, it does not match; admin_national does', async () => {
    setUp(signedIn(aMe({ roles: ['admin_ml'] })));
    expect(await outcome(capabilityGuard(CAPABILITIES.cguPublish))).toBeFalse();

    store.setState({ auth: signedIn(aMe({ roles: ['admin_national'] })) });
    expect(await outcome(capabilityGuard(CAPABILITIES.cguPublish))).toBeTrue();
  });

  it('when a signed-in user opens the sign-in page, leads to their home', async () => {
    setUp(signedIn(aMe({ roles: ['direction'] })));

    expect(await outcome(signedOutGuard)).toBe('/conseiller');
  });
});
