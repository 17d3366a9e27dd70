import { type Request, Router } from 'express';
import { CAPABILITIES, type EnvoiCodeCmilo, envoiCodeCmiloSchema } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { noStore } from '../../platform/cache-control';
import { requireCapability } from '../../platform/guards';
import { idempotentWrite } from '../../platform/idempotency';
import { validated, validateBody, validateParams } from '../../platform/validate';
import { suiviJeuneParamsSchema } from '../evenements/evenements.router';
import { suiviCallerOf } from '../evenements/suivi-access';
import { readCompteCmilo, sendCodeCmilo } from './compte-cmilo.service';

const idOf = (req: Request): string => validated<{ id: string }>(req, 'params').id;

/** A jeune's C-Milo account, from the dossier (#5): its state, and sending an activation code (creating it first). */
export const compteCmiloRouter = (ctx: AppContext): Router => {
  const router = Router();
  const create = requireCapability(CAPABILITIES.cmiloAccountCreate);
  const params = validateParams(suiviJeuneParamsSchema);

  router.get('/jeunes/:id/compte-cmilo', create, noStore, params, async (req, res) => {
    res.json(await readCompteCmilo(ctx, suiviCallerOf(req), idOf(req)));
  });

  router.post(
    '/jeunes/:id/compte-cmilo',
    create,
    noStore,
    params,
    validateBody(envoiCodeCmiloSchema),
    // The answer holds no code: a replay answers the stored state without sending again.
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 200,
      body: await sendCodeCmilo(ctx, suiviCallerOf(req), idOf(req), req.body as EnvoiCodeCmilo, transaction),
    })),
  );

  return router;
};
