import { inject } from '@angular/core';
import { type CanMatchFn, type RedirectFunction, type Route, Router } from '@angular/router';
import { can, type Capability, type MeDto, type Portal, portalsFor } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { filter, map, type Observable, take } from 'rxjs';
import { AuthGuardActions } from './auth.actions';
import { authFeature } from './auth.feature';
import { GATE_URLS, gateOf, landingUrlFor, SIGN_IN_URL } from './auth.navigation';

/**
 * Starts downloading the route's page while the session is checked, so that the two round trips overlap on a
 * phone's network instead of adding up; the router's own call then finds the module already loaded.
 */
function warmUp(route: Route | undefined): void {
  const loading = route?.loadComponent?.();
  if (loading instanceof Promise) {
    // The router loads it again and reports a failure (e.g. offline) itself; this early start has nothing to add.
    loading.catch(() => undefined);
  }
}

/** The signed-in user once the session is known; asks the BFF (`/me`) the first time only. */
function knownSession(route?: Route): Observable<MeDto | null> {
  warmUp(route);
  const store = inject(Store);
  if (store.selectSignal(authFeature.selectStatus)() === 'unknown') {
    store.dispatch(AuthGuardActions.sessionCheckRequested());
  }
  return store.select(authFeature.selectAuthState).pipe(
    filter(({ status }) => status === 'signed-in' || status === 'signed-out'),
    take(1),
    map(({ me }) => me),
  );
}

/** Lets signed-in users through; sends everybody else to the sign-in page. */
export const signedInGuard: CanMatchFn = (route) => {
  const router = inject(Router);
  return knownSession(route).pipe(map((me) => me !== null || router.parseUrl(SIGN_IN_URL)));
};

/** Keeps signed-in users away from the sign-in and activation pages. */
export const signedOutGuard: CanMatchFn = (route) => {
  const router = inject(Router);
  return knownSession(route).pipe(map((me) => me === null || router.parseUrl(landingUrlFor(me))));
};

/** While the password must change or the CGU must be accepted, leads there and nowhere else. */
export const gatesPassedGuard: CanMatchFn = () => {
  const router = inject(Router);
  return knownSession().pipe(
    map((me) => {
      const gate = gateOf(me);
      return gate === null || router.parseUrl(GATE_URLS[gate]);
    }),
  );
};

/** The CGU come second: an expired password is changed first. */
export const passwordGatePassedGuard: CanMatchFn = () => {
  const router = inject(Router);
  return knownSession().pipe(map((me) => !me?.mustChangePassword || router.parseUrl(GATE_URLS.password)));
};

/** Matches only for users whose roles open the portal; others fall through to "Page introuvable". */
export const portalGuard =
  (portal: Portal): CanMatchFn =>
  (route) =>
    knownSession(route).pipe(map((me) => me !== null && portalsFor(me.roles).includes(portal)));

/** Matches only for users whose roles grant the capability. */
export const capabilityGuard =
  (capability: Capability): CanMatchFn =>
  () =>
    knownSession().pipe(map((me) => me !== null && can(me.roles, capability)));

/** `/` leads to the home of the user's first portal. */
export const redirectToHome: RedirectFunction = () => inject(Store).select(authFeature.selectHomeUrl).pipe(take(1));
