import request from 'supertest';
import { aMissionLocale, auditRows, aUser, TEST_PASSWORD } from '../support/builders';
import { aClient, createTestApp, signedIn } from '../support/test-app';

const cookieNamed = (headers: Record<string, unknown>, name: string) =>
  ([] as string[]).concat((headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`));

describe('sign-in (POST /api/v1/auth/login)', () => {
  it('when the password is right, answers the user with roles and Mission Locale, and /me works with the cookie', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize, { nom: 'Mission Locale Garonne' });
    const user = await aUser(db.sequelize, ml, { roles: ['conseiller'] });
    const client = await aClient(app);

    const res = await client.agent.post('/api/v1/auth/login').set('X-XSRF-TOKEN', client.token).send({ login: user.login, password: TEST_PASSWORD });

    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['conseiller']);
    expect(res.body.missionsLocales[0]).toEqual(
      jasmine.objectContaining({ nom: 'Mission Locale Garonne', principale: true, site: jasmine.objectContaining({ nom: 'Siège' }) }),
    );
    expect(res.body.mustChangePassword).toBeFalse();
    const me = await client.agent.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
  });

  it('when the session cookie is set, it is httpOnly, SameSite=Lax and named imilo.sid; the session id changes at sign-in', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const user = await aUser(db.sequelize, ml);
    const client = await aClient(app);
    const before = await client.agent.get('/api/v1/auth/csrf');

    const res = await client.agent.post('/api/v1/auth/login').set('X-XSRF-TOKEN', client.token).send({ login: user.login, password: TEST_PASSWORD });

    const sid = cookieNamed(res.headers, 'imilo.sid');
    expect(sid).toMatch(/HttpOnly/i);
    expect(sid).toMatch(/SameSite=Lax/i);
    expect(sid?.split(';')[0]).not.toBe(cookieNamed(before.headers, 'imilo.sid')?.split(';')[0]);
  });

  it('when the password is wrong, answers 401 with the generic French message and writes a failure audit row', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const user = await aUser(db.sequelize, ml);
    const client = await aClient(app);

    const res = await client.agent
      .post('/api/v1/auth/login')
      .set('X-XSRF-TOKEN', client.token)
      .set('User-Agent', 'spec-agent')
      .send({ login: user.login, password: 'mauvais-mot-de-passe' });

    expect(res.status).toBe(401);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toEqual(
      jasmine.objectContaining({ status: 401, code: 'invalid-credentials', detail: 'Identifiant ou mot de passe incorrect, ou compte temporairement bloqué.' }),
    );
    const rows = await auditRows(db.sequelize, { targetId: user.id, action: 'auth.login' });
    expect(rows.length).toBe(1);
    expect(rows[0]).toEqual(
      jasmine.objectContaining({
        actor_id: user.id,
        mission_locale_id: null,
        outcome: 'failure',
        target_type: 'utilisateur',
        target_id: user.id,
        user_agent: 'spec-agent',
        details: { reason: 'wrong-password' },
      }),
    );
    expect(rows[0]!['ip']).toBe(client.ip);
  });

  it('when the login does not exist, answers exactly as for a wrong password (no account enumeration)', async () => {
    const { app } = createTestApp();
    const client = await aClient(app);

    const res = await client.agent.post('/api/v1/auth/login').set('X-XSRF-TOKEN', client.token).send({ login: 'personne.inconnue', password: 'nimporte-quoi-123' });

    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Identifiant ou mot de passe incorrect, ou compte temporairement bloqué.');
  });

  it('when the body has an unknown field or misses the password, answers 400 with French field errors', async () => {
    const { app } = createTestApp();
    const client = await aClient(app);

    const res = await client.agent.post('/api/v1/auth/login').set('X-XSRF-TOKEN', client.token).send({ login: 'a.b', admin: true });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors).toContain(jasmine.objectContaining({ path: 'password', message: 'Le mot de passe est obligatoire.' }));
    expect(res.body.errors).toContain(jasmine.objectContaining({ message: 'Champ(s) inconnu(s) : admin.' }));
  });

  it('when the CSRF header is missing, refuses the sign-in with 403 and does not sign in', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const user = await aUser(db.sequelize, ml);
    const client = await aClient(app);

    const res = await client.agent.post('/api/v1/auth/login').send({ login: user.login, password: TEST_PASSWORD });

    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf-token-invalid');
    expect((await client.agent.get('/api/v1/me')).status).toBe(401);
  });

  it('when signed out, /me answers 401 and the old session no longer works', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const user = await aUser(db.sequelize, ml);
    const client = await signedIn(app, user.login);

    const out = await client.agent.post('/api/v1/auth/logout').set('X-XSRF-TOKEN', client.token);

    expect(out.status).toBe(204);
    expect((await client.agent.get('/api/v1/me')).status).toBe(401);
    expect((await auditRows(db.sequelize, { actorId: user.id, action: 'auth.logout' })).length).toBe(1);
  });

  it('when a user is deactivated, their open session stops working', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const user = await aUser(db.sequelize, ml);
    const client = await signedIn(app, user.login);

    await db.sequelize.query('UPDATE utilisateur SET active = false WHERE id = :id', { replacements: { id: user.id } });

    expect((await client.agent.get('/api/v1/me')).status).toBe(401);
  });
});

describe('GET /api/health', () => {
  it('when the database answers, says ok with the version', async () => {
    const { app } = createTestApp();

    const res = await request(app).get('/api/health');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok', version: jasmine.any(String) });
  });

  it('sends a strict CSP without inline scripts', async () => {
    const { app } = createTestApp();

    const res = await request(app).get('/api/health');

    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
