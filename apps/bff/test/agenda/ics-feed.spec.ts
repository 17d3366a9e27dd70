import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { fluxCalendrierSchema, ICS_MAX_LINE_OCTETS, icsUnfold, utf8ByteLength } from '@imilo/domain';
import { aRendezVous } from '../support/agenda-builders';
import { auditRows } from '../support/builders';
import { aSuiviWorld } from '../support/suivi-builders';
import { capturedLogs } from '../support/test-app';

const NOW = new Date('2026-11-30T09:00:00Z');
const COMMENTAIRE = 'Situation familiale compliquée, ne pas évoquer le foyer';

/** A conseiller with two rendez-vous (one cancelled) with Élodie Lebon, and a subscribed feed. */
const subscribed = async (body: object = {}) => {
  const world = await aSuiviWorld({ now: NOW });
  const { sequelize } = world.db;
  const conseiller = await world.staff(['conseiller']);
  const jeune = await world.jeune({ referentId: conseiller.id, prenoms: 'Élodie Marie', nomNaissance: 'LEBON' });
  const planned = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-12-02T09:00:00Z'), commentaire: COMMENTAIRE });
  const cancelled = await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-12-03T09:00:00Z'), statut: 'ANNULE' });
  // Out of the feed's window (more than three months ago).
  await aRendezVous(sequelize, jeune, conseiller.id, { debut: new Date('2026-07-01T09:00:00Z') });
  const created = await conseiller.post('/api/v1/ics/flux', body);
  const url = new URL(created.body.url as string);
  return { world, sequelize, conseiller, jeune, planned, cancelled, created, path: url.pathname };
};

describe('Agenda — the calendar feed (GET/POST/DELETE /ics/flux, GET /ics/{token}.ics)', () => {
  it('when a conseiller creates a feed, its secret URL is answered once; the feed shows their rendez-vous by initials, without the commentaire', async () => {
    const { world, sequelize, conseiller, planned, cancelled, created, path } = await subscribed();

    const feed = await request(world.app).get(path);
    const state = await conseiller.get('/api/v1/ics/flux');

    expect(created.status).withContext(JSON.stringify(created.body)).toBe(201);
    expect(fluxCalendrierSchema.safeParse(created.body).error).toBeUndefined();
    expect(created.body).toEqual(jasmine.objectContaining({ actif: true, afficherNoms: false, creeLe: NOW.toISOString() }));
    expect(path).toMatch(/^\/api\/v1\/ics\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(state.body).toEqual({ actif: true, url: null, afficherNoms: false, creeLe: NOW.toISOString() });
    const [stored] = await sequelize.query<{ jeton_hash: string }>('SELECT jeton_hash FROM flux_calendrier WHERE utilisateur_id = $id', {
      type: QueryTypes.SELECT,
      bind: { id: conseiller.id },
    });
    expect(stored!.jeton_hash).not.toContain(path.slice(12, 55));

    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.headers['cache-control']).toBe('no-store');
    const text = feed.text;
    expect(text.endsWith('\r\n')).toBeTrue();
    for (const line of text.split('\r\n')) {
      expect(utf8ByteLength(line)).toBeLessThanOrEqual(ICS_MAX_LINE_OCTETS);
    }
    const unfolded = icsUnfold(text);
    expect(unfolded).toContain('METHOD:PUBLISH');
    expect(unfolded).toContain(`UID:rendez-vous-${planned.id}@imilo`);
    expect(unfolded).toContain('SUMMARY:Entretien individuel conseiller – É. L.');
    expect(unfolded).toContain('DTSTART:20261202T090000Z');
    expect(unfolded.match(/BEGIN:VEVENT/g)?.length).toBe(2);
    const cancelledEvent = unfolded.split('BEGIN:VEVENT').find((event) => event.includes(cancelled.id))!;
    expect(cancelledEvent).toContain('STATUS:CANCELLED');
    expect(unfolded).not.toContain('LEBON');
    expect(unfolded).not.toContain('Élodie');
    expect(unfolded).not.toContain('Situation familiale');
    const audit = await auditRows(sequelize, { actorId: conseiller.id, action: 'ics.flux.read' });
    expect(audit.length).toBe(1);
    expect(audit[0]!['details']).toEqual({ rendezVous: 2, sessions: 0 });
    expect(capturedLogs.some((line) => line.includes(path.slice(12, 55)))).toBeFalse();
  });

  it('when the owner chose names, the feed shows the jeune’s first name and name', async () => {
    const { world, path } = await subscribed({ afficherNoms: true });

    const feed = await request(world.app).get(path);

    expect(icsUnfold(feed.text)).toContain('SUMMARY:Entretien individuel conseiller – Élodie LEBON');
  });

  it('when the feed is revoked or replaced, or the token unknown, its URL answers 404', async () => {
    const { world, conseiller, path } = await subscribed();

    const renewed = await conseiller.post('/api/v1/ics/flux', {});
    const replaced = await request(world.app).get(path);
    const newPath = new URL(renewed.body.url as string).pathname;
    const working = await request(world.app).get(newPath);
    const revoked = await conseiller.del('/api/v1/ics/flux', {});
    const afterRevoke = await request(world.app).get(newPath);
    const unknown = await request(world.app).get(`/api/v1/ics/${'A'.repeat(43)}.ics`);
    const state = await conseiller.get('/api/v1/ics/flux');

    expect(replaced.status).toBe(404);
    expect(working.status).toBe(200);
    expect(revoked.status).toBe(204);
    expect(afterRevoke.status).toBe(404);
    expect(afterRevoke.type).toBe('application/problem+json');
    expect(unknown.status).toBe(404);
    expect(state.body).toEqual({ actif: false, url: null, afficherNoms: false, creeLe: null });
  });

  it('when the creation body is invalid, it answers 400 and no feed is created', async () => {
    const world = await aSuiviWorld({ now: NOW });
    const conseiller = await world.staff(['conseiller']);

    const res = await conseiller.post('/api/v1/ics/flux', { afficherNoms: 'oui' });

    expect(res.status).toBe(400);
    expect((await conseiller.get('/api/v1/ics/flux')).body.actif).toBeFalse();
  });
});
