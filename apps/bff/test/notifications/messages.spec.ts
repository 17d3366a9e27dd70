import { QueryTypes } from 'sequelize';
import { dispatchMessage } from '../../src/features/notifications/dispatcher';
import { aJeune, aMissionLocale, aUser, auditRows } from '../support/builders';
import { signedIn } from '../support/test-app';
import { aNotificationsWorld, closeLoopbacks, type Loopbacks, startLoopbacks } from './notifications-world';

// What the dossier shows of the messages (#5): the delivery log and push reachability; and the Mission Locale's
// notification settings, for its direction.

const NOW = new Date('2026-12-01T08:00:00Z');

describe('messages routes: delivery log, reachability, settings', () => {
  let loopbacks: Loopbacks;

  beforeAll(async () => {
    loopbacks = await startLoopbacks();
  });

  afterAll(async () => {
    await closeLoopbacks(loopbacks);
  });

  const aWorld = async () => {
    const world = await aNotificationsWorld(loopbacks, { now: NOW, reach: { email: false } });
    await world.db.sequelize.query('UPDATE jeune SET referent_id = $conseiller WHERE id = $id', { bind: { id: world.jeune.id, conseiller: world.conseiller.id } });
    const login = (await world.db.sequelize.query<{ login: string }>('SELECT login FROM utilisateur WHERE id = $id', { type: QueryTypes.SELECT, bind: { id: world.conseiller.id } }))[0]!.login;
    return { ...world, conseillerClient: await signedIn(world.app, login) };
  };

  it('when the conseiller opens the dossier, the log shows each message with its attempts, and the read is audited', async () => {
    const world = await aWorld();
    await world.subscribe(500);
    const rdv = await world.aPlannedRendezVous(new Date('2026-12-10T10:30:00Z'));
    await dispatchMessage(world.deps, await world.messageId(rdv.id, 'CREATION'));

    const res = await world.conseillerClient.agent.get(`/api/v1/jeunes/${world.jeune.id}/messages`);

    expect(res.status).toBe(200);
    const log = res.body as { nature: string; rappel: string | null; statut: string; envois: { canal: string; statut: string; motif: string | null; segments: number | null }[] }[];
    expect(log.map((message) => `${message.nature} ${message.rappel ?? ''} ${message.statut}`.replace('  ', ' '))).toEqual([
      'RAPPEL J-1 PLANIFIE',
      'RAPPEL J-7 PLANIFIE',
      'CREATION ENVOYE',
    ]);
    expect(log[2]!.envois.map((envoi) => [envoi.canal, envoi.statut, envoi.motif, envoi.segments])).toEqual([
      ['push', 'ECHEC', 'Service push : 500', null],
      ['sms', 'ENVOYE', null, 1],
    ]);
    expect((await auditRows(world.db.sequelize, { targetId: world.jeune.id, action: 'messages.list' })).length).toBe(1);
  });

  it('when the dossier asks for push reachability, it follows the consent and the devices', async () => {
    const world = await aWorld();
    const url = `/api/v1/jeunes/${world.jeune.id}/joignabilite`;
    expect((await world.conseillerClient.agent.get(url)).body).toEqual({ joignable: false, depuis: null, appareils: 0 });

    await world.subscribe();
    expect((await world.conseillerClient.agent.get(url)).body).toEqual({ joignable: true, depuis: jasmine.any(String), appareils: 1 });

    await world.db.sequelize.query('UPDATE jeune SET consentement_push = false WHERE id = $id', { bind: { id: world.jeune.id } });
    expect((await world.conseillerClient.agent.get(url)).body).toEqual({ joignable: false, depuis: null, appareils: 1 });
  });

  it('when the jeune is of another Mission Locale, the log answers 404', async () => {
    const world = await aWorld();
    const elsewhere = await aJeune(world.db.sequelize, await aMissionLocale(world.db.sequelize));

    expect((await world.conseillerClient.agent.get(`/api/v1/jeunes/${elsewhere.id}/messages`)).status).toBe(404);
  });

  it('when the direction sets the reminders and the SMS budget, they are saved and read back with the month\'s use', async () => {
    const world = await aWorld();
    const direction = await aUser(world.db.sequelize, world.ml, { roles: ['direction'] });
    const client = await signedIn(world.app, direction.login);
    const url = `/api/v1/missions-locales/${world.ml.id}/notifications`;
    const body = { rappels: ['j-2', 'J-10'], rappelHeure: 9, pushAcquittementMinutes: 30, smsBudgetMensuel: 1200 };

    const saved = await client.agent.put(url).set('X-XSRF-TOKEN', client.token).send(body);

    expect(saved.status).toBe(200);
    const expected = { rappels: ['J-10', 'J-2'], rappelHeure: 9, pushAcquittementMinutes: 30, smsBudgetMensuel: 1200, mois: '2026-12', smsUtilises: 0, alerte: false };
    expect(saved.body).toEqual(expected);
    expect((await client.agent.get(url)).body).toEqual(expected);

    const invalid = await client.agent.put(url).set('X-XSRF-TOKEN', client.token).send({ ...body, rappels: ['J-1', 'J-2', 'J-3', 'J-4'] });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('Trois rappels au plus.');
    expect((await client.agent.get(`/api/v1/missions-locales/${(await aMissionLocale(world.db.sequelize)).id}/notifications`)).status).toBe(404);
    expect((await world.conseillerClient.agent.get(url)).status).withContext('a conseiller has no smsBudget').toBe(403);
  });
});
