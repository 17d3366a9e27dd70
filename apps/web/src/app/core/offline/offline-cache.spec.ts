import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { deleteDB } from 'idb';
import { initialAuthState } from '../../features/auth/auth.feature';
import { aMe } from '../../features/auth/auth.testing';
import { OFFLINE_CACHE_MAX_AGE_MS, OFFLINE_CACHE_MAX_ENTRIES, OfflineCache } from './offline-cache';
import { OFFLINE_DB_NAME, OfflineDb } from './offline-db';
import { anOutboxEntry } from './offline.testing';

const AWA = '5b7c6a1e-0c1f-4a53-9d43-6f0f3f7a2b10';
const BASILE = '9e1d2c3b-4a5f-4e6d-8c7b-0a1b2c3d4e5f';

describe('OfflineCache', () => {
  let cache: OfflineCache;
  let store: MockStore;

  const signIn = (id: string | null) =>
    store.setState({
      auth: id === null ? initialAuthState : { ...initialAuthState, status: 'signed-in', me: aMe({ id }) },
    });

  beforeEach(async () => {
    await deleteDB(OFFLINE_DB_NAME);
    TestBed.configureTestingModule({ providers: [provideMockStore({ initialState: { auth: initialAuthState } })] });
    store = TestBed.inject(MockStore);
    cache = TestBed.inject(OfflineCache);
    signIn(AWA);
  });

  afterEach(async () => {
    // Torn down before the mock clock goes: the timers the app cancels on destroy are cleared by the clock that set them.
    TestBed.resetTestingModule();
    jasmine.clock().uninstall();
    await deleteDB(OFFLINE_DB_NAME);
  });

  it('when a value was kept, reads it back with when it was saved', async () => {
    jasmine.clock().install();
    jasmine.clock().mockDate(new Date('2026-11-29T14:32:00Z'));

    await cache.put('jeunes/1', { nom: 'MARTIN' });

    expect(await cache.get('jeunes/1')).toEqual({ value: { nom: 'MARTIN' }, savedAt: '2026-11-29T14:32:00.000Z' });
    expect(await cache.get('jeunes/2')).toBeNull();
  });

  it('when a value is older than 7 days, no longer reads it', async () => {
    jasmine.clock().install();
    jasmine.clock().mockDate(new Date('2026-11-20T08:00:00Z'));
    await cache.put('jeunes/1', { nom: 'MARTIN' });

    jasmine.clock().tick(OFFLINE_CACHE_MAX_AGE_MS - 1);
    const justBefore = await cache.get('jeunes/1');
    jasmine.clock().tick(2);

    expect(justBefore).not.toBeNull();
    expect(await cache.get('jeunes/1')).toBeNull();
  });

  it(`when more than ${OFFLINE_CACHE_MAX_ENTRIES} values are kept, forgets the oldest`, async () => {
    jasmine.clock().install();
    jasmine.clock().mockDate(new Date('2026-11-29T08:00:00Z'));
    for (let i = 0; i <= OFFLINE_CACHE_MAX_ENTRIES; i++) {
      await cache.put(`jeunes/${i}`, i);
      jasmine.clock().tick(1000);
    }

    expect(await cache.get('jeunes/0')).toBeNull();
    expect(await cache.get('jeunes/1')).toEqual(jasmine.objectContaining({ value: 1 }));
    expect(await cache.get(`jeunes/${OFFLINE_CACHE_MAX_ENTRIES}`)).toEqual(
      jasmine.objectContaining({ value: OFFLINE_CACHE_MAX_ENTRIES }),
    );
    const db = await TestBed.inject(OfflineDb).open();
    expect(await db.count('cache')).toBe(OFFLINE_CACHE_MAX_ENTRIES);
  });

  it("when another user signs in on the device, does not show them the previous user's values", async () => {
    await cache.put('jeunes/1', { nom: 'MARTIN' });

    signIn(BASILE);

    expect(await cache.get('jeunes/1')).toBeNull();
    expect(await cache.get('jeunes/1', { anyUser: true })).toEqual(
      jasmine.objectContaining({ value: { nom: 'MARTIN' } }),
    );
  });

  it('when nobody is signed in, keeps nothing unless told for whom', async () => {
    signIn(null);

    await cache.put('jeunes/1', 1);
    await cache.put('me', aMe(), AWA);

    expect(await cache.get('jeunes/1', { anyUser: true })).toBeNull();
    expect(await cache.get('me', { anyUser: true })).toEqual(jasmine.objectContaining({ value: aMe() }));
  });

  const queueOne = async () => {
    const db = await TestBed.inject(OfflineDb).open();
    await db.put('outbox', anOutboxEntry({ id: 'e1', userId: AWA }));
    return db;
  };

  it('when wiped, forgets the values and the queued writes of everybody', async () => {
    await cache.put('jeunes/1', 1);
    const db = await queueOne();

    await cache.wipe();

    expect(await cache.get('jeunes/1')).toBeNull();
    expect(await db.count('outbox')).toBe(0);
  });

  it('when only the cache is wiped (the session ended by itself), the queued writes stay', async () => {
    await cache.put('jeunes/1', 1);
    const db = await queueOne();

    await cache.wipeCache();

    expect(await cache.get('jeunes/1')).toBeNull();
    expect(await db.count('outbox')).toBe(1);
  });
});
