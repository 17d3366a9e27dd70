// What bench/search-seed.ts and bench/search.ts share: arguments, the bench database's name and URL, and what the
// seeder records about it (as the database's comment, so that the product's schema holds nothing of the bench's).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT } from '../e2e/support/bff-process';

/** The server the bench databases live on; DATABASE_URL (any database on it) overrides the local one. */
const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export const SIZES = [100_000, 1_000_000] as const;

/** `--name value` from the command line, or the default. */
export const argument = (name: string, fallback: string): string => {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at >= 0 && args[at + 1] !== undefined) {
    return args[at + 1]!;
  }
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : fallback;
};

export const flag = (name: string): boolean => process.argv.slice(2).includes(`--${name}`);

export const sizeArgument = (): number => {
  const size = Number(argument('size', '1000000'));
  if (!Number.isInteger(size) || size < 1000) {
    throw new Error(`--size must be a whole number of jeunes (100000 or 1000000), not ${argument('size', '')}`);
  }
  return size;
};

export const databaseName = (size: number): string => `imilo_bench_${size}`;

const urlOf = (database: string): string => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

export const serverUrl = (): string => SERVER_URL;
export const benchUrl = (size: number): string => urlOf(databaseName(size));

/** A client on the server's own database, to create, drop and describe the bench databases. */
export const adminClient = async (): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  return client;
};

/** What the seeder records once a bench database is complete. */
export interface BenchMeta {
  readonly seedVersion: number;
  readonly size: number;
  readonly mls: number;
  /** Jeunes drawn at random, numbered 0 … randomRows − 1 (ids `md5('imilo-bench:jeune:' || n)::uuid`). */
  readonly randomRows: number;
  readonly needleMissionsLocales: { readonly A: string; readonly B: string; readonly C: string };
  readonly seededAt: string;
  readonly seedSeconds: number;
  /** Content hash of each migration applied, to notice one edited after it ran. */
  readonly migrations: Record<string, string>;
}

/**
 * Bumped when the seeder's data changes shape: older bench databases are then re-seeded. 2: the criteria columns
 * (completude, current situation, niveau, QPV, last contact) and the `situation` rows.
 */
export const SEED_VERSION = 2;

export const readMeta = async (admin: pg.Client, size: number): Promise<BenchMeta | null | 'absent'> => {
  const { rows } = await admin.query<{ comment: string | null }>(
    "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
    [databaseName(size)],
  );
  if (rows.length === 0) {
    return 'absent';
  }
  try {
    return rows[0]!.comment ? (JSON.parse(rows[0]!.comment) as BenchMeta) : null;
  } catch {
    return null;
  }
};

export const writeMeta = async (admin: pg.Client, meta: BenchMeta): Promise<void> => {
  const text = JSON.stringify(meta).replace(/'/g, "''");
  await admin.query(`COMMENT ON DATABASE ${databaseName(meta.size)} IS '${text}'`);
};

const MIGRATIONS_DIR = join(ROOT, 'apps/bff/src/db/migrations');

/** The content hash of each migration file, by the name umzug records (the file name, `.ts` included). */
export const migrationHashes = (): Record<string, string> =>
  Object.fromEntries(
    readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.data.ts'))
      .map((f) => [f, createHash('sha1').update(readFileSync(join(MIGRATIONS_DIR, f))).digest('hex').slice(0, 12)]),
  );

/** Migrations applied to the bench database whose file changed since (their change is not in the database). */
export const changedMigrations = (meta: BenchMeta, applied: readonly string[]): string[] => {
  const now = migrationHashes();
  return applied.filter((name) => meta.migrations[name] !== undefined && meta.migrations[name] !== now[name]);
};

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} kB`;

/** Heap, indexes and total of the `jeune` table, one line each. */
export const describeSizes = async (client: pg.Client): Promise<string[]> => {
  const { rows: table } = await client.query<{ heap: string; total: string; rows: string }>(
    "SELECT pg_relation_size('jeune') AS heap, pg_total_relation_size('jeune') AS total, (SELECT count(*) FROM jeune) AS rows",
  );
  const { rows: indexes } = await client.query<{ name: string; am: string; size: string; def: string }>(
    `SELECT c.relname AS name, am.amname AS am, pg_relation_size(c.oid) AS size, pg_get_indexdef(c.oid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      WHERE i.indrelid = 'jeune'::regclass ORDER BY pg_relation_size(c.oid) DESC`,
  );
  return [
    `jeune: ${Number(table[0]!.rows).toLocaleString('fr-FR')} rows, heap ${formatBytes(Number(table[0]!.heap))}, ` +
      `total with indexes and TOAST ${formatBytes(Number(table[0]!.total))}`,
    ...indexes.map((i) => `  ${i.am === 'gin' ? 'GIN  ' : i.am.padEnd(5)} ${i.name.padEnd(40)} ${formatBytes(Number(i.size)).padStart(9)}`),
  ];
};
