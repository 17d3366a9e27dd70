import { type Request, Router } from 'express';
import { CAPABILITIES, type TimelineQuery, timelineQuerySchema } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { noStore } from '../../platform/cache-control';
import { requireCapability } from '../../platform/guards';
import { validated, validateParams, validateQuery } from '../../platform/validate';
import { jeuneIdParamsSchema } from '../dossiers/dossiers.router';
import { suiviCallerOf } from './suivi-access';
import { exportParcours, readTimeline } from './timeline.service';

const idOf = (req: Request): string => validated<{ id: string }>(req, 'params').id;

/** A dossier's timeline and the export of its parcours (#4). */
export const timelineRouter = (ctx: AppContext): Router => {
  const read = requireCapability(CAPABILITIES.dossiersRead);
  const router = Router();

  router.get('/jeunes/:id/timeline', read, noStore, validateParams(jeuneIdParamsSchema), validateQuery(timelineQuerySchema), async (req, res) => {
    res.json(await readTimeline(ctx, suiviCallerOf(req), idOf(req), validated<TimelineQuery>(req, 'query')));
  });

  router.get('/jeunes/:id/parcours.csv', read, noStore, validateParams(jeuneIdParamsSchema), async (req, res) => {
    const { fileName, csv } = await exportParcours(ctx, suiviCallerOf(req), idOf(req));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(csv);
  });

  return router;
};
