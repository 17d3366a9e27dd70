import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';

const here = dirname(fileURLToPath(import.meta.url));

/** What a migration or seeder receives. */
export interface MigrationContext {
  readonly queryInterface: QueryInterface;
  readonly sequelize: Sequelize;
}

/** The shape of a migration or seeder module. */
export type Migration = (params: { context: MigrationContext }) => Promise<void>;

const build = (sequelize: Sequelize, folder: 'migrations' | 'seeders', modelName: string) =>
  new Umzug<MigrationContext>({
    migrations: { glob: ['*.ts', { cwd: resolve(here, folder), ignore: ['*.spec.ts', '*.data.ts'] }] },
    context: { queryInterface: sequelize.getQueryInterface(), sequelize },
    storage: new SequelizeStorage({ sequelize, modelName }),
    logger: undefined,
  });

/** Schema migrations (`npm run db:migrate -w @imilo/bff`). */
export const migrator = (sequelize: Sequelize) => build(sequelize, 'migrations', 'sequelize_meta');

/** Demo-data seeders, tracked in their own meta table. */
export const seeder = (sequelize: Sequelize) => build(sequelize, 'seeders', 'seeder_meta');

/** Refuses to serve on a schema that is behind: the server never alters it. */
export const assertSchemaUpToDate = async (sequelize: Sequelize): Promise<void> => {
  const pending = await migrator(sequelize).pending();
  if (pending.length > 0) {
    throw new Error(
      `The database schema is behind (${pending.length} pending migration(s): ${pending.map((m) => m.name).join(', ')}). ` +
        'Run: npm run db:migrate -w @imilo/bff',
    );
  }
};
