import PgBoss from 'pg-boss';
import type { AppContext } from '../app-context';
import { MessageQueue, messagesSequelize, startMessageWorkers } from '../features/notifications/reminders.job';
import { AUDIT_RETENTION_QUEUE, AUDIT_RETENTION_SCHEDULE, purgeExpiredRecords } from './audit-retention.job';
import { MAJORITE_QUEUE, MAJORITE_SCHEDULE, refreshComingOfAge } from './dossiers-majorite.job';
import { ensureQueue } from './queues';

/** Background jobs running in this process. */
export interface Jobs {
  /** The pg-boss instance, for inspection (schedules, queues). */
  readonly boss: PgBoss;
  /** Stops fetching, lets running jobs finish, then closes pg-boss's pool. */
  stop(): Promise<void>;
}

// pg-boss keeps its own pool beside Sequelize's and the sessions' (see EMBEDDED_MAX_CONNECTIONS).
const BOSS_POOL_SIZE = 4;

/** A recurring job: its queue, when it runs (cron and time zone) and what it does. */
interface NightlyJob {
  readonly queue: string;
  readonly schedule: { readonly cron: string; readonly tz: string };
  readonly run: () => Promise<unknown>;
}

const nightlyJobs = (ctx: AppContext): readonly NightlyJob[] => [
  { queue: AUDIT_RETENTION_QUEUE, schedule: AUDIT_RETENTION_SCHEDULE, run: () => purgeExpiredRecords(ctx) },
  { queue: MAJORITE_QUEUE, schedule: MAJORITE_SCHEDULE, run: () => refreshComingOfAge(ctx) },
];

/**
 * Starts pg-boss on the application database (schema `pgboss`, created on first start), creates the queues,
 * schedules the recurring jobs and registers their workers. Every BFF process may run this: pg-boss hands
 * each job to one worker only (SKIP LOCKED), and a schedule fires once per slot whatever the number of processes.
 */
export const startJobs = async (ctx: AppContext): Promise<Jobs> => {
  const boss = new PgBoss({ connectionString: ctx.db.url, max: BOSS_POOL_SIZE, application_name: 'imilo-jobs' });
  boss.on('error', (err) => ctx.logger.error({ err }, 'background jobs error'));
  await boss.start();
  for (const job of nightlyJobs(ctx)) {
    await ensureQueue(boss, job.queue);
    await boss.schedule(job.queue, job.schedule.cron, {}, { tz: job.schedule.tz });
    // pg-boss 10 hands workers a batch (an array) of jobs; every nightly job is idempotent, so one run serves the batch.
    await boss.work(job.queue, job.run);
  }
  const sending = messagesSequelize(ctx.db);
  const messages = await startMessageWorkers(boss, { ...ctx, sequelize: sending.sequelize, queue: new MessageQueue(ctx.db.sequelize, ctx.db.pool) });
  ctx.logger.info({ queues: nightlyJobs(ctx).map((job) => job.queue) }, 'background jobs started');
  return {
    boss,
    stop: async () => {
      messages.stop();
      await boss.stop({ graceful: true, wait: true });
      await sending.close();
    },
  };
};
