import { Router } from 'express';
import { CAPABILITIES, type JeuneSearchQuery, jeuneSearchQuerySchema } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { currentUser, requireCapability } from '../../platform/guards';
import { missionLocaleScope } from '../../platform/tenancy';
import { validated, validateQuery } from '../../platform/validate';
import { searchJeuneDossiers } from './dossiers.service';

/** Jeunes' dossiers: the search, for now. */
export const dossiersRouter = (ctx: AppContext): Router => {
  const router = Router();

  router.get('/jeunes', requireCapability(CAPABILITIES.dossiersSearch), validateQuery(jeuneSearchQuerySchema), async (req, res) => {
    const caller = { user: currentUser(req), scope: missionLocaleScope(req), origin: requestOrigin(req) };
    const result = await searchJeuneDossiers(ctx, caller, validated<JeuneSearchQuery>(req, 'query'));
    // Names and birth dates of jeunes: no copy in any browser or proxy cache.
    res.setHeader('Cache-Control', 'no-store');
    res.json(result);
  });

  return router;
};
