import { Router } from 'express';
import { z } from 'zod';
import { CAPABILITIES, type PushSubscriptionCreation, pushSubscriptionCreationSchema } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { noStore } from '../../platform/cache-control';
import { currentUser, requireAnyCapability } from '../../platform/guards';
import { idempotentWrite } from '../../platform/idempotency';
import { validated, validateBody, validateParams } from '../../platform/validate';
import { acknowledge, listOwnSubscriptions, subscribe, unsubscribe } from './push-subscriptions.service';

/** Path parameters of a subscription or an attempt. */
export const pushIdParamsSchema = z.object({ id: z.uuid("L'identifiant est invalide : un UUID est attendu.") });

/**
 * Who has devices to notify: the jeune in C-Milo (reminders, changes) and the conseiller with an agenda (the jeunes'
 * answers).
 */
const requirePushUser = () => requireAnyCapability(CAPABILITIES.cmiloSelf, CAPABILITIES.agendaMine);

/** The caller's push subscriptions (#5). */
export const pushSubscriptionsRouter = (ctx: AppContext): Router => {
  const router = Router();
  const guard = requirePushUser();

  router.get('/push/subscriptions', guard, noStore, async (req, res) => {
    res.json(await listOwnSubscriptions(ctx, currentUser(req)));
  });

  router.post(
    '/push/subscriptions',
    guard,
    noStore,
    validateBody(pushSubscriptionCreationSchema),
    idempotentWrite(ctx, async (req, transaction) => {
      const subscription = await subscribe(ctx, currentUser(req), requestOrigin(req), req.body as PushSubscriptionCreation, transaction);
      return { status: 201, body: subscription, location: `/api/v1/push/subscriptions/${subscription.id}` };
    }),
  );

  router.delete(
    '/push/subscriptions/:id',
    guard,
    validateParams(pushIdParamsSchema),
    idempotentWrite(ctx, async (req, transaction) => {
      await unsubscribe(ctx, currentUser(req), requestOrigin(req), validated<{ id: string }>(req, 'params').id, transaction);
      return { status: 204 };
    }),
  );

  return router;
};

/** The devices' acknowledgement of a push (public: GET by the service worker without a session, see acknowledge). */
export const pushAcquittementsRouter = (ctx: AppContext): Router => {
  const router = Router();
  router.get('/push/acquittements/:id', noStore, validateParams(pushIdParamsSchema), async (req, res) => {
    await acknowledge(ctx, validated<{ id: string }>(req, 'params').id);
    res.status(204).end();
  });
  return router;
};
