import { QueryTypes, type Sequelize } from 'sequelize';
import { aMissionLocale, auditRows, aUser, cguCheckpoint } from '../support/builders';
import { testDatabase } from '../support/global-setup';
import { createTestApp, signedIn } from '../support/test-app';

const NEW_TEXT = `## Objet du service\n\n${'Texte révisé des conditions générales, plus long que le minimum requis. '.repeat(5)}`;

const latestVersion = async (sequelize: Sequelize, audience: 'staff' | 'jeune'): Promise<number> => {
  const rows = await sequelize.query<{ version: number }>('SELECT max(version) AS version FROM cgu_version WHERE audience = :audience', {
    type: QueryTypes.SELECT,
    replacements: { audience },
  });
  return rows[0]!.version;
};

describe('admin portal: publishing the CGU (POST /api/v1/admin/cgu)', () => {
  let restoreCgu: () => Promise<void>;

  beforeEach(async () => {
    restoreCgu = await cguCheckpoint(testDatabase().db.sequelize);
  });

  afterEach(async () => {
    await restoreCgu();
  });

  it('when a national administrator publishes, the next version number is answered and every staff user must accept it again', async () => {
    const { app, db, clock } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const national = await aUser(db.sequelize, ml, { roles: ['admin_national'] });
    const nationalClient = await signedIn(app, national.login);
    const conseiller = await signedIn(app, (await aUser(db.sequelize, ml)).login);
    const jeune = await signedIn(app, (await aUser(db.sequelize, ml, { roles: ['jeune'] })).login);
    const current = await latestVersion(db.sequelize, 'staff');

    const res = await nationalClient.post('/api/v1/admin/cgu', { audience: 'staff', texte: NEW_TEXT });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      version: current + 1,
      audience: 'staff',
      texte: NEW_TEXT.trim(),
      publishedAt: clock.now().toISOString(),
      acceptedAt: null,
    });
    expect((await conseiller.agent.get('/api/v1/me')).body.mustAcceptCgu).toBeTrue();
    expect((await jeune.agent.get('/api/v1/me')).body.mustAcceptCgu).toBeFalse();
    const rows = await auditRows(db.sequelize, { actorId: national.id, action: 'admin.cgu.publish' });
    expect(rows).toEqual([
      {
        at: clock.now(),
        actor_id: national.id,
        mission_locale_id: ml.id,
        action: 'admin.cgu.publish',
        outcome: 'success',
        target_type: 'cgu_version',
        target_id: jasmine.any(String),
        ip: nationalClient.ip,
        user_agent: null,
        details: { audience: 'staff', version: current + 1 },
      },
    ]);
  });

  it('when two versions are published one after the other, numbers follow each other per audience', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const national = await signedIn(app, (await aUser(db.sequelize, ml, { roles: ['admin_national'] })).login);

    const first = await national.post('/api/v1/admin/cgu', { audience: 'jeune', texte: NEW_TEXT });
    const second = await national.post('/api/v1/admin/cgu', { audience: 'jeune', texte: `${NEW_TEXT} Deuxième révision.` });

    expect(second.body.version).toBe(first.body.version + 1);
  });

  it('when the text is too short, answers 400 in French and publishes nothing', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const national = await signedIn(app, (await aUser(db.sequelize, ml, { roles: ['admin_national'] })).login);
    const current = await latestVersion(db.sequelize, 'staff');

    const res = await national.post('/api/v1/admin/cgu', { audience: 'staff', texte: 'Trop court.' });

    expect(res.status).toBe(400);
    expect(await latestVersion(db.sequelize, 'staff')).toBe(current);
    expect(res.body.errors).toEqual([{ path: 'texte', message: 'Le texte des CGU compte au moins 200 caractères.' }]);
  });
});
