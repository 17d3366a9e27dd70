import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { rendezVousDetailSchema, rendezVousEcritSchema, rendezVousSchema } from '@imilo/domain';
import { aRendezVous } from '../support/agenda-builders';
import { aMissionLocale, aUser, auditRows } from '../support/builders';
import { aSuiviWorld } from '../support/suivi-builders';
import { capturedLogs } from '../support/test-app';

// Free text about the jeune: read by the staff, never copied into an audit row or a log line.
const OBJET = 'Bilan de la recherche de stage';
const COMMENTAIRE = 'Le jeune évoque des difficultés de logement';
const MOTIF = 'Le conseiller est en formation ce jour-là';

const NOW = new Date('2026-11-30T09:00:00Z');

const aBody = (jeuneId: string, overrides: object = {}) => ({
  jeuneId,
  modalite: 'TELEPHONE',
  debut: '2026-12-02T10:00:00+01:00',
  dureeMinutes: 45,
  objet: OBJET,
  commentaire: COMMENTAIRE,
  ...overrides,
});

const counts = async (sequelize: Sequelize, jeuneId: string) =>
  (
    await sequelize.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM rendez_vous WHERE jeune_id = $jeuneId) AS rendez_vous,
              (SELECT coalesce(sum(version), 0) FROM rendez_vous WHERE jeune_id = $jeuneId) AS versions,
              (SELECT count(*) FROM rendez_vous_historique h JOIN rendez_vous r ON r.id = h.rendez_vous_id WHERE r.jeune_id = $jeuneId) AS historique,
              (SELECT count(*) FROM evenement WHERE jeune_id = $jeuneId) AS evenements,
              (SELECT count(*) FROM audit_log WHERE target_id = $jeuneId::text) AS audit`,
      { type: QueryTypes.SELECT, bind: { jeuneId } },
    )
  )[0]!;

const rowOf = async (sequelize: Sequelize, id: string) =>
  (
    await sequelize.query<Record<string, unknown>>(
      'SELECT statut, presence, motif_annulation, annule_par, clos_par, evenement_id, ics_sequence, version FROM rendez_vous WHERE id = $id',
      { type: QueryTypes.SELECT, bind: { id } },
    )
  )[0]!;

/** A world at NOW with a conseiller and a jeune of their portfolio. */
const withJeune = async () => {
  const world = await aSuiviWorld({ now: NOW });
  const conseiller = await world.staff(['conseiller']);
  const jeune = await world.jeune({ referentId: conseiller.id, prenoms: 'Élodie', nomNaissance: 'LEBON' });
  return { world, conseiller, jeune, sequelize: world.db.sequelize };
};

const expectNoFreeTextIn = async (sequelize: Sequelize, jeuneId: string) => {
  const audit = JSON.stringify(await auditRows(sequelize, { targetId: jeuneId }));
  for (const text of [OBJET, COMMENTAIRE, MOTIF]) {
    expect(audit).not.toContain(text);
    expect(capturedLogs.some((line) => line.includes(text))).toBeFalse();
  }
};

describe('Agenda — rendez-vous (POST/GET/PATCH/DELETE /rendez-vous, POST /rendez-vous/:id/cloture)', () => {
  describe('creation', () => {
    it('when a conseiller books a rendez-vous with a jeune, it is planned in their agenda, with its history, and audited without its text', async () => {
      const { conseiller, jeune, sequelize } = await withJeune();

      const res = await conseiller.post('/api/v1/rendez-vous', aBody(jeune.id));

      expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['location']).toBe(`/api/v1/rendez-vous/${res.body.rendezVous.id}`);
      expect(rendezVousEcritSchema.safeParse(res.body).error).toBeUndefined();
      expect(res.body.conflits).toEqual([]);
      expect(res.body.rendezVous).toEqual(
        jasmine.objectContaining({
          jeune: { id: jeune.id, prenom: 'Élodie', nom: 'LEBON' },
          conseiller: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' },
          type: 'ENTRETIEN_INDIVIDUEL_CONSEILLER',
          modalite: 'TELEPHONE',
          debut: '2026-12-02T09:00:00.000Z',
          fin: '2026-12-02T09:45:00.000Z',
          objet: OBJET,
          commentaire: COMMENTAIRE,
          presenceConseiller: true,
          statut: 'PLANIFIE',
          aCloturer: false,
          presence: null,
          annulation: null,
          evenementId: null,
          version: 1,
        }),
      );
      const detail = await conseiller.get(`/api/v1/rendez-vous/${res.body.rendezVous.id}`);
      expect(detail.body.historique).toEqual([
        { le: NOW.toISOString(), operation: 'CREATION', auteur: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' } },
      ]);
      const audit = await auditRows(sequelize, { targetId: jeune.id, action: 'rendez-vous.create' });
      expect(audit.length).toBe(1);
      expect(audit[0]).toEqual(
        jasmine.objectContaining({ actor_id: conseiller.id, target_type: 'jeune', details: jasmine.objectContaining({ rendezVousId: res.body.rendezVous.id }) }),
      );
      await expectNoFreeTextIn(sequelize, jeune.id);
    });

    it('when the new rendez-vous overlaps another planned one of the conseiller, it is created and the overlap is warned about', async () => {
      const { conseiller, jeune, sequelize, world } = await withJeune();
      const other = await world.jeune();
      const busy = await aRendezVous(sequelize, other, conseiller.id, { debut: new Date('2026-12-02T08:30:00Z'), dureeMinutes: 60 });
      await aRendezVous(sequelize, other, conseiller.id, { debut: new Date('2026-12-02T09:15:00Z'), statut: 'ANNULE' });
      // Ends when the new one starts: no overlap.
      await aRendezVous(sequelize, other, conseiller.id, { debut: new Date('2026-12-02T08:00:00Z'), dureeMinutes: 60 });

      const res = await conseiller.post('/api/v1/rendez-vous', aBody(jeune.id));

      expect(res.status).toBe(201);
      expect(res.body.conflits).toEqual([{ id: busy.id, debut: '2026-12-02T08:30:00.000Z', fin: '2026-12-02T09:30:00.000Z', objet: 'Point sur la recherche d’emploi' }]);
      expect((await counts(sequelize, jeune.id)).rendez_vous).toBe('1');
    });

    it('when a chargé d’accueil books for a conseiller of the Mission Locale, it goes in that conseiller’s agenda; for a colleague of another one, 404', async () => {
      const { conseiller, jeune, sequelize, world } = await withJeune();
      const accueil = await world.staff(['charge_accueil']);
      const elsewhere = await aUser(sequelize, await aMissionLocale(sequelize));

      const booked = await accueil.post('/api/v1/rendez-vous', { ...aBody(jeune.id), conseillerId: conseiller.id });
      const foreign = await accueil.post('/api/v1/rendez-vous', { ...aBody(jeune.id), conseillerId: elsewhere.id });
      const own = await accueil.post('/api/v1/rendez-vous', aBody(jeune.id));

      expect(booked.status).withContext(JSON.stringify(booked.body)).toBe(201);
      expect(booked.body.rendezVous.conseiller.id).toBe(conseiller.id);
      expect(foreign.status).toBe(404);
      // The accueil keeps no agenda of their own.
      expect(own.status).toBe(403);
      expect((await counts(sequelize, jeune.id)).rendez_vous).toBe('1');
    });

    it('when the start is outside [now − 1 year, now + 2 years], it answers 400 with the rule’s message and writes nothing', async () => {
      const { conseiller, jeune, sequelize } = await withJeune();
      const before = await counts(sequelize, jeune.id);

      const tooLate = await conseiller.post('/api/v1/rendez-vous', aBody(jeune.id, { debut: '2028-12-01T09:00:00Z' }));
      const tooEarly = await conseiller.post('/api/v1/rendez-vous', aBody(jeune.id, { debut: '2025-11-29T09:00:00Z' }));
      const edge = await conseiller.post('/api/v1/rendez-vous', aBody(jeune.id, { debut: '2028-11-30T09:00:00Z' }));

      expect(tooLate.status).toBe(400);
      expect(tooLate.body.errors).toEqual([{ path: 'debut', message: "Un rendez-vous se planifie au plus deux ans à l'avance." }]);
      expect(tooEarly.status).toBe(400);
      expect(tooEarly.body.errors).toEqual([{ path: 'debut', message: "Un rendez-vous ne peut dater de plus d'un an." }]);
      expect(edge.status).toBe(201);
      expect(Number((await counts(sequelize, jeune.id)).rendez_vous)).toBe(Number(before.rendez_vous) + 1);
    });

    it('when the body is invalid (collective type, site missing, another Mission Locale’s site, unknown field), it answers 400 and writes nothing', async () => {
      const { conseiller, jeune, sequelize } = await withJeune();
      const otherMl = await aMissionLocale(sequelize);
      const before = await counts(sequelize, jeune.id);

      const bodies = [
        aBody(jeune.id, { type: 'ATELIER' }),
        aBody(jeune.id, { modalite: 'PRESENTIEL_SITE' }),
        aBody(jeune.id, { modalite: 'PRESENTIEL_SITE', siteId: otherMl.siteId }),
        aBody(jeune.id, { inconnu: true }),
        aBody(jeune.id, { dureeMinutes: 2 }),
      ];
      for (const body of bodies) {
        const res = await conseiller.post('/api/v1/rendez-vous', body);
        expect(res.status).withContext(JSON.stringify(body)).toBe(400);
        expect(res.body.code).toBe('validation-failed');
      }
      expect(await counts(sequelize, jeune.id)).toEqual(before);
    });

    it('when the jeune is of another Mission Locale, it answers 404 and writes nothing', async () => {
      const { conseiller, sequelize, world } = await withJeune();
      const foreign = await world.jeune({}, await aMissionLocale(sequelize));

      const res = await conseiller.post('/api/v1/rendez-vous', aBody(foreign.id));

      expect(res.status).toBe(404);
      expect(await counts(sequelize, foreign.id)).toEqual(jasmine.objectContaining({ rendez_vous: '0', audit: '0' }));
    });
  });

  describe('reading', () => {
    it('when the staff read a rendez-vous, it answers it with its history and its delivery log, and audits the read; another Mission Locale’s: 404', async () => {
      const { conseiller, jeune, sequelize, world } = await withJeune();
      const { id } = await aRendezVous(sequelize, jeune, conseiller.id);
      const messageId = randomUUID();
      await sequelize.query(
        `INSERT INTO message_jeune (id, cle, mission_locale_id, jeune_id, rendez_vous_id, nature, envoi_prevu_le, statut, traite_le)
         VALUES ($messageId, $cle, $ml, $jeuneId, $id, 'CREATION', $now, 'ENVOYE', $now)`,
        { bind: { messageId, cle: `${id}:creation`, ml: world.ml.id, jeuneId: jeune.id, id, now: NOW } },
      );
      await sequelize.query(
        `INSERT INTO message_envoi (id, message_id, mission_locale_id, canal, statut, segments, created_at) VALUES ($envoi, $messageId, $ml, 'sms', 'ENVOYE', 1, $now)`,
        { bind: { envoi: randomUUID(), messageId, ml: world.ml.id, now: NOW } },
      );
      const foreign = await aRendezVous(sequelize, await world.jeune({}, await aMissionLocale(sequelize)), conseiller.id);

      const res = await conseiller.get(`/api/v1/rendez-vous/${id}`);
      const other = await conseiller.get(`/api/v1/rendez-vous/${foreign.id}`);
      const bad = await conseiller.get('/api/v1/rendez-vous/pas-un-uuid');

      expect(res.status).toBe(200);
      expect(rendezVousDetailSchema.safeParse(res.body).error).toBeUndefined();
      expect(res.body.messages).toEqual([
        {
          id: messageId,
          nature: 'CREATION',
          rappel: null,
          rendezVousId: id,
          sessionId: null,
          prevuLe: NOW.toISOString(),
          statut: 'ENVOYE',
          motif: null,
          envois: [{ canal: 'sms', statut: 'ENVOYE', motif: null, segments: 1, le: NOW.toISOString(), acquitteLe: null }],
        },
      ]);
      expect(other.status).toBe(404);
      expect(bad.status).toBe(400);
      expect((await auditRows(sequelize, { targetId: jeune.id, action: 'rendez-vous.read' })).length).toBe(1);
    });
  });

  describe('move', () => {
    it('when the conseiller moves a rendez-vous, it is saved with the next version and calendar sequence, and the history names the changed fields', async () => {
      const { conseiller, jeune, sequelize } = await withJeune();
      const created = (await conseiller.post('/api/v1/rendez-vous', aBody(jeune.id))).body.rendezVous;

      const res = await conseiller.patch(`/api/v1/rendez-vous/${created.id}`, { ...aBody(jeune.id), version: 1, debut: '2026-12-03T14:00:00+01:00', dureeMinutes: 30 });

      expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
      expect(rendezVousEcritSchema.safeParse(res.body).error).toBeUndefined();
      expect(res.body.rendezVous).toEqual(jasmine.objectContaining({ debut: '2026-12-03T13:00:00.000Z', dureeMinutes: 30, version: 2 }));
      expect(await rowOf(sequelize, created.id)).toEqual(jasmine.objectContaining({ ics_sequence: 1, version: 2 }));
      const detail = await conseiller.get(`/api/v1/rendez-vous/${created.id}`);
      expect(detail.body.historique.map((line: { operation: string }) => line.operation)).toEqual(['CREATION', 'MODIFICATION']);
      const [historique] = await sequelize.query<{ detail: unknown }>(
        "SELECT detail FROM rendez_vous_historique WHERE rendez_vous_id = $id AND operation = 'MODIFICATION'",
        { type: QueryTypes.SELECT, bind: { id: created.id } },
      );
      expect(historique!.detail).toEqual({ champs: ['debut', 'dureeMinutes'] });
      expect((await auditRows(sequelize, { targetId: jeune.id, action: 'rendez-vous.update' }))[0]!['details']).toEqual(
        jasmine.objectContaining({ champs: ['debut', 'dureeMinutes'] }),
      );
    });

    it('when the version read is stale, it answers 409 with the current rendez-vous and writes nothing', async () => {
      const { conseiller, jeune, sequelize } = await withJeune();
      const created = (await conseiller.post('/api/v1/rendez-vous', aBody(jeune.id))).body.rendezVous;
      await conseiller.patch(`/api/v1/rendez-vous/${created.id}`, { ...aBody(jeune.id), version: 1, objet: 'Préparer l’entretien' });
      const before = await counts(sequelize, jeune.id);

      const res = await conseiller.patch(`/api/v1/rendez-vous/${created.id}`, { ...aBody(jeune.id), version: 1, dureeMinutes: 60 });

      expect(res.status).toBe(409);
      expect(res.body.code).toBe('conflict');
      expect(rendezVousSchema.safeParse(res.body.current).error).toBeUndefined();
      expect(res.body.current).toEqual(jasmine.objectContaining({ version: 2, objet: 'Préparer l’entretien', dureeMinutes: 45 }));
      expect(await counts(sequelize, jeune.id)).toEqual(before);
    });

    it('when the rendez-vous is cancelled or closed, or of another Mission Locale, the move is refused (409, 404) and nothing changes', async () => {
      const { conseiller, jeune, sequelize, world } = await withJeune();
      const annule = await aRendezVous(sequelize, jeune, conseiller.id, { statut: 'ANNULE' });
      const clos = await aRendezVous(sequelize, jeune, conseiller.id, { statut: 'CLOS', debut: new Date('2026-11-29T09:00:00Z') });
      const foreignJeune = await world.jeune({}, await aMissionLocale(sequelize));
      const foreign = await aRendezVous(sequelize, foreignJeune, conseiller.id);
      const before = await counts(sequelize, jeune.id);

      const cancelled = await conseiller.patch(`/api/v1/rendez-vous/${annule.id}`, { ...aBody(jeune.id), version: 1 });
      const closed = await conseiller.patch(`/api/v1/rendez-vous/${clos.id}`, { ...aBody(jeune.id), version: 1 });
      const other = await conseiller.patch(`/api/v1/rendez-vous/${foreign.id}`, { ...aBody(foreignJeune.id), version: 1 });

      expect([cancelled.status, cancelled.body.detail]).toEqual([409, 'Ce rendez-vous est annulé : il ne se modifie plus.']);
      expect([closed.status, closed.body.detail]).toEqual([409, 'Ce rendez-vous est clôturé : il ne se modifie plus.']);
      expect(other.status).toBe(404);
      expect(await counts(sequelize, jeune.id)).toEqual(before);
    });
  });

  describe('cancellation', () => {
    it('when the conseiller cancels with a motif, the rendez-vous stays, cancelled, with the motif; a second cancellation is refused', async () => {
      const { conseiller, jeune, sequelize } = await withJeune();
      const { id } = await aRendezVous(sequelize, jeune, conseiller.id);

      const res = await conseiller.del(`/api/v1/rendez-vous/${id}`, { motif: MOTIF });
      const again = await conseiller.del(`/api/v1/rendez-vous/${id}`, { motif: MOTIF });

      expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual(
        jasmine.objectContaining({ statut: 'ANNULE', annulation: { motif: MOTIF, le: NOW.toISOString(), parJeune: false } }),
      );
      expect(await rowOf(sequelize, id)).toEqual(jasmine.objectContaining({ statut: 'ANNULE', motif_annulation: MOTIF, annule_par: conseiller.id, ics_sequence: 1 }));
      expect(again.status).toBe(409);
      expect((await auditRows(sequelize, { targetId: jeune.id, action: 'rendez-vous.cancel' })).length).toBe(1);
      await expectNoFreeTextIn(sequelize, jeune.id);
    });

    it('when the motif is missing, it answers 400 and nothing changes', async () => {
      const { conseiller, jeune, sequelize } = await withJeune();
      const { id } = await aRendezVous(sequelize, jeune, conseiller.id);

      const res = await conseiller.del(`/api/v1/rendez-vous/${id}`, { motif: '  ' });

      expect(res.status).toBe(400);
      expect(await rowOf(sequelize, id)).toEqual(jasmine.objectContaining({ statut: 'PLANIFIE', version: 1 }));
    });
  });

  describe('closing', () => {
    it('when the rendez-vous has not started yet, closing is refused with the rule’s message and nothing is written', async () => {
      const { conseiller, jeune, sequelize } = await withJeune();
      const { id } = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date(NOW.getTime() + 60_000) });
      const before = await counts(sequelize, jeune.id);

      const res = await conseiller.post(`/api/v1/rendez-vous/${id}/cloture`, { presence: 'PRESENT' });

      expect([res.status, res.body.detail]).toEqual([409, 'Un rendez-vous se clôture une fois commencé.']);
      expect(await counts(sequelize, jeune.id)).toEqual(before);
    });

    it('when a started rendez-vous is closed, its événement is written once on the timeline, linked; a replay answers the same, a second closing 409', async () => {
      const { conseiller, jeune, sequelize } = await withJeune();
      const debut = new Date('2026-11-30T08:00:00Z');
      const { id } = await aRendezVous(sequelize, jeune, conseiller.id, { debut, modalite: 'TELEPHONE', objet: OBJET });
      const key = randomUUID();

      const res = await conseiller.post(`/api/v1/rendez-vous/${id}/cloture`, { presence: 'PRESENT' }, key);
      const replay = await conseiller.post(`/api/v1/rendez-vous/${id}/cloture`, { presence: 'PRESENT' }, key);
      const second = await conseiller.post(`/api/v1/rendez-vous/${id}/cloture`, { presence: 'ABSENT' });

      expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual(jasmine.objectContaining({ statut: 'CLOS', presence: 'PRESENT', aCloturer: false, evenementId: jasmine.any(String) }));
      expect(replay.status).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(res.body);
      expect([second.status, second.body.detail]).toEqual([409, 'Ce rendez-vous est déjà clôturé.']);
      expect((await counts(sequelize, jeune.id)).evenements).toBe('1');
      const timeline = await conseiller.get(`/api/v1/jeunes/${jeune.id}/timeline`);
      expect(timeline.status).toBe(200);
      expect(timeline.body.items).toEqual([
        jasmine.objectContaining({ kind: 'evenement', id: res.body.evenementId, at: debut.toISOString(), typeEvenement: 'TELEPHONE' }),
      ]);
      const [jeuneRow] = await sequelize.query<{ dernier: string }>("SELECT to_char(dernier_contact_le, 'YYYY-MM-DD') AS dernier FROM jeune WHERE id = $id", {
        type: QueryTypes.SELECT,
        bind: { id: jeune.id },
      });
      expect(jeuneRow!.dernier).toBe('2026-11-30');
      expect(await rowOf(sequelize, id)).toEqual(jasmine.objectContaining({ statut: 'CLOS', clos_par: conseiller.id, evenement_id: res.body.evenementId }));
      expect((await auditRows(sequelize, { targetId: jeune.id, action: 'rendez-vous.close' })).length).toBe(1);
    });

    it('when the jeune was absent, the événement is the absence, which is no contact; a cancelled rendez-vous is not closed', async () => {
      const { conseiller, jeune, sequelize } = await withJeune();
      const { id } = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-11-30T08:00:00Z') });
      const annule = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-11-30T07:00:00Z'), statut: 'ANNULE' });

      const res = await conseiller.post(`/api/v1/rendez-vous/${id}/cloture`, { presence: 'ABSENT' });
      const cancelled = await conseiller.post(`/api/v1/rendez-vous/${annule.id}/cloture`, { presence: 'PRESENT' });

      expect(res.status).toBe(200);
      const [evenement] = await sequelize.query<{ type_code: string; duree_minutes: number | null }>(
        'SELECT type_code, duree_minutes FROM evenement WHERE id = $id',
        { type: QueryTypes.SELECT, bind: { id: res.body.evenementId } },
      );
      expect(evenement).toEqual({ type_code: 'RENDEZ_VOUS_ABSENT', duree_minutes: null });
      expect((await counts(sequelize, jeune.id)).evenements).toBe('1');
      const [jeuneRow] = await sequelize.query<{ dernier: string | null }>('SELECT dernier_contact_le AS dernier FROM jeune WHERE id = $id', {
        type: QueryTypes.SELECT,
        bind: { id: jeune.id },
      });
      expect(jeuneRow!.dernier).toBeNull();
      expect([cancelled.status, cancelled.body.detail]).toEqual([409, 'Ce rendez-vous est annulé : il ne se clôture pas.']);
    });

    it('when the presence is unknown, or the rendez-vous of another Mission Locale, it answers 400 or 404 and writes nothing', async () => {
      const { conseiller, jeune, sequelize, world } = await withJeune();
      const { id } = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-11-30T08:00:00Z') });
      const foreignJeune = await world.jeune({}, await aMissionLocale(sequelize));
      const foreign = await aRendezVous(sequelize, foreignJeune, conseiller.id, { debut: new Date('2026-11-30T08:00:00Z') });

      const bad = await conseiller.post(`/api/v1/rendez-vous/${id}/cloture`, { presence: 'PEUT_ETRE' });
      const other = await conseiller.post(`/api/v1/rendez-vous/${foreign.id}/cloture`, { presence: 'PRESENT' });

      expect(bad.status).toBe(400);
      expect(other.status).toBe(404);
      expect((await counts(sequelize, jeune.id)).evenements).toBe('0');
      expect((await counts(sequelize, foreignJeune.id)).evenements).toBe('0');
    });
  });
});
