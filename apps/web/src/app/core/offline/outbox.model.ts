import type { Problem, TimelineItemDto } from '@imilo/domain';

// The contract of the offline outbox (#4): what a feature queues, and what it learns back. Writes made during an
// appointment go here first; the outbox replays them in order, with their idempotency key, when the BFF answers.

/** What a queued write creates or changes, for the sync indicator, the timeline and the conflict screen. */
export type OutboxKind = 'evenement' | 'proposition' | 'action' | 'dossier' | 'rendez-vous';

/** What a feature hands to `Outbox.enqueue`. */
export interface OutboxRequest {
  readonly method: 'POST' | 'PATCH' | 'DELETE';
  /** Same-origin API URL, e.g. `/api/v1/jeunes/{id}/evenements`. */
  readonly url: string;
  readonly body: unknown;
  /** The dossier it belongs to (the timeline shows its pending items; the conflict screen reopens it). */
  readonly jeuneId: string;
  readonly kind: OutboxKind;
  /** A short French label for the pending list ("Entretien individuel du 29/11 à 14 h 30"). */
  readonly label: string;
  /** How the item shows on the timeline while pending: a creation, or the corrected or deleted item it replaces. */
  readonly preview?: TimelineItemDto;
  /**
   * For an edit (PATCH with a version): the record as read before editing, so that a 409 can be shown field by field
   * (base / mine / theirs).
   */
  readonly base?: unknown;
}

/** Where a queued write stands. `conflict` and `failed` are kept until the conseiller resolves or discards them. */
export type OutboxStatus = 'pending' | 'conflict' | 'failed';

/** A queued write, as stored in IndexedDB. */
export interface OutboxEntry extends OutboxRequest {
  /** Local id of the entry (a UUID). */
  readonly id: string;
  /** The `Idempotency-Key` header sent with every attempt: the BFF answers a replay as the first time. */
  readonly idempotencyKey: string;
  /** The signed-in user who queued it: another user's entries are never sent under this session. */
  readonly userId: string;
  /** Queue order (monotonic). */
  readonly seq: number;
  readonly createdAt: string;
  readonly attempts: number;
  /** When the next attempt may start (ISO), after a backoff. */
  readonly nextAttemptAt: string | null;
  readonly status: OutboxStatus;
  /** The BFF's problem for `conflict` (its `current` extension holds the server's record) and `failed`. */
  readonly problem: (Problem & { readonly current?: unknown }) | null;
}

/** What a replay brought back, for the feature that queued it (to replace its preview with the server's record). */
export interface OutboxDelivery {
  readonly entry: OutboxEntry;
  readonly status: number;
  readonly body: unknown;
}
