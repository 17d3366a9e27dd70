import { type Request, Router } from 'express';
import { z } from 'zod';
import {
  type ActionCreation,
  actionCreationSchema,
  type ActionPatch,
  actionPatchSchema,
  CAPABILITIES,
  type EvenementCreation,
  evenementCreationSchema,
  type EvenementPatch,
  evenementPatchSchema,
  type EvenementsQuery,
  evenementsQuerySchema,
  type OffreInterneCreation,
  offreInterneCreationSchema,
  type OffreInternePatch,
  offreInternePatchSchema,
  offresInternesQuerySchema,
  type PropositionCreation,
  propositionCreationSchema,
  type PropositionTransition,
  propositionTransitionSchema,
  type Suppression,
  suppressionSchema,
  type TypeEvenementCreation,
  typeEvenementCreationSchema,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { noStore } from '../../platform/cache-control';
import { requireAnyCapability, requireCapability } from '../../platform/guards';
import { idempotentWrite } from '../../platform/idempotency';
import { validated, validateBody, validateParams, validateQuery } from '../../platform/validate';
import { createAction, listActionsOf, readAction, updateActionOf } from './actions.service';
import { createEvenement, deleteEvenement, listEvenementsOf, readEvenement, updateEvenementOf } from './evenements.service';
import { createProposition, listPropositionsOf, readProposition, transitionPropositionOf } from './propositions.service';
import { createOffre, createType, listOffresInternes, listTypes, updateOffreInterne } from './referentiels.service';
import { requireSuiviReferentialReader, suiviCallerOf } from './suivi-access';

/** Path parameters of the routes about one jeune's suivi. */
export const suiviJeuneParamsSchema = z.object({ id: z.uuid("L'identifiant du dossier est invalide.") });
/** Path parameters of the routes about one object of the suivi (événement, proposition, action, offre). */
export const suiviObjetParamsSchema = z.object({ id: z.uuid("L'identifiant est invalide : un UUID est attendu.") });

const idOf = (req: Request): string => validated<{ id: string }>(req, 'params').id;


/** Événements, propositions, actions and their referentials (#4). */
export const evenementsRouter = (ctx: AppContext): Router => {
  const router = Router();
  const read = requireCapability(CAPABILITIES.dossiersRead);
  const write = requireCapability(CAPABILITIES.evenementsWrite);
  const referentiels = requireCapability(CAPABILITIES.referentielsLocal);
  const jeuneParams = validateParams(suiviJeuneParamsSchema);
  const objetParams = validateParams(suiviObjetParamsSchema);

  // --- Événements.

  router.get('/jeunes/:id/evenements', read, noStore, jeuneParams, validateQuery(evenementsQuerySchema), async (req, res) => {
    res.json(await listEvenementsOf(ctx, suiviCallerOf(req), idOf(req), validated<EvenementsQuery>(req, 'query')));
  });

  router.post(
    '/jeunes/:id/evenements',
    requireAnyCapability(CAPABILITIES.evenementsWrite, CAPABILITIES.evenementsPremierAccueil),
    noStore,
    jeuneParams,
    validateBody(evenementCreationSchema),
    idempotentWrite(ctx, async (req, transaction) => {
      const evenement = await createEvenement(ctx, suiviCallerOf(req), idOf(req), req.body as EvenementCreation, transaction);
      return { status: 201, body: evenement, location: `/api/v1/evenements/${evenement.id}` };
    }),
  );

  router.get('/evenements/:id', read, noStore, objetParams, async (req, res) => {
    res.json(await readEvenement(ctx, suiviCallerOf(req), idOf(req)));
  });

  router.patch(
    '/evenements/:id',
    write,
    noStore,
    objetParams,
    validateBody(evenementPatchSchema),
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 200,
      body: await updateEvenementOf(ctx, suiviCallerOf(req), idOf(req), req.body as EvenementPatch, transaction),
    })),
  );

  router.delete(
    '/evenements/:id',
    write,
    noStore,
    objetParams,
    validateBody(suppressionSchema),
    idempotentWrite(ctx, async (req, transaction) => {
      await deleteEvenement(ctx, suiviCallerOf(req), idOf(req), req.body as Suppression, transaction);
      return { status: 204 };
    }),
  );

  // --- Propositions.

  router.get('/jeunes/:id/propositions', read, noStore, jeuneParams, async (req, res) => {
    res.json(await listPropositionsOf(ctx, suiviCallerOf(req), idOf(req)));
  });

  router.post(
    '/jeunes/:id/propositions',
    write,
    noStore,
    jeuneParams,
    validateBody(propositionCreationSchema),
    idempotentWrite(ctx, async (req, transaction) => {
      const proposition = await createProposition(ctx, suiviCallerOf(req), idOf(req), req.body as PropositionCreation, transaction);
      return { status: 201, body: proposition, location: `/api/v1/propositions/${proposition.id}` };
    }),
  );

  router.get('/propositions/:id', read, noStore, objetParams, async (req, res) => {
    res.json(await readProposition(ctx, suiviCallerOf(req), idOf(req)));
  });

  router.patch(
    '/propositions/:id',
    write,
    noStore,
    objetParams,
    validateBody(propositionTransitionSchema),
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 200,
      body: await transitionPropositionOf(ctx, suiviCallerOf(req), idOf(req), req.body as PropositionTransition, transaction),
    })),
  );

  // --- Actions.

  router.get('/jeunes/:id/actions', read, noStore, jeuneParams, async (req, res) => {
    res.json(await listActionsOf(ctx, suiviCallerOf(req), idOf(req)));
  });

  router.post(
    '/jeunes/:id/actions',
    write,
    noStore,
    jeuneParams,
    validateBody(actionCreationSchema),
    idempotentWrite(ctx, async (req, transaction) => {
      const action = await createAction(ctx, suiviCallerOf(req), idOf(req), req.body as ActionCreation, transaction);
      return { status: 201, body: action, location: `/api/v1/actions/${action.id}` };
    }),
  );

  router.get('/actions/:id', read, noStore, objetParams, async (req, res) => {
    res.json(await readAction(ctx, suiviCallerOf(req), idOf(req)));
  });

  router.patch(
    '/actions/:id',
    write,
    noStore,
    objetParams,
    validateBody(actionPatchSchema),
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 200,
      body: await updateActionOf(ctx, suiviCallerOf(req), idOf(req), req.body as ActionPatch, transaction),
    })),
  );

  // --- Referentials.

  router.get(
    '/types-evenement',
    requireSuiviReferentialReader(),
    async (req, res) => {
      res.json(await listTypes(ctx, suiviCallerOf(req)));
    },
  );

  router.post(
    '/types-evenement',
    referentiels,
    validateBody(typeEvenementCreationSchema),
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 201,
      body: await createType(ctx, suiviCallerOf(req), req.body as TypeEvenementCreation, transaction),
    })),
  );

  router.get(
    '/offres-internes',
    requireAnyCapability(CAPABILITIES.evenementsWrite, CAPABILITIES.dossiersRead, CAPABILITIES.referentielsLocal),
    validateQuery(offresInternesQuerySchema),
    async (req, res) => {
      const { toutes } = validated<{ toutes?: boolean }>(req, 'query');
      res.json(await listOffresInternes(ctx, suiviCallerOf(req), toutes ?? false));
    },
  );

  router.post(
    '/offres-internes',
    referentiels,
    validateBody(offreInterneCreationSchema),
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 201,
      body: await createOffre(ctx, suiviCallerOf(req), req.body as OffreInterneCreation, transaction),
    })),
  );

  router.patch(
    '/offres-internes/:id',
    referentiels,
    objetParams,
    validateBody(offreInternePatchSchema),
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 200,
      body: await updateOffreInterne(ctx, suiviCallerOf(req), idOf(req), req.body as OffreInternePatch, transaction),
    })),
  );

  return router;
};
