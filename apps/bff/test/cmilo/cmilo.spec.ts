import request from 'supertest';
import { QueryTypes, type Sequelize } from 'sequelize';
import { aMissionLocale, auditRows, aUser } from '../support/builders';
import { aRendezVous } from '../support/agenda-builders';
import { aJeuneWithAccount, aSession, anInscription } from '../support/session-builders';
import { anAction, aSuiviWorld } from '../support/suivi-builders';
import { signedIn } from '../support/test-app';
import { confirmationLink } from '../../src/features/cmilo/cmilo.service';

// C-Milo (#5): the jeune's own rendez-vous and sessions, their answers (also through a notification's signed link),
// their actions, preferences and self-registration, on real PostgreSQL.

const NOW = new Date('2026-11-30T09:00:00Z');
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const rendezVousState = async (sequelize: Sequelize, id: string) =>
  (
    await sequelize.query<Record<string, unknown>>(
      `SELECT r.statut, r.reponse_jeune, r.motif_annulation, r.annule_par, r.version,
              (SELECT string_agg(h.operation, ',' ORDER BY h.id) FROM rendez_vous_historique h WHERE h.rendez_vous_id = r.id) AS historique
       FROM rendez_vous r WHERE r.id = $id`,
      { type: QueryTypes.SELECT, bind: { id } },
    )
  )[0];

/** A Mission Locale (Réunion unless told), its conseiller, and a jeune signed in to C-Milo. */
const aCmiloWorld = async (timezone = 'Indian/Reunion') => {
  const world = await aSuiviWorld({ now: NOW, timezone });
  const { sequelize } = world.db;
  const conseiller = await world.staff(['conseiller']);
  const jeune = await aJeuneWithAccount(sequelize, world.ml, { prenoms: 'Inès', nomNaissance: 'BENALI', passwordChangedAt: NOW });
  const client = await signedIn(world.app, jeune.login);
  const write = (method: 'post' | 'put' | 'delete', url: string, body: unknown = {}, key?: string) => {
    const req = client.agent[method](url).set('X-XSRF-TOKEN', client.token);
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body as object);
  };
  const rendezVous = (debut: Date, overrides: Parameters<typeof aRendezVous>[3] = {}, of: { id: string } = jeune) =>
    aRendezVous(sequelize, of, conseiller.id, { debut, ...overrides });
  return { ...world, sequelize, conseiller, jeune, client, get: (url: string) => client.agent.get(url), write, rendezVous };
};

describe('C-Milo, the jeune’s space (/api/v1/me/…)', () => {
  it('when the jeune opens their rendez-vous, they see only theirs and their sessions, without internal comments, upcoming soonest first and past latest first', async () => {
    const { sequelize, ml, conseiller, jeune, get, rendezVous } = await aCmiloWorld();
    const other = await aJeuneWithAccount(sequelize, ml, { passwordChangedAt: NOW });
    // 23:30 in Réunion on 1 December is 19:30 UTC: before 2 December 08:00 local (04:00 UTC), after 1 December 10:00 local.
    const late = await rendezVous(new Date('2026-12-01T19:30:00Z'), { commentaire: 'Jeune en difficulté' });
    const early = await rendezVous(new Date('2026-12-01T06:00:00Z'));
    const next = await rendezVous(new Date('2026-12-02T04:00:00Z'), { statut: 'ANNULE' });
    const past = await rendezVous(new Date(NOW.getTime() - 3 * DAY_MS), { statut: 'CLOS', presence: 'PRESENT' });
    const older = await rendezVous(new Date(NOW.getTime() - 30 * DAY_MS), { statut: 'CLOS', presence: 'ABSENT' });
    await rendezVous(new Date(NOW.getTime() - 200 * DAY_MS), { statut: 'CLOS' });
    const theirs = await rendezVous(new Date(NOW.getTime() + DAY_MS), {}, other);
    const atelier = await aSession(sequelize, ml, conseiller.id, { debut: new Date(NOW.getTime() + 5 * DAY_MS), places: 1 });
    const dehors = await aSession(sequelize, ml, conseiller.id, { debut: new Date(NOW.getTime() + 6 * DAY_MS), adresse: '12 rue de Paris, Saint-Denis' });
    await anInscription(sequelize, atelier, await aJeuneWithAccount(sequelize, ml), { inscritLe: new Date(NOW.getTime() - HOUR_MS) });
    await anInscription(sequelize, atelier, jeune, { statut: 'ATTENTE' });
    await anInscription(sequelize, dehors, jeune);

    const res = await get('/api/v1/me/rendez-vous');

    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe('Indian/Reunion');
    expect(res.body.aVenir.map((item: { id: string }) => item.id)).toEqual([early.id, late.id, next.id, atelier.id, dehors.id]);
    expect(res.body.passes.map((item: { id: string }) => item.id)).toEqual([past.id, older.id]);
    expect(JSON.stringify(res.body)).not.toContain('difficulté');
    expect(JSON.stringify(res.body)).not.toContain('vidéoprojecteur');
    expect(JSON.stringify(res.body)).not.toContain(theirs.id);
    const [first] = res.body.aVenir;
    expect(first).toEqual({
      id: early.id,
      kind: 'rendez-vous',
      libelle: 'Entretien individuel conseiller',
      objet: 'Point sur la recherche d’emploi',
      modalite: 'TELEPHONE',
      debut: '2026-12-01T06:00:00.000Z',
      fin: '2026-12-01T06:45:00.000Z',
      lieu: null,
      carteUrl: null,
      aApporter: null,
      conseiller: { prenom: 'Camille', nom: 'Martin' },
      statut: 'PLANIFIE',
      reponse: null,
      presence: null,
      rangAttente: null,
    });
    expect(res.body.aVenir[2].statut).toBe('ANNULE');
    expect(res.body.aVenir[3]).toEqual(
      jasmine.objectContaining({ kind: 'session', libelle: 'Atelier projet professionnel', objet: 'Atelier CV', modalite: 'PRESENTIEL_SITE', lieu: 'Siège, Bordeaux', rangAttente: 1 }),
    );
    expect(res.body.aVenir[3].carteUrl).toBe('https://www.openstreetmap.org/search?query=Si%C3%A8ge%2C%20Bordeaux');
    expect(res.body.aVenir[4]).toEqual(jasmine.objectContaining({ modalite: 'AUTRE_LIEU', lieu: '12 rue de Paris, Saint-Denis', rangAttente: null }));
    expect(res.body.passes[0].presence).toBe('PRESENT');
    expect((await auditRows(sequelize, { targetId: jeune.id, action: 'cmilo.rendez-vous.list' }))[0]).toEqual(
      jasmine.objectContaining({ actor_id: jeune.userId, mission_locale_id: ml.id, target_type: 'jeune' }),
    );
  });

  it('when an account has no dossier, or a member of the staff calls, the jeune’s routes answer 404 and 403', async () => {
    const { app, db, ml, conseiller } = await aCmiloWorld('Europe/Paris');
    const lonely = await signedIn(app, (await aUser(db.sequelize, ml, { roles: ['jeune'], passwordChangedAt: NOW })).login);

    const orphan = await lonely.agent.get('/api/v1/me/rendez-vous');
    const staff = await conseiller.get('/api/v1/me/rendez-vous');

    expect([orphan.status, orphan.body.code]).toEqual([404, 'not-found']);
    expect([staff.status, staff.body.code]).toEqual([403, 'forbidden']);
  });

  describe('answering a rendez-vous', () => {
    it('when the jeune confirms, the answer is recorded once with its history and audited; confirming again changes nothing', async () => {
      const { write, rendezVous, sequelize, jeune } = await aCmiloWorld();
      const { id } = await rendezVous(new Date(NOW.getTime() + 2 * DAY_MS));

      const confirmed = await write('post', `/api/v1/me/rendez-vous/${id}/confirmation`, { reponse: 'CONFIRME' }, 'cle-confirmation-1');
      const again = await write('post', `/api/v1/me/rendez-vous/${id}/confirmation`, { reponse: 'CONFIRME' });

      expect([confirmed.status, confirmed.body.reponse, confirmed.body.statut]).toEqual([200, 'CONFIRME', 'PLANIFIE']);
      expect(again.status).toBe(200);
      expect(await rendezVousState(sequelize, id)).toEqual(jasmine.objectContaining({ reponse_jeune: 'CONFIRME', historique: 'CONFIRMATION', version: 2 }));
      expect((await auditRows(sequelize, { targetId: jeune.id, action: 'cmilo.rendez-vous.reponse' })).map((row) => row['details'])).toEqual([
        { rendezVousId: id, reponse: 'CONFIRME' },
      ]);
    });

    it('when the jeune cancels with a reason, the rendez-vous is cancelled by them; without a reason it is a 400 and nothing changes', async () => {
      const { write, rendezVous, sequelize, jeune } = await aCmiloWorld();
      const { id } = await rendezVous(new Date(NOW.getTime() + 2 * DAY_MS));

      const bad = await write('post', `/api/v1/me/rendez-vous/${id}/confirmation`, { reponse: 'ANNULE' });
      const unchanged = await rendezVousState(sequelize, id);
      const cancelled = await write('post', `/api/v1/me/rendez-vous/${id}/confirmation`, { reponse: 'ANNULE', motif: 'Entretien d’embauche le même jour' });
      const confirmLater = await write('post', `/api/v1/me/rendez-vous/${id}/confirmation`, { reponse: 'CONFIRME' });

      expect([bad.status, bad.body.code]).toEqual([400, 'validation-failed']);
      expect(unchanged).toEqual(jasmine.objectContaining({ statut: 'PLANIFIE', reponse_jeune: null, historique: null }));
      expect([cancelled.status, cancelled.body.statut, cancelled.body.reponse]).toEqual([200, 'ANNULE', 'ANNULE']);
      expect(await rendezVousState(sequelize, id)).toEqual(
        jasmine.objectContaining({ statut: 'ANNULE', reponse_jeune: 'ANNULE', motif_annulation: 'Entretien d’embauche le même jour', annule_par: jeune.userId, historique: 'ANNULATION' }),
      );
      expect([confirmLater.status, confirmLater.body.detail]).toEqual([409, 'Ce rendez-vous est annulé.']);
    });

    it('when the rendez-vous is another jeune’s, or has started, the answer is refused and nothing changes', async () => {
      const { write, rendezVous, sequelize, ml } = await aCmiloWorld();
      const other = await aJeuneWithAccount(sequelize, ml);
      const theirs = await rendezVous(new Date(NOW.getTime() + DAY_MS), {}, other);
      const started = await rendezVous(new Date(NOW.getTime() - 10 * 60_000));
      const before = [await rendezVousState(sequelize, theirs.id), await rendezVousState(sequelize, started.id)];

      const foreign = await write('post', `/api/v1/me/rendez-vous/${theirs.id}/confirmation`, { reponse: 'ANNULE', motif: 'Pas moi' });
      const late = await write('post', `/api/v1/me/rendez-vous/${started.id}/confirmation`, { reponse: 'CONFIRME' });

      expect([foreign.status, foreign.body.code]).toEqual([404, 'not-found']);
      expect([late.status, late.body.code]).toEqual([409, 'conflict']);
      expect([await rendezVousState(sequelize, theirs.id), await rendezVousState(sequelize, started.id)]).toEqual(before);
    });
  });

  describe('the notification’s « Je confirme » link', () => {
    it('when called without a session nor a CSRF header, it confirms once; a replay answers 204 and changes nothing', async () => {
      const { app, ctx, rendezVous, sequelize, jeune } = await aCmiloWorld();
      const debut = new Date(NOW.getTime() + DAY_MS);
      const { id } = await rendezVous(debut);
      const link = confirmationLink(ctx.tokens, { id, jeuneId: jeune.id, debut });

      const first = await request(app).get(link);
      const replay = await request(app).get(link);

      expect([first.status, first.body]).toEqual([200, { statut: 'CONFIRME' }]);
      expect(replay.status).toBe(204);
      expect(await rendezVousState(sequelize, id)).toEqual(jasmine.objectContaining({ reponse_jeune: 'CONFIRME', historique: 'CONFIRMATION', version: 2 }));
      expect((await auditRows(sequelize, { targetId: jeune.id, action: 'cmilo.rendez-vous.reponse' }))[0]).toEqual(jasmine.objectContaining({ actor_id: jeune.userId }));
    });

    it('when the token is forged, of another rendez-vous, of another purpose, or expired by the start, it answers 404 and changes nothing', async () => {
      const { app, ctx, rendezVous, sequelize, jeune, clock } = await aCmiloWorld();
      const debut = new Date(NOW.getTime() + HOUR_MS);
      const { id } = await rendezVous(debut);
      const otherOne = await rendezVous(new Date(NOW.getTime() + DAY_MS));
      const genuine = new URL(confirmationLink(ctx.tokens, { id, jeuneId: jeune.id, debut }), 'http://x').searchParams.get('jeton')!;
      const [body, mac] = genuine.split('.') as [string, string];
      const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), obj: otherOne.id })).toString('base64url');
      const before = [await rendezVousState(sequelize, id), await rendezVousState(sequelize, otherOne.id)];

      const answers = [
        await request(app).get(`/api/v1/me/rendez-vous/${otherOne.id}/confirmation`).query({ jeton: `${forgedBody}.${mac}` }),
        await request(app).get(`/api/v1/me/rendez-vous/${otherOne.id}/confirmation`).query({ jeton: genuine }),
        await request(app).get(`/api/v1/me/rendez-vous/${id}/confirmation`).query({ jeton: ctx.tokens.sign('flux', jeune.id, id, debut) }),
        await request(app).get(`/api/v1/me/rendez-vous/${id}/confirmation`),
      ];
      clock.advanceMinutes(61);
      answers.push(await request(app).get(`/api/v1/me/rendez-vous/${id}/confirmation`).query({ jeton: genuine }));

      expect(answers.map((res) => res.status)).toEqual([404, 404, 404, 400, 404]);
      expect(JSON.stringify(answers.map((res) => res.body))).not.toContain('BENALI');
      expect([await rendezVousState(sequelize, id), await rendezVousState(sequelize, otherOne.id)]).toEqual(before);
    });
  });

  it('when the jeune lists their actions, the cancelled ones are left out and the open ones come by échéance', async () => {
    const { get, sequelize, jeune } = await aCmiloWorld();
    const later = await anAction(sequelize, jeune, { titre: 'Consulter les offres', echeance: '2026-12-20' });
    const sooner = await anAction(sequelize, jeune, { titre: 'Mettre à jour son CV', echeance: '2026-12-05' });
    await anAction(sequelize, jeune, { titre: 'Abandonnée', statut: 'ANNULEE', closeLe: '2026-11-20' });

    const res = await get('/api/v1/me/actions');

    expect(res.status).toBe(200);
    expect(res.body.map((action: { id: string }) => action.id)).toEqual([sooner.id, later.id]);
    expect(await auditRows(sequelize, { targetId: jeune.id, action: 'cmilo.actions.list' })).toEqual([jasmine.objectContaining({ actor_id: jeune.userId })]);
  });

  it('when the jeune saves their notification preferences, they read them back; a bad body is a 400 that changes nothing', async () => {
    const { get, write, sequelize, jeune } = await aCmiloWorld();

    const initial = await get('/api/v1/me/preferences-notification');
    const bad = await write('put', '/api/v1/me/preferences-notification', { push: true, sms: 'oui', email: false });
    const saved = await write('put', '/api/v1/me/preferences-notification', { push: true, sms: false, email: true }, 'cle-preferences-1');
    const read = await get('/api/v1/me/preferences-notification');

    expect(initial.body).toEqual({ push: false, sms: false, email: false });
    expect([bad.status, bad.body.errors[0].path]).toEqual([400, 'sms']);
    expect([saved.status, saved.body]).toEqual([200, { push: true, sms: false, email: true }]);
    expect(read.body).toEqual({ push: true, sms: false, email: true });
    expect((await auditRows(sequelize, { targetId: jeune.id, action: 'cmilo.preferences.update' })).map((row) => row['details'])).toEqual([
      { push: true, sms: false, email: true },
    ]);
  });

  describe('self-registration to sessions', () => {
    it('when the jeune lists open sessions, only visible self-registration sessions of their Mission Locale with seats, before the deadline, are offered', async () => {
      const { get, sequelize, ml, conseiller, jeune } = await aCmiloWorld();
      const inFiveDays = new Date(NOW.getTime() + 5 * DAY_MS);
      const open = await aSession(sequelize, ml, conseiller.id, { debut: inFiveDays, places: 3 });
      await aSession(sequelize, ml, conseiller.id, { debut: inFiveDays, autoinscription: false });
      await aSession(sequelize, ml, conseiller.id, { debut: inFiveDays, dateLimiteInscription: '2026-11-29' });
      const full = await aSession(sequelize, ml, conseiller.id, { debut: inFiveDays, places: 1 });
      await anInscription(sequelize, full, await aJeuneWithAccount(sequelize, ml));
      const mine = await aSession(sequelize, ml, conseiller.id, { debut: inFiveDays });
      await anInscription(sequelize, mine, jeune);
      const elsewhere = await aMissionLocale(sequelize);
      await aSession(sequelize, elsewhere, conseiller.id, { debut: inFiveDays });

      const res = await get('/api/v1/me/sessions');

      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        {
          id: open.id,
          offre: { libelle: 'Atelier projet professionnel', type: 'ATELIER' },
          titre: 'Atelier CV',
          debut: inFiveDays.toISOString(),
          fin: new Date(inFiveDays.getTime() + 2 * HOUR_MS).toISOString(),
          dureeMinutes: 120,
          lieu: 'Siège, Bordeaux',
          carteUrl: 'https://www.openstreetmap.org/search?query=Si%C3%A8ge%2C%20Bordeaux',
          animateur: { prenom: 'Camille', nom: 'Martin' },
          placesLibres: 3,
          dateLimiteInscription: inFiveDays.toISOString().slice(0, 10),
          aApporter: null,
        },
      ]);
    });

    it('when the jeune registers, they are in; registering twice, to a full session or to one closed to self-registration is refused', async () => {
      const { write, sequelize, ml, conseiller, jeune } = await aCmiloWorld();
      const debut = new Date(NOW.getTime() + 5 * DAY_MS);
      const open = await aSession(sequelize, ml, conseiller.id, { debut });
      const full = await aSession(sequelize, ml, conseiller.id, { debut, places: 1 });
      await anInscription(sequelize, full, await aJeuneWithAccount(sequelize, ml));
      const staffOnly = await aSession(sequelize, ml, conseiller.id, { debut, autoinscription: false });
      const foreign = await aSession(sequelize, await aMissionLocale(sequelize), conseiller.id, { debut });

      const registered = await write('post', `/api/v1/me/sessions/${open.id}/inscription`, {}, 'cle-auto-inscription-1');
      const twice = await write('post', `/api/v1/me/sessions/${open.id}/inscription`);
      const complete = await write('post', `/api/v1/me/sessions/${full.id}/inscription`);
      const closed = await write('post', `/api/v1/me/sessions/${staffOnly.id}/inscription`);
      const other = await write('post', `/api/v1/me/sessions/${foreign.id}/inscription`);

      expect([registered.status, registered.body.kind, registered.body.id, registered.body.statut]).toEqual([201, 'session', open.id, 'PLANIFIE']);
      expect([twice.status, twice.body.detail]).toEqual([409, 'Vous êtes déjà inscrit à cette session.']);
      expect([complete.status, complete.body.detail]).toEqual([409, 'Cette session est complète : il ne reste plus de place.']);
      expect([closed.status, other.status]).toEqual([404, 404]);
      expect((await auditRows(sequelize, { targetId: jeune.id, action: 'sessions.inscription' })).map((row) => [row['actor_id'], (row['details'] as { mode: string }).mode])).toEqual([
        [jeune.userId, 'self'],
      ]);
    });

    it('when the jeune unregisters, their seat goes to the first of the waiting list; unregistering again is a 404', async () => {
      const { write, sequelize, ml, conseiller, jeune } = await aCmiloWorld();
      const session = await aSession(sequelize, ml, conseiller.id, { debut: new Date(NOW.getTime() + 5 * DAY_MS), places: 1 });
      await anInscription(sequelize, session, jeune, { inscritLe: new Date(NOW.getTime() - 2 * HOUR_MS) });
      const waiting = await aJeuneWithAccount(sequelize, ml);
      await anInscription(sequelize, session, waiting, { statut: 'ATTENTE', inscritLe: new Date(NOW.getTime() - HOUR_MS) });

      const left = await write('delete', `/api/v1/me/sessions/${session.id}/inscription`);
      const again = await write('delete', `/api/v1/me/sessions/${session.id}/inscription`);
      const statuts = await sequelize.query<{ jeune_id: string; statut: string }>('SELECT jeune_id, statut FROM inscription_session WHERE session_id = $id ORDER BY inscrit_le', {
        type: QueryTypes.SELECT,
        bind: { id: session.id },
      });

      expect([left.status, again.status]).toEqual([204, 404]);
      expect(statuts).toEqual([
        { jeune_id: jeune.id, statut: 'DESINSCRIT' },
        { jeune_id: waiting.id, statut: 'INSCRIT' },
      ]);
    });
  });
});
