import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { RendezVousChange, SessionChange } from '../../src/features/notifications/notifier.port';
import { aRendezVous } from '../support/agenda-builders';
import { aJeune, aMissionLocale, aUser } from '../support/builders';
import { anOffre } from '../support/suivi-builders';
import { createTestApp, TestClock } from '../support/test-app';

// The planning of the messages to a jeune (#5), in the agenda's own transactions: what is planned at creation, what a
// move, a cancellation or a closing does to the reminders, in the Mission Locale's timezone.

interface MessageRow {
  cle: string;
  nature: string;
  rappel: string | null;
  envoi_prevu_le: Date;
  statut: string;
  motif: string | null;
}

const messagesOf = (sequelize: Sequelize, where: { rendezVousId?: string; sessionId?: string }) =>
  sequelize.query<MessageRow>(
    `SELECT cle, nature, rappel, envoi_prevu_le, statut, motif FROM message_jeune
     WHERE rendez_vous_id = $rdv OR session_id = $session ORDER BY envoi_prevu_le, nature`,
    { type: QueryTypes.SELECT, bind: { rdv: where.rendezVousId ?? null, session: where.sessionId ?? null } },
  );

const summary = (rows: readonly MessageRow[]) =>
  rows.map((row) => `${row.nature}${row.rappel ? ` ${row.rappel}` : ''} ${new Date(row.envoi_prevu_le).toISOString()} ${row.statut}${row.motif ? ` (${row.motif})` : ''}`);

describe('notifier: planning the messages of a rendez-vous', () => {
  // Tuesday 1 December 2026, 12:00 in La Réunion (UTC+4, no summer time).
  const NOW = new Date('2026-12-01T08:00:00Z');

  const aWorld = async (timezone = 'Indian/Reunion') => {
    const clock = new TestClock(NOW);
    const { ctx, db } = createTestApp({ clock });
    const ml = await aMissionLocale(db.sequelize, { timezone });
    const conseiller = await aUser(db.sequelize, ml);
    const jeune = await aJeune(db.sequelize, ml);
    const changed = (change: RendezVousChange) => db.sequelize.transaction((transaction) => ctx.notifier.rendezVousChanged(transaction, change));
    return { ctx, db, clock, ml, conseiller, jeune, changed };
  };

  it('when a rendez-vous is created in La Réunion, the jeune is told now and reminded at J-7 and J-1 at 10:00 local (06:00Z)', async () => {
    const { db, conseiller, jeune, changed } = await aWorld();
    // Thursday 10 December 2026, 14:30 local.
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut: new Date('2026-12-10T10:30:00Z') });

    await changed({ kind: 'creation', rendezVousId: rdv.id });

    expect(summary(await messagesOf(db.sequelize, { rendezVousId: rdv.id }))).toEqual([
      'CREATION 2026-12-01T08:00:00.000Z PLANIFIE',
      'RAPPEL J-7 2026-12-03T06:00:00.000Z PLANIFIE',
      'RAPPEL J-1 2026-12-09T06:00:00.000Z PLANIFIE',
    ]);
  });

  it('when the same creation is told twice (a replayed write), nothing is planned twice', async () => {
    const { db, conseiller, jeune, changed } = await aWorld();
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut: new Date('2026-12-10T10:30:00Z') });

    await changed({ kind: 'creation', rendezVousId: rdv.id });
    await changed({ kind: 'creation', rendezVousId: rdv.id });

    expect((await messagesOf(db.sequelize, { rendezVousId: rdv.id })).length).toBe(3);
  });

  it('when the rendez-vous is in three days, the J-7 reminder is already past and skipped', async () => {
    const { db, conseiller, jeune, changed } = await aWorld();
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut: new Date('2026-12-04T05:00:00Z') });

    await changed({ kind: 'creation', rendezVousId: rdv.id });

    expect(summary(await messagesOf(db.sequelize, { rendezVousId: rdv.id }))).toEqual([
      'CREATION 2026-12-01T08:00:00.000Z PLANIFIE',
      'RAPPEL J-1 2026-12-03T06:00:00.000Z PLANIFIE',
    ]);
  });

  it('when the Mission Locale configured J-3 at 8:00, that is the only reminder, at 08:00 Paris time', async () => {
    const { db, ml, conseiller, jeune, changed } = await aWorld('Europe/Paris');
    await db.sequelize.query(`UPDATE mission_locale SET rappels = '{J-3}', rappel_heure = 8 WHERE id = $id`, { bind: { id: ml.id } });
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut: new Date('2026-12-10T13:00:00Z') });

    await changed({ kind: 'creation', rendezVousId: rdv.id });

    expect(summary(await messagesOf(db.sequelize, { rendezVousId: rdv.id }))).toEqual([
      'CREATION 2026-12-01T08:00:00.000Z PLANIFIE',
      'RAPPEL J-3 2026-12-07T07:00:00.000Z PLANIFIE',
    ]);
  });

  it('when the rendez-vous is moved, its old reminders are cancelled as « déplacé » and new ones planned for the new day', async () => {
    const { db, clock, conseiller, jeune, changed } = await aWorld();
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut: new Date('2026-12-10T10:30:00Z') });
    await changed({ kind: 'creation', rendezVousId: rdv.id });
    clock.advanceMinutes(60);

    await db.sequelize.query(`UPDATE rendez_vous SET debut = '2026-12-15T05:00:00Z', version = version + 1 WHERE id = $id`, { bind: { id: rdv.id } });
    await changed({ kind: 'modification', rendezVousId: rdv.id });

    expect(summary(await messagesOf(db.sequelize, { rendezVousId: rdv.id }))).toEqual([
      'CREATION 2026-12-01T08:00:00.000Z PLANIFIE',
      'MODIFICATION 2026-12-01T09:00:00.000Z PLANIFIE',
      'RAPPEL J-7 2026-12-03T06:00:00.000Z ANNULE (Rendez-vous déplacé)',
      'RAPPEL J-7 2026-12-08T06:00:00.000Z PLANIFIE',
      'RAPPEL J-1 2026-12-09T06:00:00.000Z ANNULE (Rendez-vous déplacé)',
      'RAPPEL J-1 2026-12-14T06:00:00.000Z PLANIFIE',
    ]);
  });

  it('when the rendez-vous is cancelled, every planned reminder is cancelled and the jeune is told of the cancellation', async () => {
    const { db, conseiller, jeune, changed } = await aWorld();
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut: new Date('2026-12-10T10:30:00Z') });
    await changed({ kind: 'creation', rendezVousId: rdv.id });

    await db.sequelize.query(
      `UPDATE rendez_vous SET statut = 'ANNULE', motif_annulation = 'Empêchement', annule_le = now(), version = version + 1 WHERE id = $id`,
      { bind: { id: rdv.id } },
    );
    await changed({ kind: 'annulation', rendezVousId: rdv.id });

    expect(summary(await messagesOf(db.sequelize, { rendezVousId: rdv.id }))).toEqual([
      'ANNULATION 2026-12-01T08:00:00.000Z PLANIFIE',
      'CREATION 2026-12-01T08:00:00.000Z PLANIFIE',
      'RAPPEL J-7 2026-12-03T06:00:00.000Z ANNULE (Rendez-vous annulé)',
      'RAPPEL J-1 2026-12-09T06:00:00.000Z ANNULE (Rendez-vous annulé)',
    ]);
  });

  it('when the jeune cancels in C-Milo, the reminders are cancelled « par le jeune » and no message goes to the jeune', async () => {
    const { db, conseiller, jeune, changed } = await aWorld();
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut: new Date('2026-12-10T10:30:00Z') });
    await changed({ kind: 'creation', rendezVousId: rdv.id });

    await db.sequelize.query(
      `UPDATE rendez_vous SET statut = 'ANNULE', motif_annulation = 'Malade', reponse_jeune = 'ANNULE', annule_le = now() WHERE id = $id`,
      { bind: { id: rdv.id } },
    );
    await changed({ kind: 'annulation-jeune', rendezVousId: rdv.id });

    const rows = await messagesOf(db.sequelize, { rendezVousId: rdv.id });
    expect(rows.filter((row) => row.nature === 'RAPPEL').map((row) => `${row.statut} ${row.motif}`)).toEqual(['ANNULE Annulé par le jeune', 'ANNULE Annulé par le jeune']);
    expect(rows.map((row) => row.nature)).not.toContain('ANNULATION');
  });

  it('when the rendez-vous is closed, what is still planned is cancelled as « clôturé »', async () => {
    const { db, clock, conseiller, jeune, changed } = await aWorld();
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut: new Date('2026-12-10T10:30:00Z') });
    await changed({ kind: 'creation', rendezVousId: rdv.id });
    clock.advanceDays(7);

    await db.sequelize.query(`UPDATE rendez_vous SET statut = 'CLOS', presence = 'PRESENT', clos_le = now() WHERE id = $id`, { bind: { id: rdv.id } });
    await changed({ kind: 'cloture', rendezVousId: rdv.id });

    expect((await messagesOf(db.sequelize, { rendezVousId: rdv.id })).filter((row) => row.nature === 'RAPPEL').map((row) => `${row.statut} ${row.motif}`)).toEqual([
      'ANNULE Rendez-vous clôturé',
      'ANNULE Rendez-vous clôturé',
    ]);
  });

  it('when a rendez-vous is recorded after it took place, nothing is planned', async () => {
    const { db, conseiller, jeune, changed } = await aWorld();
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut: new Date('2026-11-20T06:00:00Z') });

    await changed({ kind: 'creation', rendezVousId: rdv.id });

    expect(await messagesOf(db.sequelize, { rendezVousId: rdv.id })).toEqual([]);
  });

  it('when the transaction of the change rolls back, the messages it planned roll back with it', async () => {
    const { ctx, db, conseiller, jeune } = await aWorld();
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut: new Date('2026-12-10T10:30:00Z') });

    await expectAsync(
      db.sequelize.transaction(async (transaction) => {
        await ctx.notifier.rendezVousChanged(transaction, { kind: 'creation', rendezVousId: rdv.id });
        throw new Error('the agenda write failed');
      }),
    ).toBeRejectedWithError('the agenda write failed');

    expect(await messagesOf(db.sequelize, { rendezVousId: rdv.id })).toEqual([]);
  });
});

describe('notifier: planning the messages of a collective session', () => {
  const NOW = new Date('2026-12-01T08:00:00Z');

  it('when a jeune registers, they are told and reminded; when they unregister, the reminders are cancelled', async () => {
    const clock = new TestClock(NOW);
    const { ctx, db } = createTestApp({ clock });
    const ml = await aMissionLocale(db.sequelize, { timezone: 'Indian/Reunion' });
    const animateur = await aUser(db.sequelize, ml);
    const jeune = await aJeune(db.sequelize, ml);
    const offre = await anOffre(db.sequelize, ml);
    const sessionId = randomUUID();
    await db.sequelize.query(
      `INSERT INTO session_collective (id, mission_locale_id, offre_id, titre, debut, duree_minutes, site_id, animateur_id, places, date_limite_inscription)
       VALUES ($id, $ml, $offre, 'Atelier CV', '2026-12-10T05:00:00Z', 90, $site, $animateur, 10, '2026-12-09')`,
      { bind: { id: sessionId, ml: ml.id, offre: offre.id, site: ml.siteId, animateur: animateur.id } },
    );
    await db.sequelize.query(
      `INSERT INTO inscription_session (id, session_id, jeune_id, mission_locale_id, statut, inscrit_le) VALUES ($id, $session, $jeune, $ml, 'INSCRIT', $now)`,
      { bind: { id: randomUUID(), session: sessionId, jeune: jeune.id, ml: ml.id, now: NOW.toISOString() } },
    );
    const changed = (change: SessionChange) => db.sequelize.transaction((transaction) => ctx.notifier.sessionChanged(transaction, change));

    await changed({ kind: 'inscription', sessionId, jeuneId: jeune.id });
    expect(summary(await messagesOf(db.sequelize, { sessionId }))).toEqual([
      'INSCRIPTION 2026-12-01T08:00:00.000Z PLANIFIE',
      'RAPPEL J-7 2026-12-03T06:00:00.000Z PLANIFIE',
      'RAPPEL J-1 2026-12-09T06:00:00.000Z PLANIFIE',
    ]);

    await db.sequelize.query(`UPDATE inscription_session SET statut = 'DESINSCRIT' WHERE session_id = $session`, { bind: { session: sessionId } });
    await changed({ kind: 'desinscription', sessionId, jeuneId: jeune.id });
    expect(summary(await messagesOf(db.sequelize, { sessionId })).slice(1)).toEqual([
      'RAPPEL J-7 2026-12-03T06:00:00.000Z ANNULE (Désinscription de la session)',
      'RAPPEL J-1 2026-12-09T06:00:00.000Z ANNULE (Désinscription de la session)',
    ]);
  });
});
