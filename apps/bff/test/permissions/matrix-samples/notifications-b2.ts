import { randomUUID } from 'node:crypto';
import { reasonFirst, type Samples } from '../matrix.types';

// The route matrix's requests for the push subscriptions, the delivery log and the notification settings (#5).

/** A push subscription as a browser hands it over (keys of the right shape; the matrix never pushes to it). */
const aBrowserSubscription = () => ({
  endpoint: `https://push.example.org/push/${randomUUID()}`,
  keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
  appareil: 'Téléphone de la matrice',
});

export const notificationsB2Samples: Samples = {
  'GET /api/v1/push/subscriptions': () => ({}),
  'POST /api/v1/push/subscriptions': () => ({ body: aBrowserSubscription() }),
  'DELETE /api/v1/push/subscriptions/:id': async ({ sequelize, callerId, userId }) => {
    const id = randomUUID();
    const subscription = aBrowserSubscription();
    await sequelize.query(
      'INSERT INTO push_subscription (id, utilisateur_id, endpoint, p256dh, auth) VALUES ($id, $user, $endpoint, $p256dh, $auth)',
      { bind: { id, user: callerId ?? userId, endpoint: subscription.endpoint, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth } },
    );
    return { params: { id } };
  },
  'GET /api/v1/jeunes/:id/messages': ({ jeuneId }) => ({ params: { id: jeuneId }, prepare: reasonFirst(jeuneId) }),
  'GET /api/v1/jeunes/:id/joignabilite': ({ jeuneId }) => ({ params: { id: jeuneId }, prepare: reasonFirst(jeuneId) }),
  'GET /api/v1/missions-locales/:id/notifications': ({ ml }) => ({ params: { id: ml.id } }),
  'PUT /api/v1/missions-locales/:id/notifications': ({ ml }) => ({
    params: { id: ml.id },
    body: { rappels: ['J-7', 'J-1'], rappelHeure: 10, pushAcquittementMinutes: 60, smsBudgetMensuel: 500 },
  }),
};
