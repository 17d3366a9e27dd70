import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/platform/logger';
import { type Database, openDatabase } from '../../src/db/database';
import { migrator } from '../../src/db/umzug';
import { createScratchDatabase, LOCAL_SERVER, serverAnswers } from './scratch-database';

/** A migrated database for one test run, and how to drop it. */
export interface TestDatabase {
  readonly db: Database;
  readonly label: string;
  drop(): Promise<void>;
}

const quiet = createLogger('silent');

/** A fresh database on a server: created for this run, dropped after. */
const onServer = async (serverUrl: string, label: string): Promise<TestDatabase> => {
  const scratch = await createScratchDatabase(serverUrl, 'imilo_test');
  const db = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir(), logger: quiet });
  await migrator(db.sequelize).up();
  return {
    db,
    label: `${label} (${new URL(scratch.url).host}, database ${scratch.name})`,
    drop: async () => {
      await db.close();
      await scratch.drop();
    },
  };
};

/** An embedded PostgreSQL in a temporary directory, removed after. */
export const embeddedTestDatabase = async (): Promise<TestDatabase> => {
  const dir = mkdtempSync(join(tmpdir(), 'imilo-pglite-'));
  const db = await openDatabase({ databaseUrl: undefined, dataDir: dir, logger: quiet });
  await migrator(db.sequelize).up();
  return {
    db,
    label: 'embedded PostgreSQL (PGlite)',
    drop: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** DATABASE_URL when set, else the local server when it answers, else the embedded database. */
export const openTestDatabase = async (databaseUrl: string | undefined): Promise<TestDatabase> => {
  if (databaseUrl) {
    return onServer(databaseUrl, 'DATABASE_URL');
  }
  if (await serverAnswers(LOCAL_SERVER)) {
    return onServer(LOCAL_SERVER, 'local PostgreSQL');
  }
  return embeddedTestDatabase();
};
