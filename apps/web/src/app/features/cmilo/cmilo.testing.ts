import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { SwPush } from '@angular/service-worker';
import type { MeRendezVousDto, MeRendezVousListDto, MeSessionDto } from '@imilo/domain';
import { provideStore } from '@ngrx/store';
import { BehaviorSubject } from 'rxjs';
import { AuthApiActions } from '../auth/auth.actions';
import { authFeature } from '../auth/auth.feature';
import { aMe } from '../auth/auth.testing';
import { type PushPermission, PUSH_PERMISSION } from './push/push.service';
import { MesRendezVousStore } from './rendez-vous/mes-rendez-vous.store';

/** The Mission Locale of the C-Milo specs: La Réunion, three hours ahead of Paris in winter, four in summer. */
export const FUSEAU = 'Indian/Reunion';

/** A jeune's upcoming rendez-vous: Tuesday 1 December 2026, 9 h 30 – 10 h 30 in La Réunion. */
export const unRendezVous = (overrides: Partial<MeRendezVousDto> = {}): MeRendezVousDto => ({
  id: '0b9c3f52-5a1e-4d6a-9a57-2f7b8a1c4d10',
  kind: 'rendez-vous',
  libelle: 'Entretien individuel conseiller',
  objet: 'Point sur votre recherche d’emploi',
  modalite: 'PRESENTIEL_SITE',
  debut: '2026-12-01T05:30:00.000Z',
  fin: '2026-12-01T06:30:00.000Z',
  lieu: 'Mission Locale Est, 12 rue de la République, 97400 Saint-Denis',
  carteUrl: 'https://www.openstreetmap.org/search?query=12%20rue%20de%20la%20R%C3%A9publique%2097400',
  aApporter: 'Votre CV et une pièce d’identité',
  conseiller: { prenom: 'Awa', nom: 'Diallo' },
  statut: 'PLANIFIE',
  reponse: null,
  presence: null,
  ...overrides,
});

/** The jeune's list as the BFF answers it. */
export const uneListe = (aVenir: MeRendezVousDto[], passes: MeRendezVousDto[] = []): MeRendezVousListDto => ({
  timezone: FUSEAU,
  aVenir,
  passes,
});

/** A session open to self-registration. */
export const uneSession = (overrides: Partial<MeSessionDto> = {}): MeSessionDto => ({
  id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  offre: { libelle: 'Atelier CV', type: 'ATELIER' },
  titre: 'Atelier CV',
  debut: '2026-12-03T06:00:00.000Z',
  fin: '2026-12-03T08:00:00.000Z',
  dureeMinutes: 120,
  lieu: 'Mission Locale Est, Saint-Denis',
  carteUrl: 'https://www.openstreetmap.org/search?query=Saint-Denis',
  animateur: { prenom: 'Awa', nom: 'Diallo' },
  placesLibres: 4,
  dateLimiteInscription: '2026-12-02',
  aApporter: null,
  ...overrides,
});

/** A fake of Angular's SwPush: the browser's subscription and what `requestSubscription` does are the spec's. */
export class FakeSwPush {
  isEnabled = true;
  readonly subscription = new BehaviorSubject<PushSubscription | null>(null);
  readonly requestSubscription = jasmine.createSpy('requestSubscription');
}

/** A browser PushSubscription as `toJSON()` gives it. */
export const UN_ABONNEMENT = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc123',
  expirationTime: null,
  keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'k'.repeat(22) },
};

/** What the C-Milo specs need: HTTP testing, the signed-in jeune of La Réunion, the shared store, push fakes. */
export const provideCmiloTesting = (
  options: { readonly swPush?: FakeSwPush; readonly permission?: () => PushPermission } = {},
): (Provider | EnvironmentProviders)[] => [
  provideRouter([]),
  provideHttpClient(),
  provideHttpClientTesting(),
  provideStore({ [authFeature.name]: authFeature.reducer }),
  MesRendezVousStore,
  { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
  { provide: SwPush, useValue: options.swPush ?? new FakeSwPush() },
  { provide: PUSH_PERMISSION, useValue: options.permission ?? (() => 'default') },
];

/** The signed-in jeune, of a Mission Locale in La Réunion. */
export const aJeune = () =>
  AuthApiActions.sessionLoaded({
    me: aMe({
      prenom: 'Inès',
      roles: ['jeune'],
      missionsLocales: [{ id: 'f2a9c1de-1b1e-4f6e-9a57-1d3c2b4a5e60', nom: 'Mission Locale Est', timezone: FUSEAU, principale: true, site: null }],
    }),
  });
