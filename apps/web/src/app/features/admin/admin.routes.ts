import type { Routes } from '@angular/router';
import { CAPABILITIES } from '@imilo/domain';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { capabilityGuard } from '../auth/auth.guards';
import * as adminEffects from './admin.effects';
import { adminFeature } from './admin.feature';
import * as referentielsEffects from './referentiels/referentiels.effects';
import { referentielsFeature } from './referentiels/referentiels.feature';

export default [
  {
    path: '',
    providers: [provideState(adminFeature), provideEffects(adminEffects)],
    // The portal's own navigation between its screens, above each of them.
    loadComponent: () => import('./admin-layout/admin-layout').then((m) => m.AdminLayout),
    children: [
      {
        path: '',
        title: 'Administration',
        loadComponent: () => import('../portail/admin-home/admin-home').then((m) => m.AdminHome),
      },
      {
        path: 'utilisateurs',
        title: 'Utilisateurs',
        loadComponent: () => import('./users/users').then((m) => m.Users),
      },
      {
        path: 'referentiels',
        title: 'Référentiels du suivi',
        canMatch: [capabilityGuard(CAPABILITIES.referentielsLocal)],
        providers: [provideState(referentielsFeature), provideEffects(referentielsEffects)],
        loadComponent: () => import('./referentiels/referentiels').then((m) => m.Referentiels),
      },
      {
        path: 'sms',
        title: 'Boîte SMS (développement)',
        canMatch: [capabilityGuard(CAPABILITIES.outboxMissionLocale)],
        loadComponent: () => import('./sms/sms-outbox').then((m) => m.SmsOutbox),
      },
      {
        path: 'cgu',
        title: 'Publier les CGU',
        canMatch: [capabilityGuard(CAPABILITIES.cguPublish)],
        loadComponent: () => import('./cgu-publish/cgu-publish').then((m) => m.CguPublish),
      },
    ],
  },
] satisfies Routes;
