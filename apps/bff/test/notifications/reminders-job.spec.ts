import PgBoss from 'pg-boss';
import { QueryTypes } from 'sequelize';
import { MESSAGE_QUEUE, MessageQueue, RELANCE_SMS_QUEUE, startMessageWorkers } from '../../src/features/notifications/reminders.job';
import { aNotificationsWorld, closeLoopbacks, type Loopbacks, startLoopbacks } from './notifications-world';

// The messages on pg-boss (#5): queued when planned (flush) or by the sweep, one queued job per message key, sent by
// workers of several processes exactly once.

const NOW = new Date('2026-12-01T08:00:00Z');
const DEBUT = new Date('2026-12-10T10:30:00Z');

/** Polls until the check holds or the time is up; answers whether it held. */
const eventually = async (check: () => Promise<boolean>, timeoutMs = 30_000): Promise<boolean> => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
};

describe('reminders job: messages on pg-boss', () => {
  let loopbacks: Loopbacks;

  beforeAll(async () => {
    loopbacks = await startLoopbacks();
  });

  afterAll(async () => {
    await closeLoopbacks(loopbacks);
  });

  /** A started pg-boss of its own, as another BFF process would have, with the message workers. */
  const aProcess = async (world: Awaited<ReturnType<typeof aNotificationsWorld>>) => {
    const boss = new PgBoss({ connectionString: world.db.url, max: 3, application_name: 'imilo-spec-jobs' });
    boss.on('error', () => undefined);
    await boss.start();
    const queue = new MessageQueue(world.db.sequelize, world.db.pool);
    const workers = await startMessageWorkers(boss, { ...world.deps, queue }, { concurrency: 2, batchSize: 5 });
    return {
      boss,
      queue,
      stop: async () => {
        workers.stop();
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      },
    };
  };

  it('when two processes work on 200 due messages, queued twice over, each is pushed exactly once', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW, reach: { sms: false, email: false } });
    const device = await world.subscribe();
    const first = await aProcess(world);
    const second = await aProcess(world);
    try {
      const ids: string[] = [];
      for (let n = 0; n < 200; n++) {
        const rdv = await world.aPlannedRendezVous(new Date(DEBUT.getTime() + n * 3_600_000));
        ids.push(await world.messageId(rdv.id, 'CREATION'));
      }

      // Both processes' sweeps, and a plain duplicate of every job besides: the row lock has the last word.
      await Promise.all([first.queue.enqueueDue(world.clock.now(), ids), second.queue.enqueueDue(world.clock.now(), ids)]);
      await second.boss.insert(ids.map((messageId) => ({ name: MESSAGE_QUEUE, data: { messageId } })));

      const pending = async () =>
        (
          await world.db.sequelize.query("SELECT 1 FROM message_jeune WHERE id = ANY($ids::uuid[]) AND statut = 'PLANIFIE'", {
            type: QueryTypes.SELECT,
            bind: { ids },
          })
        ).length;
      expect(await eventually(async () => (await pending()) === 0, 60_000)).withContext('every message handled').toBeTrue();

      const deliveries = loopbacks.push.deliveries.filter((delivery) => delivery.subscriptionId === device.id);
      expect(deliveries.length).toBe(200);
      expect(new Set(deliveries.map((delivery) => delivery.plaintext)).size).withContext('200 distinct messages').toBe(200);
      const [attempts] = await world.db.sequelize.query<{ envois: number; messages: number }>(
        `SELECT count(*)::int AS envois, count(DISTINCT message_id)::int AS messages FROM message_envoi WHERE message_id = ANY($ids::uuid[])`,
        { type: QueryTypes.SELECT, bind: { ids } },
      );
      expect(attempts).toEqual({ envois: 200, messages: 200 });
    } finally {
      await first.stop();
      await second.stop();
    }
  }, 120_000);

  it('when a change is flushed, its due message is queued at once, keyed by its cle; a reminder days ahead is not yet', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW, reach: { push: false, sms: false, email: false } });
    const bff = await aProcess(world);
    try {
      await bff.boss.offWork(MESSAGE_QUEUE);
      const rdv = await world.aPlannedRendezVous(DEBUT);
      await world.ctx.notifier.flush();

      const jobs = await world.db.sequelize.query<{ singleton_key: string }>(
        `SELECT singleton_key FROM pgboss.job WHERE name = $queue AND singleton_key LIKE $prefix ORDER BY singleton_key`,
        { type: QueryTypes.SELECT, bind: { queue: MESSAGE_QUEUE, prefix: `${rdv.id}:%` } },
      );
      expect(jobs.map((job) => job.singleton_key)).toEqual([`${rdv.id}:CREATION:1`]);

      await bff.queue.enqueueDue(world.clock.now());
      const again = await world.db.sequelize.query('SELECT 1 FROM pgboss.job WHERE name = $queue AND singleton_key LIKE $prefix', {
        type: QueryTypes.SELECT,
        bind: { queue: MESSAGE_QUEUE, prefix: `${rdv.id}:%` },
      });
      expect(again.length).withContext('the sweep does not queue it twice').toBe(1);
    } finally {
      await bff.stop();
    }
  }, 60_000);

  it('when a J-1 push is sent, the SMS follow-up is queued for the Mission Locale\'s delay later', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: new Date('2026-12-09T05:50:00Z'), reach: { email: false } });
    await world.subscribe();
    const bff = await aProcess(world);
    try {
      const rdv = await world.aPlannedRendezVous(DEBUT);
      const j1 = await world.messageId(rdv.id, 'RAPPEL', 'J-1');
      await world.db.sequelize.query(`UPDATE message_jeune SET statut = 'ANNULE' WHERE rendez_vous_id = $id AND id <> $j1`, { bind: { id: rdv.id, j1 } });
      world.clock.advanceMinutes(10);
      const before = Date.now();
      await bff.queue.enqueueDue(world.clock.now(), [j1]);

      const follow = async () =>
        world.db.sequelize.query<{ start_after: Date }>('SELECT start_after FROM pgboss.job WHERE name = $queue AND singleton_key = $id', {
          type: QueryTypes.SELECT,
          bind: { queue: RELANCE_SMS_QUEUE, id: j1 },
        });
      expect(await eventually(async () => (await follow()).length === 1)).toBeTrue();
      const startAfter = new Date((await follow())[0]!.start_after).getTime();
      expect(startAfter - before).toBeGreaterThan(59 * 60_000);
      expect(startAfter - before).toBeLessThan(61 * 60_000);
    } finally {
      await bff.stop();
    }
  }, 60_000);
});
