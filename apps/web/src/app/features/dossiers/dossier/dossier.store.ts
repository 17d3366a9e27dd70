import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { CAPABILITIES, can, type DossierDto, type PieceDto, PROBLEM_CODES } from '@imilo/domain';
import { Store } from '@ngrx/store';
import type { Subscription } from 'rxjs';
import { problemOf, toRequestFailure } from '../../../core/http/problem';
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
}

const NOT_FOUND = "Ce dossier n'existe pas ou ne fait pas partie de votre Mission Locale.";

/**
 * The dossier the page shows, and what the signed-in user may do with it. Page-local (provided by `DossierPage`): one
 * jeune at a time, and the sections' drafts stay in their forms. A reload keeps the dossier on screen until the new
 * one arrives, so that the badge changes in place rather than behind a skeleton.
 */
@Injectable()
export class DossierStore {
  private readonly api = inject(DossierApi);
  private readonly roles = inject(Store).selectSignal(authFeature.selectRoles);
  private readonly state = signal<DossierState>({ id: null, dossier: null, status: 'loading', error: null });
  private loading: Subscription | null = null;

  readonly dossier = computed(() => this.state().dossier);
  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);

  /** Whether the user may see the NIR and the identity document number in clear (audited). */
  readonly canReveal = computed(() => can(this.roles(), CAPABILITIES.dossiersRevealSensitive));
  /** Whether the user may add a pièce. */
  readonly canUpload = computed(() => can(this.roles(), CAPABILITIES.piecesUpload));
  /** Whether the user may validate or refuse a pièce. */
  readonly canDecide = computed(() => can(this.roles(), CAPABILITIES.piecesValidate));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
  }

  /** Loads a jeune's dossier; another jeune's replaces the one shown. */
  load(id: string): void {
    const sameJeune = this.state().id === id;
    this.state.update((state) => ({
      id,
      dossier: sameJeune ? state.dossier : null,
      status: sameJeune && state.dossier !== null ? 'loaded' : 'loading',
      error: null,
    }));
    this.loading?.unsubscribe();
    this.loading = this.api.dossier(id).subscribe({
      next: (dossier) => this.state.set({ id, dossier, status: 'loaded', error: null }),
      error: (error: unknown) => {
        const problem = problemOf(error);
        if (problem?.code === PROBLEM_CODES.accessReasonRequired) {
          this.state.set({ id, dossier: null, status: 'motif-requis', error: null });
          return;
        }
        const message = problem?.status === 404 ? NOT_FOUND : toRequestFailure(error).message;
        this.state.update((state) => ({ ...state, status: 'failed', error: message }));
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
    this.state.update((state) => ({ ...state, dossier, status: 'loaded', error: null }));
  }

  /** A pièce just uploaded: it waits for a decision, so the completeness does not change. */
  addPiece(piece: PieceDto): void {
    this.state.update((state) =>
      state.dossier === null ? state : { ...state, dossier: { ...state.dossier, pieces: [...state.dossier.pieces, piece] } },
    );
  }
}
