import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AUTH_POLICY } from '@imilo/domain';
import type { DataKey } from './crypto';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

const DATA_KEY_BYTES = 32;
const isDataKey = (value: string): boolean =>
  /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === DATA_KEY_BYTES;
const isDataKeyPair = (pair: string): boolean => {
  const id = Number(pair.slice(0, pair.indexOf(':')));
  return id >= 1 && id <= 255 && isDataKey(pair.slice(pair.indexOf(':') + 1));
};

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
  /**
   * Encrypts NIR and identity-document numbers at rest: base64 of 32 random bytes (`openssl rand -base64 32`);
   * required in production, generated and kept under DATA_DIR otherwise.
   */
  DATA_ENCRYPTION_KEY: z.string().refine(isDataKey, 'base64 of 32 bytes').optional(),
  /** The id (1–255) stored with every value DATA_ENCRYPTION_KEY seals; a rotation gives the new key a new id. */
  DATA_ENCRYPTION_KEY_ID: z.coerce.number().int().min(1).max(255).default(1),
  /** Keys retired by a rotation, still needed to open older values: `id:base64,id:base64`. */
  DATA_ENCRYPTION_RETIRED_KEYS: z
    .string()
    .regex(/^\d{1,3}:[A-Za-z0-9+/=]+(?:,\d{1,3}:[A-Za-z0-9+/=]+)*$/, 'id:base64 pairs separated by commas')
    .refine((value) => value.split(',').every(isDataKeyPair), 'ids from 1 to 255, keys of 32 bytes in base64')
    .optional(),
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
  /** The key new sensitive values are sealed with, and the retired ones older values may still need. */
  readonly dataKeys: { readonly current: DataKey; readonly retired: readonly DataKey[] };
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

// Created once, never overwritten ('wx'): two processes starting together (tests, dev) end up with the same key.
const devDataKey = (dataDir: string): string => {
  const file = resolve(dataDir, 'data-encryption-key');
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(DATA_KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Already there: the key of every earlier run, which the stored values need.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
};

const retiredKeys = (value: string | undefined): DataKey[] =>
  (value ?? '')
    .split(',')
    .filter((pair) => pair !== '')
    .map((pair) => ({ id: Number(pair.slice(0, pair.indexOf(':'))), key: Buffer.from(pair.slice(pair.indexOf(':') + 1), 'base64') }));

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
  if (e.NODE_ENV === 'production' && !e.DATA_ENCRYPTION_KEY) {
    throw new Error('Invalid configuration: DATA_ENCRYPTION_KEY is required in production');
  }
  const retired = retiredKeys(e.DATA_ENCRYPTION_RETIRED_KEYS);
  if (retired.some((key) => key.id === e.DATA_ENCRYPTION_KEY_ID)) {
    throw new Error('Invalid configuration: DATA_ENCRYPTION_RETIRED_KEYS reuses DATA_ENCRYPTION_KEY_ID');
  }
  const version = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')).version as string;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET ?? devSecret(e.DATA_DIR),
    dataKeys: {
      current: { id: e.DATA_ENCRYPTION_KEY_ID, key: Buffer.from(e.DATA_ENCRYPTION_KEY ?? devDataKey(e.DATA_DIR), 'base64') },
      retired,
    },
    passwordLifetimeDays: e.PASSWORD_LIFETIME_DAYS,
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    trustProxy: e.TRUST_PROXY,
    jobs: e.JOBS === 'on',
    version,
  };
};
