import { QueryTypes, type Sequelize } from 'sequelize';
import { aMissionLocale, auditRows, aUser, TEST_PASSWORD } from '../support/builders';
import { aClient, createTestApp, GATED_PROBE, gatedProbe, keepOutOfLogs, signedIn } from '../support/test-app';

const CHANGE = '/api/v1/auth/password';
// Strong passwords, none built from the builders' names (Camille Martin).
const STRONG = ['Girafe-Lampion-Cerise-17', 'Nuage-Brique-Violon-88', 'Tortue-Ciment-Piano-31', 'Hibou-Sable-Trompette-64', 'Renard-Glacier-Tuba-25'];
keepOutOfLogs(...STRONG);

const passwordRow = async (sequelize: Sequelize, userId: string) => {
  const rows = await sequelize.query<{ password_hash: string; password_changed_at: Date; failed_attempts: number }>(
    'SELECT password_hash, password_changed_at, failed_attempts FROM utilisateur WHERE id = :userId',
    { type: QueryTypes.SELECT, replacements: { userId } },
  );
  return rows[0]!;
};

/** A staff user (password: the builders' default) and an app with a route behind the gates. */
const aSignedInUser = async (overrides: { passwordChangedAt?: Date } = {}) => {
  const test = createTestApp({ gated: [gatedProbe()] });
  const ml = await aMissionLocale(test.db.sequelize);
  const user = await aUser(test.db.sequelize, ml, overrides);
  return { test, ml, user };
};

describe('password expiry', () => {
  it('when the password changed 91 days ago, /me says it must change and a gated route answers 403 password-expired', async () => {
    const { test, user } = await aSignedInUser();
    test.clock.advanceDays(91);
    const client = await signedIn(test.app, user.login);

    const me = await client.agent.get('/api/v1/me');
    const gated = await client.agent.get(GATED_PROBE);

    expect(me.body.mustChangePassword).toBeTrue();
    expect(gated.status).toBe(403);
    expect(gated.body.code).toBe('password-expired');
  });

  it('when the password changed 89 days ago, the gated route answers', async () => {
    const { test, user } = await aSignedInUser();
    test.clock.advanceDays(89);
    const client = await signedIn(test.app, user.login);

    expect((await client.agent.get(GATED_PROBE)).status).toBe(204);
  });

  it('when PASSWORD_LIFETIME_DAYS is 30, a 31-day-old password has expired', async () => {
    const test = createTestApp({ env: { PASSWORD_LIFETIME_DAYS: '30' }, gated: [gatedProbe()] });
    const user = await aUser(test.db.sequelize, await aMissionLocale(test.db.sequelize));
    test.clock.advanceDays(31);
    const client = await signedIn(test.app, user.login);

    expect((await client.agent.get(GATED_PROBE)).body.code).toBe('password-expired');
  });
});

describe('password change (POST /api/v1/auth/password)', () => {
  it('when an expired password is changed, answers the fresh /me, audits it, and the gated route opens', async () => {
    const { test, ml, user } = await aSignedInUser();
    test.clock.advanceDays(91);
    const client = await signedIn(test.app, user.login);

    const res = await client.agent
      .post(CHANGE)
      .set('X-XSRF-TOKEN', client.token)
      .set('User-Agent', 'spec-agent')
      .send({ currentPassword: TEST_PASSWORD, newPassword: STRONG[0] });

    expect(res.status).toBe(200);
    const now = test.clock.now();
    expect(res.body).toEqual(
      jasmine.objectContaining({ id: user.id, mustChangePassword: false, passwordExpiresAt: new Date(now.getTime() + 90 * 86_400_000).toISOString() }),
    );
    expect((await client.agent.get(GATED_PROBE)).status).toBe(204);
    expect((await passwordRow(test.db.sequelize, user.id)).password_changed_at).toEqual(now);
    expect(await auditRows(test.db.sequelize, { targetId: user.id, action: 'auth.password-change' })).toEqual([
      {
        at: now,
        actor_id: user.id,
        mission_locale_id: ml.id,
        action: 'auth.password-change',
        outcome: 'success',
        target_type: 'utilisateur',
        target_id: user.id,
        ip: client.ip,
        user_agent: 'spec-agent',
        details: { otherSessionsEnded: 0 },
      },
    ]);
  });

  it('when the password is changed on one device, the other device is signed out, this one stays signed in, and the audit counts it', async () => {
    const { test, user } = await aSignedInUser();
    const colleague = await aUser(test.db.sequelize, await aMissionLocale(test.db.sequelize));
    const deviceA = await signedIn(test.app, user.login);
    const deviceB = await signedIn(test.app, user.login);
    const colleagueClient = await signedIn(test.app, colleague.login);

    const res = await deviceA.post(CHANGE, { currentPassword: TEST_PASSWORD, newPassword: STRONG[0] });

    expect(res.status).toBe(200);
    expect((await deviceA.agent.get('/api/v1/me')).status).toBe(200);
    expect((await deviceB.agent.get('/api/v1/me')).status).toBe(401);
    expect((await colleagueClient.agent.get('/api/v1/me')).status).withContext("another user's session").toBe(200);
    expect(await auditRows(test.db.sequelize, { targetId: user.id, action: 'auth.password-change' })).toEqual([
      jasmine.objectContaining({ outcome: 'success', details: { otherSessionsEnded: 1 } }),
    ]);
  });

  it('when the password change is refused, the other sessions stay signed in', async () => {
    const { test, user } = await aSignedInUser();
    const deviceA = await signedIn(test.app, user.login);
    const deviceB = await signedIn(test.app, user.login);

    const res = await deviceA.post(CHANGE, { currentPassword: TEST_PASSWORD, newPassword: 'Martin.Camille2026' });

    expect(res.status).toBe(400);
    expect((await deviceB.agent.get('/api/v1/me')).status).toBe(200);
  });

  it('when the password was changed, only the new one signs in', async () => {
    const { test, user } = await aSignedInUser();
    const client = await signedIn(test.app, user.login);

    await client.post(CHANGE, { currentPassword: TEST_PASSWORD, newPassword: STRONG[0] });

    await expectAsync(signedIn(test.app, user.login)).toBeRejectedWithError(/401/);
    await expectAsync(signedIn(test.app, user.login, STRONG[0])).toBeResolved();
  });

  it('when the current password is wrong, answers 400 on currentPassword, keeps the password and counts a failure', async () => {
    const { test, user } = await aSignedInUser();
    const client = await signedIn(test.app, user.login);
    const before = await passwordRow(test.db.sequelize, user.id);

    const res = await client.post(CHANGE, { currentPassword: 'pas-le-bon-mot-de-passe', newPassword: STRONG[0] });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'currentPassword', message: jasmine.stringMatching(/Mot de passe actuel incorrect/) }]);
    expect(await passwordRow(test.db.sequelize, user.id)).toEqual({ ...before, failed_attempts: 1 });
    expect(await auditRows(test.db.sequelize, { targetId: user.id, action: 'auth.password-change' })).toEqual([
      jasmine.objectContaining({ outcome: 'failure', details: { reason: 'wrong-password' } }),
    ]);
  });

  it('when the current password is wrong five times, the account is locked for sign-in and for the change itself', async () => {
    const { test, user } = await aSignedInUser();
    const client = await signedIn(test.app, user.login);
    for (let attempt = 0; attempt < 5; attempt++) {
      await client.post(CHANGE, { currentPassword: 'pas-le-bon-mot-de-passe', newPassword: STRONG[0] });
    }

    const change = await client.post(CHANGE, { currentPassword: TEST_PASSWORD, newPassword: STRONG[0] });

    expect(change.status).toBe(400);
    await expectAsync(signedIn(test.app, user.login)).toBeRejectedWithError(/401/);
    const audit = await auditRows(test.db.sequelize, { targetId: user.id, action: 'auth.password-change' });
    expect(audit.at(-1)).toEqual(jasmine.objectContaining({ outcome: 'failure', details: { reason: 'locked' } }));
  });

  it('when the new password is one of the last five (current included), answers 400 password-reused; the sixth older one is accepted', async () => {
    const { test, user } = await aSignedInUser();
    const client = await signedIn(test.app, user.login);
    const change = (currentPassword: string, newPassword: string) => client.post(CHANGE, { currentPassword, newPassword });

    expect((await change(TEST_PASSWORD, STRONG[0]!)).status).toBe(200);
    const backToFirst = await change(STRONG[0]!, TEST_PASSWORD);
    for (const [index, next] of STRONG.slice(1).entries()) {
      expect((await change(STRONG[index]!, next)).status).withContext(`change to STRONG[${index + 1}]`).toBe(200);
    }
    const fifthMostRecent = await change(STRONG[4]!, STRONG[0]!);
    const current = await change(STRONG[4]!, STRONG[4]!);
    const sixthMostRecent = await change(STRONG[4]!, TEST_PASSWORD);

    expect(backToFirst.status).toBe(400);
    expect(backToFirst.body.code).toBe('password-reused');
    expect(backToFirst.body.errors).toEqual([{ path: 'newPassword', message: jasmine.stringMatching(/déjà utilisé/) }]);
    expect(fifthMostRecent.body.code).toBe('password-reused');
    expect(current.body.code).toBe('password-reused');
    expect(sixthMostRecent.status).toBe(200);
    const history = await test.db.sequelize.query('SELECT 1 FROM password_history WHERE utilisateur_id = :id', {
      type: QueryTypes.SELECT,
      replacements: { id: user.id },
    });
    expect(history.length).withContext('only the last five hashes are kept').toBe(5);
  });

  it('when the new password is built from the user\'s names, answers 400 weak-password on newPassword and keeps the old one', async () => {
    const { test, user } = await aSignedInUser();
    const client = await signedIn(test.app, user.login);
    const before = await passwordRow(test.db.sequelize, user.id);

    const res = await client.post(CHANGE, { currentPassword: TEST_PASSWORD, newPassword: 'Martin.Camille2026' });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('weak-password');
    expect(res.body.errors).toEqual([{ path: 'newPassword', message: jasmine.stringMatching(/trop facile à deviner/) }]);
    expect(await passwordRow(test.db.sequelize, user.id)).toEqual(before);
  });

  it('when the body misses the new password or has an unknown field, answers 400 and changes nothing', async () => {
    const { test, user } = await aSignedInUser();
    const client = await signedIn(test.app, user.login);
    const before = await passwordRow(test.db.sequelize, user.id);

    const res = await client.post(CHANGE, { currentPassword: TEST_PASSWORD, nouveau: STRONG[0] });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors).toEqual(
      jasmine.arrayContaining([
        { path: 'newPassword', message: 'Le nouveau mot de passe est obligatoire.' },
        { path: '(corps)', message: 'Champ(s) inconnu(s) : nouveau.' },
      ]),
    );
    expect(await passwordRow(test.db.sequelize, user.id)).toEqual(before);
  });

  it('when no one is signed in, answers 401', async () => {
    const { test } = await aSignedInUser();
    const client = await aClient(test.app);

    const res = await client.post(CHANGE, { currentPassword: TEST_PASSWORD, newPassword: STRONG[0] });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });
});
