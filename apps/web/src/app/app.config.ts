import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  isDevMode,
  LOCALE_ID,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, TitleStrategy, withComponentInputBinding } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import { provideEffects } from '@ngrx/effects';
import { provideStore } from '@ngrx/store';
import { routes } from './app.routes';
import { csrfInterceptor, XSRF_COOKIE_NAME, XSRF_HEADER_NAME } from './core/http/csrf';
import { sessionInterceptor } from './core/http/session.interceptor';
import { PageTitle } from './core/layout/page-title';
import { Outbox } from './core/offline/outbox';
import { reachabilityInterceptor } from './core/offline/reachability.interceptor';
import { SwUpdateNotifier } from './core/sw-update';
import * as authEffects from './features/auth/auth.effects';
import { authFeature } from './features/auth/auth.feature';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    { provide: TitleStrategy, useExisting: PageTitle },
    provideHttpClient(
      withXsrfConfiguration({ cookieName: XSRF_COOKIE_NAME, headerName: XSRF_HEADER_NAME }),
      withInterceptors([reachabilityInterceptor, csrfInterceptor, sessionInterceptor]),
    ),
    { provide: LOCALE_ID, useValue: 'fr-FR' },
    provideStore({ [authFeature.name]: authFeature.reducer }),
    provideEffects(authEffects),
    // sw.js imports ngsw-worker.js (updates, caching, notification actions) and acknowledges received pushes.
    provideServiceWorker('sw.js', {
      enabled: !isDevMode(),
      registrationStrategy: 'registerWhenStable:30000',
    }),
    provideAppInitializer(() => {
      // No CSRF request at start: the first `/me` already sets the XSRF-TOKEN cookie, and a POST that finds none
      // fetches it through csrfInterceptor.
      inject(SwUpdateNotifier).watch();
      // Created now rather than with the first page that shows it: writes queued by an earlier visit (tab closed
      // offline) are replayed as soon as the session is known.
      inject(Outbox);
    }),
  ],
};
