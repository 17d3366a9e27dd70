import { inject, Injectable } from '@angular/core';
import { createSelector, Store } from '@ngrx/store';
import { authFeature } from '../../features/auth/auth.feature';
import { OfflineDb } from './offline-db';

/** At most this many values are kept: the oldest go first. */
export const OFFLINE_CACHE_MAX_ENTRIES = 60;
/** A value older than this is never read: personal data does not linger on a device left in a drawer. */
export const OFFLINE_CACHE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** The id of the signed-in user, or null. */
export const selectUserId = createSelector(authFeature.selectMe, (me) => me?.id ?? null);

/** A value read back from the cache, with when it was saved (to say "données du 28/11 à 14 h 32"). */
export interface CachedValue<T> {
  readonly value: T;
  readonly savedAt: string;
}

/**
 * Personal data kept for offline reading, in IndexedDB only (never in the service worker's caches): bounded, expiring,
 * readable by the user who saved it only, and wiped at sign-out.
 */
@Injectable({ providedIn: 'root' })
export class OfflineCache {
  private readonly db = inject(OfflineDb);
  private readonly userId = inject(Store).selectSignal(selectUserId);

  /**
   * Keeps `value` under `key` for `userId` (by default the signed-in user; nobody signed in keeps nothing). The cache
   * only spares a network round trip: a full or unavailable IndexedDB (private browsing) must not fail the read that
   * fed it, so failures are ignored.
   */
  async put(key: string, value: unknown, userId: string | null = this.userId()): Promise<void> {
    if (userId === null) {
      return;
    }
    try {
      const db = await this.db.open();
      const tx = db.transaction('cache', 'readwrite');
      const now = Date.now();
      await tx.store.put({ key, userId, value, savedAt: new Date(now).toISOString() });
      const expired = new Date(now - OFFLINE_CACHE_MAX_AGE_MS).toISOString();
      let excess = (await tx.store.count()) - OFFLINE_CACHE_MAX_ENTRIES;
      for (let cursor = await tx.store.index('savedAt').openCursor(); cursor; cursor = await cursor.continue()) {
        if (excess <= 0 && cursor.value.savedAt >= expired) {
          break;
        }
        await cursor.delete();
        excess--;
      }
      await tx.done;
    } catch {
      return;
    }
  }

  /**
   * The value kept under `key`, or null when absent, expired or kept for another user. `anyUser` reads it whoever
   * saved it: only for the profile of the last user signed in, read before anybody is known to be.
   */
  async get<T>(key: string, options: { readonly anyUser?: boolean } = {}): Promise<CachedValue<T> | null> {
    const userId = this.userId();
    try {
      const db = await this.db.open();
      const record = await db.get('cache', key);
      if (record === undefined || (!options.anyUser && record.userId !== userId)) {
        return null;
      }
      if (Date.now() - Date.parse(record.savedAt) > OFFLINE_CACHE_MAX_AGE_MS) {
        await db.delete('cache', key);
        return null;
      }
      return { value: record.value as T, savedAt: record.savedAt };
    } catch {
      return null;
    }
  }

  /**
   * Forgets the cached data only, when a session ends by itself (timeout, revoked elsewhere): the queued writes stay,
   * tagged with their author, never shown nor sent under another user, and replay when that user signs in again —
   * an appointment typed offline is not lost because the session expired before the network came back.
   */
  async wipeCache(): Promise<void> {
    const db = await this.db.open();
    await db.clear('cache');
  }

  /** Forgets everything this device holds for anybody: cached data, queued writes and their sync times. */
  async wipe(): Promise<void> {
    const db = await this.db.open();
    const tx = db.transaction(['cache', 'outbox', 'meta'], 'readwrite');
    await Promise.all([
      tx.objectStore('cache').clear(),
      tx.objectStore('outbox').clear(),
      tx.objectStore('meta').clear(),
      tx.done,
    ]);
    this.db.announceOutboxChange();
  }
}
