import type { Logger } from 'pino';
import type { Sequelize, Transaction } from 'sequelize';
import { type NatureMessage, planReminders, type ReminderOffset } from '@imilo/domain';
import type { Clock } from '../../platform/clock';
import {
  cancelPlannedMessages,
  findRendezVousToPlan,
  findSessionRegistrationsToPlan,
  insertMessages,
  type MessageScope,
  type NewMessage,
} from './messages.repository';
import type { Notifier, RendezVousChange, SessionChange } from './notifier.port';
import type { MessageQueue } from './reminders.job';

/** What the notifier needs. */
export interface NotifierDeps {
  readonly sequelize: Sequelize;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where due messages go once their transaction committed (the sweep finds them anyway). */
  readonly queue: MessageQueue;
}

/** Why planned messages are cancelled, as the delivery log shows it. */
export const MOTIFS_ANNULATION = {
  deplace: 'Rendez-vous déplacé',
  annule: 'Rendez-vous annulé',
  annuleParJeune: 'Annulé par le jeune',
  cloture: 'Rendez-vous clôturé',
  sessionDeplacee: 'Session déplacée',
  sessionAnnulee: 'Session annulée',
  desinscription: 'Désinscription de la session',
  sessionCloturee: 'Session clôturée',
} as const;

const NATURE_OF: Readonly<Record<'creation' | 'modification' | 'annulation', NatureMessage>> = {
  creation: 'CREATION',
  modification: 'MODIFICATION',
  annulation: 'ANNULATION',
};

/** The reminders of a start, as message rows (keys from planReminders: a new start makes new keys). */
const reminderMessages = (
  base: Omit<NewMessage, 'cle' | 'nature' | 'rappel' | 'envoiPrevuLe'>,
  plan: { readonly keyPrefix: string; readonly debut: Date; readonly timezone: string; readonly rappels: readonly string[]; readonly rappelHeure: number; readonly now: Date },
): NewMessage[] =>
  planReminders({
    rendezVousId: plan.keyPrefix,
    debut: plan.debut,
    timeZone: plan.timezone,
    offsets: plan.rappels as ReminderOffset[],
    sendHour: plan.rappelHeure,
    now: plan.now,
  }).map((reminder) => ({ ...base, cle: reminder.key, nature: 'RAPPEL', rappel: reminder.offset, envoiPrevuLe: reminder.sendAt }));

/**
 * Plans the messages to jeunes inside the agenda's transactions (see notifier.port.ts). A change message is keyed by
 * the version it announces (a replay of the same write plans nothing more); reminders are re-planned from the row as
 * it now is: the planned ones whose key is no longer wanted are cancelled with the reason, the missing ones inserted.
 */
export const createNotifier = (deps: NotifierDeps): Notifier => {
  const { sequelize, clock } = deps;
  // Ids planned by this process' transactions, handed to the queue by flush() once committed (a rolled-back one is
  // never found and is forgotten after a while).
  const pending = new Map<string, number>();

  const plan = async (transaction: Transaction, scope: MessageScope, wanted: readonly NewMessage[], motif: string): Promise<void> => {
    const now = clock.now();
    await cancelPlannedMessages(sequelize, scope, { keep: wanted.map((m) => m.cle), remindersOnly: true, motif, now }, transaction);
    for (const id of await insertMessages(sequelize, wanted, transaction)) {
      pending.set(id, Date.now());
    }
  };

  const rendezVousChanged = async (transaction: Transaction, change: RendezVousChange): Promise<void> => {
    const rdv = await findRendezVousToPlan(sequelize, change.rendezVousId, transaction);
    if (rdv === null) {
      return;
    }
    const now = clock.now();
    const base = { missionLocaleId: rdv.missionLocaleId, jeuneId: rdv.jeuneId, rendezVousId: rdv.id, sessionId: null };
    const wanted: NewMessage[] = [];
    // A rendez-vous recorded after the fact (or cancelled once started) is nobody's news.
    if ((change.kind === 'creation' || change.kind === 'modification' || change.kind === 'annulation') && rdv.debut > now) {
      const nature = NATURE_OF[change.kind];
      wanted.push({ ...base, cle: `${rdv.id}:${nature}:${rdv.version}`, nature, rappel: null, envoiPrevuLe: now });
    }
    if (rdv.statut === 'PLANIFIE' && change.kind !== 'annulation-jeune') {
      wanted.push(...reminderMessages(base, { keyPrefix: rdv.id, debut: rdv.debut, timezone: rdv.timezone, rappels: rdv.rappels, rappelHeure: rdv.rappelHeure, now }));
    }
    const motif =
      change.kind === 'annulation-jeune'
        ? MOTIFS_ANNULATION.annuleParJeune
        : rdv.statut === 'ANNULE'
          ? MOTIFS_ANNULATION.annule
          : rdv.statut === 'CLOS'
            ? MOTIFS_ANNULATION.cloture
            : MOTIFS_ANNULATION.deplace;
    await plan(transaction, { rendezVousId: rdv.id }, wanted, motif);
    if (change.kind === 'confirmation-jeune' || change.kind === 'annulation-jeune') {
      deps.queue.tellConseiller({ rendezVousId: rdv.id, kind: change.kind });
    }
  };

  const sessionChanged = async (transaction: Transaction, change: SessionChange): Promise<void> => {
    const now = clock.now();
    for (const registration of await findSessionRegistrationsToPlan(sequelize, change.sessionId, change.jeuneId, transaction)) {
      const base = { missionLocaleId: registration.missionLocaleId, jeuneId: registration.jeuneId, rendezVousId: null, sessionId: registration.sessionId };
      const keyPrefix = `${registration.sessionId}:${registration.jeuneId}`;
      const registered = registration.inscriptionStatut === 'INSCRIT' && registration.sessionStatut === 'A_VENIR';
      const wanted: NewMessage[] = [];
      if (registration.debut > now) {
        if (change.kind === 'inscription' && registered) {
          wanted.push({ ...base, cle: `${keyPrefix}:INSCRIPTION:${registration.inscritLe.toISOString()}`, nature: 'INSCRIPTION', rappel: null, envoiPrevuLe: now });
        } else if (change.kind === 'modification-session' && registered) {
          wanted.push({ ...base, cle: `${keyPrefix}:MODIFICATION:${registration.sessionVersion}`, nature: 'MODIFICATION', rappel: null, envoiPrevuLe: now });
        } else if (change.kind === 'annulation-session' && registration.inscriptionStatut === 'INSCRIT') {
          wanted.push({ ...base, cle: `${keyPrefix}:ANNULATION:${registration.sessionVersion}`, nature: 'ANNULATION', rappel: null, envoiPrevuLe: now });
        }
      }
      if (registered) {
        wanted.push(...reminderMessages(base, { keyPrefix, debut: registration.debut, timezone: registration.timezone, rappels: registration.rappels, rappelHeure: registration.rappelHeure, now }));
      }
      const motif =
        registration.sessionStatut === 'ANNULEE'
          ? MOTIFS_ANNULATION.sessionAnnulee
          : registration.sessionStatut === 'CLOTUREE'
            ? MOTIFS_ANNULATION.sessionCloturee
            : registered
              ? MOTIFS_ANNULATION.sessionDeplacee
              : MOTIFS_ANNULATION.desinscription;
      await plan(transaction, { sessionId: registration.sessionId, jeuneId: registration.jeuneId }, wanted, motif);
    }
  };

  const flush = async (): Promise<void> => {
    const stale = Date.now() - 120_000;
    for (const [id, at] of pending) {
      if (at < stale) {
        pending.delete(id);
      }
    }
    if (pending.size === 0) {
      return;
    }
    try {
      for (const id of await deps.queue.enqueueDue(clock.now(), [...pending.keys()])) {
        pending.delete(id);
      }
    } catch (err) {
      // Best effort: the sweep enqueues them within a minute.
      deps.logger.warn({ err }, 'planned messages not handed to the queue yet');
    }
  };

  return { rendezVousChanged, sessionChanged, flush };
};
