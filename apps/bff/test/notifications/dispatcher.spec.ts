import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { icsUnfold } from '@imilo/domain';
import { dispatchMessage, relanceSms } from '../../src/features/notifications/dispatcher';
import { aUser } from '../support/builders';
import { anInscription, aSession } from '../support/session-builders';
import { aNotificationsWorld, closeLoopbacks, fateOf, type Loopbacks, startLoopbacks } from './notifications-world';

// Sending one message at send time (#5): the checks made then (cancelled, moved, started), the channels in order with
// the jeune's consents, the push → SMS fallback, dead subscriptions, the J-1 acknowledgement, and the SMS budget.

// Tuesday 1 December 2026, 12:00 in La Réunion; the rendez-vous: Thursday 10 December, 14:30 local.
const NOW = new Date('2026-12-01T08:00:00Z');
const DEBUT = new Date('2026-12-10T10:30:00Z');
const J1 = new Date('2026-12-09T06:00:00Z');

describe('dispatcher: sending one message', () => {
  let loopbacks: Loopbacks;

  beforeAll(async () => {
    loopbacks = await startLoopbacks();
  });

  afterAll(async () => {
    await closeLoopbacks(loopbacks);
  });

  const smsTo = (telephone: string) => loopbacks.sms.requests.filter((request) => request.body.to === `+262${telephone.slice(1)}`);
  const mailsTo = (email: string) => loopbacks.smtp.received.filter((mail) => mail.recipients.includes(email));
  const pushesTo = (subscriptionId: string) => loopbacks.push.deliveries.filter((delivery) => delivery.subscriptionId === subscriptionId);

  it('when a rendez-vous is created, the jeune gets a push with first name and time only, and the e-mail with its .ics; no SMS', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW });
    const device = await world.subscribe();
    const rdv = await world.aPlannedRendezVous(DEBUT);
    const creation = await world.messageId(rdv.id, 'CREATION');

    expect((await dispatchMessage(world.deps, creation)).statut).toBe('ENVOYE');

    const [push] = pushesTo(device.id);
    expect(push?.problems).toEqual([]);
    const payload = JSON.parse(push!.plaintext!) as { notification: { title: string; body: string; data: { onActionClick: Record<string, { url: string }> } } };
    expect(payload.notification.title).toBe('Nouveau rendez-vous');
    expect(payload.notification.body).toBe('Bonjour Inès, votre conseiller vous a programmé un rendez-vous le jeudi 10 décembre à 14 h 30.');
    expect(push!.plaintext).not.toContain('PAYET');
    expect(push!.plaintext).not.toContain('Point sur la recherche');
    expect(payload.notification.data.onActionClick['confirmer']?.url).toMatch(new RegExp(`^/api/v1/me/rendez-vous/${rdv.id}/confirmation\\?jeton=`));
    const [mail] = mailsTo(world.email);
    expect(mail?.subject).toBe('Nouveau rendez-vous le jeudi 10 décembre à 14 h 30');
    expect(mail?.raw).toContain('METHOD:REQUEST');
    expect(mail?.raw).toContain(`UID:${rdv.id}@imilo`);
    // The Mission Locale organises, the jeune is invited: what calendar clients match an update or a cancellation by.
    const invitation = icsUnfold(mail!.attachments.find((attachment) => attachment.filename === 'invitation.ics')!.content);
    expect(invitation).toMatch(/\r\nORGANIZER;CN=[^:\r\n]+:mailto:no-reply@imilo\.localhost\r\n/);
    expect(invitation).toContain(`ATTENDEE;CN=Inès;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${world.email}\r\n`);
    expect(smsTo(world.telephone)).toEqual([]);
    expect(await fateOf(world.db.sequelize, creation)).toEqual({ statut: 'ENVOYE', envois: ['email ENVOYE', 'push ENVOYE'] });
  });

  it('when the reminder is sent after the rendez-vous started, nothing is sent and the log says why', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW });
    const device = await world.subscribe();
    const rdv = await world.aPlannedRendezVous(DEBUT);
    const j1 = await world.messageId(rdv.id, 'RAPPEL', 'J-1');
    world.clock.advanceMinutes((DEBUT.getTime() - NOW.getTime()) / 60_000 + 1);

    expect((await dispatchMessage(world.deps, j1)).statut).toBe('ANNULE');

    expect(await fateOf(world.db.sequelize, j1)).toEqual({ statut: 'ANNULE (Le rendez-vous a commencé)', envois: [] });
    expect(pushesTo(device.id)).toEqual([]);
    expect(smsTo(world.telephone)).toEqual([]);
  });

  it('when a reminder is due before its time (a job too early), it stays planned', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW });
    const rdv = await world.aPlannedRendezVous(DEBUT);
    const j1 = await world.messageId(rdv.id, 'RAPPEL', 'J-1');

    expect((await dispatchMessage(world.deps, j1)).statut).toBe('NOT_DUE');
    expect((await fateOf(world.db.sequelize, j1)).statut).toBe('PLANIFIE');
  });

  it('when the rendez-vous was cancelled and its reminder left planned, the reminder is cancelled at send time', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW });
    const rdv = await world.aPlannedRendezVous(DEBUT);
    const j1 = await world.messageId(rdv.id, 'RAPPEL', 'J-1');
    await world.db.sequelize.query(`UPDATE rendez_vous SET statut = 'ANNULE', motif_annulation = 'x' WHERE id = $id`, { bind: { id: rdv.id } });
    world.clock.advanceMinutes((J1.getTime() - NOW.getTime()) / 60_000);

    await dispatchMessage(world.deps, j1);

    expect(await fateOf(world.db.sequelize, j1)).toEqual({ statut: 'ANNULE (Rendez-vous annulé)', envois: [] });
  });

  it('when the push service answers an error, the SMS goes instead (GSM-7, worded in the local time)', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW, reach: { email: false } });
    await world.subscribe(500);
    const rdv = await world.aPlannedRendezVous(DEBUT);
    const j7 = await world.messageId(rdv.id, 'RAPPEL', 'J-7');
    world.clock.advanceDays(2);

    expect((await dispatchMessage(world.deps, j7)).statut).toBe('ENVOYE');

    expect(await fateOf(world.db.sequelize, j7)).toEqual({ statut: 'ENVOYE', envois: ['push ECHEC (Service push : 500)', 'sms ENVOYE 1 SMS'] });
    expect(smsTo(world.telephone).map((request) => request.body.text)).toEqual([
      `Rappel : rendez-vous dans une semaine, le jeudi 10 décembre à 14 h 30. ${world.ml.nom}`,
    ]);
  });

  it('when the jeune has no subscribed device, the SMS goes at once', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW, reach: { email: false } });
    const rdv = await world.aPlannedRendezVous(DEBUT);
    const creation = await world.messageId(rdv.id, 'CREATION');

    await dispatchMessage(world.deps, creation);

    expect(await fateOf(world.db.sequelize, creation)).toEqual({ statut: 'ENVOYE', envois: ['sms ENVOYE 1 SMS'] });
    expect(smsTo(world.telephone).length).toBe(1);
  });

  it('when the push service answers 410, the subscription is deleted and the SMS goes', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW, reach: { email: false } });
    const device = await world.subscribe(410);
    const rdv = await world.aPlannedRendezVous(DEBUT);

    await dispatchMessage(world.deps, await world.messageId(rdv.id, 'CREATION'));

    const left = await world.db.sequelize.query('SELECT 1 FROM push_subscription WHERE id = $id', { type: QueryTypes.SELECT, bind: { id: device.rowId } });
    expect(left).toEqual([]);
    expect(smsTo(world.telephone).length).toBe(1);
  });

  it('when the jeune consents to nothing, the message fails with the reason and nothing is sent', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW, reach: { push: false, sms: false, email: false } });
    await world.subscribe();
    const rdv = await world.aPlannedRendezVous(DEBUT);
    const creation = await world.messageId(rdv.id, 'CREATION');

    expect((await dispatchMessage(world.deps, creation)).statut).toBe('ECHEC');
    expect(await fateOf(world.db.sequelize, creation)).toEqual({ statut: 'ECHEC (Aucun canal : ni consentement ni coordonnées)', envois: [] });
  });

  it('when a session’s reminder is due, the registered jeune gets it; once unregistered, the next one stops and the log says why', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW, reach: { email: false } });
    const device = await world.subscribe();
    const session = await aSession(world.db.sequelize, world.ml, world.conseiller.id, { debut: DEBUT });
    await anInscription(world.db.sequelize, session, world.jeune);
    await world.db.sequelize.transaction((transaction) => world.ctx.notifier.sessionChanged(transaction, { kind: 'inscription', sessionId: session.id, jeuneId: world.jeune.id }));
    const reminder = async (rappel: 'J-7' | 'J-1') => {
      const [row] = await world.db.sequelize.query<{ id: string; envoi_prevu_le: Date }>(
        'SELECT id, envoi_prevu_le FROM message_jeune WHERE session_id = $session AND rappel = $rappel',
        { type: QueryTypes.SELECT, bind: { session: session.id, rappel } },
      );
      return { id: row!.id, due: new Date(row!.envoi_prevu_le) };
    };
    const [j7, j1] = [await reminder('J-7'), await reminder('J-1')];

    world.clock.advanceMinutes((j7.due.getTime() - NOW.getTime()) / 60_000);
    expect((await dispatchMessage(world.deps, j7.id)).statut).toBe('ENVOYE');
    expect(pushesTo(device.id).map((push) => push.problems)).toEqual([[]]);
    expect(await fateOf(world.db.sequelize, j7.id)).toEqual({ statut: 'ENVOYE', envois: ['push ENVOYE'] });

    // Unregistered without the notifier hearing of it: the send-time check stops the reminder all the same.
    await world.db.sequelize.query(`UPDATE inscription_session SET statut = 'DESINSCRIT' WHERE session_id = $session`, { bind: { session: session.id } });
    world.clock.advanceMinutes((j1.due.getTime() - j7.due.getTime()) / 60_000);

    expect((await dispatchMessage(world.deps, j1.id)).statut).toBe('ANNULE');
    expect(await fateOf(world.db.sequelize, j1.id)).toEqual({ statut: 'ANNULE (Désinscription de la session)', envois: [] });
    expect(pushesTo(device.id).length).toBe(1);
  });

  it('when a message is dispatched twice, it is sent once', async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW, reach: { email: false } });
    const device = await world.subscribe();
    const rdv = await world.aPlannedRendezVous(DEBUT);
    const creation = await world.messageId(rdv.id, 'CREATION');

    const outcomes = await Promise.all([dispatchMessage(world.deps, creation), dispatchMessage(world.deps, creation)]);

    expect(outcomes.map((outcome) => outcome.statut).sort()).toEqual(['ENVOYE', 'SKIPPED']);
    expect(pushesTo(device.id).length).toBe(1);
  });

  describe('the J-1 reminder', () => {
    const atJ1 = async (options: { acknowledge: boolean }) => {
      const world = await aNotificationsWorld(loopbacks, { now: NOW, reach: { email: false } });
      const device = await world.subscribe();
      const rdv = await world.aPlannedRendezVous(DEBUT);
      const j1 = await world.messageId(rdv.id, 'RAPPEL', 'J-1');
      world.clock.advanceMinutes((J1.getTime() - NOW.getTime()) / 60_000);
      const outcome = await dispatchMessage(world.deps, j1);
      if (options.acknowledge) {
        const payload = JSON.parse(pushesTo(device.id)[0]!.plaintext!) as { notification: { data: { ack: string } } };
        const answer = await (await import('supertest')).default(world.app).get(payload.notification.data.ack);
        expect(answer.status).withContext('the device GETs the ack link').toBe(204);
      }
      world.clock.advanceMinutes(60);
      return { world, j1, outcome };
    };

    it('when the push was not acknowledged within the Mission Locale\'s delay (60 min), the SMS goes', async () => {
      const { world, j1, outcome } = await atJ1({ acknowledge: false });
      expect(outcome.relanceSmsAt).toEqual(new Date(J1.getTime() + 60 * 60_000));

      expect(await relanceSms(world.deps, j1)).toBeTrue();

      expect(await fateOf(world.db.sequelize, j1)).toEqual({ statut: 'ENVOYE', envois: ['push ENVOYE', 'sms ENVOYE 1 SMS'] });
      expect(smsTo(world.telephone).map((request) => request.body.text)).toEqual([`Rappel : rendez-vous demain à 14 h 30. ${world.ml.nom}`]);
      expect(await relanceSms(world.deps, j1)).withContext('a second follow-up sends nothing').toBeFalse();
    });

    it('when the device acknowledged the push, no SMS goes and the attempt shows « délivré »', async () => {
      const { world, j1 } = await atJ1({ acknowledge: true });

      expect(await relanceSms(world.deps, j1)).toBeFalse();

      expect(await fateOf(world.db.sequelize, j1)).toEqual({ statut: 'ENVOYE', envois: ['push DELIVRE'] });
      expect(smsTo(world.telephone)).toEqual([]);
    });
  });

  describe('the monthly SMS budget', () => {
    it('when the SMS crosses 80 %, the direction is alerted once; over 100 %, SMS stop while e-mails still go', async () => {
      const world = await aNotificationsWorld(loopbacks, { now: NOW, smsBudget: 5 });
      const direction = await aUser(world.db.sequelize, world.ml, { roles: ['direction'] });
      const directionEmail = `direction.${randomUUID().slice(0, 8)}@example.org`;
      await world.db.sequelize.query('UPDATE utilisateur SET email = $email WHERE id = $id', { bind: { id: direction.id, email: directionEmail } });
      const send = async (days: number) => {
        const rdv = await world.aPlannedRendezVous(new Date(DEBUT.getTime() + days * 86_400_000));
        const creation = await world.messageId(rdv.id, 'CREATION');
        await dispatchMessage(world.deps, creation);
        return fateOf(world.db.sequelize, creation);
      };

      for (let day = 0; day < 3; day++) {
        await send(day);
      }
      expect(await world.db.sequelize.query('SELECT mois FROM sms_budget_alerte WHERE mission_locale_id = $ml', { type: QueryTypes.SELECT, bind: { ml: world.ml.id } })).toEqual([]);

      expect((await send(3)).envois).withContext('4 of 5: 80 %').toContain('sms ENVOYE 1 SMS');
      expect(await world.db.sequelize.query('SELECT mois FROM sms_budget_alerte WHERE mission_locale_id = $ml', { type: QueryTypes.SELECT, bind: { ml: world.ml.id } })).toEqual([
        { mois: '2026-12' },
      ]);
      expect(mailsTo(directionEmail).map((mail) => mail.subject)).toEqual(['Budget SMS de 2026-12 : 80 % atteint']);

      expect((await send(4)).envois).withContext('5 of 5: 100 %').toContain('sms ENVOYE 1 SMS');
      expect(await send(5)).withContext('over 100 %').toEqual({ statut: 'ENVOYE', envois: ['email ENVOYE', 'sms ECHEC (Budget SMS du mois atteint)'] });
      expect(smsTo(world.telephone).length).toBe(5);
      expect(mailsTo(directionEmail).length).withContext('alerted once').toBe(1);
    });

    it('when the month changes in La Réunion (20:00Z on the last day), the count starts again', async () => {
      const world = await aNotificationsWorld(loopbacks, { now: new Date('2026-11-30T19:00:00Z'), smsBudget: 1, reach: { email: false } });
      const send = async () => {
        const rdv = await world.aPlannedRendezVous(DEBUT);
        const creation = await world.messageId(rdv.id, 'CREATION');
        await dispatchMessage(world.deps, creation);
        return (await fateOf(world.db.sequelize, creation)).envois;
      };

      expect(await send()).toEqual(['sms ENVOYE 1 SMS']);
      expect(await send()).toEqual(['sms ECHEC (Budget SMS du mois atteint)']);
      world.clock.advanceMinutes(60);
      expect(await send()).withContext('1 December at midnight in La Réunion').toEqual(['sms ENVOYE 1 SMS']);
    });
  });
});
