import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import webpush from 'web-push';
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
  /** The PWA's origin, for the links the messages carry; `http://localhost:PORT` unless told. */
  PUBLIC_URL: z.url().optional(),
  /** `smtp://user:pass@host:port` (or `smtps://`); required in production, e-mails written as files under DATA_DIR otherwise. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'smtp://user:pass@host:port').optional(),
  /** The From of every e-mail. */
  MAIL_FROM: z.string().min(3).default('Mission Locale <no-reply@imilo.localhost>'),
  /** The SMS provider's base URL (see features/notifications/sms-sender.ts); required in production, the development outbox otherwise. */
  SMS_PROVIDER_URL: z.url().optional(),
  /** The provider's bearer token; required with SMS_PROVIDER_URL. */
  SMS_PROVIDER_TOKEN: z.string().min(1).optional(),
  /** The sender name shown on the phone (the provider's default when absent). */
  SMS_SENDER: z.string().min(1).max(11).optional(),
  /** How long one SMS request may take before it counts as failed (and is retried). */
  SMS_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** The VAPID key pair (base64url, as web-push generates it); required in production, generated under DATA_DIR otherwise. */
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,90}$/, 'base64url P-256 public key').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,45}$/, 'base64url P-256 private key').optional(),
  /** The contact push services may use about our messages (RFC 8292): `mailto:` or an https URL. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'mailto:… or https://…').default('mailto:no-reply@imilo.localhost'),
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
  /** The PWA's origin (no trailing slash), for links in messages. */
  readonly publicUrl: string;
  /** `smtpUrl` null: e-mails are written as .eml files under `DATA_DIR/mails` (never in production). */
  readonly mail: { readonly smtpUrl: string | null; readonly from: string };
  /** `provider` null: SMS go to the development outbox (table sms_boite_dev; never in production). */
  readonly sms: {
    readonly provider: { readonly url: string; readonly token: string; readonly sender: string | null } | null;
    readonly timeoutMs: number;
  };
  readonly vapid: { readonly publicKey: string; readonly privateKey: string; readonly subject: string };
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

// Generated once like the data key ('wx'), so that two processes agree and browsers' subscriptions outlive restarts.
const devVapidKeys = (dataDir: string): { publicKey: string; privateKey: string } => {
  const file = resolve(dataDir, 'vapid.json');
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Already there: the pair the stored subscriptions were made with.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  const { publicKey, privateKey } = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
  return { publicKey, privateKey };
};

/** The settings production cannot run without; their absence fails the start instead of a first message. */
const requiredInProduction = ['SESSION_SECRET', 'DATA_ENCRYPTION_KEY', 'SMTP_URL', 'SMS_PROVIDER_URL', 'SMS_PROVIDER_TOKEN', 'VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY'] as const;

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
  const missing = e.NODE_ENV === 'production' ? requiredInProduction.filter((key) => !e[key]) : [];
  if (missing.length > 0) {
    throw new Error(`Invalid configuration: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required in production`);
  }
  if (Boolean(e.SMS_PROVIDER_URL) !== Boolean(e.SMS_PROVIDER_TOKEN)) {
    throw new Error('Invalid configuration: SMS_PROVIDER_URL and SMS_PROVIDER_TOKEN go together');
  }
  if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY)) {
    throw new Error('Invalid configuration: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together');
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
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    sms: {
      provider:
        e.SMS_PROVIDER_URL && e.SMS_PROVIDER_TOKEN
          ? { url: e.SMS_PROVIDER_URL.replace(/\/+$/, ''), token: e.SMS_PROVIDER_TOKEN, sender: e.SMS_SENDER ?? null }
          : null,
      timeoutMs: e.SMS_PROVIDER_TIMEOUT_MS,
    },
    vapid: {
      ...(e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
        ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
        : devVapidKeys(e.DATA_DIR)),
      subject: e.VAPID_SUBJECT,
    },
  };
};
