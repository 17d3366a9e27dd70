import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database';
import { assertSchemaUpToDate, migrator } from '../../src/db/umzug';
import { createLogger } from '../../src/platform/logger';
import { testDatabase } from '../support/global-setup';

const quiet = createLogger('silent');

/** An empty database beside the run's one (same kind): what a deployment sees before `db:migrate`. */
const emptyDatabase = async (): Promise<{ db: Database; drop(): Promise<void> }> => {
  const run = testDatabase().db;
  if (run.kind === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'imilo-behind-'));
    const db = await openDatabase({ databaseUrl: undefined, dataDir: dir, logger: quiet });
    return { db, drop: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const url = new URL(run.url);
  const name = `imilo_behind_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: tmpdir(), logger: quiet });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
};

describe('schema guard at boot', () => {
  it('when the run database is migrated, the server may start', async () => {
    await expectAsync(assertSchemaUpToDate(testDatabase().db.sequelize)).toBeResolved();
  });

  it('when a database is behind, the server refuses to start and names the command to run', async () => {
    const behind = await emptyDatabase();
    try {
      await expectAsync(assertSchemaUpToDate(behind.db.sequelize)).toBeRejectedWithError(/npm run db:migrate -w @imilo\/bff/);
      await migrator(behind.db.sequelize).up();
      await expectAsync(assertSchemaUpToDate(behind.db.sequelize)).toBeResolved();
    } finally {
      await behind.drop();
    }
  }, 30_000);
});
