import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type Problem, PROBLEM_CODES } from '@imilo/domain';
import { Store } from '@ngrx/store';
import {
  catchError,
  defaultIfEmpty,
  filter,
  firstValueFrom,
  fromEvent,
  map,
  merge,
  type Observable,
  of,
  skip,
  Subject,
  takeUntil,
  timeout,
  TimeoutError,
} from 'rxjs';
import { authFeature } from '../../features/auth/auth.feature';
import { Connectivity } from '../connectivity';
import { isUnreachable, problemOf, toRequestFailure } from '../http/problem';
import { selectUserId } from './offline-cache';
import { OfflineDb } from './offline-db';
import type { OutboxDelivery, OutboxEntry, OutboxRequest } from './outbox.model';

/** The header the BFF deduplicates writes on. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Two tabs of the same user share the outbox: one replays at a time, or an entry could be sent twice at once. */
const LOCK_NAME = 'imilo-outbox';
const LAST_SYNC_KEY = 'lastSyncAt';
/** Waits after the BFF could not be reached: 1 s, doubling at each attempt, at most a minute. */
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 60_000;
/** A request without any answer (a route that swallows packets) would hold the queue: it is tried again later. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Problems that say the session cannot write now (ended, or a gate to pass): the entries wait, untouched. */
const SESSION_CODES: readonly string[] = [
  PROBLEM_CODES.unauthenticated,
  PROBLEM_CODES.passwordExpired,
  PROBLEM_CODES.cguNotAccepted,
];

type EntryProblem = NonNullable<OutboxEntry['problem']>;

/** What one attempt brought back, and so what the run does next. */
type Outcome =
  | { readonly kind: 'delivered'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'later' }
  | { readonly kind: 'stop' }
  | { readonly kind: 'conflict' | 'failed'; readonly problem: EntryProblem };

const backoffMs = (attempts: number): number =>
  Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);

// An error answer without the BFF's problem body (a proxy's HTML page, a crash): described in French all the same.
const unexpectedProblem = (error: unknown): Problem => ({
  type: 'about:blank',
  title: 'Erreur inattendue',
  status: error instanceof HttpErrorResponse ? error.status : 0,
  code: PROBLEM_CODES.internal,
  detail: toRequestFailure(error).message,
});

const outcomeOf = (error: unknown): Outcome => {
  if (error instanceof TimeoutError || isUnreachable(error) || (error instanceof HttpErrorResponse && error.status === 429)) {
    return { kind: 'later' };
  }
  const problem = problemOf(error);
  if ((error instanceof HttpErrorResponse && error.status === 401) || SESSION_CODES.includes(problem?.code ?? '')) {
    return { kind: 'stop' };
  }
  if (problem?.code === PROBLEM_CODES.conflict) {
    return { kind: 'conflict', problem };
  }
  return { kind: 'failed', problem: problem ?? unexpectedProblem(error) };
};

const isDue = (entry: OutboxEntry, now: number): boolean =>
  entry.nextAttemptAt === null || Date.parse(entry.nextAttemptAt) <= now;

const versionOf = (value: unknown): number | null => {
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  return typeof version === 'number' ? version : null;
};

/**
 * A later edit of the same record, typed offline on the version the delivered edit started from, now starts from the
 * version that edit produced: two sections changed in a row on the tablet are one person's edits, not a conflict.
 * Only entries never sent yet (the queue is strictly ordered, so none of them reached the BFF); the new body takes a
 * new idempotency key. Answers null when the entry is not such an edit.
 */
export const rebasedOnOwnEdit = (later: OutboxEntry, delivered: OutboxEntry, answer: unknown): OutboxEntry | null => {
  const from = versionOf(delivered.body);
  const to = versionOf(answer);
  const isFollowingEdit =
    later.userId === delivered.userId &&
    later.seq > delivered.seq &&
    later.status === 'pending' &&
    later.attempts === 0 &&
    later.method === 'PATCH' &&
    delivered.method === 'PATCH' &&
    later.url === delivered.url &&
    from !== null &&
    to !== null &&
    versionOf(later.body) === from;
  if (!isFollowingEdit) {
    return null;
  }
  return { ...later, body: { ...(later.body as object), version: to }, base: answer, idempotencyKey: crypto.randomUUID() };
};

/**
 * Writes made on the device, kept in IndexedDB until the BFF has them (#4). Each is replayed in queue order, one at a
 * time, with the same `Idempotency-Key` at every attempt, so that an answer lost on the way back never doubles a write.
 * Only the signed-in user's entries are ever sent or shown.
 */
@Injectable({ providedIn: 'root' })
export class Outbox {
  private readonly http = inject(HttpClient);
  private readonly db = inject(OfflineDb);
  private readonly userId = inject(Store).selectSignal(selectUserId);
  private readonly entriesState = signal<readonly OutboxEntry[]>([]);
  private readonly lastSyncAtState = signal<string | null>(null);
  private readonly syncingState = signal(false);
  private readonly delivered = new Subject<OutboxDelivery>();
  private running: Promise<void> | null = null;
  /** A trigger that came during a run: one more run follows, ignoring the backoff if any of them asked to. */
  private rerun: { readonly ignoreBackoff: boolean } | null = null;
  private backoffTimer: ReturnType<typeof setTimeout> | undefined;
  private loads = 0;
  private readonly destroyed$ = new Subject<void>();
  private destroyed = false;

  /** The signed-in user's entries, in queue order. */
  readonly entries = this.entriesState.asReadonly();
  /** How many of the signed-in user's writes the BFF does not have yet (pending, in conflict or failed). */
  readonly pendingCount = computed(() => this.entries().length);
  /** When the outbox last delivered a write for the signed-in user (ISO), kept across reloads. */
  readonly lastSyncAt = this.lastSyncAtState.asReadonly();
  /** Whether a replay is running. */
  readonly syncing = this.syncingState.asReadonly();
  /** Each write the BFF accepted (2xx), for the feature that queued it to replace its preview. */
  readonly deliveries: Observable<OutboxDelivery> = this.delivered.asObservable();

  constructor() {
    const store = inject(Store);
    const connectivity = inject(Connectivity);
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.destroyed$.next();
      clearTimeout(this.backoffTimer);
    });

    // At start, at each sign-in and once a gate is passed, what is queued (maybe by an earlier visit) is shown, then sent.
    store
      .select(authFeature.selectMe)
      .pipe(takeUntilDestroyed())
      .subscribe((me) => void this.resume(me !== null && !me.mustChangePassword && !me.mustAcceptCgu));
    this.db.outboxChanged$.pipe(takeUntilDestroyed()).subscribe(() => void this.reload());
    // The network is back: no reason to wait for the end of a backoff.
    merge(fromEvent(window, 'online'), connectivity.online$.pipe(skip(1), filter(Boolean)))
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.replay(true));
  }

  /** Queues a write for the signed-in user; it is stored before this resolves, then sent as soon as possible. */
  async enqueue(request: OutboxRequest): Promise<OutboxEntry> {
    const userId = this.userId();
    if (userId === null) {
      throw new Error('Outbox.enqueue: nobody is signed in.');
    }
    const db = await this.db.open();
    const tx = db.transaction('outbox', 'readwrite');
    const last = await tx.store.index('seq').openCursor(null, 'prev');
    const entry: OutboxEntry = {
      ...request,
      id: crypto.randomUUID(),
      idempotencyKey: crypto.randomUUID(),
      userId,
      seq: (last?.value.seq ?? 0) + 1,
      createdAt: new Date().toISOString(),
      attempts: 0,
      nextAttemptAt: null,
      status: 'pending',
      problem: null,
    };
    await tx.store.add(entry);
    await tx.done;
    await this.changed();
    void this.replay(false);
    return entry;
  }

  /** Sends an entry again now (after a failure, or before its backoff ends), with the same idempotency key. */
  async retry(id: string): Promise<void> {
    await this.update(id, (entry) => ({ ...entry, status: 'pending', problem: null, nextAttemptAt: null }));
    await this.changed();
    await this.replay(true);
  }

  /** Gives up an entry: the BFF never receives it. */
  async discard(id: string): Promise<void> {
    const db = await this.db.open();
    const tx = db.transaction('outbox', 'readwrite');
    const entry = await tx.store.get(id);
    if (entry !== undefined && entry.userId === this.userId()) {
      await tx.store.delete(id);
    }
    await tx.done;
    await this.changed();
  }

  /**
   * Replaces the body of an entry (a conflict resolved on the server's version), in its place in the queue. A new
   * body needs a new idempotency key: the BFF refuses a known key with another body.
   */
  async resolve(id: string, body: unknown): Promise<void> {
    await this.update(id, (entry) => ({
      ...entry,
      body,
      // The server's record the new body was built on: the base of any later conflict.
      base: entry.problem?.current ?? entry.base,
      idempotencyKey: crypto.randomUUID(),
      status: 'pending',
      problem: null,
      attempts: 0,
      nextAttemptAt: null,
    }));
    await this.changed();
    await this.replay(true);
  }

  /** Sends the pending entries now, without waiting for the end of a backoff. */
  replayNow(): Promise<void> {
    return this.replay(true);
  }

  private async resume(canWrite: boolean): Promise<void> {
    await this.reload();
    // A closed gate would refuse every write: they wait until it is passed.
    if (canWrite && this.entries().length > 0) {
      await this.replay(false);
    }
  }

  private replay(ignoreBackoff: boolean): Promise<void> {
    if (this.running !== null) {
      this.rerun = { ignoreBackoff: ignoreBackoff || (this.rerun?.ignoreBackoff ?? false) };
      return this.running;
    }
    this.running = this.runUntilSettled(ignoreBackoff).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runUntilSettled(ignoreBackoff: boolean): Promise<void> {
    for (let force = ignoreBackoff; ; ) {
      await this.withLock(() => this.drain(force));
      if (this.rerun === null) {
        return;
      }
      force = this.rerun.ignoreBackoff;
      this.rerun = null;
    }
  }

  private async withLock(work: () => Promise<void>): Promise<void> {
    if ('locks' in navigator) {
      await navigator.locks.request(LOCK_NAME, work);
    } else {
      await work();
    }
  }

  private async drain(ignoreBackoff: boolean): Promise<void> {
    this.syncingState.set(true);
    try {
      await this.sendPending(ignoreBackoff);
    } finally {
      this.syncingState.set(false);
    }
  }

  /** Sends the signed-in user's pending entries in order, until the queue is empty or the BFF cannot take more. */
  private async sendPending(ignoreBackoff: boolean): Promise<void> {
    while (navigator.onLine && !this.destroyed) {
      const userId = this.userId();
      const next = userId === null ? undefined : (await this.stored(userId)).find((entry) => entry.status === 'pending');
      if (next === undefined) {
        return;
      }
      if (!ignoreBackoff && !isDue(next, Date.now())) {
        this.scheduleAt(next.nextAttemptAt);
        return;
      }
      const stop = await this.record(next, await this.send(next));
      await this.changed();
      if (stop) {
        return;
      }
    }
  }

  private send(entry: OutboxEntry): Promise<Outcome> {
    return firstValueFrom(
      this.http
        .request<unknown>(entry.method, entry.url, {
          body: entry.body,
          headers: { [IDEMPOTENCY_HEADER]: entry.idempotencyKey },
          observe: 'response',
        })
        .pipe(
          timeout({ first: REQUEST_TIMEOUT_MS }),
          map((response): Outcome => ({ kind: 'delivered', status: response.status, body: response.body })),
          catchError((error: unknown) => of(outcomeOf(error))),
          // The app is going away: the request is cancelled, and the run ends without touching the entry.
          takeUntil(this.destroyed$),
          defaultIfEmpty<Outcome, Outcome>({ kind: 'stop' }),
        ),
    );
  }

  /** Stores what an attempt brought back; returns whether the run stops there. */
  private async record(sent: OutboxEntry, outcome: Outcome): Promise<boolean> {
    const now = Date.now();
    switch (outcome.kind) {
      case 'delivered': {
        const db = await this.db.open();
        const tx = db.transaction(['outbox', 'meta'], 'readwrite');
        const stored = await tx.objectStore('outbox').get(sent.id);
        // Resolved while in flight: the new body still has to go.
        if (stored?.idempotencyKey === sent.idempotencyKey) {
          await tx.objectStore('outbox').delete(sent.id);
        }
        for (const later of await tx.objectStore('outbox').getAll()) {
          const rebased = rebasedOnOwnEdit(later, sent, outcome.body);
          if (rebased !== null) {
            await tx.objectStore('outbox').put(rebased);
          }
        }
        const at = new Date(now).toISOString();
        await tx.objectStore('meta').put({ key: LAST_SYNC_KEY, userId: sent.userId, value: at });
        await tx.done;
        this.delivered.next({ entry: sent, status: outcome.status, body: outcome.body });
        return false;
      }
      case 'later': {
        const attempts = sent.attempts + 1;
        const nextAttemptAt = new Date(now + backoffMs(attempts)).toISOString();
        await this.update(sent.id, (entry) => ({ ...entry, attempts, nextAttemptAt }), sent.idempotencyKey);
        this.scheduleAt(nextAttemptAt);
        return true;
      }
      case 'stop':
        // Until the session is back, the triggers that came during this run would only be refused again.
        this.rerun = null;
        return true;
      case 'conflict':
      case 'failed':
        await this.update(
          sent.id,
          (entry) => ({ ...entry, attempts: entry.attempts + 1, status: outcome.kind, problem: outcome.problem, nextAttemptAt: null }),
          sent.idempotencyKey,
        );
        return false;
    }
  }

  private scheduleAt(at: string | null): void {
    clearTimeout(this.backoffTimer);
    const delay = at === null ? 0 : Math.max(Date.parse(at) - Date.now(), 0);
    this.backoffTimer = setTimeout(() => void this.replay(false), delay);
  }

  /**
   * Changes one of the signed-in user's entries, if it is still there and, when `idempotencyKey` is given, still the
   * request that was sent (not discarded or resolved meanwhile).
   */
  private async update(id: string, change: (entry: OutboxEntry) => OutboxEntry, idempotencyKey?: string): Promise<void> {
    const db = await this.db.open();
    const tx = db.transaction('outbox', 'readwrite');
    const entry = await tx.store.get(id);
    if (
      entry !== undefined &&
      entry.userId === this.userId() &&
      (idempotencyKey === undefined || entry.idempotencyKey === idempotencyKey)
    ) {
      await tx.store.put(change(entry));
    }
    await tx.done;
  }

  private async stored(userId: string): Promise<OutboxEntry[]> {
    const db = await this.db.open();
    const entries = await db.getAllFromIndex('outbox', 'seq');
    return entries.filter((entry) => entry.userId === userId);
  }

  /** Tells the other tabs, and reads the state back. */
  private async changed(): Promise<void> {
    if (this.destroyed) {
      return;
    }
    this.db.announceOutboxChange();
    await this.reload();
  }

  private async reload(): Promise<void> {
    const load = ++this.loads;
    const userId = this.destroyed ? null : this.userId();
    let entries: readonly OutboxEntry[] = [];
    let lastSyncAt: string | null = null;
    if (userId !== null) {
      const db = await this.db.open();
      const meta = await db.get('meta', LAST_SYNC_KEY);
      entries = await this.stored(userId);
      lastSyncAt = meta?.userId === userId ? meta.value : null;
    }
    // Loads overlap (a change in another tab during a run): the latest one started has the freshest picture.
    if (load === this.loads) {
      this.entriesState.set(entries);
      this.lastSyncAtState.set(lastSyncAt);
    }
  }
}
