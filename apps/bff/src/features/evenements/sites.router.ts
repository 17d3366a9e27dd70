import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { currentUser } from '../../platform/guards';
import { listSitesOf } from './sites.repository';
import { requireSuiviReferentialReader } from './suivi-access';

/**
 * The sites of the caller's Missions Locales (#4): the lieu choice of an événement. Nothing personal: the service
 * worker keeps the list (ngsw-config.json), so that the sheet offers them offline too.
 */
export const sitesRouter = (ctx: AppContext): Router => {
  const router = Router();

  router.get(
    '/sites',
    requireSuiviReferentialReader(),
    async (req, res) => {
      const missionsLocales = currentUser(req).missionsLocales.map((ml) => ml.id);
      res.json(await listSitesOf(ctx.db.sequelize, missionsLocales));
    },
  );

  return router;
};
