import { DestroyRef, inject, Injectable, InjectionToken } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { filter, firstValueFrom, map, of, ReplaySubject, timeout } from 'rxjs';
import { Connectivity } from '../../../core/connectivity';
import { Outbox } from '../../../core/offline/outbox';
import type { OutboxDelivery, OutboxEntry, OutboxRequest } from '../../../core/offline/outbox.model';

/** How long a write made online waits for the BFF's answer before the conseiller is told it is pending. */
export const DELIVERY_WAIT_MS = new InjectionToken<number>('DELIVERY_WAIT_MS', { providedIn: 'root', factory: () => 2000 });

export const MESSAGE_ENREGISTRE = 'Enregistré';
export const MESSAGE_EN_ATTENTE = 'Enregistré sur cet appareil — en attente de synchronisation';

/** Where a write stands once the wait is over. */
export type SaveOutcome = 'enregistre' | 'en-attente' | 'refuse';

/** A write stored on the device; `outcome` settles once the conseiller has been told whether imilo has it. */
export interface SavedWrite {
  readonly entry: OutboxEntry;
  readonly outcome: Promise<SaveOutcome>;
}

const messageOf = (outcome: SaveOutcome, entry: OutboxEntry | undefined): string => {
  switch (outcome) {
    case 'enregistre':
      return MESSAGE_ENREGISTRE;
    case 'en-attente':
      return MESSAGE_EN_ATTENTE;
    case 'refuse':
      return `Enregistré sur cet appareil, mais imilo l'a refusé : ${entry?.problem?.detail ?? 'voyez la synchronisation'}.`;
  }
};

/**
 * The Suivi forms' one way to write (#4): queue in the outbox (stored on the device first, so that nothing typed
 * during an appointment is lost), then tell the conseiller discreetly whether imilo has it or it waits for the network.
 */
@Injectable({ providedIn: 'root' })
export class OutboxSaver {
  private readonly outbox = inject(Outbox);
  private readonly connectivity = inject(Connectivity);
  private readonly snackBar = inject(MatSnackBar);
  private readonly waitMs = inject(DELIVERY_WAIT_MS);
  /** Once the app is torn down (a spec's injector), nobody is left to tell. */
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
    });
  }

  /** Resolves once the write is stored on the device; rejects when the device could not store it. */
  async save(request: OutboxRequest): Promise<SavedWrite> {
    // Listening before queueing: online, the BFF may answer before `enqueue` resolves.
    const deliveries = new ReplaySubject<OutboxDelivery>();
    const subscription = this.outbox.deliveries.subscribe(deliveries);
    const entry = await this.outbox.enqueue(request).catch((error: unknown) => {
      subscription.unsubscribe();
      throw error;
    });
    const outcome = this.awaitDelivery(entry, deliveries).then((result) => {
      subscription.unsubscribe();
      const stored = this.outbox.entries().find(({ id }) => id === entry.id);
      const settled: SaveOutcome = result || stored === undefined ? 'enregistre' : stored.status === 'pending' ? 'en-attente' : 'refuse';
      if (!this.destroyed) {
        this.snackBar.open(messageOf(settled, stored), undefined, { duration: 4000, politeness: 'polite' });
      }
      return settled;
    });
    return { entry, outcome };
  }

  private awaitDelivery(entry: OutboxEntry, deliveries: ReplaySubject<OutboxDelivery>): Promise<boolean> {
    // Offline there is nothing to wait for: say at once that it waits.
    if (!this.connectivity.online()) {
      return Promise.resolve(false);
    }
    return firstValueFrom(
      deliveries.pipe(
        filter((delivery) => delivery.entry.id === entry.id),
        map(() => true),
        timeout({ first: this.waitMs, with: () => of(false) }),
      ),
    );
  }
}
