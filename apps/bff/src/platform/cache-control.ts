import type { RequestHandler } from 'express';

/**
 * `Cache-Control: no-store` for answers carrying personal data (also a 409's current state, an export): no copy in any
 * browser, proxy or service-worker cache — the PWA keeps what it needs offline in IndexedDB, per user.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
