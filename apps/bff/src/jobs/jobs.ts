import PgBoss from 'pg-boss';
import type { AppContext } from '../app-context';
import { AUDIT_RETENTION_QUEUE, AUDIT_RETENTION_SCHEDULE, purgeExpiredRecords } from './audit-retention.job';

/** Background jobs running in this process. */
export interface Jobs {
  /** The pg-boss instance, for inspection (schedules, queues). */
  readonly boss: PgBoss;
  /** Stops fetching, lets running jobs finish, then closes pg-boss's pool. */
  stop(): Promise<void>;
}

// pg-boss keeps its own pool beside Sequelize's and the sessions' (see EMBEDDED_MAX_CONNECTIONS).
const BOSS_POOL_SIZE = 4;

/**
 * Starts pg-boss on the application database (schema `pgboss`, created on first start), creates the queues,
 * schedules the recurring jobs and registers their workers. Every BFF process may run this: pg-boss hands
 * each job to one worker only (SKIP LOCKED), and a schedule fires once per slot whatever the number of processes.
 */
export const startJobs = async (ctx: AppContext): Promise<Jobs> => {
  const boss = new PgBoss({ connectionString: ctx.db.url, max: BOSS_POOL_SIZE, application_name: 'imilo-jobs' });
  boss.on('error', (err) => ctx.logger.error({ err }, 'background jobs error'));
  await boss.start();
  await boss.createQueue(AUDIT_RETENTION_QUEUE);
  await boss.schedule(AUDIT_RETENTION_QUEUE, AUDIT_RETENTION_SCHEDULE.cron, {}, { tz: AUDIT_RETENTION_SCHEDULE.tz });
  // pg-boss 10 hands workers a batch (an array) of jobs; the purge is idempotent, so one run serves the batch.
  await boss.work(AUDIT_RETENTION_QUEUE, async () => {
    await purgeExpiredRecords(ctx);
  });
  ctx.logger.info({ queues: [AUDIT_RETENTION_QUEUE] }, 'background jobs started');
  return {
    boss,
    stop: () => boss.stop({ graceful: true, wait: true }),
  };
};
