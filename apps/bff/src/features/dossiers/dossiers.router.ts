import { type Request, Router } from 'express';
import { z } from 'zod';
import {
  type AccesMotif,
  accesMotifSchema,
  CAPABILITIES,
  type DemandeTransfert,
  demandeTransfertSchema,
  type DossierCreation,
  dossierCreationSchema,
  type DossierPatch,
  dossierPatchSchema,
  type JeuneCriteresQuery,
  jeuneCriteresQuerySchema,
  revelationSchema,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { noStore } from '../../platform/cache-control';
import { currentUser, requireAnyCapability, requireCapability } from '../../platform/guards';
import { idempotentWrite } from '../../platform/idempotency';
import { missionLocaleScope } from '../../platform/tenancy';
import { validated, validateBody, validateParams, validateQuery } from '../../platform/validate';
import { createDossier, requestTransfers } from './creation.service';
import { accessReasonsOf } from './dossier-access';
import { giveAccessReason, readDossier, revealSensitive, updateDossier } from './dossier.service';
import { type DossiersCaller, searchJeuneDossiers } from './dossiers.service';

/** Path parameters of the routes about one dossier. */
export const jeuneIdParamsSchema = z.object({ id: z.uuid("L'identifiant du dossier est invalide.") });
type JeuneIdParams = z.infer<typeof jeuneIdParamsSchema>;

const callerOf = (req: Request): DossiersCaller => ({ user: currentUser(req), scope: missionLocaleScope(req), origin: requestOrigin(req) });
const idOf = (req: Request): string => validated<JeuneIdParams>(req, 'params').id;


/** Jeunes' dossiers (#3): search, premier accueil with the duplicate check, the dossier screen and its edits. */
export const dossiersRouter = (ctx: AppContext): Router => {
  const router = Router();
  const create = requireCapability(CAPABILITIES.dossiersCreate);

  router.get('/jeunes', requireCapability(CAPABILITIES.dossiersSearch), noStore, validateQuery(jeuneCriteresQuerySchema), async (req, res) => {
    res.json(await searchJeuneDossiers(ctx, callerOf(req), validated<JeuneCriteresQuery>(req, 'query')));
  });

  router.post('/jeunes', create, noStore, validateBody(dossierCreationSchema), async (req, res) => {
    const dossier = await createDossier(ctx, callerOf(req), req.body as DossierCreation, accessReasonsOf(req));
    res.status(201).location(`/api/v1/jeunes/${dossier.id}`).json(dossier);
  });

  router.post('/jeunes/demandes-transfert', create, noStore, validateBody(demandeTransfertSchema), async (req, res) => {
    res.status(201).json(await requestTransfers(ctx, callerOf(req), req.body as DemandeTransfert));
  });

  router.get(
    '/jeunes/:id',
    requireAnyCapability(CAPABILITIES.dossiersRead, CAPABILITIES.dossiersReadIdentite),
    noStore,
    validateParams(jeuneIdParamsSchema),
    async (req, res) => {
      res.json(await readDossier(ctx, callerOf(req), idOf(req), accessReasonsOf(req)));
    },
  );

  router.patch(
    '/jeunes/:id',
    requireAnyCapability(CAPABILITIES.dossiersEdit, CAPABILITIES.dossiersEditIdentite),
    noStore,
    validateParams(jeuneIdParamsSchema),
    validateBody(dossierPatchSchema),
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 200,
      body: await updateDossier(ctx, callerOf(req), idOf(req), req.body as DossierPatch, accessReasonsOf(req), transaction),
    })),
  );

  router.post(
    '/jeunes/:id/acces',
    requireCapability(CAPABILITIES.dossiersRead),
    validateParams(jeuneIdParamsSchema),
    validateBody(accesMotifSchema),
    async (req, res) => {
      await giveAccessReason(ctx, callerOf(req), idOf(req), (req.body as AccesMotif).motif, accessReasonsOf(req));
      res.status(204).end();
    },
  );

  router.post(
    '/jeunes/:id/revelation',
    requireCapability(CAPABILITIES.dossiersRevealSensitive),
    noStore,
    validateParams(jeuneIdParamsSchema),
    validateBody(revelationSchema),
    async (req, res) => {
      const { champ } = req.body as z.infer<typeof revelationSchema>;
      res.json(await revealSensitive(ctx, callerOf(req), idOf(req), champ, accessReasonsOf(req)));
    },
  );

  return router;
};
