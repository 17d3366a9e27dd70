import { randomInt, randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { DispatchDeps } from '../../src/features/notifications/dispatcher';
import { aRendezVous } from '../support/agenda-builders';
import { aJeune, aMissionLocale, aUser } from '../support/builders';
import { type LoopbackPush, startLoopbackPush } from '../support/loopback-push';
import { type LoopbackSms, startLoopbackSms } from '../support/loopback-sms';
import { type LoopbackSmtp, startLoopbackSmtp } from '../support/loopback-smtp';
import { createTestApp, TestClock } from '../support/test-app';

// The world of the notifications' specs: the three loopback services (push, SMS provider, SMTP), an app configured to
// reach them, and a jeune with a C-Milo account, consents and coordinates as the spec says.

/** The loopback services, started once per spec file. */
export interface Loopbacks {
  readonly push: LoopbackPush;
  readonly sms: LoopbackSms;
  readonly smtp: LoopbackSmtp;
}

export const startLoopbacks = async (): Promise<Loopbacks> => ({
  push: await startLoopbackPush(),
  sms: await startLoopbackSms(),
  smtp: await startLoopbackSmtp(),
});

export const closeLoopbacks = async (loopbacks: Loopbacks): Promise<void> => {
  await Promise.all([loopbacks.push.close(), loopbacks.sms.close(), loopbacks.smtp.close()]);
};

/** What the jeune of a world consents to and gives. */
export interface JeuneReach {
  readonly push?: boolean;
  readonly sms?: boolean;
  readonly email?: boolean;
  readonly telephone?: string | null;
  readonly adresse?: string | null;
}

/** A Réunion mobile number of its own, so that a spec finds its SMS among the file's. */
export const aMobile = (): string => `0692${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

/** An app on the loopbacks, a Mission Locale (La Réunion unless told), its conseiller, a jeune with a C-Milo account. */
export const aNotificationsWorld = async (loopbacks: Loopbacks, options: { now: Date; timezone?: string; reach?: JeuneReach; smsBudget?: number }) => {
  const clock = new TestClock(options.now);
  const { app, ctx, db } = createTestApp({
    clock,
    env: { SMS_PROVIDER_URL: loopbacks.sms.url, SMS_PROVIDER_TOKEN: 'loopback-token', SMTP_URL: loopbacks.smtp.url, PUBLIC_URL: 'https://imilo.test' },
  });
  const ml = await aMissionLocale(db.sequelize, { timezone: options.timezone ?? 'Indian/Reunion' });
  if (options.smsBudget !== undefined) {
    await db.sequelize.query('UPDATE mission_locale SET sms_budget_mensuel = $budget WHERE id = $id', { bind: { id: ml.id, budget: options.smsBudget } });
  }
  const conseiller = await aUser(db.sequelize, ml, { prenom: 'Camille', nom: 'Martin' });
  const reach = { push: true, sms: true, email: true, ...options.reach };
  const telephone = reach.telephone === undefined ? aMobile() : reach.telephone;
  const email = reach.adresse === undefined ? `ines.${randomUUID().slice(0, 8)}@example.org` : reach.adresse;
  const jeune = await aJeune(db.sequelize, ml, { prenoms: 'Inès Marie', nomNaissance: 'PAYET', telephone, email });
  const compte = await aUser(db.sequelize, ml, { roles: ['jeune'], prenom: 'Inès', nom: 'Payet' });
  await db.sequelize.query(
    `UPDATE jeune SET utilisateur_id = $compte, consentement_push = $push, consentement_sms = $sms, consentement_email = $email WHERE id = $id`,
    { bind: { id: jeune.id, compte: compte.id, push: reach.push, sms: reach.sms, email: reach.email } },
  );
  const deps: DispatchDeps = { ...ctx, sequelize: db.sequelize };

  /** A device of the jeune subscribed at the loopback push service, answering `answer`. */
  const subscribe = async (answer = 201, utilisateurId = compte.id) => {
    const subscription = loopbacks.push.aBrowserSubscription(answer);
    const id = randomUUID();
    await db.sequelize.query(
      `INSERT INTO push_subscription (id, utilisateur_id, endpoint, p256dh, auth, appareil) VALUES ($id, $user, $endpoint, $p256dh, $auth, 'Téléphone')`,
      { bind: { id, user: utilisateurId, endpoint: subscription.endpoint, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth } },
    );
    return { ...subscription, rowId: id };
  };

  /** A rendez-vous planned through the notifier, as the agenda does it. */
  const aPlannedRendezVous = async (debut: Date) => {
    const rdv = await aRendezVous(db.sequelize, jeune, conseiller.id, { debut });
    await db.sequelize.transaction((transaction) => ctx.notifier.rendezVousChanged(transaction, { kind: 'creation', rendezVousId: rdv.id }));
    return rdv;
  };

  /** The id of the rendez-vous' message of this nature (and reminder). */
  const messageId = async (rendezVousId: string, nature: string, rappel: string | null = null): Promise<string> => {
    const [row] = await db.sequelize.query<{ id: string }>(
      'SELECT id FROM message_jeune WHERE rendez_vous_id = $rdv AND nature = $nature AND rappel IS NOT DISTINCT FROM $rappel',
      { type: QueryTypes.SELECT, bind: { rdv: rendezVousId, nature, rappel } },
    );
    if (!row) {
      throw new Error(`no ${nature} ${rappel ?? ''} message`);
    }
    return row.id;
  };

  return { app, ctx, db, clock, ml, conseiller, jeune, compte, telephone: telephone ?? '', email: email ?? '', deps, subscribe, aPlannedRendezVous, messageId };
};

/** A message's fate and its attempts, as strings the specs compare. */
export const fateOf = async (sequelize: Sequelize, messageId: string) => {
  const [message] = await sequelize.query<{ statut: string; motif: string | null }>('SELECT statut, motif FROM message_jeune WHERE id = $id', {
    type: QueryTypes.SELECT,
    bind: { id: messageId },
  });
  const envois = await sequelize.query<{ canal: string; statut: string; motif: string | null; segments: number | null }>(
    'SELECT canal, statut, motif, segments FROM message_envoi WHERE message_id = $id ORDER BY created_at, canal',
    { type: QueryTypes.SELECT, bind: { id: messageId } },
  );
  return {
    statut: `${message?.statut}${message?.motif ? ` (${message.motif})` : ''}`,
    envois: envois.map((envoi) => `${envoi.canal} ${envoi.statut}${envoi.motif ? ` (${envoi.motif})` : ''}${envoi.segments ? ` ${envoi.segments} SMS` : ''}`),
  };
};
