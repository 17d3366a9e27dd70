import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { agendaSchema, memoSchema } from '@imilo/domain';
import { aRendezVous } from '../support/agenda-builders';
import { aMissionLocale, auditRows } from '../support/builders';
import { anOffre, aSuiviWorld } from '../support/suivi-builders';
import { capturedLogs } from '../support/test-app';

// La Réunion is UTC+4 all year: 23:30 there on 1 December is 19:30 UTC the same day, 00:30 on the 2nd is 20:30 UTC.
const REUNION = 'Indian/Reunion';
const NOW = new Date('2026-12-01T05:00:00Z');
const MEMO_TEXTE = 'Relancer la jeune au sujet de son dossier FAJ';

/** A collective session animated by the user, with two registered jeunes and one waiting. */
const aSession = async (sequelize: Sequelize, ml: { id: string; siteId: string }, animateurId: string, debut: Date): Promise<string> => {
  const id = randomUUID();
  const offre = await anOffre(sequelize, ml);
  await sequelize.query(
    `INSERT INTO session_collective (id, mission_locale_id, offre_id, titre, debut, duree_minutes, site_id, animateur_id, places, date_limite_inscription)
     VALUES ($id, $ml, $offre, 'Atelier CV', $debut, 120, $site, $animateur, 8, '2026-11-30')`,
    { bind: { id, ml: ml.id, offre: offre.id, debut, site: ml.siteId, animateur: animateurId } },
  );
  return id;
};

const register = async (sequelize: Sequelize, sessionId: string, ml: { id: string }, jeuneId: string, statut: string) => {
  await sequelize.query(
    `INSERT INTO inscription_session (id, session_id, jeune_id, mission_locale_id, statut, inscrit_le) VALUES ($id, $sessionId, $jeuneId, $ml, $statut, now())`,
    { bind: { id: randomUUID(), sessionId, jeuneId, ml: ml.id, statut } },
  );
};

const memoCount = async (sequelize: Sequelize, ml: { id: string }) =>
  (await sequelize.query<{ n: string }>('SELECT count(*) AS n FROM memo WHERE mission_locale_id = $ml', { type: QueryTypes.SELECT, bind: { ml: ml.id } }))[0]!.n;

const reunion = async () => {
  const world = await aSuiviWorld({ timezone: REUNION, now: NOW });
  const conseiller = await world.staff(['conseiller']);
  const jeune = await world.jeune({ referentId: conseiller.id });
  return { world, conseiller, jeune, sequelize: world.db.sequelize };
};

describe('Agenda — the agenda (GET /agenda) and mémos (GET/POST/PATCH/DELETE /memos)', () => {
  describe('the agenda', () => {
    it('when a conseiller of La Réunion reads a day, its items are those of the local day: 23:30 local belongs to that day, 00:30 to the next', async () => {
      const { conseiller, jeune, sequelize } = await reunion();
      const lateEvening = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-12-01T19:30:00Z') });
      const afterMidnight = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-12-01T20:30:00Z') });
      const morning = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-12-01T04:30:00Z'), statut: 'ANNULE' });

      const day = await conseiller.get('/api/v1/agenda', { from: '2026-12-01', to: '2026-12-01' });
      const next = await conseiller.get('/api/v1/agenda', { from: '2026-12-02', to: '2026-12-02' });

      expect(day.status).withContext(JSON.stringify(day.body)).toBe(200);
      expect(agendaSchema.safeParse(day.body).error).toBeUndefined();
      expect(day.body.timezone).toBe(REUNION);
      expect(day.body.rendezVous.map((r: { id: string }) => r.id)).toEqual([morning.id, lateEvening.id]);
      expect(next.body.rendezVous.map((r: { id: string }) => r.id)).toEqual([afterMidnight.id]);
    });

    it('when a conseiller reads their week, it has their rendez-vous, the sessions they animate with their counts, and the due mémos (the overdue one marked late, today’s not); the read is audited', async () => {
      const { conseiller, jeune, sequelize, world } = await reunion();
      const inscrits = [await world.jeune(), await world.jeune(), await world.jeune()];
      const sessionId = await aSession(sequelize, world.ml, conseiller.id, new Date('2026-12-01T04:00:00Z'));
      await register(sequelize, sessionId, world.ml, inscrits[0]!.id, 'INSCRIT');
      await register(sequelize, sessionId, world.ml, inscrits[1]!.id, 'INSCRIT');
      await register(sequelize, sessionId, world.ml, inscrits[2]!.id, 'ATTENTE');
      const colleague = await world.staff(['conseiller']);
      await aRendezVous(sequelize, jeune, colleague.id, { debut: new Date('2026-12-02T06:00:00Z') });
      const mine = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-12-03T06:00:00Z') });
      const dueToday = (await conseiller.post('/api/v1/memos', { texte: MEMO_TEXTE, echeance: '2026-12-01' })).body;
      const overdue = (await colleague.post('/api/v1/memos', { texte: 'Préparer la commission', portee: 'EQUIPE', echeance: '2026-11-20' })).body;
      await colleague.post('/api/v1/memos', { texte: 'Note personnelle du collègue', echeance: '2026-12-01' });
      await conseiller.post('/api/v1/memos', { texte: 'Plus tard', echeance: '2026-12-20' });

      const res = await conseiller.get('/api/v1/agenda', { from: '2026-11-30', to: '2026-12-06' });

      expect(res.status).toBe(200);
      expect(res.body.rendezVous.map((r: { id: string }) => r.id)).toEqual([mine.id]);
      expect(res.body.sessions).toEqual([
        jasmine.objectContaining({ id: sessionId, titre: 'Atelier CV', inscrits: 2, enAttente: 1, placesLibres: 6, statut: 'A_CLOTURER' }),
      ]);
      expect(res.body.memos.map((m: { id: string }) => m.id)).toEqual([overdue.id, dueToday.id]);
      expect(res.body.memos.map((m: { enRetard: boolean }) => m.enRetard)).toEqual([true, false]);
      const audit = await auditRows(sequelize, { actorId: conseiller.id, action: 'agenda.read' });
      expect(audit.length).toBe(1);
      expect(audit[0]!['details']).toEqual(jasmine.objectContaining({ conseillerId: conseiller.id, rendezVous: 1, sessions: 1, memos: 2 }));
      expect(capturedLogs.some((line) => line.includes(MEMO_TEXTE))).toBeFalse();
    });

    it('when the staff read a colleague’s or a site’s agenda, they see that one; another Mission Locale’s colleague or site: 404', async () => {
      const { conseiller, jeune, sequelize, world } = await reunion();
      // Attached to no site: only their rendez-vous held at the site are the site's.
      const colleague = await world.staff(['conseiller'], { id: world.ml.id });
      const accueil = await world.staff(['charge_accueil']);
      const mine = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-12-01T06:00:00Z') });
      const theirs = await aRendezVous(sequelize, jeune, colleague.id, { debut: new Date('2026-12-01T07:00:00Z') });
      const atSite = await colleague.post('/api/v1/rendez-vous', {
        jeuneId: jeune.id,
        modalite: 'PRESENTIEL_SITE',
        siteId: world.ml.siteId,
        debut: '2026-12-01T12:00:00+04:00',
        dureeMinutes: 30,
      });
      expect(atSite.status).toBe(201);
      const other = await aMissionLocale(sequelize);
      const stranger = await world.staff(['conseiller'], other);
      const range = { from: '2026-12-01', to: '2026-12-01' };

      const ofColleague = await accueil.get('/api/v1/agenda', { ...range, conseiller: colleague.id });
      const ofSite = await accueil.get('/api/v1/agenda', { ...range, site: world.ml.siteId });
      const ownOfAccueil = await accueil.get('/api/v1/agenda', range);
      const foreignColleague = await conseiller.get('/api/v1/agenda', { ...range, conseiller: stranger.id });
      const foreignSite = await conseiller.get('/api/v1/agenda', { ...range, site: other.siteId });

      expect(ofColleague.body.rendezVous.map((r: { id: string }) => r.id)).toEqual([theirs.id, atSite.body.rendezVous.id]);
      // The conseiller is attached to the site: all theirs; the colleague's there only.
      expect(ofSite.body.rendezVous.map((r: { id: string }) => r.id)).toEqual([mine.id, atSite.body.rendezVous.id]);
      expect(ownOfAccueil.status).toBe(403);
      expect(foreignColleague.status).toBe(404);
      expect(foreignSite.status).toBe(404);
    });

    it('when the range is invalid (reversed, too long, both a conseiller and a site), it answers 400', async () => {
      const { conseiller, world } = await reunion();

      const reversed = await conseiller.get('/api/v1/agenda', { from: '2026-12-05', to: '2026-12-01' });
      const long = await conseiller.get('/api/v1/agenda', { from: '2026-12-01', to: '2027-02-01' });
      const both = await conseiller.get('/api/v1/agenda', { from: '2026-12-01', to: '2026-12-01', conseiller: conseiller.id, site: world.ml.siteId });

      for (const res of [reversed, long, both]) {
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation-failed');
      }
    });
  });

  describe('mémos', () => {
    it('when a conseiller writes a mémo for themself, only they see it; a team mémo is seen and edited by the team', async () => {
      const { conseiller, jeune, sequelize, world } = await reunion();
      const colleague = await world.staff(['conseiller']);

      const mine = await conseiller.post('/api/v1/memos', { texte: MEMO_TEXTE, jeuneId: jeune.id, echeance: '2026-12-02' });
      const team = await conseiller.post('/api/v1/memos', { texte: 'Réunion d’équipe jeudi', portee: 'EQUIPE' });

      expect(mine.status).withContext(JSON.stringify(mine.body)).toBe(201);
      expect(memoSchema.safeParse(mine.body).error).toBeUndefined();
      expect(mine.body).toEqual(jasmine.objectContaining({ portee: 'MOI', jeune: jasmine.objectContaining({ id: jeune.id }), echeance: '2026-12-02', fait: false, enRetard: false, version: 1 }));
      const seenByColleague = await colleague.get('/api/v1/memos');
      expect(seenByColleague.body.map((m: { id: string }) => m.id)).toEqual([team.body.id]);
      const editMine = await colleague.patch(`/api/v1/memos/${mine.body.id}`, { version: 1, texte: 'x', portee: 'MOI', jeuneId: null, echeance: null, fait: true });
      const deleteMine = await colleague.del(`/api/v1/memos/${mine.body.id}`, {});
      expect(editMine.status).toBe(404);
      expect(deleteMine.status).toBe(404);
      const done = await colleague.patch(`/api/v1/memos/${team.body.id}`, { version: 1, texte: 'Réunion d’équipe jeudi', portee: 'EQUIPE', jeuneId: null, echeance: null, fait: true });
      expect(done.status).toBe(200);
      expect(done.body).toEqual(jasmine.objectContaining({ fait: true, version: 2 }));
      const takeOver = await colleague.patch(`/api/v1/memos/${team.body.id}`, { version: 2, texte: 'À moi', portee: 'MOI', jeuneId: null, echeance: null, fait: true });
      expect(takeOver.status).toBe(403);
      const audit = await auditRows(sequelize, { targetId: jeune.id, action: 'memos.create' });
      expect(audit.length).toBe(1);
      expect(JSON.stringify(await auditRows(sequelize, { actorId: conseiller.id }))).not.toContain(MEMO_TEXTE);
    });

    it('when a mémo is edited from a stale version, it answers 409 with the current mémo; filters and deletion work', async () => {
      const { conseiller, jeune, sequelize, world } = await reunion();
      const memo = (await conseiller.post('/api/v1/memos', { texte: MEMO_TEXTE, jeuneId: jeune.id, echeance: '2026-11-30' })).body;
      await conseiller.post('/api/v1/memos', { texte: 'Sans jeune', echeance: '2026-12-10' });
      await conseiller.patch(`/api/v1/memos/${memo.id}`, { version: 1, texte: 'Relancer', portee: 'MOI', jeuneId: jeune.id, echeance: '2026-11-30', fait: false });

      const stale = await conseiller.patch(`/api/v1/memos/${memo.id}`, { version: 1, texte: 'Autre', portee: 'MOI', jeuneId: null, echeance: null, fait: true });
      const ofJeune = await conseiller.get('/api/v1/memos', { jeune: jeune.id });
      const dueToday = await conseiller.get('/api/v1/memos', { echeanceAu: '2026-12-01', fait: 'false' });
      const deleted = await conseiller.del(`/api/v1/memos/${memo.id}`, {});

      expect(stale.status).toBe(409);
      expect(stale.body.current).toEqual(jasmine.objectContaining({ id: memo.id, texte: 'Relancer', version: 2, enRetard: true }));
      expect(ofJeune.body.map((m: { id: string }) => m.id)).toEqual([memo.id]);
      expect(dueToday.body.map((m: { id: string }) => m.id)).toEqual([memo.id]);
      expect(deleted.status).toBe(204);
      expect(await memoCount(sequelize, world.ml)).toBe('1');
      expect((await auditRows(sequelize, { targetId: jeune.id, action: 'memos.delete' })).length).toBe(1);
    });

    it('when the body is invalid or the jeune of another Mission Locale, it answers 400 or 404 and writes nothing', async () => {
      const { conseiller, sequelize, world } = await reunion();
      const foreign = await world.jeune({}, await aMissionLocale(sequelize));

      const empty = await conseiller.post('/api/v1/memos', { texte: '  ' });
      const unknown = await conseiller.post('/api/v1/memos', { texte: 'ok', portee: 'TOUS' });
      const badDay = await conseiller.post('/api/v1/memos', { texte: 'ok', echeance: '2026-13-01' });
      const elsewhere = await conseiller.post('/api/v1/memos', { texte: 'ok', jeuneId: foreign.id });

      expect([empty.status, unknown.status, badDay.status]).toEqual([400, 400, 400]);
      expect(elsewhere.status).toBe(404);
      expect(await memoCount(sequelize, world.ml)).toBe('0');
      expect((await auditRows(sequelize, { targetId: foreign.id })).length).toBe(0);
    });
  });
});
