import { Router } from 'express';
import { acceptCguSchema } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { currentUser, requireUser } from '../../platform/guards';
import { validateBody } from '../../platform/validate';
import { toMe } from '../me/me.service';
import { CguRepository } from './cgu.repository';
import { acceptCgu, currentCgu } from './cgu.service';

/** The CGU to read and accept; mounted before the gates, since accepting them is what lifts one. */
export const cguRouter = (ctx: AppContext): Router => {
  const router = Router();
  const cgus = new CguRepository(ctx.db.sequelize);

  router.get('/cgu/current', requireUser, async (req, res) => {
    res.json(await currentCgu(cgus, currentUser(req)));
  });

  router.post('/cgu/accept', requireUser, validateBody(acceptCguSchema), async (req, res) => {
    const user = await acceptCgu(ctx, cgus, currentUser(req), req.body, requestOrigin(req));
    res.json(toMe(user, ctx.clock, ctx.config.passwordLifetimeDays));
  });

  return router;
};
