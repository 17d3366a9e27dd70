import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createLogger } from '../../src/platform/logger';
import { type Database, openDatabase } from '../../src/db/database';
import { migrator } from '../../src/db/umzug';

// The local PostgreSQL every project machine runs (trust auth, database `test`).
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

const answers = async (url: string): Promise<boolean> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    // No server there: the caller falls back to the embedded database.
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** A migrated database for one test run, and how to drop it. */
export interface TestDatabase {
  readonly db: Database;
  readonly label: string;
  drop(): Promise<void>;
}

const quiet = createLogger('silent');

/** A fresh database on a server: created for this run, dropped after. */
const onServer = async (serverUrl: string, label: string): Promise<TestDatabase> => {
  const name = `imilo_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: tmpdir(), logger: quiet });
  await migrator(db.sequelize).up();
  return {
    db,
    label: `${label} (${url.host}, database ${name})`,
    drop: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
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
  if (await answers(LOCAL_SERVER)) {
    return onServer(LOCAL_SERVER, 'local PostgreSQL');
  }
  return embeddedTestDatabase();
};
