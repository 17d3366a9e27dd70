import { QueryTypes, type Sequelize } from 'sequelize';
import { aMissionLocale, auditRows } from '../support/builders';
import { aSession, anInscription } from '../support/session-builders';
import { anOffre, aSuiviWorld } from '../support/suivi-builders';

// Collective sessions (#5): planning, registrations with a waiting list, the deadline, cancellation and the émargement
// that closes a session and writes each jeune's événement, on real PostgreSQL.

const NOW = new Date('2026-11-30T09:00:00Z');
const DAY_MS = 86_400_000;
const IN_A_WEEK = new Date(NOW.getTime() + 7 * DAY_MS);

const sessionState = async (sequelize: Sequelize, id: string) =>
  (
    await sequelize.query<Record<string, unknown>>(
      `SELECT s.statut, s.version, s.places, s.clos_le, s.clos_par,
              (SELECT count(*)::int FROM inscription_session i WHERE i.session_id = s.id) AS inscriptions,
              (SELECT string_agg(i.statut, ',' ORDER BY i.inscrit_le) FROM inscription_session i WHERE i.session_id = s.id) AS statuts
       FROM session_collective s WHERE s.id = $id`,
      { type: QueryTypes.SELECT, bind: { id } },
    )
  )[0];

const sessionCount = async (sequelize: Sequelize) =>
  (await sequelize.query<{ n: number }>('SELECT count(*)::int AS n FROM session_collective', { type: QueryTypes.SELECT }))[0]!.n;

const aWorld = async () => {
  const world = await aSuiviWorld({ now: NOW });
  const conseiller = await world.staff(['conseiller']);
  const offre = await anOffre(world.db.sequelize, world.ml, { type: 'ATELIER', libelle: 'Atelier CV' });
  const form = (overrides: Record<string, unknown> = {}) => ({
    offreId: offre.id,
    titre: 'Atelier CV et lettre',
    debut: IN_A_WEEK.toISOString(),
    dureeMinutes: 120,
    siteId: world.ml.siteId,
    places: 2,
    dateLimiteInscription: '2026-12-06',
    autoinscription: true,
    commentaire: 'Salle 2',
    ...overrides,
  });
  const session = (overrides: Parameters<typeof aSession>[3] = {}) =>
    aSession(world.db.sequelize, world.ml, conseiller.id, { debut: IN_A_WEEK, dateLimiteInscription: '2026-12-06', ...overrides });
  return { ...world, conseiller, offre, form, session };
};

describe('collective sessions (/api/v1/sessions)', () => {
  it('when a conseiller plans a session, it is theirs, listed in its days and readable, and both acts are audited', async () => {
    const { conseiller, form, ml, db } = await aWorld();

    const created = await conseiller.post('/api/v1/sessions', form(), 'cle-creation-session-1');
    const listed = await conseiller.get('/api/v1/sessions', { from: '2026-12-07', to: '2026-12-07' });
    const other = await conseiller.get('/api/v1/sessions', { from: '2026-12-08', to: '2026-12-10' });
    const read = await conseiller.get(`/api/v1/sessions/${created.body.id}`);

    expect(created.status).toBe(201);
    expect(created.headers['location']).toBe(`/api/v1/sessions/${created.body.id}`);
    expect(created.body).toEqual(
      jasmine.objectContaining({
        titre: 'Atelier CV et lettre',
        animateur: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' },
        site: { id: ml.siteId, nom: 'Siège' },
        places: 2,
        inscrits: 0,
        placesLibres: 2,
        statut: 'A_VENIR',
        offre: jasmine.objectContaining({ libelle: 'Atelier CV', type: 'ATELIER' }),
        fin: new Date(IN_A_WEEK.getTime() + 120 * 60_000).toISOString(),
      }),
    );
    expect(listed.body.map((session: { id: string }) => session.id)).toContain(created.body.id);
    expect(other.body.map((session: { id: string }) => session.id)).not.toContain(created.body.id);
    expect(read.body).toEqual({ ...created.body, inscriptions: [] });
    expect((await auditRows(db.sequelize, { targetId: created.body.id })).map((row) => row['action'])).toEqual(['sessions.create', 'sessions.read']);
  });

  it('when the form is wrong (unknown field, a prestation, another Mission Locale’s offre or site, a deadline after the day), it answers 400 on the field and writes nothing', async () => {
    const { conseiller, form, db } = await aWorld();
    const prestation = await anOffre(db.sequelize, (await aWorld()).ml, { type: 'PRESTATION' });
    const elsewhere = await aMissionLocale(db.sequelize);
    const foreignOffre = await anOffre(db.sequelize, elsewhere);
    const before = await sessionCount(db.sequelize);

    const answers = await Promise.all([
      conseiller.post('/api/v1/sessions', { ...form(), inconnu: 1 }),
      conseiller.post('/api/v1/sessions', form({ offreId: prestation.id })),
      conseiller.post('/api/v1/sessions', form({ offreId: foreignOffre.id })),
      conseiller.post('/api/v1/sessions', form({ siteId: elsewhere.siteId })),
      conseiller.post('/api/v1/sessions', form({ dateLimiteInscription: '2026-12-08' })),
      conseiller.post('/api/v1/sessions', form({ debut: '2029-01-01T10:00:00Z', dateLimiteInscription: '2028-12-31' })),
    ]);

    expect(answers.map((res) => [res.status, res.body.errors?.[0]?.path])).toEqual([
      [400, '(corps)'],
      [400, 'offreId'],
      [400, 'offreId'],
      [400, 'siteId'],
      [400, 'dateLimiteInscription'],
      [400, 'debut'],
    ]);
    expect(await sessionCount(db.sequelize)).toBe(before);
  });

  it('when a session is full, the staff’s next registration goes to the waiting list with its rank, and an unregistration seats the first waiting', async () => {
    const { conseiller, session, jeune, db, clock } = await aWorld();
    const { id } = await session({ places: 2 });
    const [a, b, c, d] = await Promise.all([jeune({ prenoms: 'Ana' }), jeune({ prenoms: 'Bob' }), jeune({ prenoms: 'Cid' }), jeune({ prenoms: 'Dan' })]);

    const answers = [];
    for (const j of [a!, b!, c!, d!]) {
      answers.push(await conseiller.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: j.id }));
      clock.advanceMinutes(1);
    }
    const unregistered = await conseiller.del(`/api/v1/sessions/${id}/inscriptions/${a!.id}`, {});
    const detail = await conseiller.get(`/api/v1/sessions/${id}`);

    expect(answers.map((res) => [res.status, res.body.statut, res.body.rangAttente])).toEqual([
      [201, 'INSCRIT', null],
      [201, 'INSCRIT', null],
      [201, 'ATTENTE', 1],
      [201, 'ATTENTE', 2],
    ]);
    expect(unregistered.status).toBe(204);
    expect(detail.body).toEqual(jasmine.objectContaining({ inscrits: 2, enAttente: 1, placesLibres: 0 }));
    expect(detail.body.inscriptions.map((i: { jeune: { prenom: string }; statut: string; rangAttente: number | null }) => [i.jeune.prenom, i.statut, i.rangAttente])).toEqual([
      ['Bob', 'INSCRIT', null],
      ['Cid', 'INSCRIT', null],
      ['Dan', 'ATTENTE', 1],
      ['Ana', 'DESINSCRIT', null],
    ]);
    expect((await auditRows(db.sequelize, { targetId: a!.id })).map((row) => row['action'])).toEqual(['sessions.inscription', 'sessions.desinscription']);
    expect((await auditRows(db.sequelize, { targetId: a!.id, action: 'sessions.desinscription' }))[0]!['details']).toEqual(
      jasmine.objectContaining({ sessionId: id, avant: 'INSCRIT', promus: [c!.id] }),
    );
  });

  it('when the chargé d’accueil registers a jeune, it is allowed; a registered jeune cannot be registered twice', async () => {
    const { staff, session, jeune } = await aWorld();
    const accueil = await staff(['charge_accueil']);
    const { id } = await session();
    const j = await jeune();

    const first = await accueil.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: j.id });
    const again = await accueil.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: j.id });

    expect([first.status, first.body.statut]).toEqual([201, 'INSCRIT']);
    expect([again.status, again.body.detail]).toEqual([409, 'Ce jeune est déjà inscrit à cette session.']);
  });

  it('when the deadline has passed (the Mission Locale’s local day), a registration is refused and nothing is written', async () => {
    const { conseiller, session, jeune, db } = await aWorld();
    const { id } = await session({ dateLimiteInscription: '2026-11-29' });
    const j = await jeune();

    const res = await conseiller.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: j.id });

    expect([res.status, res.body.detail]).toEqual([409, 'La date limite d’inscription (29/11/2026) est passée.']);
    expect((await sessionState(db.sequelize, id))!['inscriptions']).toBe(0);
  });

  it('when a registration names a jeune of another Mission Locale, or a bad body, it answers 404 or 400 and writes nothing', async () => {
    const { conseiller, session, db } = await aWorld();
    const { id } = await session();
    const elsewhere = await (await aWorld()).jeune();

    const foreign = await conseiller.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: elsewhere.id });
    const bad = await conseiller.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: 'pas-un-uuid' });

    expect([foreign.status, foreign.body.code]).toEqual([404, 'not-found']);
    expect([bad.status, bad.body.errors[0].path]).toEqual([400, 'jeuneId']);
    expect((await sessionState(db.sequelize, id))!['inscriptions']).toBe(0);
  });

  it('when a user of another Mission Locale names a session, every route answers 404 and nothing changes', async () => {
    const { session, jeune, db } = await aWorld();
    const { id } = await session({ debut: new Date(NOW.getTime() - 3_600_000), dateLimiteInscription: '2026-11-30' });
    const j = await jeune();
    await anInscription(db.sequelize, { id }, j);
    const outsider = await (await aWorld()).staff(['conseiller']);
    const before = await sessionState(db.sequelize, id);

    const answers = [
      await outsider.get(`/api/v1/sessions/${id}`),
      await outsider.patch(`/api/v1/sessions/${id}`, { version: 1, offreId: j.id, titre: 'x', debut: IN_A_WEEK.toISOString(), dureeMinutes: 60, siteId: null, adresse: 'Ici', places: 3, dateLimiteInscription: '2026-12-01' }),
      await outsider.del(`/api/v1/sessions/${id}`, { motif: 'Intrusion' }),
      await outsider.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: j.id }),
      await outsider.del(`/api/v1/sessions/${id}/inscriptions/${j.id}`, {}),
      await outsider.post(`/api/v1/sessions/${id}/emargement`, { presences: [{ jeuneId: j.id, presence: 'PRESENT' }] }),
    ];

    expect(answers.map((res) => res.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(await sessionState(db.sequelize, id)).toEqual(before);
  });

  it('when a session is edited, a stale version answers 409 with the current one, fewer places than registered 400, more places seat the waiting list', async () => {
    const { conseiller, session, jeune, form, db } = await aWorld();
    const { id } = await session({ places: 1 });
    const [a, b] = [await jeune(), await jeune()];
    await conseiller.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: a.id });
    await conseiller.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: b.id });
    const offreId = (await conseiller.get(`/api/v1/sessions/${id}`)).body.offre.id;

    const stale = await conseiller.patch(`/api/v1/sessions/${id}`, { version: 9, ...form({ offreId, places: 3 }) });
    const widened = await conseiller.patch(`/api/v1/sessions/${id}`, { version: 1, ...form({ offreId, places: 3, autoinscription: undefined }) }, 'cle-patch-session-1');
    const narrowed = await conseiller.patch(`/api/v1/sessions/${id}`, { version: 2, ...form({ offreId, places: 1 }) });

    expect([stale.status, stale.body.current?.version]).toEqual([409, 1]);
    expect(widened.status).toBe(200);
    expect(widened.body).toEqual(jasmine.objectContaining({ places: 3, inscrits: 2, enAttente: 0, placesLibres: 1, version: 2 }));
    expect([narrowed.status, narrowed.body.errors?.[0]?.path]).toEqual([400, 'places']);
    expect(await sessionState(db.sequelize, id)).toEqual(jasmine.objectContaining({ version: 2, places: 3, statuts: 'INSCRIT,INSCRIT' }));
  });

  it('when a session is cancelled with a motif, it is kept as cancelled and nothing about it changes any more', async () => {
    const { conseiller, session, jeune, form, db } = await aWorld();
    const { id } = await session();
    const j = await jeune();

    const bad = await conseiller.del(`/api/v1/sessions/${id}`, {});
    const cancelled = await conseiller.del(`/api/v1/sessions/${id}`, { motif: 'Animateur absent' });
    const register = await conseiller.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: j.id });
    const edit = await conseiller.patch(`/api/v1/sessions/${id}`, { version: 2, ...form() });
    const read = await conseiller.get(`/api/v1/sessions/${id}`);

    expect([bad.status, bad.body.errors[0].path]).toEqual([400, 'motif']);
    expect(cancelled.status).toBe(204);
    expect([register.status, edit.status]).toEqual([409, 409]);
    expect(read.body.statut).toBe('ANNULEE');
    expect((await auditRows(db.sequelize, { targetId: id, action: 'sessions.cancel' }))[0]!['details']).toEqual(jasmine.objectContaining({ motif: 'Animateur absent' }));
  });

  describe('émargement', () => {
    const started = async () => {
      const world = await aWorld();
      const offre = await anOffre(world.db.sequelize, world.ml, { type: 'INFORMATION_COLLECTIVE', theme: 'EMPLOI' });
      const { id } = await world.session({ offreId: offre.id, debut: new Date(NOW.getTime() + 20 * 60_000), dateLimiteInscription: '2026-11-30', places: 3 });
      const [a, b, c, w] = [await world.jeune(), await world.jeune(), await world.jeune(), await world.jeune()];
      for (const j of [a, b, c, w]) {
        await world.conseiller.post(`/api/v1/sessions/${id}/inscriptions`, { jeuneId: j.id });
        world.clock.advanceMinutes(1);
      }
      return { ...world, id, a, b, c, w };
    };

    it('when the session has not started, it is refused; once started it must cover every registered jeune, and only them', async () => {
      const { conseiller, id, a, b, c, w, clock, db } = await started();
      const all = [a, b, c].map((j) => ({ jeuneId: j.id, presence: 'PRESENT' }));

      const early = await conseiller.post(`/api/v1/sessions/${id}/emargement`, { presences: all });
      clock.advanceMinutes(20);
      const missing = await conseiller.post(`/api/v1/sessions/${id}/emargement`, { presences: all.slice(1) });
      const waiting = await conseiller.post(`/api/v1/sessions/${id}/emargement`, { presences: [...all, { jeuneId: w.id, presence: 'ABSENT' }] });

      expect([early.status, early.body.detail]).toEqual([409, 'Une session s’émarge une fois commencée.']);
      expect([missing.status, missing.body.errors[0].path]).toEqual([400, 'presences']);
      expect([waiting.status, waiting.body.errors[0].path]).toEqual([400, 'presences.3.jeuneId']);
      expect(await sessionState(db.sequelize, id)).toEqual(jasmine.objectContaining({ statut: 'A_VENIR', statuts: 'INSCRIT,INSCRIT,INSCRIT,ATTENTE' }));
    });

    it('when every registered jeune is marked, the session closes, each jeune gets one événement on their timeline, and the session never changes again', async () => {
      const { conseiller, id, a, b, c, clock, db, form } = await started();
      clock.advanceMinutes(20);
      const presences = [
        { jeuneId: a.id, presence: 'PRESENT' },
        { jeuneId: b.id, presence: 'ABSENT' },
        { jeuneId: c.id, presence: 'EXCUSE' },
      ];

      const closed = await conseiller.post(`/api/v1/sessions/${id}/emargement`, { presences }, 'cle-emargement-1');
      const again = await conseiller.post(`/api/v1/sessions/${id}/emargement`, { presences });
      const edit = await conseiller.patch(`/api/v1/sessions/${id}`, { version: 2, ...form() });
      const unregister = await conseiller.del(`/api/v1/sessions/${id}/inscriptions/${a.id}`, {});
      await conseiller.reason(a.id);
      const timeline = await conseiller.get(`/api/v1/jeunes/${a.id}/timeline`, { limit: '20' });
      const evenements = await db.sequelize.query<{ jeune_id: string; type_code: string; linked: boolean }>(
        `SELECT e.jeune_id, e.type_code, EXISTS (SELECT 1 FROM inscription_session i WHERE i.evenement_id = e.id) AS linked
         FROM evenement e WHERE e.jeune_id IN ($a, $b, $c) ORDER BY e.type_code`,
        { type: QueryTypes.SELECT, bind: { a: a.id, b: b.id, c: c.id } },
      );

      expect(closed.status).toBe(200);
      expect(closed.body).toEqual(jasmine.objectContaining({ statut: 'CLOTUREE', inscrits: 3 }));
      expect(closed.body.inscriptions.slice(0, 3).map((i: { statut: string }) => i.statut).sort()).toEqual(['ABSENT', 'EXCUSE', 'PRESENT']);
      expect(await sessionState(db.sequelize, id)).toEqual(jasmine.objectContaining({ statut: 'CLOTUREE', clos_par: conseiller.id, clos_le: clock.now() }));
      expect([again.status, edit.status, unregister.status]).toEqual([409, 409, 409]);
      expect(evenements).toEqual([
        { jeune_id: a.id, type_code: 'INFORMATION_COLLECTIVE', linked: true },
        { jeune_id: b.id, type_code: 'RENDEZ_VOUS_ABSENT', linked: true },
        { jeune_id: c.id, type_code: 'RENDEZ_VOUS_EXCUSE', linked: true },
      ]);
      expect(timeline.body.items.filter((item: { typeEvenement: string | null }) => item.typeEvenement === 'INFORMATION_COLLECTIVE').length).toBe(1);
      expect((await auditRows(db.sequelize, { targetId: b.id, action: 'sessions.emargement' }))[0]!['details']).toEqual(
        jasmine.objectContaining({ sessionId: id, presence: 'ABSENT' }),
      );
    });

    it('when a chargé d’accueil tries to émarger, it is forbidden', async () => {
      const { staff, id, a, b, c, clock } = await started();
      clock.advanceMinutes(20);
      const accueil = await staff(['charge_accueil']);

      const res = await accueil.post(`/api/v1/sessions/${id}/emargement`, { presences: [a, b, c].map((j) => ({ jeuneId: j.id, presence: 'PRESENT' })) });

      expect([res.status, res.body.code]).toEqual([403, 'forbidden']);
    });
  });

  it('when a member of another Mission Locale lists sessions, they see none of this one', async () => {
    const { session } = await aWorld();
    const { id } = await session();
    const other = await (await aWorld()).staff(['direction']);

    const res = await other.get('/api/v1/sessions', { from: '2026-12-01', to: '2026-12-10' });

    expect(res.status).toBe(200);
    expect(res.body.map((s: { id: string }) => s.id)).not.toContain(id);
  });
});
