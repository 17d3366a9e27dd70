import { dossierSchema } from '@imilo/domain';
import { anAction, anEvenement, aProposition, aSuiviWorld, aTypeEvenement } from '../support/suivi-builders';

// The suivi summary of the dossier read (#4): what the Synthèse shows to follow the jeune next. The world's clock is
// a Monday morning, 2026-11-30T09:00Z, in Bordeaux unless told.

describe('the suivi summary of a dossier (GET /api/v1/jeunes/{id})', () => {
  it('when the référent reads the dossier, it names the last événement and counts the open and late actions and the propositions under way', async () => {
    const world = await aSuiviWorld();
    const conseiller = await world.staff(['conseiller']);
    const collegue = await world.staff(['conseiller']);
    const jeune = await world.jeune({ referentId: conseiller.id });
    const other = await world.jeune({ referentId: conseiller.id });
    const { sequelize } = world.db;
    // The Mission Locale calls its individual interviews its own way: its libellé wins over the national one.
    await aTypeEvenement(sequelize, world.ml, { code: 'ENTRETIEN_INDIVIDUEL', libelle: 'Entretien de suivi' });
    await anEvenement(sequelize, jeune, conseiller.id, { dateHeure: '2026-11-20T10:00:00Z', typeCode: 'ATELIER', objet: 'Atelier CV' });
    const dernier = await anEvenement(sequelize, jeune, collegue.id, { dateHeure: '2026-11-27T14:30:00Z', objet: 'Point sur la recherche' });
    await anEvenement(sequelize, other, conseiller.id, { dateHeure: '2026-11-29T10:00:00Z' });
    for (const [statut, echeance] of [
      ['A_FAIRE', '2026-12-07'],
      ['EN_COURS', '2026-11-30'],
      ['A_FAIRE', '2026-11-29'],
      ['EN_COURS', '2026-11-02'],
      ['TERMINEE', '2026-11-01'],
      ['ANNULEE', '2026-11-01'],
    ] as const) {
      await anAction(sequelize, jeune, { statut, echeance });
    }
    await anAction(sequelize, other, { statut: 'A_FAIRE', echeance: '2026-11-01' });
    for (const etat of ['PROPOSEE', 'ACCEPTEE', 'REFUSEE', 'REALISEE', 'ABANDONNEE'] as const) {
      await aProposition(sequelize, jeune, { etat });
    }
    await aProposition(sequelize, other, { etat: 'PROPOSEE' });

    const res = await conseiller.get(`/api/v1/jeunes/${jeune.id}`);

    expect(res.status).toBe(200);
    expect(dossierSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body.suivi).toEqual({
      dernierEvenement: {
        id: dernier.id,
        date: '2026-11-27T14:30:00.000Z',
        typeLibelle: 'Entretien de suivi',
        objet: 'Point sur la recherche',
        conseiller: { id: collegue.id, prenom: 'Camille', nom: 'Martin' },
      },
      actionsOuvertes: 4,
      actionsEnRetard: 2,
      propositionsEnCours: 2,
    });
  });

  it('when the last événement was deleted, the one before it is shown; with none left, none is, and nothing is counted', async () => {
    const world = await aSuiviWorld();
    const conseiller = await world.staff(['conseiller']);
    const jeune = await world.jeune({ referentId: conseiller.id });
    const seul = await world.jeune({ referentId: conseiller.id });
    const { sequelize } = world.db;
    const garde = await anEvenement(sequelize, jeune, conseiller.id, { dateHeure: '2026-11-25T09:00:00Z', typeCode: 'TELEPHONE', objet: null });
    await anEvenement(sequelize, jeune, conseiller.id, { dateHeure: '2026-11-29T09:00:00Z', supprime: true });
    await anEvenement(sequelize, seul, conseiller.id, { dateHeure: '2026-11-29T09:00:00Z', supprime: true });

    const [lu, vide] = [await conseiller.get(`/api/v1/jeunes/${jeune.id}`), await conseiller.get(`/api/v1/jeunes/${seul.id}`)];

    expect(lu.body.suivi.dernierEvenement).toEqual(
      jasmine.objectContaining({ id: garde.id, date: '2026-11-25T09:00:00.000Z', typeLibelle: 'Téléphone', objet: null }),
    );
    expect(vide.body.suivi).toEqual({ dernierEvenement: null, actionsOuvertes: 0, actionsEnRetard: 0, propositionsEnCours: 0 });
  });

  it("when it is already tomorrow in La Réunion, yesterday's échéance there is late, while in Bordeaux it is still today's", async () => {
    // 22:30 in Paris on the 30th is 01:30 on 1 December in La Réunion (UTC+4).
    const now = new Date('2026-11-30T21:30:00Z');
    const retards = async (timezone: string) => {
      const world = await aSuiviWorld({ timezone, now });
      const conseiller = await world.staff(['conseiller']);
      const jeune = await world.jeune({ referentId: conseiller.id });
      await anAction(world.db.sequelize, jeune, { statut: 'A_FAIRE', echeance: '2026-11-30' });
      const { suivi } = (await conseiller.get(`/api/v1/jeunes/${jeune.id}`)).body;
      return { ouvertes: suivi.actionsOuvertes, enRetard: suivi.actionsEnRetard };
    };

    expect(await retards('Indian/Reunion')).toEqual({ ouvertes: 1, enRetard: 1 });
    expect(await retards('Europe/Paris')).toEqual({ ouvertes: 1, enRetard: 0 });
  });

  it("when a chargé d'accueil reads the dossier, there is no suivi, as for the other sections beyond the accueil's", async () => {
    const world = await aSuiviWorld();
    const conseiller = await world.staff(['conseiller']);
    const accueil = await world.staff(['charge_accueil']);
    const jeune = await world.jeune({ referentId: conseiller.id });
    await anEvenement(world.db.sequelize, jeune, conseiller.id);
    await anAction(world.db.sequelize, jeune);

    const res = await accueil.get(`/api/v1/jeunes/${jeune.id}`);

    expect(res.status).toBe(200);
    expect('suivi' in res.body).toBeFalse();
  });

  it('when an edit is saved, or refused as stale (409), the dossier it answers with carries the suivi too', async () => {
    const world = await aSuiviWorld();
    const conseiller = await world.staff(['conseiller']);
    const jeune = await world.jeune({ referentId: conseiller.id });
    await anAction(world.db.sequelize, jeune, { statut: 'EN_COURS', echeance: '2026-11-01' });
    const url = `/api/v1/jeunes/${jeune.id}`;

    const saved = await conseiller.patch(url, { version: 1, logement: { situation: 'AUTONOME', difficulte: false } });
    const stale = await conseiller.patch(url, { version: 1, logement: { situation: 'PARENTS', difficulte: false } });

    expect(saved.status).toBe(200);
    expect(saved.body.suivi).toEqual(jasmine.objectContaining({ actionsOuvertes: 1, actionsEnRetard: 1 }));
    expect(stale.status).toBe(409);
    expect(dossierSchema.safeParse(stale.body.current).error).toBeUndefined();
    expect(stale.body.current.suivi).toEqual(jasmine.objectContaining({ actionsOuvertes: 1, actionsEnRetard: 1 }));
  });
});
