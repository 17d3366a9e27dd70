import { Writable } from 'node:stream';
import { type Express, Router } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { AppContext } from '../../src/app-context';
import type { Database } from '../../src/db/database';
import { createContext, featureRouters } from '../../src/composition';
import type { Clock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config';
import { createLogger } from '../../src/platform/logger';
import { TEST_PASSWORD } from './builders';
import { testDatabase } from './global-setup';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private current: number;

  constructor(start = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }

  advanceDays(days: number): void {
    this.current += days * 86_400_000;
  }
}

/** Every log line the suite's apps write, to check that no secret ever reaches the logs. */
export const capturedLogs: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    capturedLogs.push(chunk.toString('utf8'));
    done();
  },
});

// Passwords, CSRF tokens and session ids the support code handled during the run; none may appear in a log line.
const secretsOfTheRun = new Set<string>();

/** Adds values that must never be logged (passwords, access codes, tokens) to the end-of-run check. */
export const keepOutOfLogs = (...secrets: string[]): void => {
  for (const secret of secrets) {
    secretsOfTheRun.add(secret);
  }
};

/** The registered secrets some log line contains (expected: none). */
export const leakedSecrets = (): string[] =>
  [...secretsOfTheRun].filter((secret) => capturedLogs.some((line) => line.includes(secret)));

/** The path of the route `gatedProbe` mounts: answers 204 once the sign-in gates are passed. */
export const GATED_PROBE = '/api/v1/test/gated-probe';

/** A test-only router to mount behind the gates (`createTestApp({ gated: [gatedProbe()] })`). */
export const gatedProbe = (): Router => {
  const router = Router();
  router.get(GATED_PROBE.replace('/api/v1', ''), (_req, res) => {
    res.status(204).end();
  });
  return router;
};

/**
 * A real app on the run's database, with a test clock and captured logs. It trusts one proxy so that each client
 * (see `aClient`) has its own address: the sign-in throttle, kept in PostgreSQL, then never mixes two specs.
 */
export const createTestApp = (
  options: { clock?: TestClock; env?: Record<string, string>; gated?: readonly Router[]; db?: Database } = {},
) => {
  const clock = options.clock ?? new TestClock();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    JOBS: 'off',
    SESSION_SECRET: 'x'.repeat(40),
    TRUST_PROXY: '1',
    ...options.env,
  });
  const db = options.db ?? testDatabase().db;
  const ctx: AppContext = createContext(config, db, clock, createLogger('info', logSink));
  const features = featureRouters(ctx);
  const app: Express = createApp(ctx, { ...features, gated: [...features.gated, ...(options.gated ?? [])] });
  return { app, ctx, clock, db };
};

let clientCount = 0;

/** A client address of its own (10.0.0.0/8, unique in the run), sent as X-Forwarded-For. */
export const aClientIp = (): string => {
  clientCount += 1;
  return `10.${(clientCount >> 16) & 255}.${(clientCount >> 8) & 255}.${clientCount & 255}`;
};

const setCookies = (headers: Record<string, unknown>): string[] =>
  ([] as string[]).concat((headers['set-cookie'] as string[] | string | undefined) ?? []);

/** The value of a cookie the response sets, URL-decoded, or undefined. */
export const cookieValue = (headers: Record<string, unknown>, name: string): string | undefined => {
  const cookie = setCookies(headers).find((c) => c.startsWith(`${name}=`));
  return cookie === undefined ? undefined : decodeURIComponent(cookie.split(';')[0]!.slice(name.length + 1));
};

// Remembers the token and session id a response hands out, so that the end-of-run check looks for them.
const rememberSecretsOf = (headers: Record<string, unknown>): void => {
  const token = cookieValue(headers, 'XSRF-TOKEN');
  const signedSid = cookieValue(headers, 'imilo.sid');
  // express-session signs the id as `s:<id>.<signature>`: the bare id is a secret too.
  const sid = signedSid?.slice(2).split('.')[0];
  keepOutOfLogs(...[token, signedSid, sid].filter((value): value is string => Boolean(value)));
};

/** A cookie-keeping client that has fetched its CSRF token, like the PWA at start; from its own address unless told. */
export const aClient = async (app: Express, options: { ip?: string } = {}) => {
  const ip = options.ip ?? aClientIp();
  const agent = request.agent(app).set('X-Forwarded-For', ip);
  const res = await agent.get('/api/v1/auth/csrf');
  rememberSecretsOf(res.headers);
  let token = cookieValue(res.headers, 'XSRF-TOKEN') ?? '';
  return {
    agent,
    ip,
    get token() {
      return token;
    },
    /** Re-reads the token after sign-in, which issues a new one. */
    refreshToken(headers: Record<string, unknown>) {
      rememberSecretsOf(headers);
      token = cookieValue(headers, 'XSRF-TOKEN') ?? token;
    },
    /** A POST carrying the CSRF token, as the PWA sends it; follows the token a sign-in renews. */
    async post(url: string, body: object = {}) {
      const res = await agent.post(url).set('X-XSRF-TOKEN', token).send(body);
      this.refreshToken(res.headers);
      return res;
    },
  };
};

/** A client signed in as the login (password: the builders' default). */
export const signedIn = async (app: Express, login: string, password = TEST_PASSWORD) => {
  keepOutOfLogs(password);
  const client = await aClient(app);
  const res = await client.agent.post('/api/v1/auth/login').set('X-XSRF-TOKEN', client.token).send({ login, password });
  if (res.status !== 200) {
    throw new Error(`sign-in of ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  client.refreshToken(res.headers);
  return client;
};
