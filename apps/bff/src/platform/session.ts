import { randomBytes, timingSafeEqual } from 'node:crypto';
import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type pg from 'pg';
import { AUTH_POLICY, isSessionOver, PROBLEM_CODES } from '@imilo/domain';
import type { Clock } from './clock';
import { problem, unauthenticated } from './errors';

/** The session cookie's name (not the framework default, which names the stack). */
export const SESSION_COOKIE = 'imilo.sid';

/** The readable cookie Angular's HttpClient copies into the X-XSRF-TOKEN header. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
const XSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** express-session stored in PostgreSQL, hardened cookie, expiring after the absolute lifetime. */
export const sessionMiddleware = (options: { pool: pg.Pool; secret: string; secure: boolean }): RequestHandler => {
  const PgStore = connectPgSimple(session);
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    // No touch: the row's expiry only prunes (the timeouts below decide), and a write per request would double the
    // commits of every outbox replay (bench/README.md, bench:sync).
    store: new PgStore({
      pool: options.pool,
      tableName: 'user_session',
      createTableIfMissing: false,
      pruneSessionInterval: 600,
      disableTouch: true,
    }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      path: '/',
      maxAge: AUTH_POLICY.sessionAbsoluteHours * 3_600_000,
    },
  });
};

/** Deletes the user's stored sessions but the kept one (none when null); answers how many went. */
const deleteSessionsOf = async (pool: pg.Pool, userId: string, keptSid: string | null): Promise<number> => {
  // Matches the expression index user_session_user_idx; passport keeps the user id under sess.passport.user.
  const result = await pool.query(
    `DELETE FROM user_session WHERE (sess -> 'passport' ->> 'user') = $1 AND sid IS DISTINCT FROM $2::varchar`,
    [userId, keptSid],
  );
  return result.rowCount ?? 0;
};

/** Deletes every stored session of the user ("log out everywhere"); answers how many there were. */
export const destroySessionsOf = (pool: pg.Pool, userId: string): Promise<number> => deleteSessionsOf(pool, userId, null);

/**
 * Deletes every stored session of the user but the current one (a password change: a stolen session must not
 * survive it); answers how many went.
 */
export const destroyOtherSessionsOf = (pool: pg.Pool, userId: string, currentSid: string): Promise<number> =>
  deleteSessionsOf(pool, userId, currentSid);

/** A fresh CSRF token. */
export const newCsrfToken = (): string => randomBytes(32).toString('base64url');

const sameToken = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * CSRF with Angular's convention: the token lives in the session, is mirrored in a readable cookie,
 * and every state-changing request must echo it in the X-XSRF-TOKEN header.
 */
export const csrfProtection = (secure: boolean): RequestHandler => (req, res, next) => {
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.get(XSRF_HEADER);
    const expected = req.session.csrfToken;
    if (!sent || !expected || !sameToken(sent, expected)) {
      throw problem(PROBLEM_CODES.csrf, 'Votre session de sécurité a expiré. Rechargez la page puis réessayez.');
    }
  }
  req.session.csrfToken ??= newCsrfToken();
  if (req.cookies?.[XSRF_COOKIE] !== req.session.csrfToken) {
    res.cookie(XSRF_COOKIE, req.session.csrfToken, { httpOnly: false, sameSite: 'lax', secure, path: '/' });
  }
  next();
};

// Activity is stamped at most once a minute: an unchanged session is not written back, so most requests cost no
// session write; the idle timeout is then exact to the minute.
const ACTIVITY_STAMP_MS = 60_000;

/** Ends sessions idle for 30 minutes or older than 12 hours, by the injected clock; stamps activity otherwise. */
export const sessionTimeouts = (clock: Clock): RequestHandler => (req, _res, next) => {
  if (!req.user) {
    next();
    return;
  }
  const now = clock.now();
  const createdAt = new Date(req.session.createdAt ?? now.getTime());
  const lastSeenAt = new Date(req.session.lastSeenAt ?? now.getTime());
  if (isSessionOver(createdAt, lastSeenAt, now)) {
    req.session.destroy(() => {
      next(unauthenticated('Votre session a expiré. Veuillez vous reconnecter.'));
    });
    return;
  }
  if (now.getTime() - lastSeenAt.getTime() >= ACTIVITY_STAMP_MS || req.session.lastSeenAt === undefined) {
    req.session.lastSeenAt = now.getTime();
  }
  next();
};
