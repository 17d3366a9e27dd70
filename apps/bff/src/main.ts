import { createApp } from './app';
import { createContext, featureRouters } from './composition';
import { openDatabase } from './db/database';
import { assertSchemaUpToDate } from './db/umzug';
import { startJobs } from './jobs/jobs';
import { systemClock } from './platform/clock';
import { loadConfig } from './platform/config';
import { createLogger } from './platform/logger';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
await assertSchemaUpToDate(db.sequelize);
const ctx = createContext(config, db, systemClock, logger);
const app = createApp(ctx, featureRouters(ctx));
const jobs = config.jobs ? await startJobs(ctx) : null;
const server = app.listen(config.port, () => {
  logger.info({ port: config.port, database: db.kind }, `imilo is listening on http://localhost:${config.port}`);
});

const shutdown = (signal: string) => {
  logger.info({ signal }, 'shutting down');
  server.close(() => {
    // Jobs stop before the database closes, so that a running purge finishes on an open connection.
    Promise.resolve(jobs?.stop())
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'error while stopping the jobs or closing the database');
          process.exit(1);
        },
      );
  });
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
