import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { aMissionLocale, aUser, auditRows } from '../support/builders';
import { aSuiviWorld } from '../support/suivi-builders';
import { conseillersAgendaSchema } from '../../src/features/agenda/agenda.openapi';

/** A second site of a Mission Locale. */
const aSite = async (sequelize: Sequelize, missionLocaleId: string, nom: string): Promise<{ id: string; nom: string }> => {
  const id = randomUUID();
  await sequelize.query(`INSERT INTO site (id, mission_locale_id, nom, type, commune_insee) VALUES ($id, $ml, $nom, 'antenne', '33063')`, {
    bind: { id, ml: missionLocaleId, nom },
  });
  return { id, nom };
};

describe('Agenda — the colleagues whose agenda may be opened (GET /agenda/conseillers)', () => {
  it('when a conseiller asks, lists the active conseillers and direction of their Mission Locale by name, each at their site — not themselves, not the chargés d’accueil, not the jeunes, not the deactivated', async () => {
    const world = await aSuiviWorld();
    const { sequelize } = world.db;
    const antenne = await aSite(sequelize, world.ml.id, 'Antenne de Blaye');
    const caller = await world.staff(['conseiller']);
    const zola = await aUser(sequelize, world.ml, { prenom: 'Émile', nom: 'Zola' });
    const bernard = await aUser(sequelize, { id: world.ml.id, siteId: antenne.id }, { prenom: 'Inès', nom: 'Bernard', roles: ['direction'] });
    const sansSite = await aUser(sequelize, { id: world.ml.id }, { prenom: 'Paul', nom: 'Morel' });
    await aUser(sequelize, world.ml, { nom: 'Accueil', roles: ['charge_accueil'] });
    await aUser(sequelize, world.ml, { nom: 'Admin', roles: ['admin_ml'] });
    await aUser(sequelize, world.ml, { nom: 'Jeune', roles: ['jeune'] });
    await aUser(sequelize, world.ml, { nom: 'Parti', active: false });

    const res = await caller.get('/api/v1/agenda/conseillers');

    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(conseillersAgendaSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body).toEqual([
      { id: bernard.id, prenom: 'Inès', nom: 'Bernard', siteId: antenne.id, siteNom: 'Antenne de Blaye' },
      { id: sansSite.id, prenom: 'Paul', nom: 'Morel', siteId: null, siteNom: null },
      { id: zola.id, prenom: 'Émile', nom: 'Zola', siteId: world.ml.siteId, siteNom: 'Siège' },
    ]);
  });

  it('when another Mission Locale has staff, they are never listed; a colleague of both is listed once, at their site in the caller’s', async () => {
    const world = await aSuiviWorld();
    const { sequelize } = world.db;
    const other = await aMissionLocale(sequelize);
    const caller = await world.staff(['conseiller']);
    await aUser(sequelize, other, { nom: 'Ailleurs' });
    await aUser(sequelize, other, { nom: 'Ailleurs direction', roles: ['direction'] });
    // Principal in the other Mission Locale, attached also to the caller's (no site there).
    const partage = await aUser(sequelize, other, { prenom: 'Lou', nom: 'Partagé', missionLocaleIds: [world.ml.id] });

    const res = await caller.get('/api/v1/agenda/conseillers');

    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ id: partage.id, prenom: 'Lou', nom: 'Partagé', siteId: null, siteNom: null }]);
  });

  it('when a chargé d’accueil asks, they get the list too (they open the site’s and colleagues’ agendas); the read is not audited', async () => {
    const world = await aSuiviWorld();
    const accueil = await world.staff(['charge_accueil']);
    const conseiller = await aUser(world.db.sequelize, world.ml, { nom: 'Durand' });
    const signedIn = (await auditRows(world.db.sequelize, { actorId: accueil.id })).length;

    const res = await accueil.get('/api/v1/agenda/conseillers');

    expect(res.status).toBe(200);
    expect(res.body.map((c: { id: string }) => c.id)).toEqual([conseiller.id]);
    expect((await auditRows(world.db.sequelize, { actorId: accueil.id })).length).toBe(signedIn);
  });

  it('when an administrator of the Mission Locale asks, it is refused (no agenda capability)', async () => {
    const world = await aSuiviWorld();
    const admin = await world.staff(['admin_ml']);

    const res = await admin.get('/api/v1/agenda/conseillers');

    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
