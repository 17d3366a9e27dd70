import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { idempotencyKeySchema, PROBLEM_CODES } from '@imilo/domain';
import type { AppContext } from '../app-context';
import { invalidFields, problem } from './errors';
import { currentUser } from './guards';

/** The header a write carries so that a replay (the tablet's outbox after a lost answer) happens once. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** How long a key answers replays: an outbox replays within days; a week covers a tablet left off over a weekend. */
export const IDEMPOTENCY_KEY_RETENTION_MS = 7 * 86_400_000;

/** What a write answers: its status, body and, for a creation, the new resource's URL. */
export interface WriteAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly location?: string;
}

/** A write done inside the transaction that also records its idempotency key. */
export type TransactionalWrite = (req: Request, transaction: Transaction) => Promise<WriteAnswer>;

// Keys of objects in a fixed order, so that the same body sent by another client (or re-serialised) matches.
const canonical = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

const fingerprintOf = (req: Request): string =>
  createHash('sha256').update(`${req.method} ${req.baseUrl}${req.path}\n${canonical(req.body)}`).digest('hex');

interface StoredAnswer {
  readonly empreinte: string;
  readonly statut: number;
  readonly reponse: { body?: unknown; location?: string } | null;
}

/**
 * Runs a keyed write at most once per user and key. The key's row is inserted first in the write's own transaction:
 * a concurrent request with the same key waits on it, then finds the stored answer; a crash before the commit leaves
 * neither the key nor the write, so that the next replay does the write. The same key with another method, path or
 * body answers 409 `idempotency-key-reused` and changes nothing. A refused write (4xx) rolls back with its key.
 */
const runKeyed = async (
  sequelize: Sequelize,
  req: Request,
  key: string,
  write: TransactionalWrite,
): Promise<WriteAnswer & { readonly replayed: boolean }> => {
  const userId = currentUser(req).id;
  const empreinte = fingerprintOf(req);
  return sequelize.transaction(async (transaction) => {
    const inserted = await sequelize.query(
      `INSERT INTO idempotency_key (utilisateur_id, cle, empreinte) VALUES ($1, $2, $3)
       ON CONFLICT (utilisateur_id, cle) DO NOTHING RETURNING cle`,
      { bind: [userId, key, empreinte], type: QueryTypes.SELECT, transaction },
    );
    if (inserted.length === 0) {
      const [stored] = await sequelize.query<StoredAnswer>(
        'SELECT empreinte, statut, reponse FROM idempotency_key WHERE utilisateur_id = $1 AND cle = $2',
        { bind: [userId, key], type: QueryTypes.SELECT, transaction },
      );
      if (stored === undefined || stored.empreinte !== empreinte) {
        throw problem(
          PROBLEM_CODES.idempotencyKeyReused,
          'Cette clé Idempotency-Key a déjà servi pour une autre requête : une nouvelle requête demande une nouvelle clé.',
        );
      }
      return { status: stored.statut, body: stored.reponse?.body, location: stored.reponse?.location, replayed: true };
    }
    const answer = await write(req, transaction);
    await sequelize.query('UPDATE idempotency_key SET statut = $3, reponse = $4 WHERE utilisateur_id = $1 AND cle = $2', {
      bind: [userId, key, answer.status, JSON.stringify({ body: answer.body, location: answer.location })],
      transaction,
    });
    return { ...answer, replayed: false };
  });
};

/**
 * The route handler of a write that accepts `Idempotency-Key` (every write of the Suivi univers and the dossier's
 * edit): without the header, the write runs once in its transaction; with it, see `runKeyed`. A replay answers the
 * stored status and body, with `Idempotent-Replayed: true`.
 */
export const idempotentWrite =
  (ctx: AppContext, write: TransactionalWrite): RequestHandler =>
  async (req, res) => {
    const header = req.get(IDEMPOTENCY_HEADER);
    let answer: WriteAnswer & { readonly replayed?: boolean };
    if (header === undefined) {
      answer = await ctx.db.sequelize.transaction((transaction) => write(req, transaction));
    } else {
      const key = idempotencyKeySchema.safeParse(header);
      if (!key.success) {
        throw invalidFields(key.error.issues.map((issue) => ({ path: IDEMPOTENCY_HEADER, message: issue.message })));
      }
      answer = await runKeyed(ctx.db.sequelize, req, key.data, write);
      res.setHeader('Idempotent-Replayed', String(answer.replayed));
    }
    if (answer.location !== undefined) {
      res.location(answer.location);
    }
    res.status(answer.status);
    if (answer.body === undefined) {
      res.end();
    } else {
      res.json(answer.body);
    }
  };

/** Deletes the keys past their retention (nightly). */
export const purgeIdempotencyKeys = async (sequelize: Sequelize, now: Date): Promise<number> => {
  const [, meta] = await sequelize.query('DELETE FROM idempotency_key WHERE created_at < $1', {
    bind: [new Date(now.getTime() - IDEMPOTENCY_KEY_RETENTION_MS)],
  });
  return (meta as { rowCount?: number } | undefined)?.rowCount ?? 0;
};
