import { type EnvironmentProviders, type Provider, signal } from '@angular/core';
import type {
  ActionDto,
  OffreInterneDto,
  PropositionDto,
  TypeEvenementDto,
} from '@imilo/domain';
import { TYPES_EVENEMENT_NATIONAUX } from '@imilo/domain';
import { Connectivity } from '../../../core/connectivity';
import { OfflineCache } from '../../../core/offline/offline-cache';
import { FakeOfflineCache, type FakeOutbox } from '../../../core/offline/offline.testing';
import { Outbox } from '../../../core/offline/outbox';
import { aMe } from '../../auth/auth.testing';
import { provideDossierTesting } from '../../dossiers/dossier/dossier.testing';
import { CLOCK } from './local-time';
import { DELIVERY_WAIT_MS } from './outbox-saver';

// The offline fakes are core's; a Suivi spec finds them here with the rest of its setup.
export { FakeOfflineCache, FakeOutbox } from '../../../core/offline/offline.testing';

/** Sunday 29 November 2026, 14:30 on the test browser's clock. */
export const NOW = new Date(2026, 10, 29, 14, 30);
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ML = aMe().missionsLocales[0];

/** What a Suivi spec needs: the dossier testing setup, the fakes, a fixed clock and a short wait for the BFF. */
export const provideSuiviTesting = (options: {
  readonly outbox: FakeOutbox;
  readonly cache?: FakeOfflineCache;
  readonly online?: boolean;
  readonly tablet?: boolean;
}): (Provider | EnvironmentProviders)[] => [
  ...provideDossierTesting({ tablet: options.tablet ?? true }),
  { provide: Outbox, useValue: options.outbox },
  { provide: OfflineCache, useValue: options.cache ?? new FakeOfflineCache() },
  { provide: Connectivity, useValue: { online: signal(options.online ?? true) } },
  { provide: CLOCK, useValue: () => new Date(NOW) },
  { provide: DELIVERY_WAIT_MS, useValue: 40 },
];

/** Lets the snackbar's wait for the BFF run out. */
export const afterDeliveryWait = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 80));

/**
 * For an afterEach: lets the wait for the BFF of every write the spec queued run out before the spec ends. That wait is
 * an rxjs `timeout` of the browser's clock: left running, it ends in the next spec, maybe under `jasmine.clock()`, whose
 * `clearInterval` cannot stop it, and it then throws "executing a cancelled action" every 40 ms in the specs that follow.
 */
export const settleDeliveryWaits = async (outbox: FakeOutbox): Promise<void> => {
  if (outbox.requests.length > 0) {
    await afterDeliveryWait();
  }
};

export const typesEvenement = (): TypeEvenementDto[] =>
  TYPES_EVENEMENT_NATIONAUX.map(({ code, libelle, contact }) => ({ code, libelle, contact, national: true }));

export const uneOffre = (overrides: Partial<OffreInterneDto> = {}): OffreInterneDto => ({
  id: '3f6b1c2d-9e8a-4b7c-a6d5-1e2f3a4b5c6d',
  code: 'P61',
  libelle: 'Atelier CV',
  theme: 'EMPLOI',
  type: 'ATELIER',
  actif: true,
  ...overrides,
});

export const uneProposition = (overrides: Partial<PropositionDto> = {}): PropositionDto => ({
  id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  jeuneId: '7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
  evenementId: null,
  offre: null,
  libelle: 'Formation cariste',
  theme: 'FORMATION',
  partenaire: 'AFPA Vénissieux',
  commentaire: null,
  etat: 'PROPOSEE',
  historique: [{ etat: 'PROPOSEE', date: '2026-11-20', resultat: null, par: null, evenementId: null }],
  creePar: { id: aMe().id, prenom: 'Awa', nom: 'Diallo' },
  creeLe: '2026-11-20T09:00:00.000Z',
  version: 1,
  modifieLe: '2026-11-20T09:00:00.000Z',
  ...overrides,
});

export const uneAction = (overrides: Partial<ActionDto> = {}): ActionDto => ({
  id: '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9',
  jeuneId: '7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
  evenementId: null,
  titre: 'Mettre à jour son CV',
  description: null,
  echeance: '2026-12-10',
  statut: 'A_FAIRE',
  createur: 'CONSEILLER',
  creePar: { id: aMe().id, prenom: 'Awa', nom: 'Diallo' },
  creeLe: '2026-11-20T09:00:00.000Z',
  closeLe: null,
  version: 3,
  modifieLe: '2026-11-20T09:00:00.000Z',
  ...overrides,
});
