import { computed, inject, type Signal, signal, type WritableSignal } from '@angular/core';
import { CAPABILITIES, can, type TimelineItemDto } from '@imilo/domain';
import { Store } from '@ngrx/store';
import type { OutboxRequest } from '../../../core/offline/outbox.model';
import { authFeature } from '../../auth/auth.feature';
import { CLOCK } from './local-time';
import { OutboxSaver } from './outbox-saver';

/** What a creation shows on the timeline while it waits in the outbox, beyond who made it and when. */
export type SuiviPreview = Pick<TimelineItemDto, 'titre' | 'detail' | 'themes' | 'statut'>;

/** Where the BFF keeps a jeune's records of each kind. */
const COLLECTIONS = { action: 'actions', proposition: 'propositions' } as const;

/** How the actions and propositions panels write: through the outbox (#4), by a user allowed to. */
export interface SuiviWrites {
  readonly canWrite: Signal<boolean>;
  /** Why the last write could not be kept on the device, or another message the panel shows above its list. */
  readonly error: WritableSignal<string | null>;
  /** Queues a write; the conseiller is told by the saver, or by `error` when the device refused it. */
  write(request: OutboxRequest): Promise<void>;
  /** Queues the creation of one of the jeune's records, with the id the client chose, shown as `preview` meanwhile. */
  create(kind: keyof typeof COLLECTIONS, body: { readonly id: string }, label: string, preview: SuiviPreview): Promise<void>;
}

/** The writes of a jeune's Suivi panel (in an injection context); `nonGardee` says a write was not kept. */
export const suiviWrites = (jeuneId: Signal<string>, nonGardee: string): SuiviWrites => {
  const saver = inject(OutboxSaver);
  const clock = inject(CLOCK);
  const me = inject(Store).selectSignal(authFeature.selectMe);
  const error = signal<string | null>(null);
  const write = async (request: OutboxRequest): Promise<void> => {
    try {
      await saver.save(request);
      error.set(null);
    } catch {
      // IndexedDB refused the write (storage full, private browsing): say so, the conseiller can try again.
      error.set(nonGardee);
    }
  };
  return {
    canWrite: computed(() => can(me()?.roles ?? [], CAPABILITIES.evenementsWrite)),
    error,
    write,
    create: (kind, body, label, preview) => {
      const auteur = me();
      return write({
        method: 'POST',
        url: `/api/v1/jeunes/${encodeURIComponent(jeuneId())}/${COLLECTIONS[kind]}`,
        body,
        jeuneId: jeuneId(),
        kind,
        label,
        preview: {
          kind,
          id: body.id,
          at: clock().toISOString(),
          typeEvenement: null,
          auteur: auteur === null ? null : `${auteur.prenom} ${auteur.nom}`,
          ...preview,
        },
      });
    },
  };
};
