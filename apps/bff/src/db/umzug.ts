import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { DataCipher } from '../platform/crypto';

const here = dirname(fileURLToPath(import.meta.url));

/** What a migration or seeder receives. */
export interface MigrationContext {
  readonly queryInterface: QueryInterface;
  readonly sequelize: Sequelize;
}

/** What a seeder receives besides: the cipher of the sensitive fields it writes (NIR, identity documents). */
export interface SeederContext extends MigrationContext {
  readonly crypto: DataCipher;
}

/** The shape of a migration module. */
export type Migration = (params: { context: MigrationContext }) => Promise<void>;
/** The shape of a seeder module. */
export type Seeder = (params: { context: SeederContext }) => Promise<void>;

const build = <C extends MigrationContext>(context: C, folder: 'migrations' | 'seeders', modelName: string) =>
  new Umzug<C>({
    migrations: { glob: ['*.ts', { cwd: resolve(here, folder), ignore: ['*.spec.ts', '*.data.ts'] }] },
    context,
    storage: new SequelizeStorage({ sequelize: context.sequelize, modelName }),
    logger: undefined,
  });

/** Schema migrations (`npm run db:migrate -w @imilo/bff`). */
export const migrator = (sequelize: Sequelize) => build({ queryInterface: sequelize.getQueryInterface(), sequelize }, 'migrations', 'sequelize_meta');

/** Demo-data seeders, tracked in their own meta table. */
export const seeder = (sequelize: Sequelize, crypto: DataCipher) =>
  build({ queryInterface: sequelize.getQueryInterface(), sequelize, crypto }, 'seeders', 'seeder_meta');

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
