import { QueryTypes } from 'sequelize';
import { aMissionLocale, aUser } from '../support/builders';
import { createTestApp, signedIn } from '../support/test-app';

// The caller's push subscriptions (#5): one per device, upserted by endpoint, deleted by their owner only.

const aBrowserSubscription = (n: number) => ({
  endpoint: `https://push.example.org/push/device-${n}-${Date.now()}`,
  keys: { p256dh: `B${'C'.repeat(86)}`, auth: 'D'.repeat(22) },
  appareil: 'Téléphone d’Inès',
});

describe('push subscriptions routes', () => {
  const aWorld = async () => {
    const { app, ctx, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const jeune = await aUser(db.sequelize, ml, { roles: ['jeune'] });
    const conseiller = await aUser(db.sequelize, ml);
    const rows = (userId: string) =>
      db.sequelize.query<{ endpoint: string; p256dh: string }>('SELECT endpoint, p256dh FROM push_subscription WHERE utilisateur_id = $id', {
        type: QueryTypes.SELECT,
        bind: { id: userId },
      });
    return { app, ctx, db, jeune, conseiller, rows };
  };

  it('when a jeune subscribes a device, it is listed with the VAPID key; subscribing it again replaces it', async () => {
    const { app, ctx, jeune, rows } = await aWorld();
    const client = await signedIn(app, jeune.login);
    const device = aBrowserSubscription(1);

    const created = await client.post('/api/v1/push/subscriptions', device);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: jasmine.any(String), appareil: 'Téléphone d’Inès', creeLe: jasmine.any(String) });

    const renewed = await client.post('/api/v1/push/subscriptions', { ...device, keys: { ...device.keys, p256dh: `B${'E'.repeat(86)}` } });
    expect(renewed.status).toBe(201);
    expect(await rows(jeune.id)).toEqual([{ endpoint: device.endpoint, p256dh: `B${'E'.repeat(86)}` }]);

    const listed = await client.agent.get('/api/v1/push/subscriptions');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ publicKey: ctx.channels.push.publicKey, subscriptions: [created.body] });
  });

  it('when the body is not a browser subscription, it answers 400 in French and stores nothing', async () => {
    const { app, jeune, rows } = await aWorld();
    const client = await signedIn(app, jeune.login);

    const res = await client.post('/api/v1/push/subscriptions', { ...aBrowserSubscription(2), keys: { p256dh: 'court', auth: 'D'.repeat(22) } });

    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Clé de notification invalide.');
    expect(await rows(jeune.id)).toEqual([]);
  });

  it('when a user deletes a device, only their own goes: another user\'s answers 404 and stays', async () => {
    const { app, jeune, conseiller, rows } = await aWorld();
    const jeuneClient = await signedIn(app, jeune.login);
    const conseillerClient = await signedIn(app, conseiller.login);
    const mine = (await jeuneClient.post('/api/v1/push/subscriptions', aBrowserSubscription(3))).body as { id: string };

    const foreign = await conseillerClient.agent.delete(`/api/v1/push/subscriptions/${mine.id}`).set('X-XSRF-TOKEN', conseillerClient.token);
    expect(foreign.status).toBe(404);
    expect((await rows(jeune.id)).length).toBe(1);

    const own = await jeuneClient.agent.delete(`/api/v1/push/subscriptions/${mine.id}`).set('X-XSRF-TOKEN', jeuneClient.token);
    expect(own.status).toBe(204);
    expect(await rows(jeune.id)).toEqual([]);
  });

  it('when an unknown push attempt is acknowledged, it answers 404', async () => {
    const { app } = await aWorld();
    const res = await (await import('supertest')).default(app).get('/api/v1/push/acquittements/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
  });
});
