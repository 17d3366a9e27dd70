import { auditRetentionCutoff } from '@imilo/domain';
import type { AppContext } from '../app-context';
import { purgeIdempotencyKeys } from '../platform/idempotency';
import { purgeThrottleWindows } from '../platform/throttle';

/** The queue of the daily purge. */
export const AUDIT_RETENTION_QUEUE = 'audit-retention';

/** Every night at 03:15, Paris time: after the day's activity, before the morning's. */
export const AUDIT_RETENTION_SCHEDULE = { cron: '15 3 * * *', tz: 'Europe/Paris' } as const;

// Sign-in throttle windows last minutes; a day leaves room for investigating an attack before they go.
const THROTTLE_WINDOW_KEPT_MS = 86_400_000;

/**
 * Deletes audit rows past the 7-month retention (décret 2015-59 art. 10), sign-in throttle windows older than a day,
 * and idempotency keys past their week.
 */
export const purgeExpiredRecords = async (ctx: AppContext): Promise<{ auditRowsDeleted: number }> => {
  const now = ctx.clock.now();
  const cutoff = auditRetentionCutoff(now);
  const auditRowsDeleted = await ctx.audit.purgeOlderThan(cutoff);
  await purgeThrottleWindows(ctx.db.sequelize, new Date(now.getTime() - THROTTLE_WINDOW_KEPT_MS));
  await purgeIdempotencyKeys(ctx.db.sequelize, now);
  ctx.logger.info({ job: AUDIT_RETENTION_QUEUE, cutoff: cutoff.toISOString(), auditRowsDeleted }, 'expired audit rows purged');
  return { auditRowsDeleted };
};
