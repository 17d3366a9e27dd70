import { QueryTypes, type Sequelize } from 'sequelize';
import { issueAccessCode } from '../../src/features/auth/access-code.service';
import { aMissionLocale, auditRows, aUser, type UserOverrides } from '../support/builders';
import { aClient, createTestApp, keepOutOfLogs, signedIn } from '../support/test-app';

const ACTIVATE = '/api/v1/auth/activate';
const CHOSEN_PASSWORD = 'Girafe-Lampion-Cerise-17';
// '1' is not in the codes' alphabet: this never matches an issued code.
const WRONG_CODE = 'ABCD-EFGH-JKM1';
const GENERIC_REFUSAL = { status: 401, code: 'invalid-credentials', detail: "Identifiant ou code d'accès incorrect." };

type TestApp = ReturnType<typeof createTestApp>;

/** A user who has not chosen a password yet, with a code their référent issued just now. */
const aUserAwaitingActivation = async ({ ctx, db }: TestApp, overrides: UserOverrides = {}) => {
  const ml = await aMissionLocale(db.sequelize);
  const referent = await aUser(db.sequelize, ml, { roles: ['admin_ml'] });
  const user = await aUser(db.sequelize, ml, { password: null, cguAccepted: false, ...overrides });
  const { code } = await issueAccessCode(ctx, user.id, referent.id);
  keepOutOfLogs(code);
  return { ml, referent, user, code };
};

/** What activation writes: the password, its stamps and history, and the code's use. */
const storedCredentials = async (sequelize: Sequelize, userId: string) => {
  const rows = await sequelize.query<{
    password_hash: string | null;
    password_changed_at: Date | null;
    activated_at: Date | null;
    code_used_at: Date | null;
    history: number;
  }>(
    `SELECT u.password_hash, u.password_changed_at, u.activated_at,
            (SELECT used_at FROM access_code c WHERE c.utilisateur_id = u.id ORDER BY issued_at DESC LIMIT 1) AS code_used_at,
            (SELECT count(*)::int FROM password_history h WHERE h.utilisateur_id = u.id) AS history
     FROM utilisateur u WHERE u.id = :userId`,
    { type: QueryTypes.SELECT, replacements: { userId } },
  );
  return rows[0]!;
};

/** The activation audit rows written for requests from one client address. */
const activationAuditFrom = (sequelize: Sequelize, ip: string) =>
  sequelize.query<Record<string, unknown>>(
    `SELECT actor_id, mission_locale_id, action, outcome, target_type, target_id, ip, user_agent, details
     FROM audit_log WHERE action = 'auth.activate' AND ip = :ip ORDER BY id`,
    { type: QueryTypes.SELECT, replacements: { ip } },
  );

describe('activation (POST /api/v1/auth/activate)', () => {
  it('when the identifiant and a fresh code match and the password is strong, signs in, stores the password and spends the code', async () => {
    const test = createTestApp();
    const { ml, user, code } = await aUserAwaitingActivation(test);
    const client = await aClient(test.app);

    const res = await client.agent
      .post(ACTIVATE)
      .set('X-XSRF-TOKEN', client.token)
      .set('User-Agent', 'spec-agent')
      .send({ login: user.login, code, password: CHOSEN_PASSWORD });

    expect(res.status).toBe(200);
    expect(res.body).toEqual(jasmine.objectContaining({ id: user.id, mustAcceptCgu: true, mustChangePassword: false }));
    client.refreshToken(res.headers);
    expect((await client.agent.get('/api/v1/me')).status).toBe(200);
    const now = test.clock.now();
    expect(await storedCredentials(test.db.sequelize, user.id)).toEqual(
      jasmine.objectContaining({ password_changed_at: now, activated_at: now, code_used_at: now, history: 1 }),
    );
    const audit = await auditRows(test.db.sequelize, { targetId: user.id, action: 'auth.activate' });
    expect(audit).toEqual([
      {
        at: now,
        actor_id: user.id,
        mission_locale_id: ml.id,
        action: 'auth.activate',
        outcome: 'success',
        target_type: 'utilisateur',
        target_id: user.id,
        ip: client.ip,
        user_agent: 'spec-agent',
        details: {},
      },
    ]);
  });

  it('when an active account is reset with a new code, its other sessions end and the activating device is signed in', async () => {
    const test = createTestApp();
    const ml = await aMissionLocale(test.db.sequelize);
    const referent = await aUser(test.db.sequelize, ml, { roles: ['admin_ml'] });
    const user = await aUser(test.db.sequelize, ml);
    const stolen = await signedIn(test.app, user.login);
    const { code } = await issueAccessCode(test.ctx, user.id, referent.id);
    keepOutOfLogs(code);
    const client = await aClient(test.app);

    const res = await client.post(ACTIVATE, { login: user.login, code, password: CHOSEN_PASSWORD });

    expect(res.status).toBe(200);
    expect((await client.agent.get('/api/v1/me')).status).toBe(200);
    expect((await stolen.agent.get('/api/v1/me')).status).toBe(401);
    expect(await auditRows(test.db.sequelize, { targetId: user.id, action: 'auth.activate' })).toEqual([
      jasmine.objectContaining({ outcome: 'success', details: { otherSessionsEnded: 1 } }),
    ]);
  });

  it('when the code is typed in lowercase without dashes, it still matches', async () => {
    const test = createTestApp();
    const { user, code } = await aUserAwaitingActivation(test);
    const client = await aClient(test.app);

    const res = await client.post(ACTIVATE, { login: user.login, code: code.replaceAll('-', '').toLowerCase(), password: CHOSEN_PASSWORD });

    expect(res.status).toBe(200);
  });

  it('when the code was already used, a second activation answers 401 access-code-used and keeps the first password', async () => {
    const test = createTestApp();
    const { user, code } = await aUserAwaitingActivation(test);
    await (await aClient(test.app)).post(ACTIVATE, { login: user.login, code, password: CHOSEN_PASSWORD });
    const before = await storedCredentials(test.db.sequelize, user.id);
    const second = await aClient(test.app);

    const res = await second.post(ACTIVATE, { login: user.login, code, password: 'Hibou-Sable-Trompette-64' });

    expect(res.status).toBe(401);
    expect(res.body).toEqual(jasmine.objectContaining({ code: 'access-code-used', detail: jasmine.stringMatching(/déjà été utilisé/) }));
    expect((await storedCredentials(test.db.sequelize, user.id)).password_hash).toBe(before.password_hash);
    expect(await activationAuditFrom(test.db.sequelize, second.ip)).toEqual([
      jasmine.objectContaining({ actor_id: user.id, outcome: 'failure', details: { reason: 'access-code-used' } }),
    ]);
  });

  it('when the code is 7 days and 1 minute old, answers 401 access-code-expired and writes nothing', async () => {
    const test = createTestApp();
    const { user, code } = await aUserAwaitingActivation(test);
    test.clock.advanceDays(7);
    test.clock.advanceMinutes(1);
    const client = await aClient(test.app);

    const res = await client.post(ACTIVATE, { login: user.login, code, password: CHOSEN_PASSWORD });

    expect(res.status).toBe(401);
    expect(res.body).toEqual(
      jasmine.objectContaining({ code: 'access-code-expired', detail: "Ce code d'accès a expiré. Demandez-en un nouveau à votre référent I-milo." }),
    );
    expect(await storedCredentials(test.db.sequelize, user.id)).toEqual(
      jasmine.objectContaining({ password_hash: null, activated_at: null, code_used_at: null, history: 0 }),
    );
  });

  it('when the code is wrong, answers the generic 401 and audits the reason, never the code', async () => {
    const test = createTestApp();
    const { ml, user } = await aUserAwaitingActivation(test);
    const client = await aClient(test.app);

    const res = await client.agent
      .post(ACTIVATE)
      .set('X-XSRF-TOKEN', client.token)
      .set('User-Agent', 'spec-agent')
      .send({ login: user.login, code: WRONG_CODE, password: CHOSEN_PASSWORD });

    expect(res.status).toBe(401);
    expect(res.body).toEqual(jasmine.objectContaining(GENERIC_REFUSAL));
    expect(await activationAuditFrom(test.db.sequelize, client.ip)).toEqual([
      {
        actor_id: user.id,
        mission_locale_id: ml.id,
        action: 'auth.activate',
        outcome: 'failure',
        target_type: 'utilisateur',
        target_id: user.id,
        ip: client.ip,
        user_agent: 'spec-agent',
        details: { reason: 'wrong-code' },
      },
    ]);
    expect((await storedCredentials(test.db.sequelize, user.id)).code_used_at).toBeNull();
  });

  it('when the identifiant is unknown, answers exactly as for a wrong code (no account enumeration)', async () => {
    const test = createTestApp();
    const { user, code } = await aUserAwaitingActivation(test);
    const wrongCode = await aClient(test.app);
    const unknownLogin = await aClient(test.app);

    const refusedCode = await wrongCode.post(ACTIVATE, { login: user.login, code: WRONG_CODE, password: CHOSEN_PASSWORD });
    const refusedLogin = await unknownLogin.post(ACTIVATE, { login: 'personne.inconnue', code, password: CHOSEN_PASSWORD });

    expect(refusedLogin.status).toBe(401);
    expect(refusedLogin.body).toEqual(refusedCode.body);
    expect(await activationAuditFrom(test.db.sequelize, unknownLogin.ip)).toEqual([
      jasmine.objectContaining({ actor_id: null, mission_locale_id: null, target_type: null, target_id: null, details: { reason: 'unknown' } }),
    ]);
  });

  it('when a newer code was issued, the revoked one gets the generic 401 and the newer one works', async () => {
    const test = createTestApp();
    const { referent, user, code: revoked } = await aUserAwaitingActivation(test);
    const { code: latest } = await issueAccessCode(test.ctx, user.id, referent.id);
    keepOutOfLogs(latest);
    const client = await aClient(test.app);

    const refused = await client.post(ACTIVATE, { login: user.login, code: revoked, password: CHOSEN_PASSWORD });
    const accepted = await client.post(ACTIVATE, { login: user.login, code: latest, password: CHOSEN_PASSWORD });

    expect(refused.body).toEqual(jasmine.objectContaining(GENERIC_REFUSAL));
    expect(accepted.status).toBe(200);
  });

  it('when the account is deactivated, the right code gets the generic 401', async () => {
    const test = createTestApp();
    const { user, code } = await aUserAwaitingActivation(test, { active: false });
    const client = await aClient(test.app);

    const res = await client.post(ACTIVATE, { login: user.login, code, password: CHOSEN_PASSWORD });

    expect(res.body).toEqual(jasmine.objectContaining(GENERIC_REFUSAL));
    expect(await activationAuditFrom(test.db.sequelize, client.ip)).toEqual([jasmine.objectContaining({ details: { reason: 'inactive' } })]);
  });

  it('when the password is built from the user\'s names, answers 400 weak-password on the password field and writes nothing', async () => {
    const test = createTestApp();
    const { user, code } = await aUserAwaitingActivation(test);
    const client = await aClient(test.app);

    const res = await client.post(ACTIVATE, { login: user.login, code, password: 'camille.martin2026' });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('weak-password');
    expect(res.body.errors).toEqual([{ path: 'password', message: jasmine.stringMatching(/trop facile à deviner/) }]);
    expect(await storedCredentials(test.db.sequelize, user.id)).toEqual(
      jasmine.objectContaining({ password_hash: null, activated_at: null, code_used_at: null, history: 0 }),
    );
    expect((await client.post(ACTIVATE, { login: user.login, code, password: CHOSEN_PASSWORD })).status).toBe(200);
  });

  it('when the body misses the code, has an unknown field or a short password, answers 400 and writes nothing', async () => {
    const test = createTestApp();
    const { user } = await aUserAwaitingActivation(test);
    const client = await aClient(test.app);

    const res = await client.post(ACTIVATE, { login: user.login, password: 'court', admin: true });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors).toEqual(
      jasmine.arrayContaining([
        { path: 'code', message: "Le code d'accès est obligatoire." },
        { path: 'password', message: 'Le mot de passe doit compter au moins 12 caractères.' },
        { path: '(corps)', message: 'Champ(s) inconnu(s) : admin.' },
      ]),
    );
    expect((await storedCredentials(test.db.sequelize, user.id)).password_hash).toBeNull();
    expect(await activationAuditFrom(test.db.sequelize, client.ip)).toEqual([]);
  });
});
