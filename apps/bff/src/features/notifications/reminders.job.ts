import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';
import { QueryTypes, Sequelize } from 'sequelize';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { ensureQueue } from '../../jobs/queues';
import { type DispatchDeps, dispatchMessage, relanceSms, tellConseiller } from './dispatcher';
import { findDueMessages } from './messages.repository';

// The messages' queues on pg-boss. A planned message (message_jeune, PLANIFIE) becomes a job a little before it is due:
// at once when planned (the notifier's flush, after the commit) and by a sweep every minute in every process (so a
// lost flush, a restart or a reminder planned days ahead all end up queued). Jobs are deduplicated by the message's key
// (`singletonKey`, queue policy `short`: one queued job per key); the exactly-once guarantee itself is the dispatcher's
// row lock on the PLANIFIE message, so a duplicate job (or two processes) finds nothing left to send.

/** One job per message to send. */
export const MESSAGE_QUEUE = 'notification-message';
/** The SMS of a J-1 reminder whose push was not acknowledged in time. */
export const RELANCE_SMS_QUEUE = 'notification-relance-sms';
/** A push to the conseiller when the jeune answers in C-Milo. */
export const CONSEILLER_QUEUE = 'notification-conseiller';

/** How far ahead the sweep queues due messages: more than its period, so a job waits for its minute in pg-boss. */
export const SWEEP_HORIZON_MS = 2 * 60_000;
/** The sweep's period. */
export const SWEEP_INTERVAL_MS = 60_000;
/** The most messages one sweep queues (the next one takes the rest). */
const SWEEP_BATCH = 20_000;

/** Retries with exponential backoff (30 s, 1 min, 2 min…) for what failed unexpectedly (database, a crash). */
const QUEUE_OPTIONS = { policy: 'short', retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 } as const;

interface MessageJob {
  readonly messageId: string;
}

interface ConseillerJob {
  readonly rendezVousId: string;
  readonly kind: 'confirmation-jeune' | 'annulation-jeune';
}

/** The real instant of a job's start, for a message due at `due` by the application's clock. */
const startAfterOf = (due: Date, now: Date): string => new Date(Date.now() + Math.max(0, due.getTime() - now.getTime())).toISOString();

/**
 * Puts messages on the queues from any process, jobs running here or not: pg-boss writes its jobs through the plain
 * pool (no pg-boss started for that); before pg-boss created its schema and queues, it does nothing (the sweep of the
 * process that runs the jobs catches up).
 */
export class MessageQueue {
  private readonly boss: PgBoss;
  private installed = false;
  private readonly conseillerPending: ConseillerJob[] = [];

  constructor(
    private readonly sequelize: Sequelize,
    pool: pg.Pool,
  ) {
    this.boss = new PgBoss({ db: { executeSql: async (text, values) => pool.query(text, values) } });
  }

  private async ready(): Promise<boolean> {
    if (!this.installed) {
      const [row] = await this.sequelize.query<{ queue: string | null }>("SELECT to_regclass('pgboss.queue')::text AS queue", { type: QueryTypes.SELECT });
      this.installed = row?.queue !== null && row?.queue !== undefined && (await this.boss.getQueue(MESSAGE_QUEUE)) !== null;
    }
    return this.installed;
  }

  /**
   * Queues the planned messages due before now + the horizon (among `ids` when given: those a transaction just
   * planned). Answers the ids of `ids` that are visible, i.e. committed (queued or not yet due).
   */
  async enqueueDue(now: Date, ids?: readonly string[]): Promise<string[]> {
    if (!(await this.ready())) {
      return [];
    }
    const due = await findDueMessages(this.sequelize, new Date(now.getTime() + SWEEP_HORIZON_MS), { ids, limit: SWEEP_BATCH });
    if (due.length > 0) {
      await this.boss.insert(
        due.map((message) => ({
          name: MESSAGE_QUEUE,
          data: { messageId: message.id } satisfies MessageJob,
          singletonKey: message.cle,
          startAfter: startAfterOf(message.envoiPrevuLe, now),
        })),
      );
    }
    await this.sendConseillerPending();
    if (ids === undefined) {
      return due.map((message) => message.id);
    }
    const [visible] = await this.sequelize.query<{ ids: string[] }>('SELECT array_agg(id)::text[] AS ids FROM message_jeune WHERE id = ANY($ids::uuid[])', {
      type: QueryTypes.SELECT,
      bind: { ids: [...ids] },
    });
    return visible?.ids ?? [];
  }

  /** Queues the SMS of J-1 reminders for when their device's acknowledgement is overdue, in one insert. */
  async scheduleRelances(relances: readonly { readonly messageId: string; readonly at: Date }[], now: Date): Promise<void> {
    if (relances.length > 0) {
      await this.boss.insert(
        relances.map(({ messageId, at }) => ({ name: RELANCE_SMS_QUEUE, data: { messageId } satisfies MessageJob, singletonKey: messageId, startAfter: startAfterOf(at, now) })),
      );
    }
  }

  /** Remembers a push to the conseiller; sent with the next flush (after the jeune's answer committed). */
  tellConseiller(job: ConseillerJob): void {
    this.conseillerPending.push(job);
  }

  private async sendConseillerPending(): Promise<void> {
    const jobs = this.conseillerPending.splice(0);
    if (jobs.length > 0) {
      await this.boss.insert(jobs.map((data) => ({ name: CONSEILLER_QUEUE, data })));
    }
  }
}

/** How many connections the message workers of one process send with, on a PostgreSQL server. */
export const MESSAGES_POOL_SIZE = 10;

/**
 * The Sequelize the message workers send with. On a server, a pool of their own: each message holds a connection while
 * it is sent (its row lock), and a burst of reminders must never take the connections the conseillers' requests need.
 * The embedded database has one session for everything: there, the application's.
 */
export const messagesSequelize = (db: Database): { readonly sequelize: Sequelize; close(): Promise<void> } => {
  if (db.kind === 'embedded') {
    return { sequelize: db.sequelize, close: async () => undefined };
  }
  const sequelize = new Sequelize(db.url, { dialect: 'postgres', logging: false, pool: { max: MESSAGES_POOL_SIZE, min: 0, idle: 10_000 } });
  return { sequelize, close: () => sequelize.close() };
};

/** What the workers need: the dispatcher's dependencies and the queue for follow-ups. */
export interface MessageWorkersDeps extends DispatchDeps {
  readonly queue: MessageQueue;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** How many jobs each process works on at once (each holds a database connection while it sends). */
export interface MessageWorkersOptions {
  readonly concurrency: number;
  readonly batchSize: number;
  readonly pollingIntervalSeconds: number;
}

// A pg-boss worker fetches at most `batchSize` jobs per polling interval, even when more are waiting (its loop waits out
// the interval after each batch): the throughput ceiling is concurrency × batchSize / interval — here 120 messages/s
// per process (measured by bench:reminders), the batch's jobs being sent side by side.
const DEFAULT_WORKERS: MessageWorkersOptions = { concurrency: 2, batchSize: 30, pollingIntervalSeconds: 0.5 };

// pg-boss 10 completes or fails a fetched batch as a whole: each job is run on its own and a failing one is failed
// by id (then retried with backoff), so that the others of the batch complete.
const eachJob =
  <T>(boss: PgBoss, queue: string, logger: Logger, run: (data: T) => Promise<void>) =>
  async (jobs: PgBoss.Job<T>[]): Promise<void> => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          await run(job.data);
        } catch (err) {
          logger.warn({ err, queue, jobId: job.id }, 'notification job failed, retried later');
          await boss.fail(queue, job.id, { message: err instanceof Error ? err.message : String(err) });
        }
      }),
    );
  };

/**
 * Creates the queues and starts the workers on a started pg-boss, and the sweep every minute; answers how to stop
 * the sweep (pg-boss' stop ends the workers).
 */
export const startMessageWorkers = async (
  boss: PgBoss,
  deps: MessageWorkersDeps,
  options: Partial<MessageWorkersOptions> = {},
): Promise<{ sweep: () => Promise<void>; stop: () => void }> => {
  const { concurrency, batchSize, pollingIntervalSeconds } = { ...DEFAULT_WORKERS, ...options };
  for (const queue of [MESSAGE_QUEUE, RELANCE_SMS_QUEUE, CONSEILLER_QUEUE]) {
    await ensureQueue(boss, queue, QUEUE_OPTIONS);
  }
  const work = { batchSize, pollingIntervalSeconds };
  for (let worker = 0; worker < concurrency; worker++) {
    await boss.work<MessageJob>(MESSAGE_QUEUE, work, async (jobs) => {
      // The follow-ups of the batch's J-1 pushes are queued together, one insert instead of one per message. A message
      // is sent (committed) before its follow-up is queued, as it was one by one: if queuing fails, a retried job would
      // find the message sent and queue nothing, so the jobs complete and the log names the reminders left without
      // their SMS fallback (lost, never doubled).
      const relances: { messageId: string; at: Date }[] = [];
      await eachJob(boss, MESSAGE_QUEUE, deps.logger, async ({ messageId }: MessageJob) => {
        const outcome = await dispatchMessage(deps, messageId);
        if (outcome.relanceSmsAt !== null) {
          relances.push({ messageId, at: outcome.relanceSmsAt });
        }
      })(jobs);
      await deps.queue.scheduleRelances(relances, deps.clock.now()).catch((err: unknown) => {
        deps.logger.error({ err, messageIds: relances.map((relance) => relance.messageId) }, 'J-1 SMS follow-ups not queued');
      });
    });
  }
  await boss.work<MessageJob>(RELANCE_SMS_QUEUE, work, eachJob(boss, RELANCE_SMS_QUEUE, deps.logger, async ({ messageId }) => {
    await relanceSms(deps, messageId);
  }));
  await boss.work<ConseillerJob>(CONSEILLER_QUEUE, work, eachJob(boss, CONSEILLER_QUEUE, deps.logger, async (job) => {
    await tellConseiller(deps, job.rendezVousId, job.kind);
  }));
  const sweep = async () => {
    try {
      await deps.queue.enqueueDue(deps.clock.now());
    } catch (err) {
      deps.logger.warn({ err }, 'message sweep failed, next one in a minute');
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
};
