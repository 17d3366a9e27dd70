import { type Request, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import {
  type AgendaQuery,
  agendaQuerySchema,
  type Annulation,
  annulationSchema,
  CAPABILITIES,
  type Emargement,
  emargementSchema,
  type InscriptionCreation,
  inscriptionCreationSchema,
  type SessionCreation,
  sessionCreationSchema,
  type SessionPatch,
  sessionPatchSchema,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { noStore } from '../../platform/cache-control';
import { requireAnyCapability, requireCapability } from '../../platform/guards';
import { idempotentWrite } from '../../platform/idempotency';
import { validated, validateBody, validateParams, validateQuery } from '../../platform/validate';
import {
  cancelSession,
  createSession,
  emarger,
  listSessionsOf,
  readSession,
  registerByStaff,
  sessionsCallerOf,
  unregisterByStaff,
  updateSessionOf,
} from './sessions.service';

/** Path parameters of the routes about one session. */
export const sessionParamsSchema = z.object({ id: z.uuid("L'identifiant de la session est invalide.") });
/** Path parameters of the routes about one jeune's registration. */
export const inscriptionParamsSchema = sessionParamsSchema.extend({ jeuneId: z.uuid("L'identifiant du jeune est invalide.") });

const paramsOf = <T>(req: Request): T => validated<T>(req, 'params');

/**
 * Hands the messages a write planned to the job queue once its transaction committed (the handler has answered):
 * only a shortcut, since the periodic sweep finds them anyway, so a failure is logged, not answered.
 */
export const thenFlushNotifications =
  (ctx: AppContext, handler: RequestHandler): RequestHandler =>
  async (req, res, next) => {
    await handler(req, res, next);
    await ctx.notifier.flush().catch((error: unknown) => ctx.logger.warn({ err: error }, 'notifier flush failed'));
  };

/**
 * Collective sessions (#5). Reading: whoever sees the agenda of their site or their own. Planning, editing and
 * cancelling: whoever has an agenda of their own (the caller animates the session). Registering and unregistering
 * jeunes: also the accueil, who books for colleagues. Émargement: whoever closes rendez-vous.
 */
export const sessionsRouter = (ctx: AppContext): Router => {
  const router = Router();
  const read = requireAnyCapability(CAPABILITIES.agendaSite, CAPABILITIES.agendaMine);
  const plan = requireCapability(CAPABILITIES.agendaMine);
  const book = requireAnyCapability(CAPABILITIES.agendaMine, CAPABILITIES.agendaBookForColleague);
  const params = validateParams(sessionParamsSchema);
  const idOf = (req: Request) => paramsOf<{ id: string }>(req).id;

  router.get('/sessions', read, noStore, validateQuery(agendaQuerySchema), async (req, res) => {
    res.json(await listSessionsOf(ctx, sessionsCallerOf(req), validated<AgendaQuery>(req, 'query')));
  });

  router.get('/sessions/:id', read, noStore, params, async (req, res) => {
    res.json(await readSession(ctx, sessionsCallerOf(req), idOf(req)));
  });

  router.post(
    '/sessions',
    plan,
    noStore,
    validateBody(sessionCreationSchema),
    idempotentWrite(ctx, async (req, transaction) => {
      const session = await createSession(ctx, sessionsCallerOf(req), req.body as SessionCreation, transaction);
      return { status: 201, body: session, location: `/api/v1/sessions/${session.id}` };
    }),
  );

  router.patch(
    '/sessions/:id',
    plan,
    noStore,
    params,
    validateBody(sessionPatchSchema),
    thenFlushNotifications(
      ctx,
      idempotentWrite(ctx, async (req, transaction) => ({
        status: 200,
        body: await updateSessionOf(ctx, sessionsCallerOf(req), idOf(req), req.body as SessionPatch, transaction),
      })),
    ),
  );

  router.delete(
    '/sessions/:id',
    plan,
    noStore,
    params,
    validateBody(annulationSchema),
    thenFlushNotifications(
      ctx,
      idempotentWrite(ctx, async (req, transaction) => {
        await cancelSession(ctx, sessionsCallerOf(req), idOf(req), req.body as Annulation, transaction);
        return { status: 204 };
      }),
    ),
  );

  router.post(
    '/sessions/:id/inscriptions',
    book,
    noStore,
    params,
    validateBody(inscriptionCreationSchema),
    thenFlushNotifications(
      ctx,
      idempotentWrite(ctx, async (req, transaction) => ({
        status: 201,
        body: await registerByStaff(ctx, sessionsCallerOf(req), idOf(req), (req.body as InscriptionCreation).jeuneId, transaction),
      })),
    ),
  );

  router.delete(
    '/sessions/:id/inscriptions/:jeuneId',
    book,
    noStore,
    validateParams(inscriptionParamsSchema),
    thenFlushNotifications(
      ctx,
      idempotentWrite(ctx, async (req, transaction) => {
        const { id, jeuneId } = paramsOf<{ id: string; jeuneId: string }>(req);
        await unregisterByStaff(ctx, sessionsCallerOf(req), id, jeuneId, transaction);
        return { status: 204 };
      }),
    ),
  );

  router.post(
    '/sessions/:id/emargement',
    requireCapability(CAPABILITIES.rendezVousClose),
    noStore,
    params,
    validateBody(emargementSchema),
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 200,
      body: await emarger(ctx, sessionsCallerOf(req), idOf(req), req.body as Emargement, transaction),
    })),
  );

  return router;
};
