import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideMockStore } from '@ngrx/store/testing';
import { deleteDB } from 'idb';
import { initialAuthState } from '../../features/auth/auth.feature';
import { aMe, aProblemBody } from '../../features/auth/auth.testing';
import { OFFLINE_DB_NAME, OfflineDb } from './offline-db';
import { anOutboxEntry } from './offline.testing';
import { IDEMPOTENCY_HEADER, Outbox } from './outbox';
import type { OutboxDelivery, OutboxEntry, OutboxRequest } from './outbox.model';

const AWA = '5b7c6a1e-0c1f-4a53-9d43-6f0f3f7a2b10';
const BASILE = '9e1d2c3b-4a5f-4e6d-8c7b-0a1b2c3d4e5f';

/** A write as a feature queues it; override what the scenario needs. */
const aRequest = (label: string, overrides: Partial<OutboxRequest> = {}): OutboxRequest => ({
  method: 'POST',
  url: '/api/v1/jeunes/j1/evenements',
  body: { label },
  jeuneId: 'j1',
  kind: 'evenement',
  label,
  ...overrides,
});

/** Yields to the browser's task queue, where IndexedDB answers (and which jasmine's clock does not mock). */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

/** Polls `probe` until it holds (real time: `performance` is not mocked by jasmine's clock). */
const waitFor = async <T>(probe: () => T | null | undefined | false, what: string): Promise<T> => {
  const start = performance.now();
  while (performance.now() - start < 5000) {
    const value = probe();
    if (value) {
      return value;
    }
    await nextTask();
  }
  throw new Error(`Still waiting for ${what}`);
};

describe('Outbox', () => {
  let outbox: Outbox;
  let backend: HttpTestingController;

  /** Starts the app (again, after a "reload") with Awa signed in, on the IndexedDB left by earlier runs. */
  const start = () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-in', me: aMe({ id: AWA }) } } }),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    outbox = TestBed.inject(Outbox);
  };

  /** The one request the outbox sends next (it never sends two at once). */
  const nextRequest = async (): Promise<TestRequest> => {
    const [request, ...others] = await waitFor(() => {
      const open = backend.match(() => true);
      return open.length > 0 && open;
    }, 'a request');
    expect(others).withContext('requests sent at once').toEqual([]);
    return request!;
  };

  const expectNoRequest = async () => {
    for (let i = 0; i < 20; i++) {
      await nextTask();
    }
    backend.expectNone(() => true);
  };

  const idle = async () => {
    await waitFor(() => !outbox.syncing(), 'the end of the replay');
    await expectNoRequest();
  };

  const entry = (label: string): OutboxEntry | undefined => outbox.entries().find((e) => e.label === label);

  const unreachable = (request: TestRequest) => request.flush(null, { status: 504, statusText: 'Gateway Timeout' });
  const created = (request: TestRequest) => request.flush({ id: 'srv' }, { status: 201, statusText: 'Created' });

  beforeEach(async () => {
    await deleteDB(OFFLINE_DB_NAME);
    start();
  });

  afterEach(async () => {
    await idle();
    // Torn down before the mock clock goes: the timers the app cancels on destroy are cleared by the clock that set them.
    TestBed.resetTestingModule();
    jasmine.clock().uninstall();
    await deleteDB(OFFLINE_DB_NAME);
  });

  it('when writes are queued, sends them one at a time, in order, each with its idempotency key', async () => {
    const deliveries: OutboxDelivery[] = [];
    outbox.deliveries.subscribe((delivery) => deliveries.push(delivery));
    const first = await outbox.enqueue(aRequest('Entretien individuel'));
    const second = await outbox.enqueue(aRequest('Atelier CV', { method: 'PATCH', url: '/api/v1/jeunes/j1' }));

    expect(first.status).toBe('pending');
    expect(second.seq).toBeGreaterThan(first.seq);
    const one = await nextRequest();
    expect(one.request.method).toBe('POST');
    expect(one.request.body).toEqual({ label: 'Entretien individuel' });
    expect(one.request.headers.get(IDEMPOTENCY_HEADER)).toBe(first.idempotencyKey);
    created(one);
    const two = await nextRequest();
    expect(two.request.method).toBe('PATCH');
    expect(two.request.url).toBe('/api/v1/jeunes/j1');
    expect(two.request.headers.get(IDEMPOTENCY_HEADER)).toBe(second.idempotencyKey);
    two.flush(null, { status: 204, statusText: 'No Content' });
    await waitFor(() => outbox.pendingCount() === 0, 'the queue to empty');

    expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
    expect(deliveries.map((d) => [d.entry.id, d.status, d.body])).toEqual([
      [first.id, 201, { id: 'srv' }],
      [second.id, 204, null],
    ]);
    expect(outbox.lastSyncAt()).not.toBeNull();
  });

  it('when queued, the write is stored before anything is sent', async () => {
    const queued = await outbox.enqueue(aRequest('Entretien individuel'));

    const db = await TestBed.inject(OfflineDb).open();
    expect(await db.get('outbox', queued.id)).toEqual(queued);
    expect(outbox.entries()).toEqual([queued]);
    unreachable(await nextRequest());
  });

  it('when the BFF cannot be reached (504 without problem, then no answer), waits 1 s, then 2 s, with the same key, and holds the next writes', async () => {
    jasmine.clock().install();
    jasmine.clock().mockDate(new Date('2026-11-29T14:00:00Z'));
    const queued = await outbox.enqueue(aRequest('Entretien individuel'));
    await outbox.enqueue(aRequest('Atelier CV'));

    unreachable(await nextRequest());
    await waitFor(() => entry('Entretien individuel')?.attempts === 1, 'the first attempt recorded');
    expect(entry('Entretien individuel')?.nextAttemptAt).toBe('2026-11-29T14:00:01.000Z');
    jasmine.clock().tick(999);
    await expectNoRequest();
    jasmine.clock().tick(1);
    const second = await nextRequest();
    expect(second.request.headers.get(IDEMPOTENCY_HEADER)).toBe(queued.idempotencyKey);
    second.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await waitFor(() => entry('Entretien individuel')?.attempts === 2, 'the second attempt recorded');
    jasmine.clock().tick(1999);
    await expectNoRequest();
    jasmine.clock().tick(1);
    const third = await nextRequest();
    expect(third.request.headers.get(IDEMPOTENCY_HEADER)).toBe(queued.idempotencyKey);
    created(third);

    const next = await nextRequest();
    expect(next.request.body).toEqual({ label: 'Atelier CV' });
    created(next);
    await waitFor(() => outbox.pendingCount() === 0, 'the queue to empty');
  });

  it('when the tab is closed and reopened, replays the queued writes with the keys they were given', async () => {
    jasmine.clock().install();
    jasmine.clock().mockDate(new Date('2026-11-29T14:00:00Z'));
    const queued = await outbox.enqueue(aRequest('Entretien individuel'));
    (await nextRequest()).error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await waitFor(() => entry('Entretien individuel')?.attempts === 1, 'the attempt recorded');
    await idle();

    TestBed.resetTestingModule();
    jasmine.clock().tick(60_000);
    start();

    const replayed = await nextRequest();
    expect(replayed.request.headers.get(IDEMPOTENCY_HEADER)).toBe(queued.idempotencyKey);
    expect(replayed.request.body).toEqual({ label: 'Entretien individuel' });
    created(replayed);
    await waitFor(() => outbox.pendingCount() === 0, 'the queue to empty');
    expect(outbox.lastSyncAt()).toBe('2026-11-29T14:01:00.000Z');
  });

  it('when the network comes back, replays at once without waiting for the end of the backoff', async () => {
    jasmine.clock().install();
    await outbox.enqueue(aRequest('Entretien individuel'));
    unreachable(await nextRequest());
    await waitFor(() => entry('Entretien individuel')?.attempts === 1, 'the attempt recorded');

    window.dispatchEvent(new Event('online'));

    created(await nextRequest());
  });

  it('when a write conflicts, keeps it with the server version to resolve, and sends the next ones', async () => {
    await outbox.enqueue(aRequest('Dossier modifié', { method: 'PATCH', url: '/api/v1/jeunes/j1', base: { version: 3 } }));
    await outbox.enqueue(aRequest('Atelier CV'));

    (await nextRequest()).flush(
      { ...aProblemBody(409, 'conflict', 'Le dossier a été modifié entre-temps.'), current: { version: 4, nom: 'MARTIN' } },
      { status: 409, statusText: 'Conflict' },
    );
    created(await nextRequest());
    await waitFor(() => outbox.pendingCount() === 1, 'the delivered write to leave');

    expect(entry('Dossier modifié')).toEqual(
      jasmine.objectContaining({
        status: 'conflict',
        problem: jasmine.objectContaining({ code: 'conflict', current: { version: 4, nom: 'MARTIN' } }),
      }),
    );
  });

  it('when a write is refused, marks it failed with the reason, and sends the next ones', async () => {
    await outbox.enqueue(aRequest('Entretien individuel'));
    await outbox.enqueue(aRequest('Atelier CV'));

    (await nextRequest()).flush(aProblemBody(400, 'validation-failed', 'La date est obligatoire.'), {
      status: 400,
      statusText: 'Bad Request',
    });
    created(await nextRequest());
    await waitFor(() => outbox.pendingCount() === 1, 'the delivered write to leave');

    expect(entry('Entretien individuel')).toEqual(
      jasmine.objectContaining({ status: 'failed', problem: jasmine.objectContaining({ detail: 'La date est obligatoire.' }) }),
    );
  });

  it('when the session is over, stops and keeps every write pending', async () => {
    await outbox.enqueue(aRequest('Entretien individuel'));
    await outbox.enqueue(aRequest('Atelier CV'));

    (await nextRequest()).flush(aProblemBody(401, 'unauthenticated', 'Connectez-vous.'), {
      status: 401,
      statusText: 'Unauthorized',
    });
    await idle();

    expect(outbox.entries().map((e) => [e.label, e.status, e.attempts])).toEqual([
      ['Entretien individuel', 'pending', 0],
      ['Atelier CV', 'pending', 0],
    ]);
  });

  it("when another user's writes are on the device, neither shows nor sends them", async () => {
    const db = await TestBed.inject(OfflineDb).open();
    const basiles = anOutboxEntry({ ...aRequest('Écrit par Basile'), id: 'e-basile', idempotencyKey: 'cle-de-basile', userId: BASILE });
    await db.put('outbox', basiles);

    await outbox.enqueue(aRequest('Entretien individuel'));
    const sent = await nextRequest();
    expect(sent.request.body).toEqual({ label: 'Entretien individuel' });
    created(sent);
    await idle();

    expect(outbox.entries()).toEqual([]);
    expect(await db.get('outbox', 'e-basile')).toEqual(basiles);
  });

  it('when a write is abandoned, forgets it', async () => {
    const queued = await outbox.enqueue(aRequest('Entretien individuel'));
    unreachable(await nextRequest());
    await waitFor(() => entry('Entretien individuel')?.attempts === 1, 'the attempt recorded');

    await outbox.discard(queued.id);

    expect(outbox.entries()).toEqual([]);
    const db = await TestBed.inject(OfflineDb).open();
    expect(await db.count('outbox')).toBe(0);
  });

  it('when a conflict is resolved, keeps its place in the queue, takes a new key and the server version as base', async () => {
    const edit = await outbox.enqueue(aRequest('Dossier modifié', { method: 'PATCH', url: '/api/v1/jeunes/j1', base: { version: 3 } }));
    (await nextRequest()).flush(
      { ...aProblemBody(409, 'conflict', 'Modifié entre-temps.'), current: { version: 4 } },
      { status: 409, statusText: 'Conflict' },
    );
    await idle();

    const resolving = outbox.resolve(edit.id, { version: 4, nom: 'MARTIN' });
    const resent = await nextRequest();

    expect(resent.request.body).toEqual({ version: 4, nom: 'MARTIN' });
    expect(resent.request.headers.get(IDEMPOTENCY_HEADER)).not.toBe(edit.idempotencyKey);
    expect(entry('Dossier modifié')).toEqual(
      jasmine.objectContaining({ seq: edit.seq, status: 'pending', problem: null, base: { version: 4 } }),
    );
    created(resent);
    await resolving;
  });

  it('when two edits of the same dossier were typed offline, the second goes on the version the first produced, with a new key', async () => {
    const patch = (label: string, body: object) => aRequest(label, { method: 'PATCH', url: '/api/v1/jeunes/j1', kind: 'dossier', body });
    await outbox.enqueue(patch('Coordonnées', { version: 3, coordonnees: { telephone: '0611223344' } }));
    const second = await outbox.enqueue(patch('Logement', { version: 3, logement: { situation: 'PARENTS' } }));
    const other = await outbox.enqueue(aRequest('Autre dossier', { method: 'PATCH', url: '/api/v1/jeunes/j2', body: { version: 3 } }));

    (await nextRequest()).flush({ id: 'j1', version: 4 }, { status: 200, statusText: 'OK' });
    const next = await nextRequest();

    expect(next.request.body).toEqual({ version: 4, logement: { situation: 'PARENTS' } });
    expect(next.request.headers.get(IDEMPOTENCY_HEADER)).not.toBe(second.idempotencyKey);
    next.flush({ id: 'j1', version: 5 }, { status: 200, statusText: 'OK' });
    const last = await nextRequest();
    expect(last.request.body).withContext("another record's edit keeps its version").toEqual({ version: 3 });
    expect(last.request.headers.get(IDEMPOTENCY_HEADER)).toBe(other.idempotencyKey);
    last.flush({ version: 4 }, { status: 200, statusText: 'OK' });
  });

  it('when a failed write is retried, sends it again with the same key', async () => {
    const queued = await outbox.enqueue(aRequest('Entretien individuel'));
    (await nextRequest()).flush(aProblemBody(500, 'internal-error', 'Erreur interne.'), {
      status: 500,
      statusText: 'Internal Server Error',
    });
    await waitFor(() => entry('Entretien individuel')?.status === 'failed', 'the failure recorded');

    const retrying = outbox.retry(queued.id);
    const again = await nextRequest();

    expect(again.request.headers.get(IDEMPOTENCY_HEADER)).toBe(queued.idempotencyKey);
    created(again);
    await retrying;
    expect(outbox.entries()).toEqual([]);
  });
});
