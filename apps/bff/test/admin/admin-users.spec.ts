import type { Express } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Role } from '@imilo/domain';
import { verifySecret } from '../../src/features/auth/password-hasher';
import { aMissionLocale, auditRows, aUser, TEST_PASSWORD } from '../support/builders';
import { aClient, createTestApp, keepOutOfLogs, signedIn } from '../support/test-app';

const ACCESS_CODE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;
const USER_AGENT = 'admin-spec';

/** An administrator of the Mission Locale, signed in from their own address. */
const anAdmin = async (app: Express, sequelize: Sequelize, ml: { id: string; siteId?: string }, roles: Role[] = ['admin_ml']) => {
  const user = await aUser(sequelize, ml, { roles });
  const client = await signedIn(app, user.login);
  client.agent.set('User-Agent', USER_AGENT);
  return { ...user, client };
};

type Client = Awaited<ReturnType<typeof anAdmin>>['client'];

const patch = (client: Client, url: string, body: object) => client.agent.patch(url).set('X-XSRF-TOKEN', client.token).send(body);

const aNewUser = (missionLocaleId: string, overrides: Record<string, unknown> = {}) => ({
  login: `lea.moreau${Math.random().toString(36).slice(2, 8)}`,
  prenom: 'Léa',
  nom: 'Moreau',
  roles: ['conseiller'],
  missionLocaleId,
  ...overrides,
});

const userRow = async (sequelize: Sequelize, where: { id?: string; login?: string }) =>
  (
    await sequelize.query<Record<string, unknown>>(
      `SELECT u.login, u.roles, u.bi_profils, u.active, u.password_hash, u.activated_at, u.deactivated_at,
              uml.mission_locale_id, uml.principale, uml.site_id
       FROM utilisateur u LEFT JOIN utilisateur_mission_locale uml ON uml.utilisateur_id = u.id
       WHERE u.id = :id OR u.login = :login`,
      { type: QueryTypes.SELECT, replacements: { id: where.id ?? null, login: where.login ?? null } },
    )
  )[0];

const accessCodes = (sequelize: Sequelize, userId: string) =>
  sequelize.query<{ code_hash: string; expires_at: Date; issued_by: string; revoked_at: Date | null }>(
    'SELECT code_hash, expires_at, issued_by, revoked_at FROM access_code WHERE utilisateur_id = :userId ORDER BY issued_at, id',
    { type: QueryTypes.SELECT, replacements: { userId } },
  );

const sessionsOf = async (sequelize: Sequelize, userId: string): Promise<number> => {
  const rows = await sequelize.query<{ count: string }>(`SELECT count(*) FROM user_session WHERE sess->'passport'->>'user' = :userId`, {
    type: QueryTypes.SELECT,
    replacements: { userId },
  });
  return Number(rows[0]!.count);
};

describe('admin portal: users (GET /api/v1/admin/users)', () => {
  it('when an admin_ml lists users, answers the staff of their Mission Locale only, sorted the French way by nom then prénom', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const other = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    await aUser(db.sequelize, ml, { prenom: 'Zoé', nom: 'Élie' });
    await aUser(db.sequelize, ml, { prenom: 'Bruno', nom: 'Dupont' });
    await aUser(db.sequelize, ml, { prenom: 'Anaïs', nom: 'Ében', roles: ['direction'] });
    await aUser(db.sequelize, ml, { prenom: 'Arthur', nom: 'Dupont' });
    await aUser(db.sequelize, ml, { prenom: 'Inès', nom: 'Aubert', roles: ['jeune'] });
    await aUser(db.sequelize, other, { prenom: 'Paul', nom: 'Ailleurs' });

    const res = await admin.client.agent.get('/api/v1/admin/users');

    expect(res.status).toBe(200);
    expect(res.body.map((u: { nom: string; prenom: string }) => `${u.nom} ${u.prenom}`)).toEqual([
      'Dupont Arthur',
      'Dupont Bruno',
      'Ében Anaïs',
      'Élie Zoé',
      'Martin Camille',
    ]);
    expect(res.body.find((u: { id: string }) => u.id === admin.id)).toEqual({
      id: admin.id,
      login: admin.login,
      prenom: 'Camille',
      nom: 'Martin',
      email: null,
      roles: ['admin_ml'],
      biProfils: [],
      active: true,
      activated: true,
      missionLocale: { id: ml.id, nom: ml.nom },
      lastLoginAt: jasmine.any(String),
    });
  });

  it('when a national administrator lists users, the staff of every Mission Locale is there', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const other = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml, ['admin_national']);
    const elsewhere = await aUser(db.sequelize, other);

    const res = await admin.client.agent.get('/api/v1/admin/users');

    expect(res.status).toBe(200);
    expect(res.body).toContain(jasmine.objectContaining({ id: elsewhere.id, missionLocale: { id: other.id, nom: other.nom } }));
  });
});

describe('admin portal: Missions Locales (GET /api/v1/admin/missions-locales)', () => {
  it('when an admin_ml asks, answers their Mission Locale and its sites; a national administrator gets every one', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const other = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const national = await anAdmin(app, db.sequelize, ml, ['admin_national']);

    const mine = await admin.client.agent.get('/api/v1/admin/missions-locales');
    const all = await national.client.agent.get('/api/v1/admin/missions-locales');

    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([{ id: ml.id, nom: ml.nom, sites: [{ id: ml.siteId, nom: 'Siège' }] }]);
    expect(all.body.map((m: { id: string }) => m.id)).toEqual(jasmine.arrayContaining([ml.id, other.id]));
  });
});

describe('admin portal: creating a user (POST /api/v1/admin/users)', () => {
  it('when the form is valid, creates the account with its first access code, shown once, and audits it', async () => {
    const { app, db, clock } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const body = aNewUser(ml.id, { siteId: ml.siteId, email: 'lea.moreau@example.org', roles: ['conseiller', 'charge_accueil'] });

    const res = await admin.client.post('/api/v1/admin/users', body);

    expect(res.status).toBe(201);
    keepOutOfLogs(res.body.accessCode.code);
    expect(res.body.user).toEqual({
      id: jasmine.any(String),
      login: body.login,
      prenom: 'Léa',
      nom: 'Moreau',
      email: 'lea.moreau@example.org',
      roles: ['conseiller', 'charge_accueil'],
      biProfils: [],
      active: true,
      activated: false,
      missionLocale: { id: ml.id, nom: ml.nom },
      lastLoginAt: null,
    });
    expect(res.body.accessCode.code).toMatch(ACCESS_CODE);
    expect(res.body.accessCode.expiresAt).toBe(new Date(clock.now().getTime() + 7 * 86_400_000).toISOString());
    const id = res.body.user.id as string;
    expect(await userRow(db.sequelize, { id })).toEqual(
      jasmine.objectContaining({ roles: ['conseiller', 'charge_accueil'], active: true, password_hash: null, activated_at: null }),
    );
    expect(await userRow(db.sequelize, { id })).toEqual(jasmine.objectContaining({ mission_locale_id: ml.id, principale: true, site_id: ml.siteId }));
    const [code] = await accessCodes(db.sequelize, id);
    expect(code!.issued_by).toBe(admin.id);
    expect(code!.code_hash).not.toContain(res.body.accessCode.code.replace(/-/g, ''));
    expect(await verifySecret(code!.code_hash, res.body.accessCode.code.replace(/-/g, ''))).toBeTrue();
    expect(await auditRows(db.sequelize, { targetId: id })).toEqual([
      {
        at: clock.now(),
        actor_id: admin.id,
        mission_locale_id: ml.id,
        action: 'admin.user.create',
        outcome: 'success',
        target_type: 'utilisateur',
        target_id: id,
        ip: admin.client.ip,
        user_agent: USER_AGENT,
        details: { roles: ['conseiller', 'charge_accueil'] },
      },
    ]);
  });

  it('when the new user activates with the code handed over, they are signed in', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const created = await admin.client.post('/api/v1/admin/users', aNewUser(ml.id));
    keepOutOfLogs(created.body.accessCode.code, 'Pivoine-Cerf-Volant-2026');
    const newcomer = await aClient(app);

    const res = await newcomer.post('/api/v1/auth/activate', {
      login: created.body.user.login,
      code: created.body.accessCode.code,
      password: 'Pivoine-Cerf-Volant-2026',
    });

    expect(res.status).toBe(200);
    expect(res.body.login).toBe(created.body.user.login);
  });

  it("when the Mission Locale is another one's, answers 404 and writes nothing", async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const other = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const body = aNewUser(other.id);

    const res = await admin.client.post('/api/v1/admin/users', body);

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not-found');
    expect(await userRow(db.sequelize, { login: body.login })).toBeUndefined();
    expect(await auditRows(db.sequelize, { actorId: admin.id, action: 'admin.user.create' })).toEqual([]);
  });

  it('when the site belongs to another Mission Locale, answers 400 on siteId', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const other = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml, ['admin_national']);

    const res = await admin.client.post('/api/v1/admin/users', aNewUser(ml.id, { siteId: other.siteId }));

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'siteId', message: "Ce site n'appartient pas à cette Mission Locale." }]);
  });

  it('when the login is taken, answers 409 in French and audits nothing', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const existing = await aUser(db.sequelize, ml);

    const res = await admin.client.post('/api/v1/admin/users', aNewUser(ml.id, { login: existing.login }));

    expect(res.status).toBe(409);
    expect(res.body).toEqual(jasmine.objectContaining({ code: 'conflict', detail: 'Cet identifiant est déjà utilisé.' }));
    expect(await auditRows(db.sequelize, { actorId: admin.id, action: 'admin.user.create' })).toEqual([]);
  });

  it('when an admin_ml creates an administrator, answers 403; a national administrator may', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const national = await anAdmin(app, db.sequelize, ml, ['admin_national']);

    const refused = await admin.client.post('/api/v1/admin/users', aNewUser(ml.id, { roles: ['admin_ml'] }));
    const accepted = await national.client.post('/api/v1/admin/users', aNewUser(ml.id, { roles: ['admin_ml'] }));

    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(
      jasmine.objectContaining({ code: 'forbidden', detail: "Seul un administrateur national peut attribuer un rôle d'administrateur." }),
    );
    expect(accepted.status).toBe(201);
    keepOutOfLogs(accepted.body.accessCode.code);
  });

  it('when the role is jeune, answers 400 on roles: jeune accounts come from the dossier', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const national = await anAdmin(app, db.sequelize, ml, ['admin_national']);

    const res = await national.client.post('/api/v1/admin/users', aNewUser(ml.id, { roles: ['jeune'] }));

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'roles', message: "Les comptes jeunes se créent depuis le dossier du jeune, pas depuis l'administration." },
    ]);
  });

  it('when the nom is missing and a field is unknown, answers 400 naming both in French', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const { nom: _nom, ...withoutNom } = aNewUser(ml.id);

    const res = await admin.client.post('/api/v1/admin/users', { ...withoutNom, password: 'x' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toContain({ path: 'nom', message: 'Le nom est obligatoire.' });
    expect(res.body.errors).toContain(jasmine.objectContaining({ message: 'Champ(s) inconnu(s) : password.' }));
  });
});

describe('admin portal: changing a user (PATCH /api/v1/admin/users/:id)', () => {
  it("when a user is deactivated, their open sessions end at once and the change is audited without personal data", async () => {
    const { app, db, clock } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const colleague = await aUser(db.sequelize, ml);
    const colleagueClient = await signedIn(app, colleague.login);

    const res = await patch(admin.client, `/api/v1/admin/users/${colleague.id}`, { active: false });

    expect(res.status).toBe(200);
    expect(res.body).toEqual(jasmine.objectContaining({ id: colleague.id, active: false, roles: ['conseiller'] }));
    expect((await colleagueClient.agent.get('/api/v1/me')).status).toBe(401);
    expect(await sessionsOf(db.sequelize, colleague.id)).toBe(0);
    expect(await userRow(db.sequelize, { id: colleague.id })).toEqual(jasmine.objectContaining({ active: false, deactivated_at: clock.now() }));
    expect(await auditRows(db.sequelize, { targetId: colleague.id, action: 'admin.user.update' })).toEqual([
      {
        at: clock.now(),
        actor_id: admin.id,
        mission_locale_id: ml.id,
        action: 'admin.user.update',
        outcome: 'success',
        target_type: 'utilisateur',
        target_id: colleague.id,
        ip: admin.client.ip,
        user_agent: USER_AGENT,
        details: { changed: ['active'], active: false },
      },
    ]);
  });

  it('when roles and BI profiles change, answers the account and audits the changed fields with their new values', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const colleague = await aUser(db.sequelize, ml);

    const res = await patch(admin.client, `/api/v1/admin/users/${colleague.id}`, {
      roles: ['conseiller', 'direction'],
      biProfils: ['valideur'],
      active: true,
    });

    expect(res.status).toBe(200);
    expect(res.body).toEqual(jasmine.objectContaining({ roles: ['conseiller', 'direction'], biProfils: ['valideur'], active: true }));
    expect(await userRow(db.sequelize, { id: colleague.id })).toEqual(
      jasmine.objectContaining({ roles: ['conseiller', 'direction'], bi_profils: ['valideur'], active: true }),
    );
    const [row] = await auditRows(db.sequelize, { targetId: colleague.id, action: 'admin.user.update' });
    expect(row!['details']).toEqual({ changed: ['roles', 'biProfils'], roles: ['conseiller', 'direction'], biProfils: ['valideur'] });
  });

  it('when an administrator deactivates themself or drops their own admin role, answers 409 and changes nothing', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);

    const deactivation = await patch(admin.client, `/api/v1/admin/users/${admin.id}`, { active: false });
    const demotion = await patch(admin.client, `/api/v1/admin/users/${admin.id}`, { roles: ['conseiller'] });

    expect(deactivation.status).toBe(409);
    expect(deactivation.body.detail).toBe('Vous ne pouvez pas désactiver votre propre compte.');
    expect(demotion.status).toBe(409);
    expect(demotion.body.detail).toBe("Vous ne pouvez pas retirer votre propre rôle d'administrateur.");
    expect(await userRow(db.sequelize, { id: admin.id })).toEqual(jasmine.objectContaining({ active: true, roles: ['admin_ml'] }));
  });

  it("when an admin_ml grants an admin role or changes another administrator's account, answers 403", async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const colleague = await aUser(db.sequelize, ml);
    const otherAdmin = await aUser(db.sequelize, ml, { roles: ['admin_ml'] });

    const grant = await patch(admin.client, `/api/v1/admin/users/${colleague.id}`, { roles: ['admin_ml'] });
    const deactivation = await patch(admin.client, `/api/v1/admin/users/${otherAdmin.id}`, { active: false });

    expect(grant.status).toBe(403);
    expect(grant.body.code).toBe('forbidden');
    expect(deactivation.status).toBe(403);
    expect(await userRow(db.sequelize, { id: otherAdmin.id })).toEqual(jasmine.objectContaining({ active: true }));
  });

  it("when a national administrator grants admin_ml, it is done", async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const national = await anAdmin(app, db.sequelize, ml, ['admin_national']);
    const colleague = await aUser(db.sequelize, ml);

    const res = await patch(national.client, `/api/v1/admin/users/${colleague.id}`, { roles: ['conseiller', 'admin_ml'] });

    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['conseiller', 'admin_ml']);
  });

  it("when the id is malformed, unknown or a jeune's account, answers 400 then 404", async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const jeune = await aUser(db.sequelize, ml, { roles: ['jeune'] });

    const malformed = await patch(admin.client, '/api/v1/admin/users/pas-un-uuid', { active: false });
    const unknown = await patch(admin.client, '/api/v1/admin/users/00000000-0000-4000-8000-000000000000', { active: false });
    const jeuneAccount = await patch(admin.client, `/api/v1/admin/users/${jeune.id}`, { active: false });

    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ path: 'id', message: "L'identifiant de l'utilisateur est invalide." }]);
    expect(unknown.status).toBe(404);
    expect(jeuneAccount.status).toBe(404);
    expect(await userRow(db.sequelize, { id: jeune.id })).toEqual(jasmine.objectContaining({ active: true }));
  });
});

describe('admin portal: access code reset (POST /api/v1/admin/users/:id/access-code)', () => {
  it('when an administrator resets the code, the previous one is revoked, the password still works, and it is audited', async () => {
    const { app, db, clock } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const admin = await anAdmin(app, db.sequelize, ml);
    const colleague = await aUser(db.sequelize, ml);

    const first = await admin.client.post(`/api/v1/admin/users/${colleague.id}/access-code`);
    clock.advanceMinutes(5);
    const second = await admin.client.post(`/api/v1/admin/users/${colleague.id}/access-code`);

    keepOutOfLogs(first.body.code, second.body.code);
    expect(second.status).toBe(201);
    expect(second.body).toEqual({ code: jasmine.stringMatching(ACCESS_CODE), expiresAt: jasmine.any(String) });
    const codes = await accessCodes(db.sequelize, colleague.id);
    expect(codes.map((c) => c.revoked_at)).toEqual([clock.now(), null]);
    expect(await verifySecret(codes[1]!.code_hash, second.body.code.replace(/-/g, ''))).toBeTrue();
    await expectAsync(signedIn(app, colleague.login, TEST_PASSWORD)).toBeResolved();
    const rows = await auditRows(db.sequelize, { targetId: colleague.id, action: 'admin.user.access-code' });
    expect(rows.length).toBe(2);
    expect(rows[1]).toEqual({
      at: clock.now(),
      actor_id: admin.id,
      mission_locale_id: ml.id,
      action: 'admin.user.access-code',
      outcome: 'success',
      target_type: 'utilisateur',
      target_id: colleague.id,
      ip: admin.client.ip,
      user_agent: USER_AGENT,
      details: {},
    });
  });
});
