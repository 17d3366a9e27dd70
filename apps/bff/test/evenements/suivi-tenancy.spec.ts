import { QueryTypes } from 'sequelize';
import { aMissionLocale, aUser } from '../support/builders';
import { aProposition, anAction, anEvenement, anOffre, aSuiviWorld, suiviCounts } from '../support/suivi-builders';
import { signedIn } from '../support/test-app';

describe('Suivi — tenancy: another Mission Locale’s ids', () => {
  it('when a conseiller or an administrator calls any suivi route with the ids of another Mission Locale, it answers 404 and changes nothing', async () => {
    const world = await aSuiviWorld();
    const conseiller = await world.staff(['conseiller']);
    const direction = await world.staff(['direction']);
    const admin = await world.staff(['admin_ml']);
    const other = await aMissionLocale(world.db.sequelize);
    const theirs = await aUser(world.db.sequelize, other);
    const jeune = await world.jeune({ referentId: theirs.id }, other);
    const evenement = await anEvenement(world.db.sequelize, jeune, theirs.id);
    const proposition = await aProposition(world.db.sequelize, jeune, { date: '2026-11-20' });
    const action = await anAction(world.db.sequelize, jeune);
    const offre = await anOffre(world.db.sequelize, other);
    const state = async () => [
      await suiviCounts(world.db.sequelize, jeune.id),
      await world.db.sequelize.query('SELECT libelle, actif FROM offre_interne WHERE id = $id', { type: QueryTypes.SELECT, bind: { id: offre.id } }),
    ];
    const evenementBody = { date: '2026-11-30T09:30:00+01:00', typeCode: 'ENTRETIEN_INDIVIDUEL', lieu: { type: 'DISTANCE' }, themes: ['EMPLOI'] };
    const before = await state();
    // Even with a reason given: the dossier is out of reach.
    expect((await conseiller.reason(jeune.id)).status).toBe(404);

    const calls: [string, () => PromiseLike<{ status: number; body: { code?: string } }>][] = [
      ['GET evenements', () => conseiller.get(`/api/v1/jeunes/${jeune.id}/evenements`)],
      ['GET evenements (direction)', () => direction.get(`/api/v1/jeunes/${jeune.id}/evenements`)],
      ['POST evenements', () => conseiller.post(`/api/v1/jeunes/${jeune.id}/evenements`, evenementBody)],
      ['GET evenement', () => conseiller.get(`/api/v1/evenements/${evenement.id}`)],
      ['PATCH evenement', () => conseiller.patch(`/api/v1/evenements/${evenement.id}`, { ...evenementBody, version: 1 })],
      ['DELETE evenement', () => conseiller.del(`/api/v1/evenements/${evenement.id}`, { motif: 'Doublon' })],
      ['GET propositions', () => conseiller.get(`/api/v1/jeunes/${jeune.id}/propositions`)],
      ['POST propositions', () => conseiller.post(`/api/v1/jeunes/${jeune.id}/propositions`, { libelle: 'Atelier CV', theme: 'EMPLOI' })],
      ['GET proposition', () => conseiller.get(`/api/v1/propositions/${proposition.id}`)],
      ['PATCH proposition', () => conseiller.patch(`/api/v1/propositions/${proposition.id}`, { version: 1, etat: 'ACCEPTEE', date: '2026-11-30' })],
      ['GET actions', () => conseiller.get(`/api/v1/jeunes/${jeune.id}/actions`)],
      ['POST actions', () => conseiller.post(`/api/v1/jeunes/${jeune.id}/actions`, { titre: 'Mettre à jour son CV', echeance: '2026-12-07' })],
      ['GET action', () => conseiller.get(`/api/v1/actions/${action.id}`)],
      [
        'PATCH action',
        () =>
          conseiller.patch(`/api/v1/actions/${action.id}`, {
            version: 1,
            titre: 'Mettre à jour son CV',
            description: null,
            echeance: '2026-12-07',
            statut: 'TERMINEE',
          }),
      ],
      ['PATCH offre', () => admin.patch(`/api/v1/offres-internes/${offre.id}`, { libelle: 'Piraté', theme: 'EMPLOI', type: 'ATELIER', actif: false })],
    ];

    for (const [name, call] of calls) {
      const res = await call();

      expect([res.status, res.body.code]).withContext(name).toEqual([404, 'not-found']);
    }
    expect(await state()).toEqual(before);
    // Nor do their lists show anything of the other Mission Locale.
    expect((await admin.get('/api/v1/offres-internes', { toutes: 'true' })).body).toEqual([]);
  });

  it("when a conseiller belongs to two Missions Locales, the jeunes of both are within reach, each événement filed under the jeune's one", async () => {
    const world = await aSuiviWorld();
    const other = await aMissionLocale(world.db.sequelize, { timezone: 'Indian/Reunion' });
    const user = await aUser(world.db.sequelize, world.ml, { missionLocaleIds: [other.id], passwordChangedAt: world.clock.now() });
    const client = await signedIn(world.app, user.login);
    const jeune = await world.jeune({ referentId: user.id }, other);

    const created = await client.post(`/api/v1/jeunes/${jeune.id}/evenements`, {
      date: '2026-11-30T21:00:00Z',
      typeCode: 'TELEPHONE',
      lieu: { type: 'SITE', siteId: other.siteId },
      themes: ['EMPLOI'],
    });

    expect(created.status).withContext(JSON.stringify(created.body)).toBe(201);
    const [row] = await world.db.sequelize.query<{ mission_locale_id: string; dernier: string }>(
      `SELECT e.mission_locale_id, to_char(j.dernier_contact_le, 'YYYY-MM-DD') AS dernier
       FROM evenement e JOIN jeune j ON j.id = e.jeune_id WHERE e.id = $id`,
      { type: QueryTypes.SELECT, bind: { id: created.body.id } },
    );
    expect(row).toEqual({ mission_locale_id: other.id, dernier: '2026-12-01' });
  });
});
