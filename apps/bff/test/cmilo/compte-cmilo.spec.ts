import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { smsSegments } from '@imilo/domain';
import { toE164 } from '../../src/features/notifications/dispatcher';
import { aJeune, aMissionLocale, aUser } from '../support/builders';
import { type LoopbackSms, startLoopbackSms } from '../support/loopback-sms';
import { type LoopbackSmtp, startLoopbackSmtp } from '../support/loopback-smtp';
import { aClient, createTestApp, keepOutOfLogs, signedIn, TestClock } from '../support/test-app';
import { aMobile } from '../notifications/notifications-world';

const CODE = /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/;
const CHOSEN_PASSWORD = 'Girafe-Lampion-Cerise-17';
const HOUR_MS = 3_600_000;

/** A family name of its own (identifiants are unique in the whole run's database). */
const aNom = (): string => `Hoarau-${randomUUID().replace(/[^a-f]/g, '').slice(0, 6)}`;

type Loopbacks = { sms: LoopbackSms; smtp: LoopbackSmtp };

/** An app on the loopback SMS provider and SMTP server, a Mission Locale, a conseiller and their jeune's dossier. */
const aWorld = async (loopbacks: Loopbacks, reach: { telephone?: string | null; email?: string | null } = {}) => {
  const clock = new TestClock(new Date('2026-12-07T09:00:00Z'));
  const { app, db } = createTestApp({
    clock,
    env: {
      SMS_PROVIDER_URL: loopbacks.sms.url,
      SMS_PROVIDER_TOKEN: 'loopback-token',
      SMTP_URL: loopbacks.smtp.url,
      PUBLIC_URL: 'https://imilo.test',
    },
  });
  const ml = await aMissionLocale(db.sequelize, { nom: 'Mission Locale Sud Réunion', timezone: 'Indian/Reunion' });
  const conseiller = await aUser(db.sequelize, ml);
  const nom = aNom();
  const telephone = reach.telephone === undefined ? aMobile() : reach.telephone;
  const mobile = telephone ?? '';
  const email = reach.email === undefined ? `ines.${randomUUID().slice(0, 8)}@example.org` : reach.email;
  const jeune = await aJeune(db.sequelize, ml, { prenoms: 'Inès Marie', nomNaissance: nom.toUpperCase(), telephone, email, referentId: conseiller.id });
  const client = await signedIn(app, conseiller.login);
  const identifiant = `ines.${nom.toLowerCase()}`;
  /** Sends a code by the channel, as the dossier's card does. */
  const send = (canal: string, by = client, key: string = randomUUID()) =>
    by.agent.post(`/api/v1/jeunes/${jeune.id}/compte-cmilo`).set('X-XSRF-TOKEN', by.token).set('Idempotency-Key', key).send({ canal });
  const smsTo = () => loopbacks.sms.requests.filter((request) => telephone !== null && request.body.to === toE164(telephone));
  return { app, db, clock, ml, conseiller, jeune, client, telephone: mobile, email: email ?? '', identifiant, send, smsTo };
};

/** The code an SMS or e-mail carries, kept out of the logs from now on. */
const codeIn = (text: string): string => {
  const code = CODE.exec(text)?.[0];
  if (!code) {
    throw new Error('no activation code in the message');
  }
  keepOutOfLogs(code, code.replaceAll('-', ''));
  return code;
};

const activate = async (app: Parameters<typeof aClient>[0], login: string, code: string) => {
  const jeune = await aClient(app);
  const res = await jeune.post('/api/v1/auth/activate', { login, code, password: CHOSEN_PASSWORD });
  keepOutOfLogs(CHOSEN_PASSWORD);
  return { jeune, res };
};

/** Every stored text where a code could leak: audit rows, the delivery log, the idempotency answers. */
const storedTexts = async (sequelize: Sequelize, jeuneId: string): Promise<string> => {
  const rows = await sequelize.query<{ t: string }>(
    `SELECT (SELECT coalesce(json_agg(a), '[]')::text FROM audit_log a WHERE a.target_id = $id::text)
         || (SELECT coalesce(json_agg(m), '[]')::text FROM message_jeune m WHERE m.jeune_id = $id::uuid)
         || (SELECT coalesce(json_agg(e), '[]')::text FROM message_envoi e JOIN message_jeune m ON m.id = e.message_id WHERE m.jeune_id = $id::uuid)
         || (SELECT coalesce(json_agg(k.reponse), '[]')::text FROM idempotency_key k WHERE k.reponse::text LIKE '%' || $id::text || '%') AS t`,
    { type: QueryTypes.SELECT, bind: { id: jeuneId } },
  );
  return rows[0]?.t ?? '';
};

const deliveryLog = (sequelize: Sequelize, jeuneId: string) =>
  sequelize.query<{ nature: string; statut: string; motif: string | null; canal: string; envoi: string; segments: number | null }>(
    `SELECT m.nature, m.statut, m.motif, e.canal, e.statut AS envoi, e.segments
     FROM message_jeune m JOIN message_envoi e ON e.message_id = m.id WHERE m.jeune_id = $id ORDER BY m.envoi_prevu_le, m.id`,
    { type: QueryTypes.SELECT, bind: { id: jeuneId } },
  );

describe('compte C-Milo (GET|POST /api/v1/jeunes/{id}/compte-cmilo)', () => {
  let loopbacks: Loopbacks;

  beforeAll(async () => {
    loopbacks = { sms: await startLoopbackSms(), smtp: await startLoopbackSmtp() };
  });

  afterAll(async () => {
    await Promise.all([loopbacks.sms.close(), loopbacks.smtp.close()]);
  });

  beforeEach(() => {
    loopbacks.sms.setMode('success');
  });

  it('when the conseiller creates the account by SMS, the jeune receives the identifiant and a code that activates it, then signs in to C-Milo', async () => {
    const world = await aWorld(loopbacks);
    const before = await world.client.agent.get(`/api/v1/jeunes/${world.jeune.id}/compte-cmilo`);

    const res = await world.send('SMS');

    expect(before.body).toEqual({ existe: false, identifiant: null, active: false, activeLe: null, dernierCode: null, joignable: { sms: true, email: true } });
    expect(res.status).toBe(200);
    const sentAt = world.clock.now();
    expect(res.body).toEqual({
      existe: true,
      identifiant: world.identifiant,
      active: false,
      activeLe: null,
      dernierCode: {
        envoyeLe: sentAt.toISOString(),
        canal: 'SMS',
        destinataireMasque: `${world.telephone.slice(0, 2)} •• •• •• ${world.telephone.slice(-2)}`,
        expireLe: new Date(sentAt.getTime() + 7 * 24 * HOUR_MS).toISOString(),
      },
      joignable: { sms: true, email: true },
      envoi: { canal: 'SMS', statut: 'ENVOYE', motif: null },
    });
    expect(JSON.stringify(res.body)).not.toMatch(CODE);
    const [sms] = world.smsTo();
    const text = String(sms?.body.text);
    const code = codeIn(text);
    expect(text).toBe(
      `Mission Locale Sud Réunion : votre identifiant C-Milo est ${world.identifiant} et votre code d'activation ${code} (valable 7 jours) sur https://imilo.test/activation`,
    );
    expect(smsSegments(text).encoding).toBe('GSM-7');
    expect(await deliveryLog(world.db.sequelize, world.jeune.id)).toEqual([
      { nature: 'ACTIVATION', statut: 'ENVOYE', motif: null, canal: 'sms', envoi: 'ENVOYE', segments: smsSegments(text).segments },
    ]);
    const stored = await storedTexts(world.db.sequelize, world.jeune.id);
    expect(stored).toContain('cmilo.compte.code');
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replaceAll('-', ''));

    const { jeune, res: activated } = await activate(world.app, world.identifiant, code);
    expect(activated.status).toBe(200);
    expect(activated.body).toEqual(jasmine.objectContaining({ login: world.identifiant, roles: ['jeune'], prenom: 'Inès', mustAcceptCgu: true }));
    expect(activated.body.missionsLocales).toEqual([jasmine.objectContaining({ id: world.ml.id, principale: true })]);
    const cgu = (await jeune.agent.get('/api/v1/cgu/current')).body as { version: number; audience: string };
    expect(cgu.audience).toBe('jeune');
    expect((await jeune.post('/api/v1/cgu/accept', { version: cgu.version })).status).toBe(200);
    expect((await jeune.agent.get('/api/v1/me/rendez-vous')).status).toBe(200);

    const after = await world.client.agent.get(`/api/v1/jeunes/${world.jeune.id}/compte-cmilo`);
    expect(after.body).toEqual(
      jasmine.objectContaining({ existe: true, identifiant: world.identifiant, active: true, activeLe: world.clock.now().toISOString(), dernierCode: null }),
    );
    const again = await world.send('SMS');
    expect({ status: again.status, detail: again.body.detail }).toEqual({ status: 409, detail: 'Le compte C-Milo est déjà activé.' });
    expect(world.smsTo().length).toBe(1);
  });

  it('when the code is sent by e-mail, the jeune receives the identifiant, the code and the activation page at the dossier address', async () => {
    const world = await aWorld(loopbacks);

    const res = await world.send('EMAIL');

    expect(res.status).toBe(200);
    expect(res.body.dernierCode).toEqual(jasmine.objectContaining({ canal: 'EMAIL', destinataireMasque: 'i•••@example.org' }));
    const mail = loopbacks.smtp.received.find((received) => received.recipients.includes(world.email))!;
    expect(mail.subject).toBe('Votre code d’activation C-Milo – Mission Locale Sud Réunion');
    expect(mail.text).toContain(`Identifiant : ${world.identifiant}`);
    expect(mail.text).toContain('Activer mon espace C-Milo : https://imilo.test/activation');
    const code = codeIn(mail.text);
    expect((await activate(world.app, world.identifiant, code)).res.status).toBe(200);
    expect(await deliveryLog(world.db.sequelize, world.jeune.id)).toEqual([
      { nature: 'ACTIVATION', statut: 'ENVOYE', motif: null, canal: 'email', envoi: 'ENVOYE', segments: null },
    ]);
  });

  it('when the dossier has no telephone, an SMS is refused with 400 and nothing is created or sent', async () => {
    const world = await aWorld(loopbacks, { telephone: null });

    const res = await world.send('SMS');
    const state = await world.client.agent.get(`/api/v1/jeunes/${world.jeune.id}/compte-cmilo`);

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'canal', message: "Le dossier n'a pas de numéro de téléphone : ajoutez-le, ou envoyez le code par e-mail." }]);
    expect(state.body).toEqual(jasmine.objectContaining({ existe: false, joignable: { sms: false, email: true } }));
    const [linked] = await world.db.sequelize.query<{ utilisateur_id: string | null }>('SELECT utilisateur_id FROM jeune WHERE id = $id', {
      type: QueryTypes.SELECT,
      bind: { id: world.jeune.id },
    });
    expect(linked?.utilisateur_id).toBeNull();
    expect(await deliveryLog(world.db.sequelize, world.jeune.id)).toEqual([]);
  });

  it('when the body names no known channel, answers 400 in French', async () => {
    const world = await aWorld(loopbacks);

    const res = await world.send('PIGEON');

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'canal', message: "Choisissez l'envoi du code par SMS ou par e-mail." }]);
  });

  it("when the jeune is another Mission Locale's, answers 404; the chargé d'accueil may send, the direction may not", async () => {
    const world = await aWorld(loopbacks);
    const elsewhere = await aJeune(world.db.sequelize, await aMissionLocale(world.db.sequelize), { telephone: aMobile() });
    const accueil = await signedIn(world.app, (await aUser(world.db.sequelize, world.ml, { roles: ['charge_accueil'] })).login);
    const direction = await signedIn(world.app, (await aUser(world.db.sequelize, world.ml, { roles: ['direction'] })).login);

    const foreign = await world.client.agent
      .post(`/api/v1/jeunes/${elsewhere.id}/compte-cmilo`)
      .set('X-XSRF-TOKEN', world.client.token)
      .send({ canal: 'SMS' });
    const byDirection = await world.send('SMS', direction);
    const byAccueil = await world.send('SMS', accueil);

    expect(foreign.status).toBe(404);
    expect(byDirection.status).toBe(403);
    expect(byAccueil.status).toBe(200);
    expect(world.smsTo().length).toBe(1);
  });

  it('when a new code is sent, the previous one stops working; a replayed request sends nothing more', async () => {
    const world = await aWorld(loopbacks);
    await world.send('SMS');
    const first = codeIn(String(world.smsTo()[0]?.body.text));
    const key = randomUUID();

    const second = await world.send('SMS', world.client, key);
    const replay = await world.send('SMS', world.client, key);

    expect([second.status, replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 200, 'true']);
    expect(world.smsTo().length).toBe(2);
    const latest = codeIn(String(world.smsTo()[1]?.body.text));
    expect((await activate(world.app, world.identifiant, first)).res.status).toBe(401);
    expect((await activate(world.app, world.identifiant, latest)).res.status).toBe(200);
  });

  it('when the SMS provider refuses, the failure is logged and answered, and the previous code still works', async () => {
    const world = await aWorld(loopbacks);
    await world.send('SMS');
    const previous = codeIn(String(world.smsTo()[0]?.body.text));
    loopbacks.sms.setMode('failure');
    world.clock.advanceMinutes(5);

    const res = await world.send('SMS');

    expect(res.status).toBe(200);
    expect(res.body.envoi).toEqual({ canal: 'SMS', statut: 'ECHEC', motif: 'Fournisseur SMS : http-400' });
    codeIn(String(world.smsTo()[1]?.body.text));
    expect((await deliveryLog(world.db.sequelize, world.jeune.id)).map((row) => `${row.statut} ${row.motif ?? ''}`.trim())).toEqual([
      'ENVOYE',
      'ECHEC Fournisseur SMS : http-400',
    ]);
    expect((await activate(world.app, world.identifiant, previous)).res.status).toBe(200);
  });

  it('when three codes were sent within the hour, a fourth is refused with 409 until the hour has passed', async () => {
    const world = await aWorld(loopbacks);
    for (let n = 0; n < 3; n += 1) {
      expect((await world.send(n % 2 === 0 ? 'SMS' : 'EMAIL')).status).toBe(200);
      world.clock.advanceMinutes(10);
    }

    const refused = await world.send('SMS');
    world.clock.advanceMinutes(31);
    // The conseiller's session ended after 30 idle minutes: they sign in again.
    const later = await world.send('SMS', await signedIn(world.app, world.conseiller.login));

    expect({ status: refused.status, detail: refused.body.detail }).toEqual({
      status: 409,
      detail: '3 codes ont déjà été envoyés à ce jeune dans l’heure : attendez avant d’en renvoyer un.',
    });
    expect(later.status).toBe(200);
    for (const request of world.smsTo()) {
      codeIn(String(request.body.text));
    }
    for (const mail of loopbacks.smtp.received.filter((received) => received.recipients.includes(world.email))) {
      codeIn(mail.text);
    }
  });

  it('when the dossier is archived, answers 409 and creates nothing', async () => {
    const world = await aWorld(loopbacks);
    await world.db.sequelize.query("UPDATE jeune SET statut_dossier = 'archive' WHERE id = $id", { bind: { id: world.jeune.id } });

    const res = await world.send('SMS');

    expect(res.status).toBe(409);
    expect(world.smsTo()).toEqual([]);
  });
});
