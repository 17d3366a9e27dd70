// One BFF process of bench:reminders (bench/reminders.ts forks `--processes` of them): the product's message workers
// on pg-boss, as apps/bff/src/jobs/jobs.ts starts them, sending through the real adapters to the bench's loopback
// services. Configured by the environment the parent passes; says "ready" once its workers run, stops on "stop" and
// answers the CPU time it spent from "ready" to "stop" (what sending cost this process, whatever else runs on the machine).
import { pino } from 'pino';
import PgBoss from 'pg-boss';
import { openDatabase } from '@imilo/bff/src/db/database';
import { createChannels } from '@imilo/bff/src/features/notifications/channels';
import { MessageQueue, messagesSequelize, startMessageWorkers } from '@imilo/bff/src/features/notifications/reminders.job';
import { AuditLog } from '@imilo/bff/src/platform/audit';
import { systemClock } from '@imilo/bff/src/platform/clock';
import { loadConfig } from '@imilo/bff/src/platform/config';
import { SignedTokens } from '@imilo/bff/src/platform/signed-token';

const config = loadConfig();
const logger = pino({ level: 'silent' });
// The BFF's own database handles, the workers' own pool and their default settings, as apps/bff/src/jobs/jobs.ts has them.
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
const sending = messagesSequelize(db);
const { url, pool } = db;
const sequelize = sending.sequelize;
const deps = {
  config,
  clock: systemClock,
  logger,
  channels: createChannels({ config, sequelize, logger }),
  tokens: new SignedTokens(config.sessionSecret),
  audit: new AuditLog(sequelize, systemClock),
  sequelize,
};
const boss = new PgBoss({ connectionString: url, max: 4, application_name: 'imilo-bench-reminders' });
boss.on('error', (err) => console.error('pg-boss', err.message));
await boss.start();
const workers = await startMessageWorkers(boss, { ...deps, queue: new MessageQueue(db.sequelize, pool) });
const cpuAtReady = process.cpuUsage();
process.send?.('ready');

process.on('message', async (message) => {
  if (message !== 'stop') {
    return;
  }
  const cpu = process.cpuUsage(cpuAtReady);
  workers.stop();
  await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  await sending.close();
  await db.close();
  process.send?.({ cpuSeconds: (cpu.user + cpu.system) / 1e6 }, () => process.exit(0));
});
