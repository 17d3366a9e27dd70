import { QueryTypes, type Sequelize } from 'sequelize';
import { aMissionLocale, auditRows, aUser } from '../support/builders';
import { aClient, createTestApp, signedIn } from '../support/test-app';

/** How many stored sessions sign the user in. */
const sessionsOf = async (sequelize: Sequelize, userId: string): Promise<number> => {
  const rows = await sequelize.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM user_session WHERE (sess -> 'passport' ->> 'user') = :userId`,
    { type: QueryTypes.SELECT, replacements: { userId } },
  );
  return rows[0]!.count;
};

describe('session timeouts', () => {
  it('when a session is idle for 31 minutes, answers 401 and the stored session is gone', async () => {
    const { app, db, clock } = createTestApp();
    const user = await aUser(db.sequelize, await aMissionLocale(db.sequelize));
    const client = await signedIn(app, user.login);

    clock.advanceMinutes(31);
    const res = await client.agent.get('/api/v1/me');

    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Votre session a expiré. Veuillez vous reconnecter.');
    expect(await sessionsOf(db.sequelize, user.id)).toBe(0);
  });

  it('when the user is active every 20 minutes, the session lives 12 hours, then answers 401', async () => {
    const { app, db, clock } = createTestApp();
    const user = await aUser(db.sequelize, await aMissionLocale(db.sequelize));
    const client = await signedIn(app, user.login);
    for (let elapsed = 20; elapsed <= 12 * 60; elapsed += 20) {
      clock.advanceMinutes(20);
      expect((await client.agent.get('/api/v1/me')).status).withContext(`after ${elapsed} minutes`).toBe(200);
    }

    clock.advanceMinutes(20);
    const res = await client.agent.get('/api/v1/me');

    expect(res.status).toBe(401);
  });
});

/** The stored session row of the user: its last activity stamp and expiry. */
const storedSessionOf = async (sequelize: Sequelize, userId: string) => {
  const rows = await sequelize.query<{ lastSeenAt: string; expire: Date }>(
    `SELECT sess ->> 'lastSeenAt' AS "lastSeenAt", expire FROM user_session WHERE (sess -> 'passport' ->> 'user') = :userId`,
    { type: QueryTypes.SELECT, replacements: { userId } },
  );
  return rows[0];
};

describe('session writes', () => {
  it('when requests follow each other within a minute, the stored session is not rewritten; after a minute it is', async () => {
    const { app, db, clock } = createTestApp();
    const user = await aUser(db.sequelize, await aMissionLocale(db.sequelize));
    const client = await signedIn(app, user.login);
    const signedInRow = await storedSessionOf(db.sequelize, user.id);

    clock.advanceMinutes(0.5);
    expect((await client.agent.get('/api/v1/me')).status).toBe(200);
    expect(await storedSessionOf(db.sequelize, user.id)).withContext('30 s later').toEqual(signedInRow);

    clock.advanceMinutes(1);
    expect((await client.agent.get('/api/v1/me')).status).toBe(200);
    const stamped = await storedSessionOf(db.sequelize, user.id);
    expect(Number(stamped?.lastSeenAt)).toBe(clock.now().getTime());
  });
});

describe('log out everywhere (POST /api/v1/auth/logout-all)', () => {
  it('when a user is signed in on two devices, ends both sessions, audits it, and leaves other users signed in', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const user = await aUser(db.sequelize, ml);
    const colleague = await aUser(db.sequelize, ml);
    const laptop = await signedIn(app, user.login);
    const phone = await signedIn(app, user.login);
    const colleagueClient = await signedIn(app, colleague.login);

    const res = await phone.post('/api/v1/auth/logout-all');

    expect(res.status).toBe(204);
    expect((await laptop.agent.get('/api/v1/me')).status).toBe(401);
    expect((await phone.agent.get('/api/v1/me')).status).toBe(401);
    expect((await colleagueClient.agent.get('/api/v1/me')).status).toBe(200);
    expect(await sessionsOf(db.sequelize, user.id)).toBe(0);
    expect(await auditRows(db.sequelize, { targetId: user.id, action: 'auth.logout-all' })).toEqual([
      jasmine.objectContaining({ actor_id: user.id, mission_locale_id: ml.id, outcome: 'success', ip: phone.ip, details: { sessions: 2 } }),
    ]);
  });

  it('when no one is signed in, answers 401', async () => {
    const { app } = createTestApp();
    const client = await aClient(app);

    expect((await client.post('/api/v1/auth/logout-all')).status).toBe(401);
  });
});
