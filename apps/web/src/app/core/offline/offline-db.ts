import { DestroyRef, inject, Injectable } from '@angular/core';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { EMPTY, fromEvent, map, merge, type Observable, Subject } from 'rxjs';
import type { OutboxEntry } from './outbox.model';

/** The device's only store of personal data: wiped at sign-out (#4). */
export const OFFLINE_DB_NAME = 'imilo-hors-ligne';
const OFFLINE_DB_VERSION = 1;

/** Tabs of the same origin tell each other that the outbox changed, so that every sync indicator agrees. */
const OUTBOX_CHANNEL = 'imilo-outbox';

/** A value kept for offline reading, tied to the user who read it. */
export interface CacheRecord {
  readonly key: string;
  readonly userId: string;
  readonly value: unknown;
  /** ISO instant: the oldest go first when the cache is full, and none is read past its expiry. */
  readonly savedAt: string;
}

/** A small fact about the outbox of one user (when it last delivered). */
export interface MetaRecord {
  readonly key: string;
  readonly userId: string;
  readonly value: string;
}

export interface OfflineSchema extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { seq: number } };
  cache: { key: string; value: CacheRecord; indexes: { savedAt: string } };
  meta: { key: string; value: MetaRecord };
}

/** The IndexedDB database behind the offline cache and the outbox: one connection per tab, opened on first use. */
@Injectable({ providedIn: 'root' })
export class OfflineDb {
  private connection: Promise<IDBPDatabase<OfflineSchema>> | null = null;
  private readonly localChanges = new Subject<void>();
  private channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(OUTBOX_CHANNEL);

  /** Emits when the outbox changed in this tab or another one. */
  readonly outboxChanged$: Observable<void> = merge(
    this.localChanges,
    this.channel === null ? EMPTY : fromEvent(this.channel, 'message').pipe(map(() => undefined)),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.channel?.close();
      this.channel = null;
      this.close();
    });
  }

  open(): Promise<IDBPDatabase<OfflineSchema>> {
    this.connection ??= openDB<OfflineSchema>(OFFLINE_DB_NAME, OFFLINE_DB_VERSION, {
      upgrade: (db) => {
        db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('seq', 'seq', { unique: true });
        db.createObjectStore('cache', { keyPath: 'key' }).createIndex('savedAt', 'savedAt');
        db.createObjectStore('meta', { keyPath: 'key' });
      },
      // A newer version opened in another tab (or a deletion) waits for this connection: give way, reopen on next use.
      blocking: () => this.close(),
      terminated: () => {
        this.connection = null;
      },
    }).catch((error: unknown) => {
      this.connection = null;
      throw error;
    });
    return this.connection;
  }

  /** Tells this tab and the others that the outbox changed. */
  announceOutboxChange(): void {
    this.localChanges.next();
    this.channel?.postMessage('changed');
  }

  private close(): void {
    const connection = this.connection;
    this.connection = null;
    void connection?.then(
      (db) => db.close(),
      () => undefined,
    );
  }
}
