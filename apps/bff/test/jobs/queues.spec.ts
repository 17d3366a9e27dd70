import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { QueryTypes } from 'sequelize';
import { ensureQueue } from '../../src/jobs/queues';
import { testDatabase } from '../support/global-setup';

// Two BFF processes starting together create the same pg-boss queues at the same time: pg-boss' create_queue then
// deadlocks one of them (40P01), which used to abort that process' start.

describe('pg-boss queues created by several processes at once', () => {
  it('when two processes create the same queues at the same time, both start and each queue exists once', async () => {
    const { db } = testDatabase();
    const bosses = [0, 1].map(() => new PgBoss({ connectionString: db.url, max: 3, application_name: 'imilo-spec-queues' }));
    await Promise.all(bosses.map((boss) => boss.start()));
    try {
      const names = Array.from({ length: 6 }, () => `spec-queue-${randomUUID()}`);

      await Promise.all(bosses.map((boss) => Promise.all(names.map((name) => ensureQueue(boss, name, { policy: 'short', retryLimit: 2 })))));

      const rows = await db.sequelize.query<{ name: string; policy: string }>('SELECT name, policy FROM pgboss.queue WHERE name = ANY($names::text[])', {
        type: QueryTypes.SELECT,
        bind: { names },
      });
      expect(rows.map((row) => row.name).sort()).toEqual([...names].sort());
      expect(new Set(rows.map((row) => row.policy))).toEqual(new Set(['short']));
    } finally {
      await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
    }
  }, 60_000);
});
