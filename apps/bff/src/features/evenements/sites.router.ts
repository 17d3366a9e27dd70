import { Router } from 'express';
import { CAPABILITIES } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { currentUser, requireAnyCapability } from '../../platform/guards';
import { listSitesOf } from './sites.repository';

/**
 * The sites of the caller's Missions Locales (#4): the lieu choice of an événement. Nothing personal: the service
 * worker keeps the list (ngsw-config.json), so that the sheet offers them offline too.
 */
export const sitesRouter = (ctx: AppContext): Router => {
  const router = Router();

  router.get(
    '/sites',
    requireAnyCapability(
      CAPABILITIES.evenementsWrite,
      CAPABILITIES.evenementsPremierAccueil,
      CAPABILITIES.dossiersRead,
      CAPABILITIES.referentielsLocal,
    ),
    async (req, res) => {
      const missionsLocales = currentUser(req).missionsLocales.map((ml) => ml.id);
      res.json(await listSitesOf(ctx.db.sequelize, missionsLocales));
    },
  );

  return router;
};
