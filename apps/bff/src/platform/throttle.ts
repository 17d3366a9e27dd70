import type { RequestHandler } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import { PROBLEM_CODES } from '@imilo/domain';
import type { Clock } from './clock';
import { problem } from './errors';

/**
 * Fixed-window attempt counter per client address, kept in PostgreSQL so that every BFF process shares it.
 * Counts the attempt before it is judged: a burst cannot slip through between two requests.
 */
export const throttleByIp = (options: {
  sequelize: Sequelize;
  clock: Clock;
  scope: string;
  limit: number;
  windowMinutes: number;
}): RequestHandler => {
  const windowMs = options.windowMinutes * 60_000;
  return async (req, _res, next) => {
    const now = options.clock.now().getTime();
    const windowStart = new Date(now - (now % windowMs));
    const rows = await options.sequelize.query<{ attempts: number }>(
      `INSERT INTO auth_throttle (key, window_start, attempts) VALUES (:key, :windowStart, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET attempts = auth_throttle.attempts + 1
       RETURNING attempts`,
      { type: QueryTypes.SELECT, replacements: { key: `${options.scope}:${req.ip}`, windowStart } },
    );
    if ((rows[0]?.attempts ?? 0) > options.limit) {
      const retryAfter = Math.ceil((windowStart.getTime() + windowMs - now) / 1000);
      throw problem(
        PROBLEM_CODES.tooManyRequests,
        `Trop de tentatives depuis cet appareil. Réessayez dans ${Math.ceil(retryAfter / 60)} minute(s).`,
        { headers: { 'Retry-After': String(retryAfter) } },
      );
    }
    next();
  };
};

/** Deletes windows that ended before the cutoff. */
export const purgeThrottleWindows = async (sequelize: Sequelize, cutoff: Date): Promise<void> => {
  await sequelize.query('DELETE FROM auth_throttle WHERE window_start < :cutoff', { replacements: { cutoff } });
};
