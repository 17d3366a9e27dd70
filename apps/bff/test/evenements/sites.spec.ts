import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { type Role, siteSchema } from '@imilo/domain';
import { aMissionLocale, aUser } from '../support/builders';
import { aClient, createTestApp, signedIn } from '../support/test-app';

/** Another site of the Mission Locale (an antenne unless told); returns its id. */
const aSite = async (sequelize: Sequelize, ml: { id: string }, nom: string, type = 'antenne'): Promise<string> => {
  const id = randomUUID();
  await sequelize.query(`INSERT INTO site (id, mission_locale_id, nom, type, commune_insee) VALUES ($id, $ml, $nom, $type, '69259')`, {
    bind: { id, ml: ml.id, nom, type },
  });
  return id;
};

describe('Suivi — sites (GET /api/v1/sites)', () => {
  const world = async () => {
    const test = createTestApp();
    const { sequelize } = test.db;
    // Each Mission Locale comes with its "Siège".
    const ml = await aMissionLocale(sequelize);
    const venissieux = await aSite(sequelize, ml, 'Antenne de Vénissieux');
    const bron = await aSite(sequelize, ml, 'Antenne de Bron');
    const other = await aMissionLocale(sequelize);
    const ailleurs = await aSite(sequelize, other, 'Antenne ailleurs');
    const as = async (roles: Role[], overrides: { missionLocaleIds?: string[] } = {}) =>
      signedIn(test.app, (await aUser(sequelize, ml, { roles, ...overrides })).login);
    return { test, ml, other, venissieux, bron, ailleurs, as };
  };

  it("when a conseiller asks, lists their Mission Locale's sites by name, never another Mission Locale's, and lets the service worker keep them", async () => {
    const { ml, venissieux, bron, as } = await world();
    const conseiller = await as(['conseiller']);

    const res = await conseiller.agent.get('/api/v1/sites');

    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { id: bron, nom: 'Antenne de Bron', missionLocaleId: ml.id },
      { id: venissieux, nom: 'Antenne de Vénissieux', missionLocaleId: ml.id },
      { id: ml.siteId, nom: 'Siège', missionLocaleId: ml.id },
    ]);
    for (const site of res.body) {
      expect(siteSchema.safeParse(site).error).toBeUndefined();
    }
    expect(res.headers['cache-control'] ?? '').not.toContain('no-store');
  });

  it('when the user belongs to several Missions Locales, lists the sites of each of them, with their Mission Locale', async () => {
    const { ml, other, ailleurs, as } = await world();
    const conseiller = await as(['conseiller'], { missionLocaleIds: [other.id] });

    const res = await conseiller.agent.get('/api/v1/sites');

    expect(res.status).toBe(200);
    expect(res.body.map((site: { id: string }) => site.id)).toContain(ailleurs);
    expect(res.body.find((site: { id: string }) => site.id === ailleurs)).toEqual({ id: ailleurs, nom: 'Antenne ailleurs', missionLocaleId: other.id });
    expect(res.body.find((site: { id: string }) => site.id === other.siteId)?.missionLocaleId).toBe(other.id);
    expect(res.body.filter((site: { missionLocaleId: string }) => site.missionLocaleId === ml.id).length).toBe(3);
  });

  it("when a chargé d'accueil, the direction or the Mission Locale's administrator asks, answers their own sites too", async () => {
    const { ml, ailleurs, as } = await world();

    for (const role of ['charge_accueil', 'direction', 'admin_ml', 'admin_national'] as const) {
      const res = await (await as([role])).agent.get('/api/v1/sites');

      expect(res.status).withContext(role).toBe(200);
      expect(res.body.length).withContext(role).toBe(3);
      expect(res.body.every((site: { missionLocaleId: string }) => site.missionLocaleId === ml.id)).withContext(role).toBeTrue();
      expect(res.body.map((site: { id: string }) => site.id)).withContext(role).not.toContain(ailleurs);
    }
  });

  it('when a jeune account asks, or nobody is signed in, it is refused', async () => {
    const { test, as } = await world();
    const jeune = await as(['jeune']);

    const refused = await jeune.agent.get('/api/v1/sites');
    const anonymous = await (await aClient(test.app)).agent.get('/api/v1/sites');

    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    expect(anonymous.status).toBe(401);
  });
});
