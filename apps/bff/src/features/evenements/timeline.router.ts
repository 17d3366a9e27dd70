import { type Request, type RequestHandler, Router } from 'express';
import { CAPABILITIES, type TimelineQuery, timelineQuerySchema } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { currentUser, requireCapability } from '../../platform/guards';
import { missionLocaleScope } from '../../platform/tenancy';
import { validated, validateParams, validateQuery } from '../../platform/validate';
import { accessReasonsOf } from '../dossiers/dossier-access';
import { jeuneIdParamsSchema } from '../dossiers/dossiers.router';
import { exportParcours, readTimeline, type TimelineCaller } from './timeline.service';

const callerOf = (req: Request): TimelineCaller => ({
  user: currentUser(req),
  scope: missionLocaleScope(req),
  origin: requestOrigin(req),
  reasons: accessReasonsOf(req),
});

const idOf = (req: Request): string => validated<{ id: string }>(req, 'params').id;

// A jeune's parcours: no copy in any browser, proxy or service-worker cache.
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** A dossier's timeline and the export of its parcours (#4). */
export const timelineRouter = (ctx: AppContext): Router => {
  const read = requireCapability(CAPABILITIES.dossiersRead);
  const router = Router();

  router.get('/jeunes/:id/timeline', read, noStore, validateParams(jeuneIdParamsSchema), validateQuery(timelineQuerySchema), async (req, res) => {
    res.json(await readTimeline(ctx, callerOf(req), idOf(req), validated<TimelineQuery>(req, 'query')));
  });

  router.get('/jeunes/:id/parcours.csv', read, noStore, validateParams(jeuneIdParamsSchema), async (req, res) => {
    const { fileName, csv } = await exportParcours(ctx, callerOf(req), idOf(req));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(csv);
  });

  return router;
};
