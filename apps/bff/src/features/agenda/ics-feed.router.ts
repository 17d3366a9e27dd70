import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { validated, validateParams } from '../../platform/validate';
import { feedOf } from './ics.service';

/** Path parameters of the feed: its secret. */
export const icsFeedParamsSchema = z.object({ token: z.string().max(100, "Ce calendrier n'existe pas.") });

/**
 * The per-user calendar feed (#5): PUBLIC, since calendar apps subscribe without a session; the secret in the URL is
 * the credential (unknown or revoked: 404). Never cached: a revoked feed must stop at once.
 */
export const icsFeedRouter = (ctx: AppContext): Router => {
  const router = Router();

  router.get('/ics/:token.ics', validateParams(icsFeedParamsSchema), async (req, res) => {
    const calendar = await feedOf(ctx, validated<{ token: string }>(req, 'params').token, requestOrigin(req));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('text/calendar; charset=utf-8').send(calendar);
  });

  return router;
};
