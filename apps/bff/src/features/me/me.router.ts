import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { currentUser, requireUser } from '../../platform/guards';
import { toMe } from './me.service';

/** `GET /api/v1/me`: who is signed in; reachable while gated, so the PWA knows where to send the user. */
export const meRouter = (ctx: AppContext): Router => {
  const router = Router();
  router.get('/me', requireUser, (req, res) => {
    res.json(toMe(currentUser(req), ctx.clock, ctx.config.passwordLifetimeDays));
  });
  return router;
};
