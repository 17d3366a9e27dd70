import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { auditRetentionCutoff } from '@imilo/domain';
import { AUDIT_RETENTION_QUEUE, purgeExpiredRecords } from '../../src/jobs/audit-retention.job';
import { startJobs } from '../../src/jobs/jobs';
import { createTestApp } from '../support/test-app';

const MINUTE_MS = 60_000;

/** An audit row written at `at`, with an action of its own so that the spec finds it among the run's rows. */
const anAuditRowAt = async (sequelize: Sequelize, at: Date): Promise<string> => {
  const action = `spec.retention.${randomUUID()}`;
  await sequelize.query(`INSERT INTO audit_log (at, action, outcome) VALUES (:at, :action, 'success')`, { replacements: { at, action } });
  return action;
};

const aThrottleWindowAt = async (sequelize: Sequelize, windowStart: Date): Promise<string> => {
  const key = `spec:${randomUUID()}`;
  await sequelize.query('INSERT INTO auth_throttle (key, window_start, attempts) VALUES (:key, :windowStart, 1)', {
    replacements: { key, windowStart },
  });
  return key;
};

const auditExists = async (sequelize: Sequelize, action: string): Promise<boolean> =>
  (await sequelize.query('SELECT 1 FROM audit_log WHERE action = :action', { type: QueryTypes.SELECT, replacements: { action } })).length > 0;

const throttleExists = async (sequelize: Sequelize, key: string): Promise<boolean> =>
  (await sequelize.query('SELECT 1 FROM auth_throttle WHERE key = :key', { type: QueryTypes.SELECT, replacements: { key } })).length > 0;

/** Polls until the check holds or the time is up; answers whether it held. */
const eventually = async (check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
};

describe('audit retention job', () => {
  it('when it runs, audit rows older than 7 months go and younger ones stay; throttle windows older than a day go', async () => {
    const { ctx, db, clock } = createTestApp();
    const cutoff = auditRetentionCutoff(clock.now());
    const expired = await anAuditRowAt(db.sequelize, new Date(cutoff.getTime() - MINUTE_MS));
    const kept = await anAuditRowAt(db.sequelize, new Date(cutoff.getTime() + MINUTE_MS));
    const oldWindow = await aThrottleWindowAt(db.sequelize, new Date(clock.now().getTime() - 25 * 60 * MINUTE_MS));
    const recentWindow = await aThrottleWindowAt(db.sequelize, new Date(clock.now().getTime() - 23 * 60 * MINUTE_MS));

    const { auditRowsDeleted } = await purgeExpiredRecords(ctx);

    expect(auditRowsDeleted).toBeGreaterThanOrEqual(1);
    expect(await auditExists(db.sequelize, expired)).toBeFalse();
    expect(await auditExists(db.sequelize, kept)).toBeTrue();
    expect(await throttleExists(db.sequelize, oldWindow)).toBeFalse();
    expect(await throttleExists(db.sequelize, recentWindow)).toBeTrue();
  });

  it('when pg-boss starts, the purge is scheduled nightly at 03:15 Paris time, a job sent to its queue runs it, and it stops cleanly', async () => {
    const { ctx, db, clock } = createTestApp();
    const expired = await anAuditRowAt(db.sequelize, new Date(auditRetentionCutoff(clock.now()).getTime() - MINUTE_MS));
    const jobs = await startJobs(ctx);
    let stopped = false;
    jobs.boss.on('stopped', () => {
      stopped = true;
    });
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(schedules).toContain(jasmine.objectContaining({ name: AUDIT_RETENTION_QUEUE, cron: '15 3 * * *', options: { tz: 'Europe/Paris' } }));

      await jobs.boss.send(AUDIT_RETENTION_QUEUE, {});

      expect(await eventually(async () => !(await auditExists(db.sequelize, expired)))).withContext('the job purged the expired row').toBeTrue();
    } finally {
      await jobs.stop();
    }
    expect(stopped).withContext('pg-boss stopped and closed its pool').toBeTrue();
  }, 30_000);
});
