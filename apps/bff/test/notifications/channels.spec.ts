import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { QueryTypes } from 'sequelize';
import webpush from 'web-push';
import { icsCalendar, icsUnfold, PUSH_PAYLOAD_MAX_BYTES } from '@imilo/domain';
import { createChannels } from '../../src/features/notifications/channels';
import type { Channels } from '../../src/features/notifications/channels.port';
import { rendezVousMail } from '../../src/features/notifications/mail-templates';
import { loadConfig } from '../../src/platform/config';
import { createLogger } from '../../src/platform/logger';
import { aMissionLocale } from '../support/builders';
import { testDatabase } from '../support/global-setup';
import { type LoopbackPush, startLoopbackPush } from '../support/loopback-push';
import { type LoopbackSmtp, SMTP_TEST_USER, startLoopbackSmtp } from '../support/loopback-smtp';
import { type LoopbackSms, startLoopbackSms } from '../support/loopback-sms';

const SMS_TOKEN = 'provider-token-of-the-test';
const SMS_TIMEOUT_MS = 400;

/** The channels as composition.ts builds them, on a configuration naming the loopback services (or not). */
const channelsWith = (env: Record<string, string>) => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'imilo-channels-'));
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: dataDir, ...env });
  const channels: Channels = createChannels({ config, sequelize: testDatabase().db.sequelize, logger: createLogger('info', sink) });
  return { channels, config, dataDir, lines };
};

const aRendezVousIcs = (method: 'REQUEST' | 'CANCEL') =>
  icsCalendar({
    method,
    events: [
      {
        uid: 'rdv-0d9e5b1c@imilo',
        sequence: method === 'CANCEL' ? 2 : 0,
        start: new Date('2026-12-08T08:30:00Z'),
        end: new Date('2026-12-08T09:00:00Z'),
        stamp: new Date('2026-12-01T10:00:00Z'),
        summary: 'Rendez-vous Mission Locale',
        location: 'Siège, 3 rue des Lilas, Bordeaux',
      },
    ],
  });

const aMail = (kind: 'creation' | 'annulation') =>
  rendezVousMail({
    kind,
    prenom: 'Inès',
    debut: new Date('2026-12-08T08:30:00Z'),
    timeZone: 'Europe/Paris',
    lieu: 'Siège, 3 rue des Lilas, Bordeaux',
    objet: 'Point sur la recherche d’emploi',
    aApporter: 'Votre CV',
    conseiller: 'Camille Martin',
    missionLocale: 'Mission Locale des Graves',
    lien: 'http://localhost:3000/c-milo/rendez-vous/0d9e5b1c',
  });

describe('Notification channels', () => {
  const dataDirs: string[] = [];

  afterAll(() => {
    for (const dir of dataDirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const track = <T extends { dataDir: string }>(made: T): T => {
    dataDirs.push(made.dataDir);
    return made;
  };

  describe('web push (RFC 8291 encryption, RFC 8292 VAPID)', () => {
    let service: LoopbackPush;
    const vapid = webpush.generateVAPIDKeys();
    let channels: Channels;

    beforeAll(async () => {
      service = await startLoopbackPush();
      ({ channels } = track(channelsWith({ VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey })));
    });

    afterAll(async () => {
      await service.close();
    });

    it('when a message is pushed, the browser decrypts exactly the payload and the VAPID JWT verifies for the service', async () => {
      const subscription = service.aBrowserSubscription();
      const payload = JSON.stringify({ notification: { title: 'Rappel rendez-vous', body: 'Bonjour Inès, rendez-vous demain à 9 h 30 ✅' } });

      const result = await channels.push.send(subscription, payload, { ttlSeconds: 3600, urgency: 'high', topic: 'rdv-0d9e5b1c' });

      expect(result).toEqual({ ok: true, status: 201 });
      const [delivery] = service.deliveries.filter((d) => d.subscriptionId === subscription.id);
      expect(delivery?.problems).toEqual([]);
      expect(delivery?.plaintext).toBe(payload);
      expect(delivery?.headers).toEqual({ ttl: '3600', urgency: 'high', topic: 'rdv-0d9e5b1c', contentEncoding: 'aes128gcm' });
      expect(delivery?.vapid.publicKey).toBe(vapid.publicKey);
      expect(channels.push.publicKey).toBe(vapid.publicKey);
      expect(delivery?.vapid.claims?.['aud']).toBe(service.origin);
      expect(delivery?.vapid.claims?.['sub']).toBe('mailto:no-reply@imilo.localhost');
      expect(delivery?.vapid.claims?.['exp']).toBeGreaterThan(Date.now() / 1000);
    });

    it('each push service gets a VAPID JWT for its own origin, signed once and reused for its next messages', async () => {
      const other = await startLoopbackPush();
      try {
        const [first, second, elsewhere] = [service.aBrowserSubscription(), service.aBrowserSubscription(), other.aBrowserSubscription()];

        for (const subscription of [first, elsewhere, second]) {
          expect(await channels.push.send(subscription, '{}', { ttlSeconds: 60 })).toEqual({ ok: true, status: 201 });
        }

        const [toFirst, toSecond] = [first, second].map((s) => service.deliveries.find((d) => d.subscriptionId === s.id));
        const toElsewhere = other.deliveries.find((d) => d.subscriptionId === elsewhere.id);
        expect([toFirst, toSecond, toElsewhere].map((d) => d?.problems)).toEqual([[], [], []]);
        expect(toElsewhere?.vapid.claims?.['aud']).toBe(other.origin);
        expect(toSecond?.vapid.jwt).withContext('same service: the same token').toBe(toFirst?.vapid.jwt ?? '');
        expect(toElsewhere?.vapid.jwt).not.toBe(toFirst?.vapid.jwt ?? null);
        // Valid for hours ahead, so that a token reused until half its validity is gone is never stale at the service.
        expect(toFirst?.vapid.claims?.['exp']).toBeGreaterThan(Date.now() / 1000 + 11 * 3600);
      } finally {
        await other.close();
      }
    });

    it('when the subscription was revoked (410) or never existed (404), the answer says it is gone', async () => {
      const revoked = service.aBrowserSubscription(410);
      const unknown = service.aBrowserSubscription(404);

      const results = await Promise.all([revoked, unknown].map((s) => channels.push.send(s, '{}', { ttlSeconds: 60 })));

      expect(results).toEqual([
        { ok: false, gone: true, status: 410, reason: 'subscription-gone' },
        { ok: false, gone: true, status: 404, reason: 'subscription-gone' },
      ]);
      // It was a well-formed message all the same: the service decrypted it before answering.
      expect(service.deliveries.filter((d) => d.subscriptionId === revoked.id).map((d) => d.plaintext)).toEqual(['{}']);
    });

    it('when the push service fails (500), the subscription is kept and the reason never carries the payload', async () => {
      const subscription = service.aBrowserSubscription(500);

      const result = await channels.push.send(subscription, '{"secret":"Inès"}', { ttlSeconds: 60 });

      expect(result).toEqual({ ok: false, gone: false, status: 500, reason: 'http-500' });
    });

    it('when the service does not answer at all, the failure is retryable, not gone', async () => {
      const subscription = service.aBrowserSubscription();
      await service.close();

      const result = await channels.push.send(subscription, '{}', { ttlSeconds: 60 });

      service = await startLoopbackPush();
      expect(result).toEqual({ ok: false, gone: false, status: null, reason: 'network-error' });
    });

    it('when a payload is larger than the application sends, nothing reaches the push service', async () => {
      const subscription = service.aBrowserSubscription();

      const result = await channels.push.send(subscription, 'x'.repeat(PUSH_PAYLOAD_MAX_BYTES + 1), { ttlSeconds: 60 });

      expect(result).toEqual({ ok: false, gone: false, status: null, reason: 'payload-too-large' });
      expect(service.deliveries.filter((d) => d.subscriptionId === subscription.id)).toEqual([]);
    });
  });

  describe('SMS through the HTTP provider', () => {
    let provider: LoopbackSms;
    let channels: Channels;

    beforeAll(async () => {
      provider = await startLoopbackSms();
      ({ channels } = track(
        channelsWith({
          SMS_PROVIDER_URL: provider.url,
          SMS_PROVIDER_TOKEN: SMS_TOKEN,
          SMS_SENDER: 'MissionLoc',
          SMS_PROVIDER_TIMEOUT_MS: String(SMS_TIMEOUT_MS),
        }),
      ));
    });

    afterAll(async () => {
      await provider.close();
    });

    beforeEach(() => {
      provider.requests.splice(0);
    });

    it('when the provider accepts, its reference is returned; the request carries the token, number, GSM-7 text and sender', async () => {
      provider.setMode('success');

      const result = await channels.sms.send({
        missionLocaleId: 'ml',
        to: '+33612345678',
        text: 'Rappel : rendez-vous demain à 9 h 30 « accueil » – l’équipe',
      });

      expect(result.ok).toBeTrue();
      expect(result.ok && result.providerRef).toMatch(/^sms-/);
      expect(provider.requests).toEqual([
        {
          path: 'POST /messages',
          authorization: `Bearer ${SMS_TOKEN}`,
          contentType: 'application/json',
          body: { to: '+33612345678', text: 'Rappel : rendez-vous demain à 9 h 30 "accueil" - l\'équipe', sender: 'MissionLoc' },
        },
      ]);
    });

    it('when the provider refuses (400), the failure is final', async () => {
      provider.setMode('failure');

      const result = await channels.sms.send({ missionLocaleId: 'ml', to: '+33612345678', text: 'Bonjour' });

      expect(result).toEqual({ ok: false, reason: 'http-400', retryable: false });
    });

    it('when the provider is down (503), the send is retried later', async () => {
      provider.setMode('server-error');

      const result = await channels.sms.send({ missionLocaleId: 'ml', to: '+33612345678', text: 'Bonjour' });

      expect(result).toEqual({ ok: false, reason: 'http-503', retryable: true });
    });

    it('when the provider does not answer, the send gives up after SMS_PROVIDER_TIMEOUT_MS and is retried later', async () => {
      provider.setMode('timeout');
      const started = Date.now();

      const result = await channels.sms.send({ missionLocaleId: 'ml', to: '+33612345678', text: 'Bonjour' });

      expect(result).toEqual({ ok: false, reason: 'timeout', retryable: true });
      expect(Date.now() - started).toBeGreaterThanOrEqual(SMS_TIMEOUT_MS - 50);
      expect(Date.now() - started).toBeLessThan(SMS_TIMEOUT_MS + 1500);
      expect(provider.requests.length).toBe(1);
    });
  });

  describe('SMS in development (no provider configured)', () => {
    it('when an SMS is sent, it lands in the Mission Locale’s outbox with its segments, and the log holds neither number nor text', async () => {
      const { sequelize } = testDatabase().db;
      const ml = await aMissionLocale(sequelize);
      const { channels, lines } = track(channelsWith({}));
      const text = `Bonjour Inès, ${'rendez-vous demain à 9 h 30 au siège. '.repeat(5)}`;

      const result = await channels.sms.send({ missionLocaleId: ml.id, to: '+33698765478', text });

      expect(result.ok).toBeTrue();
      const rows = await sequelize.query<{ destinataire: string; texte: string; segments: number }>(
        'SELECT destinataire, texte, segments FROM sms_boite_dev WHERE mission_locale_id = $1',
        { bind: [ml.id], type: QueryTypes.SELECT },
      );
      expect(rows).toEqual([{ destinataire: '+33698765478', texte: text, segments: 2 }]);
      expect(lines.length).toBe(1);
      expect(lines.join('')).not.toContain('98765478');
      expect(lines.join('')).not.toContain('Inès');
    });
  });

  describe('e-mail over SMTP', () => {
    let smtp: LoopbackSmtp;
    let channels: Channels;

    beforeAll(async () => {
      smtp = await startLoopbackSmtp();
      ({ channels } = track(channelsWith({ SMTP_URL: smtp.url, MAIL_FROM: 'Mission Locale des Graves <no-reply@ml-graves.test>' })));
    });

    afterAll(async () => {
      await smtp.close();
    });

    it('when an invitation is sent, the server receives the French text and HTML, and the .ics as calendar part and attachment', async () => {
      const mail = aMail('creation');
      const ics = aRendezVousIcs('REQUEST');

      const result = await channels.mail.send({ to: 'ines.durand@example.test', ...mail, ics: { method: 'REQUEST', content: ics } });

      expect(result.ok).toBeTrue();
      const received = smtp.received.find((m) => m.raw.includes(result.ok ? result.messageId : '-'));
      expect(received?.user).toBe(SMTP_TEST_USER.user);
      expect(received?.recipients).toEqual(['ines.durand@example.test']);
      expect(received?.to).toEqual(['ines.durand@example.test']);
      expect(received?.from).toBe('"Mission Locale des Graves" <no-reply@ml-graves.test>');
      expect(received?.subject).toBe('Nouveau rendez-vous le mardi 8 décembre à 9 h 30');
      expect(received?.text).toContain('Bonjour Inès,');
      expect(received?.text).toContain('Où : Siège, 3 rue des Lilas, Bordeaux');
      expect(received?.html).toContain('Point sur la recherche d’emploi');
      expect(received?.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
      const attachment = received?.attachments.find((a) => a.filename === 'invitation.ics');
      const calendar = icsUnfold(attachment?.content ?? '');
      expect(calendar).toContain('METHOD:REQUEST');
      expect(calendar).toContain('UID:rdv-0d9e5b1c@imilo');
      expect(calendar).toContain('DTSTART:20261208T083000Z');
    });

    it('when a cancellation is sent, its calendar says CANCEL so the client removes the event', async () => {
      const result = await channels.mail.send({
        to: 'ines.durand@example.test',
        ...aMail('annulation'),
        ics: { method: 'CANCEL', content: aRendezVousIcs('CANCEL') },
      });

      const received = smtp.received.find((m) => m.raw.includes(result.ok ? result.messageId : '-'));
      expect(received?.subject).toBe('Rendez-vous annulé le mardi 8 décembre à 9 h 30');
      expect(received?.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/);
      const calendar = icsUnfold(received?.attachments.find((a) => a.filename === 'invitation.ics')?.content ?? '');
      expect(calendar).toContain('METHOD:CANCEL');
      expect(calendar).toContain('STATUS:CANCELLED');
      expect(calendar).toContain('UID:rdv-0d9e5b1c@imilo');
    });

    it('when the SMTP server refuses the credentials, the failure gives the SMTP code only', async () => {
      const { channels: wrong } = track(channelsWith({ SMTP_URL: smtp.url.replace(SMTP_TEST_USER.pass, 'wrong-password') }));

      const result = await wrong.mail.send({ to: 'ines.durand@example.test', ...aMail('creation') });

      expect(result).toEqual({ ok: false, reason: 'smtp-535' });
    });
  });

  describe('e-mail in development (no SMTP_URL)', () => {
    it('when an e-mail is sent, it is written as an .eml file under DATA_DIR/mails and logged by its id only', async () => {
      const { channels, dataDir, lines } = track(channelsWith({}));

      const result = await channels.mail.send({ to: 'ines.durand@example.test', ...aMail('creation'), ics: { method: 'REQUEST', content: aRendezVousIcs('REQUEST') } });

      expect(result.ok).toBeTrue();
      const folder = join(dataDir, 'mails');
      expect(existsSync(folder)).toBeTrue();
      const files = readdirSync(folder);
      expect(files.length).toBe(1);
      const eml = readFileSync(join(folder, files[0]!), 'utf8');
      expect(eml).toContain('To: ines.durand@example.test');
      expect(eml).toMatch(/method=REQUEST/);
      expect(lines.join('')).toContain(files[0]!.replace('.eml', ''));
      expect(lines.join('')).not.toContain('ines.durand');
    });
  });
});
