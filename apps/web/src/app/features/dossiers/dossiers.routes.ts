import type { Routes } from '@angular/router';
import { CAPABILITIES } from '@imilo/domain';
import { capabilityGuard } from '../auth/auth.guards';
import { unsavedCreationGuard } from './creation/unsaved-creation.guard';

export default [
  {
    path: '',
    title: 'Jeunes',
    loadComponent: () => import('./recherche/recherche').then((m) => m.Recherche),
  },
  {
    path: 'nouveau',
    title: 'Nouveau dossier',
    canMatch: [capabilityGuard(CAPABILITIES.dossiersCreate)],
    canDeactivate: [unsavedCreationGuard],
    loadComponent: () => import('./creation/creation').then((m) => m.Creation),
  },
  {
    path: ':id',
    title: 'Dossier',
    loadComponent: () => import('./dossier/dossier-page').then((m) => m.DossierPage),
  },
] satisfies Routes;
