import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CAPABILITIES, can, type DossierDto, type PieceDto, PROBLEM_CODES } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { filter, map, skip, type Subscription } from 'rxjs';
import { Connectivity } from '../../../core/connectivity';
import { isUnreachable, problemOf, toRequestFailure } from '../../../core/http/problem';
import { OfflineCache } from '../../../core/offline/offline-cache';
import { Outbox } from '../../../core/offline/outbox';
import { authFeature } from '../../auth/auth.feature';
import { DossierApi } from './dossier-api';

/** Where the dossier's loading stands. */
export type DossierLoadStatus = 'loading' | 'loaded' | 'motif-requis' | 'failed';

interface DossierState {
  readonly id: string | null;
  readonly dossier: DossierDto | null;
  readonly status: DossierLoadStatus;
  /** French message of the last failed load. */
  readonly error: string | null;
  /** When the copy shown was saved on this device (ISO): the BFF could not be reached. */
  readonly offlineSince: string | null;
}

const NOT_FOUND = "Ce dossier n'existe pas ou ne fait pas partie de votre Mission Locale.";
const OFFLINE_NOTHING_CACHED =
  "Impossible de joindre imilo, et ce dossier n'a pas encore été ouvert sur cet appareil. Vérifiez votre connexion, puis réessayez.";

/** The key of a dossier in the offline cache. */
export const dossierCacheKey = (id: string): string => `dossier:${id}`;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Whether a value from elsewhere (a 409's `current`, a replayed write's answer) is a dossier, on the fields read. */
export const isDossier = (value: unknown): value is DossierDto =>
  isRecord(value) &&
  typeof value['id'] === 'string' &&
  typeof value['version'] === 'number' &&
  Array.isArray(value['sections']) &&
  isRecord(value['identite']) &&
  isRecord(value['completude']);

/**
 * The dossier the page shows, and what the signed-in user may do with it. Page-local (provided by `DossierPage`): one
 * jeune at a time, and the sections' drafts stay in their forms. A reload keeps the dossier on screen until the new
 * one arrives, so that the badge changes in place rather than behind a skeleton. Each dossier read is kept on the
 * device, and shown from there when the BFF cannot be reached.
 */
@Injectable()
export class DossierStore {
  private readonly api = inject(DossierApi);
  private readonly cache = inject(OfflineCache);
  private readonly roles = inject(Store).selectSignal(authFeature.selectRoles);
  private readonly state = signal<DossierState>({ id: null, dossier: null, status: 'loading', error: null, offlineSince: null });
  private loading: Subscription | null = null;
  /** Bumped by each load: a cache read of an older one is ignored. */
  private loads = 0;

  readonly dossier = computed(() => this.state().dossier);
  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  /** When the dossier shown was saved on this device, while the BFF cannot be reached; null when it is fresh. */
  readonly offlineSince = computed(() => this.state().offlineSince);

  /** Whether the user may see the NIR and the identity document number in clear (audited). */
  readonly canReveal = computed(() => can(this.roles(), CAPABILITIES.dossiersRevealSensitive));
  /** Whether the user may add a pièce. */
  readonly canUpload = computed(() => can(this.roles(), CAPABILITIES.piecesUpload));
  /** Whether the user may validate or refuse a pièce. */
  readonly canDecide = computed(() => can(this.roles(), CAPABILITIES.piecesValidate));
  /** Whether the user may read the parcours (événements, propositions, actions): the whole dossier, not the accueil's part. */
  readonly canReadParcours = computed(
    () => (this.dossier()?.sections.includes('situations') ?? false) || can(this.roles(), CAPABILITIES.dossiersRead),
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => this.loading?.unsubscribe());
    const deliveries = inject(Outbox).deliveries.pipe(
      filter(({ entry }) => entry.jeuneId === this.state().id),
      takeUntilDestroyed(destroyRef),
    );
    // A dossier edit queued offline reached the BFF: its answer is the dossier as now stored.
    deliveries
      .pipe(
        map(({ entry, body }) => (entry.kind === 'dossier' && isDossier(body) ? body : null)),
        filter((dossier) => dossier !== null),
      )
      .subscribe((dossier) => this.replace(dossier));
    // An événement, action or proposition reached the BFF: the synthèse's summary and the last contact changed.
    deliveries.pipe(filter(({ entry }) => entry.kind !== 'dossier')).subscribe(() => this.reload());
    // Back online: the copy kept on the device gives way to the stored dossier.
    inject(Connectivity)
      .online$.pipe(
        skip(1),
        filter((online) => online && this.state().offlineSince !== null),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => this.reload());
  }

  /** Loads a jeune's dossier; another jeune's replaces the one shown. */
  load(id: string): void {
    const load = ++this.loads;
    const sameJeune = this.state().id === id;
    this.state.update((state) => ({
      id,
      dossier: sameJeune ? state.dossier : null,
      status: sameJeune && state.dossier !== null ? 'loaded' : 'loading',
      error: null,
      offlineSince: sameJeune ? state.offlineSince : null,
    }));
    this.loading?.unsubscribe();
    this.loading = this.api.dossier(id).subscribe({
      next: (dossier) => {
        this.state.set({ id, dossier, status: 'loaded', error: null, offlineSince: null });
        void this.cache.put(dossierCacheKey(id), dossier);
      },
      error: (error: unknown) => {
        const problem = problemOf(error);
        if (problem?.code === PROBLEM_CODES.accessReasonRequired) {
          this.state.set({ id, dossier: null, status: 'motif-requis', error: null, offlineSince: null });
          return;
        }
        if (isUnreachable(error)) {
          void this.loadCached(load, id, toRequestFailure(error).message);
          return;
        }
        this.fail(problem?.status === 404 ? NOT_FOUND : toRequestFailure(error).message);
      },
    });
  }

  /** Reads the dossier again (after a pièce decision: the completeness may have changed). */
  reload(): void {
    const id = this.state().id;
    if (id !== null) {
      this.load(id);
    }
  }

  /** The dossier the BFF answered a change with. */
  replace(dossier: DossierDto): void {
    this.state.update((state) => ({ ...state, id: dossier.id, dossier, status: 'loaded', error: null, offlineSince: null }));
    void this.cache.put(dossierCacheKey(dossier.id), dossier);
  }

  /** A pièce just uploaded: it waits for a decision, so the completeness does not change. */
  addPiece(piece: PieceDto): void {
    this.state.update((state) =>
      state.dossier === null ? state : { ...state, dossier: { ...state.dossier, pieces: [...state.dossier.pieces, piece] } },
    );
  }

  /** The BFF cannot be reached: the copy this device kept, if any (it was read by this user, within a week). */
  private async loadCached(load: number, id: string, failure: string): Promise<void> {
    const cached = await this.cache.get<DossierDto>(dossierCacheKey(id));
    if (load !== this.loads) {
      return;
    }
    if (cached === null) {
      // A dossier still on screen (the device could not keep it): the reload failed, nothing more.
      this.fail(this.state().dossier === null ? OFFLINE_NOTHING_CACHED : failure);
      return;
    }
    this.state.set({ id, dossier: cached.value, status: 'loaded', error: null, offlineSince: cached.savedAt });
  }

  private fail(message: string): void {
    this.state.update((state) => ({ ...state, status: 'failed', error: message }));
  }
}
