import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AUTH_POLICY } from '@imilo/domain';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Every environment variable the BFF reads; the only place that reads `process.env`. */
const envSchema = z.object({
  /** `production` turns on secure cookies, refuses demo data and requires SESSION_SECRET. */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL URL; without it an embedded PostgreSQL (PGlite) runs with its data under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded database and generated dev secrets live. */
  DATA_DIR: z.string().default(resolve(repoRoot, '.data')),
  /** Signs session cookies; required in production, generated and kept under DATA_DIR otherwise. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** Days before a password must be changed (deployment setting). */
  PASSWORD_LIFETIME_DAYS: z.coerce.number().int().min(1).max(3650).default(AUTH_POLICY.passwordLifetimeDays),
  /** pino level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The built PWA served at `/`. */
  WEB_DIST: z.string().default(resolve(repoRoot, 'dist/web/browser')),
  /** Number of proxies in front of the BFF, so that `req.ip` is the client's. */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /** Whether background jobs (pg-boss) run in this process. */
  JOBS: z.enum(['on', 'off']).default('on'),
});

/** The validated configuration. */
export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly sessionSecret: string;
  readonly passwordLifetimeDays: number;
  readonly logLevel: string;
  readonly webDist: string;
  readonly trustProxy: number;
  readonly jobs: boolean;
  readonly version: string;
}

const devSecret = (dataDir: string): string => {
  const file = resolve(dataDir, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
};

/** Reads and validates the environment; fails fast with the list of wrong keys. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const keys = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${keys}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new Error('Invalid configuration: SESSION_SECRET is required in production');
  }
  const version = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')).version as string;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET ?? devSecret(e.DATA_DIR),
    passwordLifetimeDays: e.PASSWORD_LIFETIME_DAYS,
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    trustProxy: e.TRUST_PROXY,
    jobs: e.JOBS === 'on',
    version,
  };
};
