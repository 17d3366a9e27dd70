import { computed, inject, type Signal, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { type EvenementCreation, evenementCreationSchema } from '@imilo/domain';
import { catchError, filter, map, merge, type Observable, of, startWith, Subject, switchMap } from 'rxjs';
import type * as z from 'zod';
import { toRequestFailure } from '../../../core/http/problem';
import { Outbox } from '../../../core/offline/outbox';
import type { OutboxEntry } from '../../../core/offline/outbox.model';

/** A list of a jeune's records as read from the BFF. */
export type SuiviListState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly items: readonly T[] }
  | { readonly status: 'error'; readonly message: string };

/** A jeune's list, read again on demand and each time the outbox delivers one of this jeune's writes. */
export interface SuiviList<T> {
  readonly state: Signal<SuiviListState<T>>;
  /** The jeune's writes the BFF does not have yet, in queue order. */
  readonly entries: Signal<readonly OutboxEntry[]>;
  reload(): void;
}

/** Reads a jeune's list (in an injection context); the previous list stays on screen while it is read again. */
export const suiviList = <T>(jeuneId: Signal<string>, load: (jeuneId: string) => Observable<T[]>): SuiviList<T> => {
  const outbox = inject(Outbox);
  const state = signal<SuiviListState<T>>({ status: 'loading' });
  const reloads = new Subject<void>();
  toObservable(jeuneId)
    .pipe(
      switchMap((id) =>
        merge(reloads, outbox.deliveries.pipe(filter(({ entry }) => entry.jeuneId === id))).pipe(
          startWith(null),
          switchMap(() =>
            load(id).pipe(
              map((items): SuiviListState<T> => ({ status: 'loaded', items })),
              catchError((error: unknown) => of<SuiviListState<T>>({ status: 'error', message: toRequestFailure(error).message })),
            ),
          ),
        ),
      ),
      takeUntilDestroyed(),
    )
    .subscribe((next) => state.set(next));
  return {
    state: state.asReadonly(),
    entries: computed(() => outbox.entries().filter((entry) => entry.jeuneId === jeuneId())),
    reload: () => reloads.next(),
  };
};

/** What a record waiting in the outbox shows. */
export const syncLabel = (entry: OutboxEntry): string => {
  switch (entry.status) {
    case 'pending':
      return 'En attente de synchronisation';
    case 'conflict':
      return 'Conflit à résoudre : voyez la synchronisation';
    case 'failed':
      return 'Non synchronisé : voyez la synchronisation';
  }
};

/** A creation waiting in the outbox, the entry that carries it, and a key to track its row by. */
export interface PendingCreation<T> {
  readonly entry: OutboxEntry;
  readonly creation: T;
  readonly key: string;
}

/**
 * The creations of one kind (actions, propositions) waiting in the outbox: queued on their own or inside an événement,
 * each body checked again with the schema the Suivi forms queued it with. Those the list has read already (delivered,
 * and read again before the outbox forgot them) are left out: they show once, as read.
 */
export const pendingCreations = <T extends { readonly id?: string }>(
  entries: readonly OutboxEntry[],
  kind: 'action' | 'proposition',
  schema: z.ZodType<T>,
  ofEvenement: (evenement: EvenementCreation) => readonly T[],
  read: ReadonlySet<string>,
): PendingCreation<T>[] => {
  const creationsOf = (entry: OutboxEntry): readonly T[] => {
    if (entry.method !== 'POST') {
      return [];
    }
    if (entry.kind === kind) {
      const creation = schema.safeParse(entry.body);
      return creation.success ? [creation.data] : [];
    }
    if (entry.kind === 'evenement') {
      const evenement = evenementCreationSchema.safeParse(entry.body);
      return evenement.success ? ofEvenement(evenement.data) : [];
    }
    return [];
  };
  return entries.flatMap((entry) =>
    creationsOf(entry)
      .map((creation, index) => ({ entry, creation, key: creation.id ?? `${entry.id}-${index}` }))
      .filter(({ creation }) => creation.id === undefined || !read.has(creation.id)),
  );
};

/** The changes of one kind waiting in the outbox, by the URL of the record they change. */
export const pendingChanges = (entries: readonly OutboxEntry[], kind: 'action' | 'proposition'): ReadonlyMap<string, OutboxEntry> =>
  new Map(entries.filter((entry) => entry.kind === kind && entry.method === 'PATCH').map((entry) => [entry.url, entry] as const));
