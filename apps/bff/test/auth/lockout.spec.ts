import { aMissionLocale, auditRows, aUser, TEST_PASSWORD } from '../support/builders';
import { aClient, createTestApp } from '../support/test-app';

const LOGIN = '/api/v1/auth/login';
const WRONG_PASSWORD = 'pas-le-bon-mot-de-passe';

describe('account lockout', () => {
  it('when 5 wrong passwords were typed, the right one is refused with the generic 401 and audited as locked', async () => {
    const { app, db } = createTestApp();
    const user = await aUser(db.sequelize, await aMissionLocale(db.sequelize));
    const client = await aClient(app);
    for (let attempt = 0; attempt < 5; attempt++) {
      await client.post(LOGIN, { login: user.login, password: WRONG_PASSWORD });
    }

    const res = await client.post(LOGIN, { login: user.login, password: TEST_PASSWORD });

    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Identifiant ou mot de passe incorrect, ou compte temporairement bloqué.');
    const audit = await auditRows(db.sequelize, { targetId: user.id, action: 'auth.login' });
    expect(audit.map((row) => row['details'])).toEqual([...Array(5).fill({ reason: 'wrong-password' }), { reason: 'locked' }]);
  });

  it('when 14 minutes have passed the account is still locked; at 15 minutes the right password works', async () => {
    const { app, db, clock } = createTestApp();
    const user = await aUser(db.sequelize, await aMissionLocale(db.sequelize));
    const client = await aClient(app);
    for (let attempt = 0; attempt < 5; attempt++) {
      await client.post(LOGIN, { login: user.login, password: WRONG_PASSWORD });
    }

    clock.advanceMinutes(14);
    const stillLocked = await client.post(LOGIN, { login: user.login, password: TEST_PASSWORD });
    clock.advanceMinutes(1);
    const unlocked = await client.post(LOGIN, { login: user.login, password: TEST_PASSWORD });

    expect(stillLocked.status).toBe(401);
    expect(unlocked.status).toBe(200);
  });

  it('when a sign-in succeeds, the failures before it no longer count', async () => {
    const { app, db } = createTestApp();
    const user = await aUser(db.sequelize, await aMissionLocale(db.sequelize));
    const client = await aClient(app);
    const fourFailures = async () => {
      for (let attempt = 0; attempt < 4; attempt++) {
        await client.post(LOGIN, { login: user.login, password: WRONG_PASSWORD });
      }
    };

    await fourFailures();
    const first = await client.post(LOGIN, { login: user.login, password: TEST_PASSWORD });
    await fourFailures();
    const second = await client.post(LOGIN, { login: user.login, password: TEST_PASSWORD });

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
  });
});
