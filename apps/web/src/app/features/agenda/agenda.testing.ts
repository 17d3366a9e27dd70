import type { EnvironmentProviders, Provider } from '@angular/core';
import type { AgendaDto, RendezVousDto, SessionDto } from '@imilo/domain';
import { FakeOutbox } from '../../core/offline/offline.testing';
import { Outbox } from '../../core/offline/outbox';
import { aMe } from '../auth/auth.testing';
import { provideDossierTesting } from '../dossiers/dossier/dossier.testing';
import { CLOCK } from '../evenements/evenement-sheet/local-time';
import { DELIVERY_WAIT_MS } from '../evenements/evenement-sheet/outbox-saver';

/** Monday 7 December 2026, 10:00 in Paris. */
export const NOW = new Date('2026-12-07T09:00:00Z');
export const ME = aMe();
export const JEUNE = { id: '7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', prenom: 'Léa', nom: 'Martin' };
export const MON_SITE = { id: ME.missionsLocales[0]?.site?.id ?? '', nom: ME.missionsLocales[0]?.site?.nom ?? '' };

/** A planned rendez-vous of the signed-in conseiller, Monday 7 December 2026 at 14:00 in Paris; override what matters. */
export const unRendezVous = (overrides: Partial<RendezVousDto> = {}): RendezVousDto => ({
  id: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a10',
  jeune: JEUNE,
  conseiller: { id: ME.id, prenom: ME.prenom, nom: ME.nom },
  type: 'ENTRETIEN_INDIVIDUEL_CONSEILLER',
  modalite: 'PRESENTIEL_SITE',
  site: MON_SITE,
  adresse: null,
  debut: '2026-12-07T13:00:00.000Z',
  fin: '2026-12-07T13:30:00.000Z',
  dureeMinutes: 30,
  objet: 'Point CV',
  commentaire: null,
  aApporter: null,
  presenceConseiller: true,
  statut: 'PLANIFIE',
  aCloturer: false,
  presence: null,
  reponseJeune: null,
  annulation: null,
  evenementId: null,
  version: 3,
  creeLe: '2026-12-01T09:00:00.000Z',
  modifieLe: '2026-12-01T09:00:00.000Z',
  ...overrides,
});

export const uneSession = (overrides: Partial<SessionDto> = {}): SessionDto => ({
  id: '2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b',
  offre: { id: '3f6b1c2d-9e8a-4b7c-a6d5-1e2f3a4b5c6d', libelle: 'Atelier CV', type: 'ATELIER' },
  titre: 'Atelier CV de décembre',
  debut: '2026-12-07T08:00:00.000Z',
  fin: '2026-12-07T10:00:00.000Z',
  dureeMinutes: 120,
  site: MON_SITE,
  adresse: null,
  animateur: { id: ME.id, prenom: ME.prenom, nom: ME.nom },
  places: 12,
  inscrits: 8,
  enAttente: 0,
  placesLibres: 4,
  dateLimiteInscription: '2026-12-05',
  autoinscription: false,
  commentaire: null,
  aApporter: null,
  statut: 'A_VENIR',
  version: 1,
  ...overrides,
});

export const unAgenda = (overrides: Partial<AgendaDto> = {}): AgendaDto => ({
  from: '2026-12-07',
  to: '2026-12-07',
  timezone: 'Europe/Paris',
  rendezVous: [],
  sessions: [],
  memos: [],
  ...overrides,
});

/** The dossier testing setup (router, HTTP testing, auth slice, offline fakes), this outbox, a fixed clock. */
export const provideAgendaTesting = (options: { readonly outbox: FakeOutbox; readonly tablet?: boolean; readonly now?: Date }): (Provider | EnvironmentProviders)[] => [
  ...provideDossierTesting({ tablet: options.tablet ?? true }),
  { provide: FakeOutbox, useValue: options.outbox },
  { provide: Outbox, useValue: options.outbox },
  { provide: CLOCK, useValue: () => new Date(options.now ?? NOW) },
  { provide: DELIVERY_WAIT_MS, useValue: 40 },
];
