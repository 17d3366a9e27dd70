import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { CguAudience } from '@imilo/domain';
import { aMissionLocale, auditRows, aUser } from '../support/builders';
import { aClient, createTestApp, GATED_PROBE, gatedProbe, signedIn } from '../support/test-app';

/** Publishes the next CGU version of the audience; answers its number. It stays the current one for the rest of the run. */
const publishNextCgu = async (sequelize: Sequelize, audience: CguAudience): Promise<number> => {
  const rows = await sequelize.query<{ version: number }>(
    `INSERT INTO cgu_version (id, audience, version, texte, published_at)
     SELECT :id, :audience, max(version) + 1, :texte, now() FROM cgu_version WHERE audience = :audience
     RETURNING version`,
    { type: QueryTypes.SELECT, replacements: { id: randomUUID(), audience, texte: `## CGU ${audience}, nouvelle version` } },
  );
  return rows[0]!.version;
};

const acceptancesOf = async (sequelize: Sequelize, userId: string): Promise<number> => {
  const rows = await sequelize.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM cgu_acceptance WHERE utilisateur_id = :userId',
    { type: QueryTypes.SELECT, replacements: { userId } },
  );
  return rows[0]!.count;
};

const aUserWithoutCgu = async (options: { jeune?: boolean } = {}) => {
  const test = createTestApp({ gated: [gatedProbe()] });
  const ml = await aMissionLocale(test.db.sequelize);
  const user = await aUser(test.db.sequelize, ml, { cguAccepted: false, roles: options.jeune ? ['jeune'] : ['conseiller'] });
  const client = await signedIn(test.app, user.login);
  return { test, ml, user, client };
};

describe('CGU gate', () => {
  it('when the current CGU are not accepted, /me says so and a gated route answers 403 cgu-not-accepted', async () => {
    const { client } = await aUserWithoutCgu();

    const me = await client.agent.get('/api/v1/me');
    const gated = await client.agent.get(GATED_PROBE);

    expect(me.body.mustAcceptCgu).toBeTrue();
    expect(gated.status).toBe(403);
    expect(gated.body.code).toBe('cgu-not-accepted');
  });

  it('when a new version is published, a user who accepted the previous one is gated again', async () => {
    const test = createTestApp({ gated: [gatedProbe()] });
    const user = await aUser(test.db.sequelize, await aMissionLocale(test.db.sequelize), { roles: ['jeune'] });
    const client = await signedIn(test.app, user.login);
    expect((await client.agent.get(GATED_PROBE)).status).toBe(204);

    await publishNextCgu(test.db.sequelize, 'jeune');

    expect((await client.agent.get('/api/v1/me')).body.mustAcceptCgu).toBeTrue();
    expect((await client.agent.get(GATED_PROBE)).body.code).toBe('cgu-not-accepted');
  });
});

describe('current CGU (GET /api/v1/cgu/current)', () => {
  it('when a conseiller has not accepted them, answers the staff text with acceptedAt null', async () => {
    const { client } = await aUserWithoutCgu();

    const res = await client.agent.get('/api/v1/cgu/current');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      version: jasmine.any(Number),
      audience: 'staff',
      texte: jasmine.any(String),
      publishedAt: jasmine.any(String),
      acceptedAt: null,
    });
  });

  it('when the user is a jeune, answers the jeunes text', async () => {
    const { client } = await aUserWithoutCgu({ jeune: true });

    expect((await client.agent.get('/api/v1/cgu/current')).body.audience).toBe('jeune');
  });

  it('when no one is signed in, answers 401', async () => {
    const { app } = createTestApp();

    expect((await (await aClient(app)).agent.get('/api/v1/cgu/current')).status).toBe(401);
  });
});

describe('CGU acceptance (POST /api/v1/cgu/accept)', () => {
  it('when the current version is accepted, answers /me without the gate, stores and audits it, and the gated route opens', async () => {
    const { test, ml, user, client } = await aUserWithoutCgu();
    const current = (await client.agent.get('/api/v1/cgu/current')).body;

    const res = await client.post('/api/v1/cgu/accept', { version: current.version });

    expect(res.status).toBe(200);
    expect(res.body).toEqual(jasmine.objectContaining({ id: user.id, mustAcceptCgu: false }));
    expect((await client.agent.get(GATED_PROBE)).status).toBe(204);
    expect((await client.agent.get('/api/v1/cgu/current')).body.acceptedAt).toBe(test.clock.now().toISOString());
    expect(await auditRows(test.db.sequelize, { actorId: user.id, action: 'cgu.accept' })).toEqual([
      jasmine.objectContaining({
        mission_locale_id: ml.id,
        outcome: 'success',
        target_type: 'cgu_version',
        ip: client.ip,
        details: { audience: 'staff', version: current.version },
      }),
    ]);
  });

  it('when the same version is accepted twice, answers 200 both times and stores one acceptance', async () => {
    const { test, user, client } = await aUserWithoutCgu();
    const { version } = (await client.agent.get('/api/v1/cgu/current')).body;

    const first = await client.post('/api/v1/cgu/accept', { version });
    const second = await client.post('/api/v1/cgu/accept', { version });

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await acceptancesOf(test.db.sequelize, user.id)).toBe(1);
    expect((await auditRows(test.db.sequelize, { actorId: user.id, action: 'cgu.accept' })).length).toBe(1);
  });

  it('when the version read is no longer the current one, answers 409 conflict and stores nothing', async () => {
    const { test, user, client } = await aUserWithoutCgu({ jeune: true });
    const read = (await client.agent.get('/api/v1/cgu/current')).body.version;
    await publishNextCgu(test.db.sequelize, 'jeune');

    const res = await client.post('/api/v1/cgu/accept', { version: read });

    expect(res.status).toBe(409);
    expect(res.body).toEqual(jasmine.objectContaining({ code: 'conflict', detail: jasmine.stringMatching(/^Une nouvelle version des CGU a été publiée/) }));
    expect(await acceptancesOf(test.db.sequelize, user.id)).toBe(0);
  });

  it('when the version is missing, not a number or comes with an unknown field, answers 400 and stores nothing', async () => {
    const { test, user, client } = await aUserWithoutCgu();

    const missing = await client.post('/api/v1/cgu/accept', {});
    const text = await client.post('/api/v1/cgu/accept', { version: '1' });
    const extra = await client.post('/api/v1/cgu/accept', { version: 1, toutes: true });

    expect([missing.status, text.status, extra.status]).toEqual([400, 400, 400]);
    expect(missing.body.errors).toEqual([{ path: 'version', message: 'La version est obligatoire.' }]);
    expect(extra.body.errors).toContain({ path: '(corps)', message: 'Champ(s) inconnu(s) : toutes.' });
    expect(await acceptancesOf(test.db.sequelize, user.id)).toBe(0);
  });
});
