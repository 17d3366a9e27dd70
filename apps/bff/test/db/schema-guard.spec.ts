import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '../../src/db/database';
import { assertSchemaUpToDate, migrator } from '../../src/db/umzug';
import { createLogger } from '../../src/platform/logger';
import { testDatabase } from '../support/global-setup';
import { createScratchDatabase } from '../support/scratch-database';

const quiet = createLogger('silent');

/** An empty database beside the run's one (same kind): what a deployment sees before `db:migrate`. */
const emptyDatabase = async (): Promise<{ db: Database; drop(): Promise<void> }> => {
  const run = testDatabase().db;
  if (run.kind === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'imilo-behind-'));
    const db = await openDatabase({ databaseUrl: undefined, dataDir: dir, logger: quiet });
    return { db, drop: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const scratch = await createScratchDatabase(run.url, 'imilo_behind');
  const db = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir(), logger: quiet });
  return {
    db,
    drop: async () => {
      await db.close();
      await scratch.drop();
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
