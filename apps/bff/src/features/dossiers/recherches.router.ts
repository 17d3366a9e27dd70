import { type Request, Router } from 'express';
import { z } from 'zod';
import { CAPABILITIES, type RechercheSauvegardeeCreation, rechercheSauvegardeeCreationSchema } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { currentUser, requireCapability } from '../../platform/guards';
import { validated, validateBody, validateParams } from '../../platform/validate';
import { RecherchesRepository } from './recherches.repository';
import { createRecherche, deleteRecherche, listRecherches, type RecherchesCaller } from './recherches.service';

/** Path parameters of `DELETE /api/v1/recherches/{id}`. */
const rechercheIdParamsSchema = z.object({ id: z.uuid("L'identifiant de la recherche est invalide.") });
type RechercheIdParams = z.infer<typeof rechercheIdParamsSchema>;

const callerOf = (req: Request): RecherchesCaller => ({ user: currentUser(req), origin: requestOrigin(req) });

/** Each user's saved criteria searches (#3): list, save under a name, delete. */
export const recherchesRouter = (ctx: AppContext): Router => {
  const deps = { ctx, repository: new RecherchesRepository(ctx.db.sequelize) };
  const search = requireCapability(CAPABILITIES.dossiersSearch);
  const router = Router();

  router.get('/recherches', search, async (req, res) => {
    const recherches = await listRecherches(deps, callerOf(req));
    // Criteria may hold a jeune's name (the text searched): no copy in any cache.
    res.setHeader('Cache-Control', 'no-store');
    res.json(recherches);
  });

  router.post('/recherches', search, validateBody(rechercheSauvegardeeCreationSchema), async (req, res) => {
    res.status(201).json(await createRecherche(deps, callerOf(req), req.body as RechercheSauvegardeeCreation));
  });

  router.delete('/recherches/:id', search, validateParams(rechercheIdParamsSchema), async (req, res) => {
    await deleteRecherche(deps, callerOf(req), validated<RechercheIdParams>(req, 'params').id);
    res.status(204).end();
  });

  return router;
};
