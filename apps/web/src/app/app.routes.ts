import type { Routes } from '@angular/router';
import { CAPABILITIES } from '@imilo/domain';
import {
  capabilityGuard,
  gatesPassedGuard,
  passwordGatePassedGuard,
  portalGuard,
  redirectToHome,
  signedInGuard,
  signedOutGuard,
} from './features/auth/auth.guards';

export const routes: Routes = [
  {
    path: 'connexion',
    title: 'Connexion',
    canMatch: [signedOutGuard],
    loadComponent: () => import('./features/auth/sign-in/sign-in').then((m) => m.SignIn),
  },
  {
    path: 'activation',
    title: 'Activer mon compte',
    canMatch: [signedOutGuard],
    loadComponent: () => import('./features/auth/activation/activation').then((m) => m.Activation),
  },
  {
    path: 'mot-de-passe',
    title: 'Mot de passe',
    canMatch: [signedInGuard],
    loadComponent: () => import('./features/auth/password/password').then((m) => m.Password),
  },
  {
    path: 'cgu',
    title: "Conditions d'utilisation",
    canMatch: [signedInGuard, passwordGatePassedGuard],
    loadComponent: () => import('./features/auth/cgu/cgu').then((m) => m.Cgu),
  },
  {
    path: '',
    canMatch: [signedInGuard, gatesPassedGuard],
    loadComponent: () => import('./core/layout/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: redirectToHome },
      {
        path: 'conseiller',
        title: 'Accueil',
        canMatch: [portalGuard('conseiller')],
        // The Portail (#6): the conseiller's day, or the direction's figures, as widgets.
        loadComponent: () => import('./features/portail/portail-home/portail-home').then((m) => m.PortailHome),
      },
      {
        // Search and premier accueil: conseillers, chargés d'accueil and direction (the conseiller portal).
        path: 'jeunes',
        canMatch: [portalGuard('conseiller'), capabilityGuard(CAPABILITIES.dossiersSearch)],
        loadChildren: () => import('./features/dossiers/dossiers.routes'),
      },
      {
        // Agenda (#5): conseillers and direction (their own, a colleague's, the site's), chargés d'accueil (the site's).
        path: 'agenda',
        title: 'Agenda',
        canMatch: [portalGuard('conseiller'), capabilityGuard(CAPABILITIES.agendaSite)],
        loadComponent: () => import('./features/agenda/agenda-page/agenda-page').then((m) => m.AgendaPage),
      },
      {
        // The direction's notification settings of their Mission Locale (#5): reminders and the monthly SMS budget.
        path: 'parametres/notifications',
        title: 'Notifications et budget SMS',
        canMatch: [portalGuard('conseiller'), capabilityGuard(CAPABILITIES.smsBudget)],
        loadComponent: () =>
          import('./features/parametres/notifications/notifications-settings').then((m) => m.NotificationsSettings),
      },
      {
        path: 'admin',
        canMatch: [portalGuard('admin')],
        loadChildren: () => import('./features/admin/admin.routes'),
      },
      {
        path: 'c-milo',
        canMatch: [portalGuard('c-milo')],
        loadChildren: () => import('./features/cmilo/cmilo.routes'),
      },
      {
        path: 'compte',
        title: 'Mon compte',
        loadComponent: () => import('./features/compte/compte').then((m) => m.Compte),
      },
      {
        // Also where a portal the roles do not open ends: its existence is not revealed.
        path: '**',
        title: 'Page introuvable',
        loadComponent: () => import('./features/not-found/not-found').then((m) => m.NotFound),
      },
    ],
  },
];
