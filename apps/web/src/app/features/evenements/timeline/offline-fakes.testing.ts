import { computed, type Provider, signal } from '@angular/core';
import { BehaviorSubject, Subject } from 'rxjs';
import { Connectivity } from '../../../core/connectivity';
import { type CachedValue, OfflineCache } from '../../../core/offline/offline-cache';
import { Outbox } from '../../../core/offline/outbox';
import type { OutboxDelivery, OutboxEntry, OutboxRequest } from '../../../core/offline/outbox.model';

// Fakes of the offline services for feature specs: what they hold is set and read synchronously, without IndexedDB
// (the real ones are tested in core/offline).

/** An outbox entry; override what the scenario needs. */
export const anOutboxEntry = (overrides: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
  idempotencyKey: 'c0ffee00-1111-4222-8333-444455556666',
  userId: 'u-1',
  seq: 1,
  createdAt: '2026-11-29T09:00:00.000Z',
  attempts: 0,
  nextAttemptAt: null,
  status: 'pending',
  problem: null,
  method: 'POST',
  url: '/api/v1/jeunes/j1/evenements',
  body: {},
  jeuneId: 'j1',
  kind: 'evenement',
  label: 'Entretien individuel',
  ...overrides,
});

/** The outbox's signals and calls, the entries set by the spec. */
export class FakeOutbox {
  readonly entries = signal<readonly OutboxEntry[]>([]);
  readonly pendingCount = computed(() => this.entries().length);
  readonly lastSyncAt = signal<string | null>(null);
  readonly syncing = signal(false);
  readonly deliveries = new Subject<OutboxDelivery>();
  /** What was queued, in order. */
  readonly enqueued: OutboxRequest[] = [];
  /** Whether `enqueue` fails (storage unavailable). */
  failEnqueue = false;
  readonly resolved: { readonly id: string; readonly body: unknown }[] = [];
  readonly discarded: string[] = [];

  async enqueue(request: OutboxRequest): Promise<OutboxEntry> {
    if (this.failEnqueue) {
      throw new Error('IndexedDB unavailable');
    }
    this.enqueued.push(request);
    const entry = anOutboxEntry({ ...request, id: `entry-${this.enqueued.length}`, seq: this.enqueued.length });
    this.entries.update((entries) => [...entries, entry]);
    return entry;
  }

  async resolve(id: string, body: unknown): Promise<void> {
    this.resolved.push({ id, body });
    this.entries.update((entries) =>
      entries.map((entry) => (entry.id === id ? { ...entry, body, status: 'pending', problem: null } : entry)),
    );
  }

  async discard(id: string): Promise<void> {
    this.discarded.push(id);
    this.entries.update((entries) => entries.filter((entry) => entry.id !== id));
  }

  async retry(): Promise<void> {
    // Nothing is sent by the fake.
  }

  async replayNow(): Promise<void> {
    // Nothing is sent by the fake.
  }
}

/** The offline cache as a map; `savedAt` is the time of `put` unless the spec stores a value itself. */
export class FakeOfflineCache {
  readonly values = new Map<string, CachedValue<unknown>>();

  async put(key: string, value: unknown): Promise<void> {
    this.values.set(key, { value, savedAt: new Date().toISOString() });
  }

  async get<T>(key: string): Promise<CachedValue<T> | null> {
    const cached = this.values.get(key);
    // The spec stored a value of the type it reads back.
    return cached === undefined ? null : { value: cached.value as T, savedAt: cached.savedAt };
  }

  async wipe(): Promise<void> {
    this.values.clear();
  }
}

/** Connectivity switched by the spec. */
export class FakeConnectivity {
  readonly online$ = new BehaviorSubject(true);
  readonly online = signal(true);

  set(online: boolean): void {
    this.online.set(online);
    this.online$.next(online);
  }
}

/** The three fakes, each injectable under its own class and in place of the real service. */
export const provideOfflineFakes = (): Provider[] => [
  FakeOutbox,
  FakeOfflineCache,
  FakeConnectivity,
  { provide: Outbox, useExisting: FakeOutbox },
  { provide: OfflineCache, useExisting: FakeOfflineCache },
  { provide: Connectivity, useExisting: FakeConnectivity },
];

/** Lets the fakes' promises and the component's async work settle. */
export const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) {
    await new Promise<void>((resolve) => setTimeout(resolve));
  }
};
