import { type Request, Router } from 'express';
import { z } from 'zod';
import { CAPABILITIES, type PreferencesNotification, preferencesNotificationSchema, type ReponseJeuneBody, reponseJeuneSchema } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { noStore } from '../../platform/cache-control';
import { currentUser, requireCapability } from '../../platform/guards';
import { idempotentWrite } from '../../platform/idempotency';
import { validated, validateBody, validateParams, validateQuery } from '../../platform/validate';
import { thenFlushNotifications } from '../sessions/sessions.router';
import {
  answerRendezVous,
  type CmiloCaller,
  confirmByToken,
  listMeActions,
  listMeRendezVous,
  listMeSessions,
  readMePreferences,
  registerSelf,
  saveMePreferences,
  unregisterSelf,
} from './cmilo.service';

/** Path parameters of the routes about one of the jeune's rendez-vous or sessions. */
export const meObjetParamsSchema = z.object({ id: z.uuid("L'identifiant est invalide : un UUID est attendu.") });

/** Query of the notification action's link. */
export const confirmationLinkQuerySchema = z.object({ jeton: z.string('Le jeton est requis.').min(1, 'Le jeton est requis.').max(2000) });

/** The answer of the notification action: the state reached, and nothing about the jeune. */
export const confirmationLinkAnswerSchema = z.object({ statut: z.literal('CONFIRME') });

const idOf = (req: Request): string => validated<{ id: string }>(req, 'params').id;

const cmiloCallerOf = (req: Request): CmiloCaller => ({ user: currentUser(req), origin: requestOrigin(req) });

/** C-Milo, the jeune's space (#5): their rendez-vous and answers, actions, sessions and notification preferences. */
export const cmiloRouter = (ctx: AppContext): Router => {
  const router = Router();
  const self = requireCapability(CAPABILITIES.cmiloSelf);
  const params = validateParams(meObjetParamsSchema);

  router.get('/me/rendez-vous', self, noStore, async (req, res) => {
    res.json(await listMeRendezVous(ctx, cmiloCallerOf(req)));
  });

  router.post(
    '/me/rendez-vous/:id/confirmation',
    self,
    noStore,
    params,
    validateBody(reponseJeuneSchema),
    thenFlushNotifications(
      ctx,
      idempotentWrite(ctx, async (req, transaction) => ({
        status: 200,
        body: await answerRendezVous(ctx, cmiloCallerOf(req), idOf(req), req.body as ReponseJeuneBody, transaction),
      })),
    ),
  );

  router.get('/me/actions', self, noStore, async (req, res) => {
    res.json(await listMeActions(ctx, cmiloCallerOf(req)));
  });

  router.get('/me/preferences-notification', self, noStore, async (req, res) => {
    res.json(await readMePreferences(ctx, cmiloCallerOf(req)));
  });

  router.put(
    '/me/preferences-notification',
    self,
    noStore,
    validateBody(preferencesNotificationSchema),
    idempotentWrite(ctx, async (req, transaction) => ({
      status: 200,
      body: await saveMePreferences(ctx, cmiloCallerOf(req), req.body as PreferencesNotification, transaction),
    })),
  );

  router.get('/me/sessions', self, noStore, async (req, res) => {
    res.json(await listMeSessions(ctx, cmiloCallerOf(req)));
  });

  router.post(
    '/me/sessions/:id/inscription',
    self,
    noStore,
    params,
    thenFlushNotifications(
      ctx,
      idempotentWrite(ctx, async (req, transaction) => ({
        status: 201,
        body: await registerSelf(ctx, cmiloCallerOf(req), idOf(req), transaction),
      })),
    ),
  );

  router.delete(
    '/me/sessions/:id/inscription',
    self,
    noStore,
    params,
    thenFlushNotifications(
      ctx,
      idempotentWrite(ctx, async (req, transaction) => {
        await unregisterSelf(ctx, cmiloCallerOf(req), idOf(req), transaction);
        return { status: 204 };
      }),
    ),
  );

  return router;
};

/**
 * The "Je confirme" action of a reminder notification: the service worker's request is a plain GET without session
 * nor CSRF header, so the signed single-use token in the URL is the whole authority. Mounted before the sign-in gates.
 * 200 `{statut: 'CONFIRME'}` the first time; 204 for a replay, which changes nothing.
 */
export const cmiloPublicRouter = (ctx: AppContext): Router => {
  const router = Router();
  router.get(
    '/me/rendez-vous/:id/confirmation',
    noStore,
    validateParams(meObjetParamsSchema),
    validateQuery(confirmationLinkQuerySchema),
    thenFlushNotifications(ctx, async (req, res) => {
      const { jeton } = validated<{ jeton: string }>(req, 'query');
      const confirmed = await ctx.db.sequelize.transaction((transaction) => confirmByToken(ctx, jeton, idOf(req), requestOrigin(req), transaction));
      if (confirmed) {
        res.json({ statut: 'CONFIRME' });
      } else {
        res.status(204).end();
      }
    }),
  );
  return router;
};
