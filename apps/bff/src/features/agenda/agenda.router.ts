import { type Request, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import {
  type AgendaQuery,
  agendaQuerySchema,
  type Annulation,
  annulationSchema,
  CAPABILITIES,
  type Cloture,
  clotureSchema,
  fluxCalendrierCreationSchema,
  type MemoCreation,
  memoCreationSchema,
  type MemoPatch,
  memoPatchSchema,
  memosQuerySchema,
  type RendezVousCreation,
  rendezVousCreationSchema,
  type RendezVousPatch,
  rendezVousPatchSchema,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { noStore } from '../../platform/cache-control';
import { currentUser, requireAnyCapability, requireCapability } from '../../platform/guards';
import { idempotentWrite } from '../../platform/idempotency';
import { missionLocaleScope, principalMissionLocaleId } from '../../platform/tenancy';
import { validated, validateBody, validateParams, validateQuery } from '../../platform/validate';
import { agendaCallerOf } from './agenda-access';
import { readAgenda } from './agenda.service';
import { listConseillersAgenda } from './conseillers.repository';
import { createFlux, readFlux, revokeFlux } from './ics.service';
import { createMemo, deleteMemoOf, listMemosOf, updateMemoOf } from './memos.service';
import { cancelRendezVousOf, closeRendezVousOf, createRendezVous, readRendezVous, updateRendezVousOf } from './rendez-vous.service';

/** Path parameters of the routes about one rendez-vous or mémo. */
export const agendaObjetParamsSchema = z.object({ id: z.uuid("L'identifiant est invalide : un UUID est attendu.") });

const idOf = (req: Request): string => validated<{ id: string }>(req, 'params').id;

/** The origin the PWA reached the BFF at (behind the trusted proxy, its scheme and host). */
const originOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** The agenda (#5): rendez-vous, the agenda of a few days, mémos and the calendar feed's management. */
export const agendaRouter = (ctx: AppContext): Router => {
  const router = Router();
  const book = requireAnyCapability(CAPABILITIES.agendaMine, CAPABILITIES.agendaBookForColleague);
  const read = requireAnyCapability(CAPABILITIES.agendaMine, CAPABILITIES.agendaSite);
  const memos = requireCapability(CAPABILITIES.memos);
  const feed = requireCapability(CAPABILITIES.agendaMine);
  const params = validateParams(agendaObjetParamsSchema);

  // The messages a change planned are handed to the queue once their transaction committed: a failure there is only
  // a delay (the periodic sweep finds them), never the write's failure.
  const thenFlush =
    (write: RequestHandler): RequestHandler =>
    async (req, res, next) => {
      await write(req, res, next);
      if (res.statusCode < 400) {
        await ctx.notifier.flush().catch((err: unknown) => ctx.logger.warn({ err }, 'notifier flush failed'));
      }
    };

  // --- Rendez-vous.

  router.post(
    '/rendez-vous',
    book,
    noStore,
    validateBody(rendezVousCreationSchema),
    thenFlush(
      idempotentWrite(ctx, async (req, transaction) => {
        const written = await createRendezVous(ctx, agendaCallerOf(req), req.body as RendezVousCreation, transaction);
        return { status: 201, body: written, location: `/api/v1/rendez-vous/${written.rendezVous.id}` };
      }),
    ),
  );

  router.get('/rendez-vous/:id', read, noStore, params, async (req, res) => {
    res.json(await readRendezVous(ctx, agendaCallerOf(req), idOf(req)));
  });

  router.patch(
    '/rendez-vous/:id',
    book,
    noStore,
    params,
    validateBody(rendezVousPatchSchema),
    thenFlush(
      idempotentWrite(ctx, async (req, transaction) => ({
        status: 200,
        body: await updateRendezVousOf(ctx, agendaCallerOf(req), idOf(req), req.body as RendezVousPatch, transaction),
      })),
    ),
  );

  router.delete(
    '/rendez-vous/:id',
    book,
    noStore,
    params,
    validateBody(annulationSchema),
    thenFlush(
      idempotentWrite(ctx, async (req, transaction) => ({
        status: 200,
        body: await cancelRendezVousOf(ctx, agendaCallerOf(req), idOf(req), req.body as Annulation, transaction),
      })),
    ),
  );

  router.post(
    '/rendez-vous/:id/cloture',
    requireCapability(CAPABILITIES.rendezVousClose),
    noStore,
    params,
    validateBody(clotureSchema),
    thenFlush(
      idempotentWrite(ctx, async (req, transaction) => ({
        status: 200,
        body: await closeRendezVousOf(ctx, agendaCallerOf(req), idOf(req), req.body as Cloture, transaction),
      })),
    ),
  );

  // --- The agenda.

  router.get('/agenda', read, noStore, validateQuery(agendaQuerySchema), async (req, res) => {
    res.json(await readAgenda(ctx, agendaCallerOf(req), validated<AgendaQuery>(req, 'query')));
  });

  // The colleagues whose agenda may be opened. Like the sites, a directory of staff names: not audited.
  router.get('/agenda/conseillers', requireCapability(CAPABILITIES.agendaSite), async (req, res) => {
    res.json(await listConseillersAgenda(ctx.db.sequelize, missionLocaleScope(req), currentUser(req).id, principalMissionLocaleId(req)));
  });

  // --- Mémos.

  router.get('/memos', memos, noStore, validateQuery(memosQuerySchema), async (req, res) => {
    res.json(await listMemosOf(ctx, agendaCallerOf(req), validated<z.infer<typeof memosQuerySchema>>(req, 'query')));
  });

  router.post(
    '/memos',
    memos,
    noStore,
    validateBody(memoCreationSchema),
    idempotentWrite(ctx, async (req, transaction) => {
      const memo = await createMemo(ctx, agendaCallerOf(req), req.body as MemoCreation, transaction);
      return { status: 201, body: memo, location: `/api/v1/memos/${memo.id}` };
    }),
  );

  router.patch(
    '/memos/:id',
    memos,
    noStore,
    params,
    validateBody(memoPatchSchema),
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 200,
      body: await updateMemoOf(ctx, agendaCallerOf(req), idOf(req), req.body as MemoPatch, transaction),
    })),
  );

  router.delete(
    '/memos/:id',
    memos,
    noStore,
    params,
    idempotentWrite(ctx, async (req, transaction) => {
      await deleteMemoOf(ctx, agendaCallerOf(req), idOf(req), transaction);
      return { status: 204 };
    }),
  );

  // --- The calendar feed's management.

  router.get('/ics/flux', feed, noStore, async (req, res) => {
    res.json(await readFlux(ctx, agendaCallerOf(req)));
  });

  // Not through idempotentWrite: its stored answer would keep the secret URL, which must exist nowhere but in this
  // answer. A repeat only issues another secret, the previous one then stopping.
  router.post('/ics/flux', feed, noStore, validateBody(fluxCalendrierCreationSchema), async (req, res) => {
    const flux = await ctx.db.sequelize.transaction((transaction) =>
      createFlux(ctx, agendaCallerOf(req), req.body as { afficherNoms: boolean }, originOf(req), transaction),
    );
    res.status(201).json(flux);
  });

  router.delete(
    '/ics/flux',
    feed,
    noStore,
    idempotentWrite(ctx, async (req, transaction) => {
      await revokeFlux(ctx, agendaCallerOf(req), transaction);
      return { status: 204 };
    }),
  );

  return router;
};
