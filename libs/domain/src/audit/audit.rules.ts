/** Décret 2015-59 art. 10: the journal of connections and operations is kept at most 7 months. */
export const AUDIT_RETENTION_MONTHS = 7;

/**
 * The same UTC day and time `months` earlier; when that day does not exist (30 September → February),
 * the last day of that month, so that nothing younger than the period is counted as older.
 */
export const monthsBeforeUtc = (now: Date, months: number): Date => {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      first.getUTCFullYear(),
      first.getUTCMonth(),
      Math.min(now.getUTCDate(), lastDay),
      now.getUTCHours(),
      now.getUTCMinutes(),
      now.getUTCSeconds(),
      now.getUTCMilliseconds(),
    ),
  );
};

/** Audit rows recorded before this instant have outlived the retention and are deleted. */
export const auditRetentionCutoff = (now: Date): Date => monthsBeforeUtc(now, AUDIT_RETENTION_MONTHS);
