import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { BffProcess, prepareDatabase, ROOT, runBffScript } from './bff-process';
import { launchBrowser } from './browser';

/** What every journey shares: one BFF on a seeded database, serving a copy of the production build, and a browser. */
export interface E2eEnvironment {
  readonly bff: BffProcess;
  readonly browser: Browser;
  /** The directory the BFF serves the PWA from; the update journey replaces its content with a second build. */
  readonly servedDir: string;
  /** The journeys' database on a PostgreSQL server, or null when the BFF runs an embedded one. */
  readonly databaseUrl: string | null;
}

let environment: E2eEnvironment | null = null;
let dropDatabase: (() => Promise<void>) | null = null;

/** The shared environment, once set up. */
export const e2e = (): E2eEnvironment => {
  if (!environment) {
    throw new Error('the e2e environment is not ready');
  }
  return environment;
};

beforeAll(async () => {
  const database = await prepareDatabase();
  dropDatabase = database.drop;
  const servedDir = mkdtempSync(join(tmpdir(), 'imilo-served-'));
  cpSync(join(ROOT, 'dist/web/browser'), servedDir, { recursive: true });
  const env = { ...database.env, WEB_DIST: servedDir };
  runBffScript('db:migrate', env);
  runBffScript('db:seed', env);
  const bff = await BffProcess.create(env);
  await bff.start();
  environment = { bff, browser: await launchBrowser(), servedDir, databaseUrl: database.env['DATABASE_URL'] ?? null };
  console.log(`\nJourneys run on ${bff.baseUrl} with ${database.label}`);
}, 180_000);

afterAll(async () => {
  await environment?.browser.close();
  await environment?.bff.stop();
  if (environment) {
    rmSync(environment.servedDir, { recursive: true, force: true });
  }
  await dropDatabase?.();
}, 60_000);
