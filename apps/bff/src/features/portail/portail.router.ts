import { Router } from 'express';
import { type AlerteTraitement, alerteTraitementSchema, CAPABILITIES, type Disposition, dispositionSchema, type PortailQuery, portailQuerySchema } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { noStore } from '../../platform/cache-control';
import { requireAnyCapability, requireCapability } from '../../platform/guards';
import { validated, validateBody, validateQuery } from '../../platform/validate';
import { portailCallerOf } from './portail-access';
import { marquerNotificationsLues, readPortail, resetDispositionOf, saveDispositionOf, traiterAlerte } from './portail.service';

/** Every home's capability: each role has one, and its home says which widgets it may show. */
export const HOME_CAPABILITIES = [CAPABILITIES.homeConseiller, CAPABILITIES.homeDirection, CAPABILITIES.homeAdmin, CAPABILITIES.homeCmilo] as const;

/**
 * The Portail (#6): the home of each role in one call, its disposition, the alerts marked « traitée » and the jeune's
 * notifications read. The layout's writes replace or forget a whole value: a replay changes nothing, so they need no
 * Idempotency-Key (whose stored answer would keep a copy of the home's personal data).
 */
export const portailRouter = (ctx: AppContext): Router => {
  const router = Router();
  const home = requireAnyCapability(...HOME_CAPABILITIES);

  router.get('/portail', home, noStore, validateQuery(portailQuerySchema), async (req, res) => {
    res.json(await readPortail(ctx, portailCallerOf(req), validated<PortailQuery>(req, 'query')));
  });

  router.put('/portail/layout', home, noStore, validateQuery(portailQuerySchema), validateBody(dispositionSchema), async (req, res) => {
    res.json(await saveDispositionOf(ctx, portailCallerOf(req), req.body as Disposition, validated<PortailQuery>(req, 'query')));
  });

  router.delete('/portail/layout', home, noStore, async (req, res) => {
    await resetDispositionOf(ctx, portailCallerOf(req));
    res.status(204).end();
  });

  router.post('/portail/alertes/traitees', requireCapability(CAPABILITIES.dossiersEdit), noStore, validateBody(alerteTraitementSchema), async (req, res) => {
    await ctx.db.sequelize.transaction((transaction) => traiterAlerte(ctx, portailCallerOf(req), req.body as AlerteTraitement, transaction));
    res.status(204).end();
  });

  router.post('/portail/notifications/lues', requireCapability(CAPABILITIES.cmiloSelf), noStore, async (req, res) => {
    await marquerNotificationsLues(ctx, portailCallerOf(req));
    res.status(204).end();
  });

  return router;
};
