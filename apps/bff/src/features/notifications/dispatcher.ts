import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import {
  channelPlan,
  formatRdvDate,
  icsCalendar,
  instantOfLocalTime,
  maySendNow,
  MODALITE_RENDEZ_VOUS_LABELS,
  type ModaliteRendezVous,
  monthOf,
  type NatureMessage,
  pushPayload,
  type RdvNotificationKind,
  reminderWording,
  type ReminderOffset,
  smsBudgetState,
  smsSegments,
  toGsm7,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { confirmationLink } from '../cmilo/cmilo.service';
import { rendezVousMail, type RendezVousMailKind } from './mail-templates';
import { MOTIFS_ANNULATION } from './notifier';

// Sends one message to a jeune, at send time: the message row is locked (a second worker, in this process or another,
// skips it), the rendez-vous is read again (cancelled, closed, moved or started: nothing goes, the log says why), then
// the channels are tried in the order of channelPlan, each attempt written as a message_envoi row. The sends happen
// inside the transaction, so that the attempts and the message's fate commit together; a crash in between rolls the
// lock back and the retried job sends again (at least once on a crash, exactly once otherwise).
// A burst of reminders is thousands of these transactions, and a round trip to PostgreSQL costs each side more than the
// query itself: the lock, the target and its devices are one statement, the attempts and the message's fate another.

/** What sending needs (a Sequelize of its own is allowed, e.g. a larger pool in the benchmark). */
export type DispatchDeps = Pick<AppContext, 'config' | 'clock' | 'logger' | 'channels' | 'tokens' | 'audit'> & { readonly sequelize: Sequelize };

/** What became of a message; `relanceSmsAt`: when to send the SMS of a J-1 push if it is not acknowledged by then. */
export interface DispatchOutcome {
  readonly statut: 'SKIPPED' | 'NOT_DUE' | 'ANNULE' | 'ENVOYE' | 'ECHEC';
  readonly relanceSmsAt: Date | null;
}

/** Why the send-time checks stop a message, beyond the notifier's reasons. */
export const MOTIFS_ENVOI = {
  commence: 'Le rendez-vous a commencé',
  dossierAnonymise: 'Dossier anonymisé',
  budgetAtteint: 'Budget SMS du mois atteint',
  injoignable: 'Aucun canal : ni consentement ni coordonnées',
  abonnementExpire: 'Abonnement push expiré',
  tousEchoues: 'Aucun canal n’a abouti',
} as const;

/** The link a device GETs on receiving a push that the BFF waits to be acknowledged (apps/web/src/sw.js). */
export const acquittementPath = (envoiId: string): string => `/api/v1/push/acquittements/${envoiId}`;

interface LockedMessage {
  id: string;
  cle: string;
  nature: NatureMessage;
  rappel: string | null;
  /** As row_to_json writes a timestamptz. */
  envoi_prevu_le: string;
  mission_locale_id: string;
  jeune_id: string;
  rendez_vous_id: string | null;
  session_id: string | null;
}

/** The jeune, the Mission Locale and the rendez-vous (or session) a message is about, as read at send time. */
interface Target {
  prenoms: string;
  telephone: string | null;
  email: string | null;
  consentement_push: boolean;
  consentement_sms: boolean;
  consentement_email: boolean;
  statut_dossier: string;
  ml_nom: string;
  timezone: string;
  push_acquittement_minutes: number;
  sms_budget_mensuel: number;
  debut: Date;
  duree_minutes: number;
  /** Rendez-vous: PLANIFIE / ANNULE / CLOS; session: A_VENIR / ANNULEE / CLOTUREE. */
  statut: string;
  /** Session only: the registration's status. */
  inscription: string | null;
  objet: string;
  modalite: ModaliteRendezVous | null;
  lieu: string | null;
  a_apporter: string | null;
  ics_sequence: number;
  conseiller: string;
  reponse_jeune: string | null;
}

// The target of a rendez-vous' message, joined to the locked message `m` (nothing for a session's message). A
// session's target is read apart, one more round trip: planning both kinds in one statement cost PostgreSQL more
// than the round trip (1.2 ms instead of 0.7 per message, measured with EXPLAIN ANALYZE).
const TARGET_OF_RENDEZ_VOUS = `
  j.prenoms, j.telephone, j.email, j.consentement_push, j.consentement_sms, j.consentement_email,
  j.statut_dossier, ml.nom AS ml_nom, ml.timezone, ml.push_acquittement_minutes, ml.sms_budget_mensuel,
  r.debut, r.duree_minutes, r.statut, NULL AS inscription, r.objet, r.modalite, COALESCE(s.nom, r.adresse) AS lieu,
  r.a_apporter, r.ics_sequence, u.prenom || ' ' || u.nom AS conseiller, r.reponse_jeune
  FROM m
  LEFT JOIN rendez_vous r ON r.id = m.rendez_vous_id
  LEFT JOIN jeune j ON j.id = r.jeune_id
  LEFT JOIN mission_locale ml ON ml.id = r.mission_locale_id
  LEFT JOIN utilisateur u ON u.id = r.conseiller_id
  LEFT JOIN site s ON s.id = r.site_id`;

const TARGET_OF_SESSION = `
  SELECT j.prenoms, j.telephone, j.email, j.consentement_push, j.consentement_sms, j.consentement_email,
         j.statut_dossier, ml.nom AS ml_nom, ml.timezone, ml.push_acquittement_minutes, ml.sms_budget_mensuel,
         x.debut, x.duree_minutes, x.statut, i.statut AS inscription, x.titre AS objet, NULL AS modalite,
         COALESCE(s.nom, x.adresse) AS lieu, x.a_apporter, x.version AS ics_sequence, u.prenom || ' ' || u.nom AS conseiller,
         NULL AS reponse_jeune
  FROM session_collective x
  JOIN inscription_session i ON i.session_id = x.id AND i.jeune_id = $jeuneId
  JOIN jeune j ON j.id = i.jeune_id
  JOIN mission_locale ml ON ml.id = x.mission_locale_id
  JOIN utilisateur u ON u.id = x.animateur_id
  LEFT JOIN site s ON s.id = x.site_id
  WHERE x.id = $sessionId`;

const readSessionTarget = async (sequelize: Sequelize, message: LockedMessage, transaction: Transaction): Promise<Target | null> => {
  const [row] = await sequelize.query<Target>(TARGET_OF_SESSION, { type: QueryTypes.SELECT, transaction, bind: { sessionId: message.session_id, jeuneId: message.jeune_id } });
  return row ? { ...row, debut: new Date(row.debut) } : null;
};

/** Why a message may not go now, or null: the rendez-vous changed since it was planned, or it has started. */
const stopReason = (message: LockedMessage, target: Target, now: Date): string | null => {
  if (target.statut_dossier === 'anonymise') {
    return MOTIFS_ENVOI.dossierAnonymise;
  }
  const cancellation = message.nature === 'ANNULATION';
  if (!cancellation && (target.statut === 'ANNULE' || target.statut === 'ANNULEE')) {
    return message.rendez_vous_id ? MOTIFS_ANNULATION.annule : MOTIFS_ANNULATION.sessionAnnulee;
  }
  if (target.statut === 'CLOS' || target.statut === 'CLOTUREE') {
    return message.rendez_vous_id ? MOTIFS_ANNULATION.cloture : MOTIFS_ANNULATION.sessionCloturee;
  }
  if (!cancellation && target.inscription !== null && target.inscription !== 'INSCRIT') {
    return MOTIFS_ANNULATION.desinscription;
  }
  // A reminder's key carries the start it was planned for: a moved rendez-vous' old reminder never goes.
  if (message.nature === 'RAPPEL' && !message.cle.endsWith(target.debut.toISOString())) {
    return message.rendez_vous_id ? MOTIFS_ANNULATION.deplace : MOTIFS_ANNULATION.sessionDeplacee;
  }
  return maySendNow(now, target.debut, false) ? null : MOTIFS_ENVOI.commence;
};

/** The notification kind of a message, as the channel rules and the texts know it. */
const kindOf = (message: Pick<LockedMessage, 'nature' | 'rappel'>): RdvNotificationKind => {
  switch (message.nature) {
    case 'RAPPEL':
      return message.rappel === 'J-1' ? 'J-1' : 'J-7';
    case 'MODIFICATION':
      return 'modification';
    case 'ANNULATION':
      return 'annulation';
    default:
      return 'creation';
  }
};

/** A French national number (`0692123456`) in E.164, with the overseas departments' own country codes. */
export const toE164 = (telephone: string): string => {
  const national = telephone.replace(/\D/g, '').replace(/^(?:33|262|269|590|594|596)(?=\d{9}$)/, '0');
  const prefixes: readonly (readonly [RegExp, string])[] = [
    [/^069[23]/, '262'],
    [/^0639/, '262'],
    [/^069[01]/, '590'],
    [/^0694/, '594'],
    [/^069[67]/, '596'],
  ];
  const country = prefixes.find(([pattern]) => pattern.test(national))?.[1] ?? '33';
  return `+${country}${national.slice(1)}`;
};

const prenomOf = (prenoms: string): string => prenoms.trim().split(/\s+/)[0] ?? '';

interface Attempt {
  readonly id?: string;
  readonly canal: 'push' | 'sms' | 'email';
  readonly statut: 'ENVOYE' | 'ECHEC';
  readonly motif?: string | null;
  readonly segments?: number | null;
  readonly reference?: string | null;
  readonly subscriptionId?: string | null;
}

/**
 * What one sending writes, gathered while the channels are tried and written at its end, in the same transaction
 * (before the commit that releases the message's lock and the SMS budget's): the attempts, and what the push service
 * said of each device (accepted, failed, or gone: deleted).
 */
interface SendingLog {
  readonly attempts: Attempt[];
  readonly devices: { readonly reussis: string[]; readonly echoues: string[]; readonly expires: string[] };
}

const newSendingLog = (): SendingLog => ({ attempts: [], devices: { reussis: [], echoues: [], expires: [] } });

/**
 * Writes a sending's log and, unless null, the message's fate, in one statement. The device updates see the
 * statement's snapshot, like the attempts' foreign keys: a device deleted as gone is never an attempt's device.
 */
const writeSending = async (
  sequelize: Sequelize,
  message: Pick<LockedMessage, 'id' | 'mission_locale_id'>,
  log: SendingLog,
  fate: { readonly statut: 'ENVOYE' | 'ECHEC' | 'ANNULE'; readonly motif: string | null } | null,
  now: Date,
  transaction: Transaction,
): Promise<void> => {
  const { attempts, devices } = log;
  await sequelize.query(
    `WITH envois AS (
       INSERT INTO message_envoi (id, message_id, mission_locale_id, canal, statut, motif, segments, reference_fournisseur,
                                  push_subscription_id, created_at, updated_at)
       SELECT id, $messageId, $ml, canal, statut, motif, segments, reference, subscription, $now, $now
       FROM unnest($ids::uuid[], $canaux::text[], $statuts::text[], $motifs::text[], $segments::int[], $references::text[],
                   $subscriptions::uuid[]) AS a(id, canal, statut, motif, segments, reference, subscription)),
     reussis AS (UPDATE push_subscription SET derniere_reussite_le = $now WHERE id = ANY($reussis::uuid[])),
     echoues AS (UPDATE push_subscription SET dernier_echec_le = $now WHERE id = ANY($echoues::uuid[])),
     expires AS (DELETE FROM push_subscription WHERE id = ANY($expires::uuid[]))
     ${fate === null ? 'SELECT 1' : 'UPDATE message_jeune SET statut = $statut, motif = $motif, traite_le = $now WHERE id = $messageId'}`,
    {
      transaction,
      bind: {
        messageId: message.id,
        ml: message.mission_locale_id,
        ids: attempts.map((attempt) => attempt.id ?? randomUUID()),
        canaux: attempts.map((attempt) => attempt.canal),
        statuts: attempts.map((attempt) => attempt.statut),
        motifs: attempts.map((attempt) => attempt.motif ?? null),
        segments: attempts.map((attempt) => attempt.segments ?? null),
        references: attempts.map((attempt) => attempt.reference ?? null),
        subscriptions: attempts.map((attempt) => attempt.subscriptionId ?? null),
        ...devices,
        ...(fate === null ? {} : fate),
        now: now.toISOString(),
      },
    },
  );
};

const rdvPath = (message: LockedMessage): string => `/c-milo/rendez-vous/${message.rendez_vous_id ?? message.session_id}`;

/** Seconds a push service keeps the message: until the start (a reminder is useless after it), one minute at least. */
const ttlUntil = (debut: Date, now: Date): number => Math.min(28 * 86_400, Math.max(60, Math.floor((debut.getTime() - now.getTime()) / 1000)));

interface PushSubscriptionRow {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Pushes to every device of the jeune; answers whether one accepted it. Dead subscriptions (404/410) are deleted. */
const sendPush = async (deps: DispatchDeps, message: LockedMessage, target: Target, subscriptions: readonly PushSubscriptionRow[], waitsForAck: boolean, now: Date, log: SendingLog): Promise<boolean> => {
  const kind = kindOf(message);
  const confirmUrl =
    message.rendez_vous_id && kind !== 'annulation'
      ? confirmationLink(deps.tokens, { id: message.rendez_vous_id, jeuneId: message.jeune_id, debut: target.debut })
      : undefined;
  let delivered = false;
  for (const subscription of subscriptions) {
    // The attempt's random id is the acknowledgement's capability: only this device learns it, and all it can do is
    // mark this attempt « délivré » (a signed token would not fit the payload beside the confirmation link).
    const envoiId = randomUUID();
    const ackUrl = waitsForAck ? acquittementPath(envoiId) : undefined;
    const payload = pushPayload({ prenom: prenomOf(target.prenoms), debut: target.debut.toISOString(), timeZone: target.timezone, kind, url: rdvPath(message), confirmUrl, ackUrl });
    const result = await deps.channels.push.send({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, JSON.stringify(payload), {
      ttlSeconds: ttlUntil(target.debut, now),
      urgency: kind === 'J-7' ? 'normal' : 'high',
      topic: (message.rendez_vous_id ?? message.session_id ?? '').replaceAll('-', ''),
    });
    if (result.ok) {
      delivered = true;
      log.attempts.push({ id: envoiId, canal: 'push', statut: 'ENVOYE', reference: String(result.status), subscriptionId: subscription.id });
      log.devices.reussis.push(subscription.id);
      continue;
    }
    const motif = result.gone ? `${MOTIFS_ENVOI.abonnementExpire} (${result.status ?? result.reason})` : `Service push : ${result.status ?? result.reason}`;
    log.attempts.push({ id: envoiId, canal: 'push', statut: 'ECHEC', motif, subscriptionId: result.gone ? null : subscription.id });
    (result.gone ? log.devices.expires : log.devices.echoues).push(subscription.id);
  }
  return delivered;
};

/** The local month's bounds of an instant, in the Mission Locale's timezone. */
export const monthBounds = (now: Date, timeZone: string): { month: string; from: Date; to: Date } => {
  const month = monthOf(now, timeZone);
  const [year, index] = month.split('-').map(Number) as [number, number];
  const next = index === 12 ? { year: year + 1, month: 1 } : { year, month: index + 1 };
  return {
    month,
    from: instantOfLocalTime({ year, month: index, day: 1, hour: 0 }, timeZone),
    to: instantOfLocalTime({ ...next, day: 1, hour: 0 }, timeZone),
  };
};

/** The SMS segments a Mission Locale was billed in [from, to[ (failed and refused attempts are not billed). */
export const smsSegmentsBilled = async (sequelize: Sequelize, missionLocaleId: string, range: { readonly from: Date; readonly to: Date }, transaction?: Transaction): Promise<number> => {
  const [used] = await sequelize.query<{ segments: number }>(
    `SELECT COALESCE(sum(segments), 0)::int AS segments FROM message_envoi
     WHERE mission_locale_id = $ml AND canal = 'sms' AND statut IN ('ENVOYE', 'DELIVRE') AND created_at >= $from AND created_at < $to`,
    { type: QueryTypes.SELECT, transaction, bind: { ml: missionLocaleId, from: range.from.toISOString(), to: range.to.toISOString() } },
  );
  return used?.segments ?? 0;
};

/** An alert to write once the transaction committed: e-mails to the direction. */
type AfterCommit = () => Promise<void>;

/**
 * Sends the SMS if the Mission Locale's monthly budget allows it. The budget's count and the send are serialised per
 * Mission Locale (a transaction-scoped advisory lock), so that two workers never both take the last segments.
 */
const sendSms = async (
  deps: DispatchDeps,
  message: LockedMessage,
  target: Target,
  now: Date,
  log: SendingLog,
  transaction: Transaction,
  afterCommit: AfterCommit[],
): Promise<boolean> => {
  const kind = kindOf(message);
  const wording = message.nature === 'RAPPEL'
    ? `${reminderWording((message.rappel ?? 'J-1') as ReminderOffset, target.debut, target.timezone)}.`
    : pushPayload({ prenom: prenomOf(target.prenoms), debut: target.debut.toISOString(), timeZone: target.timezone, kind, url: rdvPath(message) }).notification.body;
  const text = toGsm7(`${wording} ${target.ml_nom}`).text;
  const segments = smsSegments(text).segments;
  await deps.sequelize.query("SELECT pg_advisory_xact_lock(hashtextextended('sms-budget:' || $ml, 0))", { transaction, bind: { ml: message.mission_locale_id } });
  const { month, from, to } = monthBounds(now, target.timezone);
  const used = await smsSegmentsBilled(deps.sequelize, message.mission_locale_id, { from, to }, transaction);
  const budget = smsBudgetState({ sentThisMonth: used, segmentsToSend: segments, monthlyBudget: target.sms_budget_mensuel });
  if (budget.level === 'stopped') {
    log.attempts.push({ canal: 'sms', statut: 'ECHEC', motif: MOTIFS_ENVOI.budgetAtteint });
    return false;
  }
  const result = await deps.channels.sms.send({ missionLocaleId: message.mission_locale_id, to: toE164(target.telephone ?? ''), text });
  if (!result.ok) {
    log.attempts.push({ canal: 'sms', statut: 'ECHEC', motif: `Fournisseur SMS : ${result.reason}` });
    return false;
  }
  log.attempts.push({ canal: 'sms', statut: 'ENVOYE', segments, reference: result.providerRef });
  if (budget.crossesAlert) {
    await alertDirection(deps, message.mission_locale_id, target.ml_nom, month, budget.percent, now, transaction, afterCommit);
  }
  return true;
};

/** 80 % of the month's SMS budget: one alert row per Mission Locale and month, an audit row, an e-mail to the direction. */
const alertDirection = async (
  deps: DispatchDeps,
  missionLocaleId: string,
  missionLocale: string,
  month: string,
  percent: number,
  now: Date,
  transaction: Transaction,
  afterCommit: AfterCommit[],
): Promise<void> => {
  const inserted = await deps.sequelize.query(
    `INSERT INTO sms_budget_alerte (mission_locale_id, mois, alerte_le) VALUES ($ml, $month, $now)
     ON CONFLICT DO NOTHING RETURNING mois`,
    { type: QueryTypes.SELECT, transaction, bind: { ml: missionLocaleId, month, now: now.toISOString() } },
  );
  if (inserted.length === 0) {
    return;
  }
  await deps.audit.record(
    { action: 'sms.budget-alerte', outcome: 'success', actorId: null, missionLocaleId, ip: null, userAgent: null, details: { mois: month, pourcentage: percent } },
    transaction,
  );
  const directions = await deps.sequelize.query<{ email: string }>(
    `SELECT DISTINCT u.email FROM utilisateur u JOIN utilisateur_mission_locale uml ON uml.utilisateur_id = u.id
     WHERE uml.mission_locale_id = $ml AND 'direction' = ANY(u.roles) AND u.active AND u.email IS NOT NULL`,
    { type: QueryTypes.SELECT, transaction, bind: { ml: missionLocaleId } },
  );
  const subject = `Budget SMS de ${month} : ${percent} % atteint`;
  const text =
    `Bonjour,\n\n${missionLocale} a utilisé ${percent} % de son budget SMS du mois (${month}). Au-delà de 100 %, les SMS ` +
    `s'arrêtent jusqu'au mois prochain ; les notifications push et les e-mails continuent.\n\nLe budget se règle dans ` +
    `les paramètres de notification de la Mission Locale.\n`;
  for (const { email } of directions) {
    afterCommit.push(async () => {
      const result = await deps.channels.mail.send({ to: email, subject, text, html: `<p>${text.replace(/\n\n/g, '</p><p>').replace(/\n/g, '')}</p>` });
      if (!result.ok) {
        deps.logger.warn({ missionLocaleId, reason: result.reason }, 'SMS budget alert e-mail not sent');
      }
    });
  }
};

const mailKindOf = (message: LockedMessage): RendezVousMailKind => {
  const kind = kindOf(message);
  return kind === 'J-1' || kind === 'J-7' ? ((message.rappel ?? kind) as ReminderOffset) : kind;
};

const lieuOf = (target: Target): string =>
  target.modalite === 'TELEPHONE' || target.modalite === 'VISIO' ? MODALITE_RENDEZ_VOUS_LABELS[target.modalite] : (target.lieu ?? '');

/** The address of a From such as `Mission Locale <no-reply@ml.fr>`. */
const addressOf = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/**
 * The e-mail with its .ics (REQUEST, or CANCEL for a cancellation; UID and SEQUENCE follow the rendez-vous; the
 * Mission Locale as ORGANIZER and the jeune as ATTENDEE, by which calendar clients match an update or a cancellation).
 */
const sendMail = async (deps: DispatchDeps, message: LockedMessage, target: Target, icsMethod: 'REQUEST' | 'CANCEL', now: Date, log: SendingLog): Promise<boolean> => {
  const content = rendezVousMail({
    kind: mailKindOf(message),
    prenom: prenomOf(target.prenoms),
    debut: target.debut,
    timeZone: target.timezone,
    lieu: lieuOf(target),
    objet: target.objet,
    aApporter: target.a_apporter,
    conseiller: target.conseiller,
    missionLocale: target.ml_nom,
    lien: `${deps.config.publicUrl}${rdvPath(message)}`,
  });
  const ics = icsCalendar({
    method: icsMethod,
    events: [
      {
        uid: `${message.rendez_vous_id ?? `${message.session_id}-${message.jeune_id}`}@imilo`,
        sequence: target.ics_sequence,
        start: target.debut,
        end: new Date(target.debut.getTime() + target.duree_minutes * 60_000),
        stamp: now,
        summary: target.objet,
        location: lieuOf(target) || null,
        status: 'CONFIRMED',
        url: `${deps.config.publicUrl}${rdvPath(message)}`,
        organizer: { name: target.ml_nom, email: addressOf(deps.config.mail.from) },
        attendees: [{ name: prenomOf(target.prenoms), email: target.email ?? '' }],
      },
    ],
  });
  const result = await deps.channels.mail.send({ to: target.email ?? '', ...content, ics: { method: icsMethod, content: ics } });
  log.attempts.push(result.ok ? { canal: 'email', statut: 'ENVOYE', reference: result.messageId } : { canal: 'email', statut: 'ECHEC', motif: `Messagerie : ${result.reason}` });
  return result.ok;
};

/** A locked message with what sending it reads: its target (null once the rendez-vous is gone) and the devices. */
interface Locked {
  readonly message: LockedMessage;
  readonly target: Target | null;
  /** The jeune's devices, oldest first; none without the push consent. */
  readonly subscriptions: readonly PushSubscriptionRow[];
}

/**
 * Locks a message in the given state (a locked one is skipped: another worker sends it) and reads, in the same
 * statement, the jeune's devices and a rendez-vous' target. That target is read in the statement's snapshot, taken
 * before the lock: a change that committed in between and touched the message (a cancellation, a move) is seen all the
 * same, because PostgreSQL checks the locked row's latest version against `statut`.
 */
const lockForSending = async (sequelize: Sequelize, id: string, statut: 'PLANIFIE' | 'ENVOYE', transaction: Transaction): Promise<Locked | null> => {
  const [row] = await sequelize.query<Target & { message: LockedMessage; rendez_vous_lu: boolean; subscriptions: PushSubscriptionRow[] | null }>(
    `WITH m AS (
       SELECT id, cle, nature, rappel, envoi_prevu_le, mission_locale_id, jeune_id, rendez_vous_id, session_id
       FROM message_jeune WHERE id = $id AND statut = $statut
       FOR NO KEY UPDATE SKIP LOCKED)
     SELECT row_to_json(m) AS message, r.id IS NOT NULL AS rendez_vous_lu,
            (SELECT json_agg(json_build_object('id', p.id, 'endpoint', p.endpoint, 'p256dh', p.p256dh, 'auth', p.auth) ORDER BY p.created_at)
             FROM jeune jp JOIN push_subscription p ON p.utilisateur_id = jp.utilisateur_id
             WHERE jp.id = m.jeune_id AND jp.consentement_push) AS subscriptions,
            ${TARGET_OF_RENDEZ_VOUS}`,
    { type: QueryTypes.SELECT, transaction, bind: { id, statut } },
  );
  if (!row) {
    return null;
  }
  const { message, rendez_vous_lu: rendezVousLu, subscriptions, ...target } = row;
  return {
    message,
    target: message.rendez_vous_id === null ? await readSessionTarget(sequelize, message, transaction) : rendezVousLu ? { ...target, debut: new Date(target.debut) } : null,
    subscriptions: subscriptions ?? [],
  };
};

const runAfterCommit = async (deps: DispatchDeps, tasks: readonly AfterCommit[]): Promise<void> => {
  for (const task of tasks) {
    await task().catch((err: unknown) => deps.logger.warn({ err }, 'after-commit notification task failed'));
  }
};

/** Sends one planned message if it is still due and still true (see the file's comment). */
export const dispatchMessage = async (deps: DispatchDeps, messageId: string): Promise<DispatchOutcome> => {
  const afterCommit: AfterCommit[] = [];
  const outcome = await deps.sequelize.transaction(async (transaction): Promise<DispatchOutcome> => {
    const locked = await lockForSending(deps.sequelize, messageId, 'PLANIFIE', transaction);
    if (locked === null) {
      return { statut: 'SKIPPED', relanceSmsAt: null };
    }
    const { message, target, subscriptions } = locked;
    const now = deps.clock.now();
    if (new Date(message.envoi_prevu_le) > now) {
      return { statut: 'NOT_DUE', relanceSmsAt: null };
    }
    const log = newSendingLog();
    const stop = target === null ? MOTIFS_ANNULATION.annule : stopReason(message, target, now);
    if (target === null || stop !== null) {
      await writeSending(deps.sequelize, message, log, { statut: 'ANNULE', motif: stop }, now, transaction);
      return { statut: 'ANNULE', relanceSmsAt: null };
    }
    const plan = channelPlan({
      consents: { push: target.consentement_push, sms: target.consentement_sms, email: target.consentement_email },
      pushSubscriptions: subscriptions.length,
      telephone: target.telephone,
      email: target.email,
      kind: kindOf(message),
      smsFallbackAfterMs: target.push_acquittement_minutes * 60_000,
    });
    let sent = false;
    let pushed = false;
    let relanceSmsAt: Date | null = null;
    for (const step of plan.steps) {
      if (step.channel === 'push') {
        const waitsForAck = plan.steps.some((other) => other.channel === 'sms' && other.smsFallbackAfterMs !== null);
        pushed = await sendPush(deps, message, target, subscriptions, waitsForAck, now, log);
        sent ||= pushed;
      } else if (step.channel === 'sms') {
        if (step.mode === 'direct' || !pushed) {
          sent = (await sendSms(deps, message, target, now, log, transaction, afterCommit)) || sent;
        } else if (step.smsFallbackAfterMs !== null) {
          const at = new Date(now.getTime() + step.smsFallbackAfterMs);
          relanceSmsAt = at < target.debut ? at : null;
        }
      } else {
        sent = (await sendMail(deps, message, target, step.icsMethod, now, log)) || sent;
      }
    }
    const motif = sent ? null : plan.joignable ? MOTIFS_ENVOI.tousEchoues : MOTIFS_ENVOI.injoignable;
    await writeSending(deps.sequelize, message, log, { statut: sent ? 'ENVOYE' : 'ECHEC', motif }, now, transaction);
    return { statut: sent ? 'ENVOYE' : 'ECHEC', relanceSmsAt };
  });
  await runAfterCommit(deps, afterCommit);
  return outcome;
};

/**
 * The J-1 reminder's SMS when its push was not acknowledged in time: only if no device acknowledged it, the jeune has
 * not answered, no SMS went yet, consent and number still hold, and the rendez-vous has not started.
 */
export const relanceSms = async (deps: DispatchDeps, messageId: string): Promise<boolean> => {
  const afterCommit: AfterCommit[] = [];
  const sent = await deps.sequelize.transaction(async (transaction) => {
    const locked = await lockForSending(deps.sequelize, messageId, 'ENVOYE', transaction);
    if (locked === null) {
      return false;
    }
    const { message, target } = locked;
    const [state] = await deps.sequelize.query<{ acquitte: boolean; sms: boolean }>(
      `SELECT bool_or(acquitte_le IS NOT NULL OR statut = 'DELIVRE') AS acquitte, bool_or(canal = 'sms') AS sms
       FROM message_envoi WHERE message_id = $id`,
      { type: QueryTypes.SELECT, transaction, bind: { id: messageId } },
    );
    const now = deps.clock.now();
    if (state?.acquitte || state?.sms || target === null || target.reponse_jeune !== null || stopReason(message, target, now) !== null) {
      return false;
    }
    if (!target.consentement_sms || !target.telephone?.trim()) {
      return false;
    }
    const log = newSendingLog();
    const smsSent = await sendSms(deps, message, target, now, log, transaction, afterCommit);
    await writeSending(deps.sequelize, message, log, null, now, transaction);
    return smsSent;
  });
  await runAfterCommit(deps, afterCommit);
  return sent;
};

/** Tells the conseiller, by push on their devices, that the jeune confirmed or cancelled in C-Milo (best effort). */
export const tellConseiller = async (deps: DispatchDeps, rendezVousId: string, kind: 'confirmation-jeune' | 'annulation-jeune'): Promise<void> => {
  const [rdv] = await deps.sequelize.query<{ conseiller_id: string; prenoms: string; nom: string; debut: Date; timezone: string }>(
    `SELECT r.conseiller_id, j.prenoms, COALESCE(j.nom_usage, j.nom_naissance) AS nom, r.debut, ml.timezone
     FROM rendez_vous r JOIN jeune j ON j.id = r.jeune_id JOIN mission_locale ml ON ml.id = r.mission_locale_id WHERE r.id = $id`,
    { type: QueryTypes.SELECT, bind: { id: rendezVousId } },
  );
  if (!rdv) {
    return;
  }
  const url = `/conseiller/agenda?rendezVous=${rendezVousId}`;
  const payload = JSON.stringify({
    notification: {
      title: kind === 'confirmation-jeune' ? 'Rendez-vous confirmé' : 'Rendez-vous annulé par le jeune',
      body: `${prenomOf(rdv.prenoms)} ${rdv.nom.charAt(0)}. — ${formatRdvDate(new Date(rdv.debut).toISOString(), rdv.timezone)}`,
      lang: 'fr',
      tag: rendezVousId,
      data: { onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url } } },
    },
  });
  const subscriptions = await deps.sequelize.query<PushSubscriptionRow>('SELECT id, endpoint, p256dh, auth FROM push_subscription WHERE utilisateur_id = $id', {
    type: QueryTypes.SELECT,
    bind: { id: rdv.conseiller_id },
  });
  for (const subscription of subscriptions) {
    const result = await deps.channels.push.send({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, payload, { ttlSeconds: 86_400 });
    if (!result.ok && result.gone) {
      await deps.sequelize.query('DELETE FROM push_subscription WHERE id = $id', { bind: { id: subscription.id } });
    }
  }
};
