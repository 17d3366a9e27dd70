import { computed, inject, type Signal, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { catchError, filter, map, merge, type Observable, of, startWith, Subject, switchMap } from 'rxjs';
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
