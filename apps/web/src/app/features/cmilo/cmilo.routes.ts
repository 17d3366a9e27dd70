import type { Routes } from '@angular/router';
import { MesRendezVousStore } from './rendez-vous/mes-rendez-vous.store';

// C-Milo, the jeune's space. The store is shared by the home, the list and a rendez-vous' page: a confirmation made on
// one shows on the others without another call.
export default [
  {
    path: '',
    providers: [MesRendezVousStore],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Mon espace',
        loadComponent: () => import('../portail/cmilo-home/cmilo-home').then((m) => m.CmiloHome),
      },
      {
        path: 'rendez-vous',
        title: 'Mes rendez-vous',
        loadComponent: () => import('./rendez-vous/mes-rendez-vous').then((m) => m.MesRendezVous),
      },
      {
        path: 'rendez-vous/:id',
        title: 'Mon rendez-vous',
        loadComponent: () => import('./rendez-vous/rendez-vous-detail').then((m) => m.RendezVousDetail),
      },
      {
        path: 'sessions',
        title: 'Sessions ouvertes',
        loadComponent: () => import('./sessions/sessions-ouvertes').then((m) => m.SessionsOuvertes),
      },
      {
        path: 'actions',
        title: 'Mes actions',
        loadComponent: () => import('./actions/mes-actions').then((m) => m.MesActions),
      },
      {
        path: 'notifications',
        title: 'Mes notifications',
        loadComponent: () => import('./notifications/notifications-page').then((m) => m.NotificationsPage),
      },
    ],
  },
] satisfies Routes;
