import { Writable } from 'node:stream';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { AppContext } from '../../src/app-context';
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

/** A real app on the run's database, with a test clock and captured logs. */
export const createTestApp = (options: { clock?: TestClock; env?: Record<string, string> } = {}) => {
  const clock = options.clock ?? new TestClock();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', JOBS: 'off', SESSION_SECRET: 'x'.repeat(40), ...options.env });
  const db = testDatabase().db;
  const ctx: AppContext = createContext(config, db, clock, createLogger('info', logSink));
  const app: Express = createApp(ctx, featureRouters(ctx));
  return { app, ctx, clock, db };
};

/** A cookie-keeping client that has fetched its CSRF token, like the PWA at start. */
export const aClient = async (app: Express) => {
  const agent = request.agent(app);
  const res = await agent.get('/api/v1/auth/csrf');
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('XSRF-TOKEN='));
  let token = cookie ? decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!) : '';
  return {
    agent,
    get token() {
      return token;
    },
    /** Re-reads the token after sign-in, which issues a new one. */
    refreshToken(headers: Record<string, unknown>) {
      const fresh = ([] as string[]).concat((headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('XSRF-TOKEN='));
      if (fresh) {
        token = decodeURIComponent(fresh.split(';')[0]!.split('=')[1]!);
      }
    },
  };
};

/** A client signed in as the login (password: the builders' default). */
export const signedIn = async (app: Express, login: string, password = TEST_PASSWORD) => {
  const client = await aClient(app);
  const res = await client.agent.post('/api/v1/auth/login').set('X-XSRF-TOKEN', client.token).send({ login, password });
  if (res.status !== 200) {
    throw new Error(`sign-in of ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  client.refreshToken(res.headers);
  return client;
};
