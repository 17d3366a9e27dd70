import { computed, type Provider, signal } from '@angular/core';
import { BehaviorSubject, Subject } from 'rxjs';
import { Connectivity } from '../connectivity';
import { type CachedValue, OfflineCache } from './offline-cache';
import { Outbox } from './outbox';
import type { OutboxDelivery, OutboxEntry, OutboxRequest } from './outbox.model';

// The one set of offline test doubles: the entry builder for the core specs (which store entries in IndexedDB) and
// fakes of the offline services for feature specs, which set and read what they hold synchronously, without IndexedDB
// or HTTP (the real services are tested here, in core/offline).

/** A queued write, as the outbox stores it; override what the scenario needs. */
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

/** The outbox's signals and calls: the entries are set by the spec, and the BFF answers only when told to. */
export class FakeOutbox {
  readonly entries = signal<readonly OutboxEntry[]>([]);
  readonly pendingCount = computed(() => this.entries().length);
  readonly lastSyncAt = signal<string | null>(null);
  readonly syncing = signal(false);
  readonly deliveries = new Subject<OutboxDelivery>();
  /** What was queued, in order. */
  readonly requests: OutboxRequest[] = [];
  /** Whether the BFF takes each write at once (it is delivered instead of waiting in `entries`). */
  answering = false;
  /** Whether IndexedDB refuses writes (storage full, private browsing). */
  broken = false;
  readonly retried: string[] = [];
  readonly resolved: { readonly id: string; readonly body: unknown }[] = [];
  readonly discarded: string[] = [];

  async enqueue(request: OutboxRequest): Promise<OutboxEntry> {
    if (this.broken) {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    }
    this.requests.push(request);
    const seq = this.requests.length;
    const entry = anOutboxEntry({ ...request, id: `entry-${seq}`, idempotencyKey: `key-${seq}`, seq });
    if (this.answering) {
      this.deliveries.next({ entry, status: request.method === 'POST' ? 201 : 200, body: {} });
    } else {
      this.hold(entry);
    }
    return entry;
  }

  /** Entries queued earlier, still waiting. */
  hold(...entries: OutboxEntry[]): void {
    this.entries.update((held) => [...held, ...entries]);
  }

  /** The BFF took an entry. */
  deliver(entry: OutboxEntry): void {
    this.entries.update((held) => held.filter(({ id }) => id !== entry.id));
    this.deliveries.next({ entry, status: 200, body: {} });
  }

  async retry(id: string): Promise<void> {
    // Nothing is sent by the fake.
    this.retried.push(id);
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
