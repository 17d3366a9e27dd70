import type { Routes } from '@angular/router';
import { CAPABILITIES } from '@imilo/domain';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { capabilityGuard } from '../auth/auth.guards';
import * as adminEffects from './admin.effects';
import { adminFeature } from './admin.feature';

export default [
  {
    path: '',
    providers: [provideState(adminFeature), provideEffects(adminEffects)],
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
        path: 'cgu',
        title: 'Publier les CGU',
        canMatch: [capabilityGuard(CAPABILITIES.cguPublish)],
        loadComponent: () => import('./cgu-publish/cgu-publish').then((m) => m.CguPublish),
      },
    ],
  },
] satisfies Routes;
