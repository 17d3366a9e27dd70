import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { Sequelize } from 'sequelize';
import type { Logger } from 'pino';

/** A running database: its URL, a Sequelize instance, a plain pg pool (sessions, pg-boss) and how to stop it. */
export interface Database {
  readonly url: string;
  readonly kind: 'embedded' | 'server';
  readonly sequelize: Sequelize;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

// pglite-socket defaults to one connection; it must admit every pool at once (Sequelize 5 + pg 3 + pg-boss 4).
const EMBEDDED_MAX_CONNECTIONS = 20;

interface EmbeddedServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts PGlite behind a PostgreSQL socket on loopback, data under `dataDir/pglite`. */
const startEmbedded = async (dataDir: string): Promise<EmbeddedServer> => {
  const [{ PGlite }, { PGLiteSocketServer }, { pg_trgm }, { unaccent }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
  ]);
  const dir = resolve(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create({ dataDir: dir, extensions: { pg_trgm, unaccent } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  await server.start();
  return {
    url: `postgres://postgres:postgres@${server.getServerConn()}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
};

/** Opens the configured PostgreSQL, or starts the embedded one when no URL is given. */
export const openDatabase = async (options: {
  databaseUrl: string | undefined;
  dataDir: string;
  logger: Logger;
}): Promise<Database> => {
  const embedded = options.databaseUrl ? null : await startEmbedded(options.dataDir);
  const url = options.databaseUrl ?? embedded!.url;
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    logging: false,
    pool: { max: 5, min: 0, idle: 10_000 },
    define: { underscored: true },
  });
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  // An idle client error (server restart) must not crash the process; the pool reconnects on next use.
  pool.on('error', (err) => options.logger.warn({ err: err.message }, 'idle database client error'));
  options.logger.info({ database: embedded ? 'embedded' : 'server' }, 'database opened');
  return {
    url,
    kind: embedded ? 'embedded' : 'server',
    sequelize,
    pool,
    close: async () => {
      await sequelize.close();
      await pool.end();
      await embedded?.stop();
    },
  };
};
