import { loadConfig } from '../platform/config';
import { DataCipher } from '../platform/crypto';
import { createLogger } from '../platform/logger';
import { openDatabase } from './database';
import { migrator, seeder } from './umzug';

// `tsx src/db/cli.ts migrate|seed`: schema and demo data are explicit steps, never a side effect of boot.
const command = process.argv[2];
const config = loadConfig();
const logger = createLogger(config.logLevel);
if (command !== 'migrate' && command !== 'seed') {
  logger.error('usage: cli.ts migrate|seed');
  process.exit(2);
}
if (command === 'seed' && config.env === 'production') {
  logger.error('refusing to seed demo data when NODE_ENV=production');
  process.exit(1);
}
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
try {
  const runner =
    command === 'migrate' ? migrator(db.sequelize) : seeder(db.sequelize, new DataCipher(config.dataKeys.current, config.dataKeys.retired));
  const done = await runner.up();
  logger.info({ applied: done.map((m) => m.name) }, `${command}: ${done.length} step(s) applied`);
} finally {
  await db.close();
}
