import { QueryTypes, type Sequelize } from 'sequelize';
import { propositionSchema } from '@imilo/domain';
import { aMissionLocale } from '../support/builders';
import { aProposition, anAction, anOffre, aSuiviWorld, suiviCounts } from '../support/suivi-builders';

const rows = (sequelize: Sequelize, sql: string, bind: Record<string, unknown>) =>
  sequelize.query<Record<string, unknown>>(sql, { type: QueryTypes.SELECT, bind });

/** A world with a conseiller and a jeune of their portfolio. */
const withJeune = async (options: Parameters<typeof aSuiviWorld>[0] = {}) => {
  const world = await aSuiviWorld(options);
  const conseiller = await world.staff(['conseiller']);
  const jeune = await world.jeune({ referentId: conseiller.id });
  return { world, conseiller, jeune };
};

describe('Suivi — propositions (POST/GET /jeunes/:id/propositions, GET/PATCH /propositions/:id)', () => {
  it("when an offre of the Mission Locale is proposed, its libellé and thème are taken, and the day is today in the Mission Locale's timezone", async () => {
    // 21:30 UTC on 30 November: already 1 December in La Réunion.
    const { world, conseiller, jeune } = await withJeune({ timezone: 'Indian/Reunion', now: new Date('2026-11-30T21:30:00Z') });
    const offre = await anOffre(world.db.sequelize, world.ml, { code: 'P61', libelle: 'Atelier projet professionnel', theme: 'PROJET_PROFESSIONNEL' });

    const res = await conseiller.post(`/api/v1/jeunes/${jeune.id}/propositions`, {
      offreId: offre.id,
      libelle: 'Ignoré',
      theme: 'SANTE',
      partenaire: 'Lycée',
      commentaire: 'À revoir après les vacances',
    });

    expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
    expect(res.headers['location']).toBe(`/api/v1/propositions/${res.body.id}`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(propositionSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body).toEqual(
      jasmine.objectContaining({
        jeuneId: jeune.id,
        evenementId: null,
        offre: { id: offre.id, code: 'P61', libelle: 'Atelier projet professionnel', type: 'ATELIER' },
        libelle: 'Atelier projet professionnel',
        theme: 'PROJET_PROFESSIONNEL',
        partenaire: 'Lycée',
        commentaire: 'À revoir après les vacances',
        etat: 'PROPOSEE',
        historique: [{ etat: 'PROPOSEE', date: '2026-12-01', resultat: null, par: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' }, evenementId: null }],
        creePar: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' },
        version: 1,
      }),
    );
    expect((await conseiller.get(`/api/v1/propositions/${res.body.id}`)).body).toEqual(res.body);
    const dated = await conseiller.post(`/api/v1/jeunes/${jeune.id}/propositions`, { libelle: 'Atelier CV', theme: 'EMPLOI', date: '2026-11-15' });
    expect(dated.body.historique[0].date).toBe('2026-11-15');
  });

  it("when the offre is inactive or of another Mission Locale, it is a 400 on offreId and nothing is written", async () => {
    const { world, conseiller, jeune } = await withJeune();
    const inactive = await anOffre(world.db.sequelize, world.ml, { actif: false });
    const foreign = await anOffre(world.db.sequelize, await aMissionLocale(world.db.sequelize));
    const before = await suiviCounts(world.db.sequelize, jeune.id);

    for (const offreId of [inactive.id, foreign.id, jeune.id]) {
      const res = await conseiller.post(`/api/v1/jeunes/${jeune.id}/propositions`, { offreId });

      expect([res.status, res.body.errors?.map((error: { path: string }) => error.path)]).toEqual([400, ['offreId']]);
    }
    const bad = await conseiller.post(`/api/v1/jeunes/${jeune.id}/propositions`, { libelle: 'Atelier CV' });
    expect([bad.status, bad.body.errors?.map((error: { path: string }) => error.path)]).toEqual([400, ['theme']]);
    expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
  });

  it('when a proposition is accepted today, the step is recorded with an administrative événement written now on the timeline, by the caller', async () => {
    const { world, conseiller, jeune } = await withJeune({ timezone: 'Indian/Reunion', now: new Date('2026-11-30T21:30:00Z') });
    const { id } = await aProposition(world.db.sequelize, jeune, { libelle: 'Atelier CV', theme: 'EMPLOI', date: '2026-11-20' });
    const before = await suiviCounts(world.db.sequelize, jeune.id);

    const res = await conseiller.patch(`/api/v1/propositions/${id}`, { version: 1, etat: 'ACCEPTEE', date: '2026-12-01', resultat: 'Inscrit à la session de janvier' });

    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body.etat).toBe('ACCEPTEE');
    expect(res.body.version).toBe(2);
    const step = res.body.historique[1];
    expect(step).toEqual({
      etat: 'ACCEPTEE',
      date: '2026-12-01',
      resultat: 'Inscrit à la session de janvier',
      par: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' },
      evenementId: jasmine.any(String),
    });
    const evenement = await conseiller.get(`/api/v1/evenements/${step.evenementId}`);
    expect(evenement.body).toEqual(
      jasmine.objectContaining({
        date: '2026-11-30T21:30:00.000Z',
        type: { code: 'ADMINISTRATIF', libelle: 'Administratif' },
        lieu: { type: 'DISTANCE', siteId: null, siteNom: null, adresse: null },
        themes: ['EMPLOI'],
        objet: 'Proposition « Atelier CV » : acceptée',
        origine: 'PROPOSITION',
        propositionId: id,
        conseiller: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' },
      }),
    );
    const after = await suiviCounts(world.db.sequelize, jeune.id);
    expect([Number(after['evenements']) - Number(before['evenements']), Number(after['etapes']) - Number(before['etapes'])]).toEqual([1, 1]);
    // Administrative: not a contact with the jeune.
    expect(after['dernier_contact']).toBeNull();
  });

  it("when the step's day is not today, the événement sits at noon of that day in the Mission Locale's timezone", async () => {
    const { world, conseiller, jeune } = await withJeune({ timezone: 'Indian/Reunion', now: new Date('2026-11-30T21:30:00Z') });
    const { id } = await aProposition(world.db.sequelize, jeune, { etat: 'ACCEPTEE', date: '2026-11-10' });

    const res = await conseiller.patch(`/api/v1/propositions/${id}`, { version: 1, etat: 'REALISEE', date: '2026-11-28' });

    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body.historique.map((step: { etat: string }) => step.etat)).toEqual(['PROPOSEE', 'ACCEPTEE', 'REALISEE']);
    const evenement = await conseiller.get(`/api/v1/evenements/${res.body.historique[2].evenementId}`);
    expect(evenement.body.date).toBe('2026-11-28T08:00:00.000Z');
    expect(evenement.body.objet).toBe('Proposition « Atelier CV » : réalisée');
  });

  it('when a transition is forbidden by the state machine, it answers 409 in French; a day before the previous step, 400 on date; nothing is written', async () => {
    const { world, conseiller, jeune } = await withJeune();
    const proposee = await aProposition(world.db.sequelize, jeune, { date: '2026-11-20' });
    const refusee = await aProposition(world.db.sequelize, jeune, { etat: 'REFUSEE', date: '2026-11-20' });
    const before = await suiviCounts(world.db.sequelize, jeune.id);

    const skip = await conseiller.patch(`/api/v1/propositions/${proposee.id}`, { version: 1, etat: 'REALISEE', date: '2026-11-30' });
    const same = await conseiller.patch(`/api/v1/propositions/${proposee.id}`, { version: 1, etat: 'PROPOSEE', date: '2026-11-30' });
    const final = await conseiller.patch(`/api/v1/propositions/${refusee.id}`, { version: 1, etat: 'ACCEPTEE', date: '2026-11-30' });
    const early = await conseiller.patch(`/api/v1/propositions/${proposee.id}`, { version: 1, etat: 'ACCEPTEE', date: '2026-11-19' });

    expect([skip.status, skip.body.code, skip.body.detail]).toEqual([409, 'conflict', "Une proposition proposée ne peut devenir qu'acceptée ou refusée."]);
    expect([same.status, same.body.code]).toEqual([409, 'conflict']);
    expect([final.status, final.body.detail]).toEqual([409, 'Cette proposition est refusée : son état ne change plus.']);
    expect([early.status, early.body.code, early.body.errors]).toEqual([
      400,
      'validation-failed',
      [{ path: 'date', message: "La date ne peut précéder celle de l'étape précédente (2026-11-20)." }],
    ]);
    expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
  });

  it('when the version sent is stale, it answers 409 with the current proposition and writes nothing', async () => {
    const { world, conseiller, jeune } = await withJeune();
    const { id } = await aProposition(world.db.sequelize, jeune, { date: '2026-11-20' });
    const accepted = await conseiller.patch(`/api/v1/propositions/${id}`, { version: 1, etat: 'ACCEPTEE', date: '2026-11-30' });
    const before = await suiviCounts(world.db.sequelize, jeune.id);

    const stale = await conseiller.patch(`/api/v1/propositions/${id}`, { version: 1, etat: 'REFUSEE', date: '2026-11-30' });

    expect([stale.status, stale.body.code]).toEqual([409, 'conflict']);
    expect(stale.body.current).toEqual(accepted.body);
    expect(stale.body.current.etat).toBe('ACCEPTEE');
    expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
  });
});

describe('Suivi — actions (POST/GET /jeunes/:id/actions, GET/PATCH /actions/:id)', () => {
  const patchOf = (overrides: object) => ({ titre: 'Mettre à jour son CV', description: null, echeance: '2026-12-07', statut: 'A_FAIRE', ...overrides });

  it('when a conseiller creates an action, it is « à faire », created by the conseiller', async () => {
    const { conseiller, jeune } = await withJeune();

    const res = await conseiller.post(`/api/v1/jeunes/${jeune.id}/actions`, { titre: '  Mettre à jour son CV ', echeance: '2026-12-07' });

    expect(res.status).toBe(201);
    expect(res.headers['location']).toBe(`/api/v1/actions/${res.body.id}`);
    expect(res.body).toEqual({
      id: res.body.id,
      jeuneId: jeune.id,
      evenementId: null,
      titre: 'Mettre à jour son CV',
      description: null,
      echeance: '2026-12-07',
      statut: 'A_FAIRE',
      createur: 'CONSEILLER',
      creePar: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' },
      creeLe: '2026-11-30T09:00:00.000Z',
      closeLe: null,
      version: 1,
      modifieLe: '2026-11-30T09:00:00.000Z',
    });
    expect((await conseiller.get(`/api/v1/actions/${res.body.id}`)).body).toEqual(res.body);
  });

  it("when an action is closed, it records the Mission Locale's local day; reopened, no day; a stale version answers 409 with the current action", async () => {
    const { world, conseiller, jeune } = await withJeune({ timezone: 'Indian/Reunion', now: new Date('2026-11-30T21:30:00Z') });
    const { id } = await anAction(world.db.sequelize, jeune);
    const url = `/api/v1/actions/${id}`;

    const closedBefore = await anAction(world.db.sequelize, jeune, { statut: 'TERMINEE', closeLe: '2026-11-20' });

    const done = await conseiller.patch(url, { ...patchOf({ statut: 'TERMINEE' }), version: 1 });
    const reopened = await conseiller.patch(url, { ...patchOf({ statut: 'EN_COURS', description: 'Avec la lettre' }), version: 2 });
    const cancelled = await conseiller.patch(`/api/v1/actions/${closedBefore.id}`, { ...patchOf({ statut: 'ANNULEE' }), version: 1 });
    const before = await suiviCounts(world.db.sequelize, jeune.id);
    const stale = await conseiller.patch(url, { ...patchOf({ statut: 'TERMINEE' }), version: 2 });

    expect([done.status, done.body.statut, done.body.closeLe, done.body.version]).toEqual([200, 'TERMINEE', '2026-12-01', 2]);
    expect([reopened.body.statut, reopened.body.closeLe, reopened.body.description, reopened.body.version]).toEqual(['EN_COURS', null, 'Avec la lettre', 3]);
    // Already closed: it keeps the day it was closed.
    expect([cancelled.status, cancelled.body.statut, cancelled.body.closeLe]).toEqual([200, 'ANNULEE', '2026-11-20']);
    expect([stale.status, stale.body.code]).toEqual([409, 'conflict']);
    expect(stale.body.current).toEqual(reopened.body);
    expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
  });

  it('when listed, open actions come first by échéance, then closed ones, latest closed first', async () => {
    const { world, conseiller, jeune } = await withJeune();
    const later = await anAction(world.db.sequelize, jeune, { echeance: '2026-12-20' });
    const sooner = await anAction(world.db.sequelize, jeune, { echeance: '2026-12-02', statut: 'EN_COURS' });
    const closedLong = await anAction(world.db.sequelize, jeune, { echeance: '2026-10-01', statut: 'TERMINEE', closeLe: '2026-10-05' });
    const closedRecent = await anAction(world.db.sequelize, jeune, { echeance: '2026-09-01', statut: 'ANNULEE', closeLe: '2026-11-25' });

    const res = await conseiller.get(`/api/v1/jeunes/${jeune.id}/actions`);

    expect(res.body.map((action: { id: string }) => action.id)).toEqual([sooner.id, later.id, closedRecent.id, closedLong.id]);
  });

  it('when an action body is invalid, it answers 400 and nothing is written', async () => {
    const { world, conseiller, jeune } = await withJeune();
    const { id } = await anAction(world.db.sequelize, jeune);
    const before = await suiviCounts(world.db.sequelize, jeune.id);
    const cases: [string, 'post' | 'patch', unknown, string[]][] = [
      [`/api/v1/jeunes/${jeune.id}/actions`, 'post', { titre: 'CV' }, ['echeance']],
      [`/api/v1/jeunes/${jeune.id}/actions`, 'post', { titre: 'CV', echeance: '2026-02-30' }, ['echeance']],
      [`/api/v1/jeunes/${jeune.id}/actions`, 'post', { titre: 'CV', echeance: '0000-01-01' }, ['echeance']],
      [`/api/v1/actions/${id}`, 'patch', patchOf({}), ['version']],
      [`/api/v1/actions/${id}`, 'patch', { ...patchOf({ statut: 'FINIE' }), version: 1 }, ['statut']],
      [`/api/v1/actions/${id}`, 'patch', { ...patchOf({}), version: 1, createur: 'JEUNE' }, ['(corps)']],
    ];

    for (const [url, method, body, paths] of cases) {
      const res = await conseiller[method](url, body);

      expect(res.status).withContext(`${url} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.errors.map((error: { path: string }) => error.path)).withContext(JSON.stringify(body)).toEqual(paths);
    }
    expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
    expect(await rows(world.db.sequelize, 'SELECT statut, version FROM action_jeune WHERE id = $id', { id })).toEqual([{ statut: 'A_FAIRE', version: 1 }]);
  });
});
