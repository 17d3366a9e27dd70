import { randomBytes } from 'node:crypto';
import pg from 'pg';

// Shared by the BFF specs and the browser journeys (e2e/): both run on a throwaway database of a real server when
// one answers, and fall back to the embedded database otherwise.

/** The local PostgreSQL every project machine runs (trust auth, database `test`). */
export const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a PostgreSQL server answers at this URL. */
export const serverAnswers = async (url: string): Promise<boolean> => {
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

/** An empty database created on a server for one run, and how to drop it (even with connections left open). */
export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

const onServer = async (serverUrl: string, sql: string): Promise<void> => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
};

/** Creates `<prefix>_<pid>_<random>` on the server of `serverUrl`. */
export const createScratchDatabase = async (serverUrl: string, prefix: string): Promise<ScratchDatabase> => {
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};
