import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { MessageDto, NatureMessage } from '@imilo/domain';

// The messages to jeunes (message_jeune) and their attempts per channel (message_envoi), in raw SQL. A message exists
// once per key (`cle` is unique): planning twice the same thing, from one process or two, inserts nothing the second
// time.

/** What planning a rendez-vous' messages reads of it, with its Mission Locale's settings. */
export interface RendezVousToPlan {
  readonly id: string;
  readonly jeuneId: string;
  readonly missionLocaleId: string;
  readonly debut: Date;
  readonly statut: 'PLANIFIE' | 'ANNULE' | 'CLOS';
  readonly version: number;
  readonly timezone: string;
  readonly rappels: readonly string[];
  readonly rappelHeure: number;
}

interface RendezVousToPlanRow {
  id: string;
  jeune_id: string;
  mission_locale_id: string;
  debut: Date;
  statut: RendezVousToPlan['statut'];
  version: number;
  timezone: string;
  rappels: string[];
  rappel_heure: number;
}

export const findRendezVousToPlan = async (sequelize: Sequelize, id: string, transaction: Transaction): Promise<RendezVousToPlan | null> => {
  const [row] = await sequelize.query<RendezVousToPlanRow>(
    `SELECT r.id, r.jeune_id, r.mission_locale_id, r.debut, r.statut, r.version, ml.timezone, ml.rappels, ml.rappel_heure
     FROM rendez_vous r JOIN mission_locale ml ON ml.id = r.mission_locale_id
     WHERE r.id = $id`,
    { type: QueryTypes.SELECT, transaction, bind: { id } },
  );
  return row
    ? {
        id: row.id,
        jeuneId: row.jeune_id,
        missionLocaleId: row.mission_locale_id,
        debut: new Date(row.debut),
        statut: row.statut,
        version: row.version,
        timezone: row.timezone,
        rappels: row.rappels,
        rappelHeure: row.rappel_heure,
      }
    : null;
};

/** A collective session's registrations as planning reads them: one line per registered (or waiting) jeune. */
export interface SessionRegistrationToPlan {
  readonly sessionId: string;
  readonly jeuneId: string;
  readonly missionLocaleId: string;
  readonly debut: Date;
  readonly sessionStatut: 'A_VENIR' | 'CLOTUREE' | 'ANNULEE';
  readonly sessionVersion: number;
  readonly inscriptionStatut: string;
  readonly inscritLe: Date;
  readonly timezone: string;
  readonly rappels: readonly string[];
  readonly rappelHeure: number;
}

export const findSessionRegistrationsToPlan = async (
  sequelize: Sequelize,
  sessionId: string,
  jeuneId: string | null,
  transaction: Transaction,
): Promise<SessionRegistrationToPlan[]> => {
  const rows = await sequelize.query<{
    session_id: string;
    jeune_id: string;
    mission_locale_id: string;
    debut: Date;
    session_statut: SessionRegistrationToPlan['sessionStatut'];
    session_version: number;
    inscription_statut: string;
    inscrit_le: Date;
    timezone: string;
    rappels: string[];
    rappel_heure: number;
  }>(
    `SELECT s.id AS session_id, i.jeune_id, s.mission_locale_id, s.debut, s.statut AS session_statut, s.version AS session_version,
            i.statut AS inscription_statut, i.inscrit_le, ml.timezone, ml.rappels, ml.rappel_heure
     FROM session_collective s
     JOIN inscription_session i ON i.session_id = s.id
     JOIN mission_locale ml ON ml.id = s.mission_locale_id
     WHERE s.id = $sessionId AND ($jeuneId::uuid IS NULL OR i.jeune_id = $jeuneId::uuid)`,
    { type: QueryTypes.SELECT, transaction, bind: { sessionId, jeuneId } },
  );
  return rows.map((row) => ({
    sessionId: row.session_id,
    jeuneId: row.jeune_id,
    missionLocaleId: row.mission_locale_id,
    debut: new Date(row.debut),
    sessionStatut: row.session_statut,
    sessionVersion: row.session_version,
    inscriptionStatut: row.inscription_statut,
    inscritLe: new Date(row.inscrit_le),
    timezone: row.timezone,
    rappels: row.rappels,
    rappelHeure: row.rappel_heure,
  }));
};

/** A message to plan. */
export interface NewMessage {
  readonly cle: string;
  readonly missionLocaleId: string;
  readonly jeuneId: string;
  readonly rendezVousId: string | null;
  readonly sessionId: string | null;
  readonly nature: NatureMessage;
  readonly rappel: string | null;
  readonly envoiPrevuLe: Date;
}

/** Inserts the messages whose key is new; answers the ids of those inserted (a known key inserts nothing). */
export const insertMessages = async (sequelize: Sequelize, messages: readonly NewMessage[], transaction: Transaction): Promise<string[]> => {
  if (messages.length === 0) {
    return [];
  }
  const rows = await sequelize.query<{ id: string }>(
    `INSERT INTO message_jeune (id, cle, mission_locale_id, jeune_id, rendez_vous_id, session_id, nature, rappel, envoi_prevu_le)
     SELECT * FROM unnest($ids::uuid[], $cles::text[], $mls::uuid[], $jeunes::uuid[], $rdvs::uuid[], $sessions::uuid[],
                          $natures::text[], $rappels::text[], $prevus::timestamptz[])
     ON CONFLICT (cle) DO NOTHING
     RETURNING id`,
    {
      type: QueryTypes.SELECT,
      transaction,
      bind: {
        ids: messages.map(() => randomUUID()),
        cles: messages.map((m) => m.cle),
        mls: messages.map((m) => m.missionLocaleId),
        jeunes: messages.map((m) => m.jeuneId),
        rdvs: messages.map((m) => m.rendezVousId),
        sessions: messages.map((m) => m.sessionId),
        natures: messages.map((m) => m.nature),
        rappels: messages.map((m) => m.rappel),
        prevus: messages.map((m) => m.envoiPrevuLe.toISOString()),
      },
    },
  );
  return rows.map((row) => row.id);
};

/** Which planned messages to cancel: those of a rendez-vous, or of one jeune's registration to a session. */
export type MessageScope = { readonly rendezVousId: string } | { readonly sessionId: string; readonly jeuneId: string | null };

const scopeSql = (scope: MessageScope): { where: string; bind: Record<string, string | null> } =>
  'rendezVousId' in scope
    ? { where: 'rendez_vous_id = $rendezVousId', bind: { rendezVousId: scope.rendezVousId } }
    : { where: 'session_id = $sessionId AND ($jeuneId::uuid IS NULL OR jeune_id = $jeuneId::uuid)', bind: { sessionId: scope.sessionId, jeuneId: scope.jeuneId } };

/**
 * Cancels the planned messages of the scope (only reminders when `remindersOnly`) whose key is not kept, with the
 * reason the delivery log shows; answers how many.
 */
export const cancelPlannedMessages = async (
  sequelize: Sequelize,
  scope: MessageScope,
  options: { readonly keep: readonly string[]; readonly remindersOnly: boolean; readonly motif: string; readonly now: Date },
  transaction: Transaction,
): Promise<number> => {
  const { where, bind } = scopeSql(scope);
  const rows = await sequelize.query(
    `UPDATE message_jeune SET statut = 'ANNULE', motif = $motif, traite_le = $now
     WHERE ${where} AND statut = 'PLANIFIE' AND NOT (cle = ANY($keep::text[]))
       ${options.remindersOnly ? "AND nature = 'RAPPEL'" : ''}
     RETURNING id`,
    { type: QueryTypes.SELECT, transaction, bind: { ...bind, keep: [...options.keep], motif: options.motif, now: options.now.toISOString() } },
  );
  return rows.length;
};

/** A planned message the queue hands to the dispatcher. */
export interface DueMessage {
  readonly id: string;
  readonly cle: string;
  readonly envoiPrevuLe: Date;
}

/** Planned messages due before `until` (among `ids` when given), earliest first. */
export const findDueMessages = async (
  sequelize: Sequelize,
  until: Date,
  options: { readonly ids?: readonly string[]; readonly limit: number },
): Promise<DueMessage[]> => {
  const rows = await sequelize.query<{ id: string; cle: string; envoi_prevu_le: Date }>(
    `SELECT id, cle, envoi_prevu_le FROM message_jeune
     WHERE statut = 'PLANIFIE' AND envoi_prevu_le <= $until ${options.ids ? 'AND id = ANY($ids::uuid[])' : ''}
     ORDER BY envoi_prevu_le LIMIT $limit`,
    { type: QueryTypes.SELECT, bind: { until: until.toISOString(), limit: options.limit, ...(options.ids ? { ids: [...options.ids] } : {}) } },
  );
  return rows.map((row) => ({ id: row.id, cle: row.cle, envoiPrevuLe: new Date(row.envoi_prevu_le) }));
};

interface MessageRow {
  id: string;
  nature: MessageDto['nature'];
  rappel: string | null;
  rendez_vous_id: string | null;
  session_id: string | null;
  envoi_prevu_le: Date;
  statut: MessageDto['statut'];
  motif: string | null;
  envois: { canal: 'push' | 'sms' | 'email'; statut: MessageDto['statut']; motif: string | null; segments: number | null; le: string; acquitte_le: string | null }[];
}

const iso = (value: Date | string): string => new Date(value).toISOString();

/**
 * The delivery log of a jeune (newest first), or of one rendez-vous, with every attempt oldest first (those of one
 * sending in the channels' order).
 */
export const listMessages = async (
  sequelize: Sequelize,
  filter: { readonly jeuneId: string } | { readonly rendezVousId: string },
  options: { readonly limit: number; readonly transaction?: Transaction } = { limit: 200 },
): Promise<MessageDto[]> => {
  const byJeune = 'jeuneId' in filter;
  const rows = await sequelize.query<MessageRow>(
    `SELECT m.id, m.nature, m.rappel, m.rendez_vous_id, m.session_id, m.envoi_prevu_le, m.statut, m.motif,
            COALESCE((SELECT json_agg(json_build_object('canal', e.canal, 'statut', e.statut, 'motif', e.motif, 'segments', e.segments,
                                                       'le', e.created_at, 'acquitte_le', e.acquitte_le)
                                       ORDER BY e.created_at, array_position(ARRAY['push', 'sms', 'email'], e.canal), e.id)
                      FROM message_envoi e WHERE e.message_id = m.id), '[]') AS envois
     FROM message_jeune m
     WHERE ${byJeune ? 'm.jeune_id = $id' : 'm.rendez_vous_id = $id'}
     ORDER BY m.envoi_prevu_le DESC, m.id DESC
     LIMIT $limit`,
    {
      type: QueryTypes.SELECT,
      transaction: options.transaction,
      bind: { id: byJeune ? filter.jeuneId : filter.rendezVousId, limit: options.limit },
    },
  );
  return rows.map((row) => ({
    id: row.id,
    nature: row.nature,
    rappel: row.rappel,
    rendezVousId: row.rendez_vous_id,
    sessionId: row.session_id,
    prevuLe: iso(row.envoi_prevu_le),
    statut: row.statut,
    motif: row.motif,
    envois: row.envois.map((envoi) => ({
      canal: envoi.canal,
      statut: envoi.statut as MessageDto['envois'][number]['statut'],
      motif: envoi.motif,
      segments: envoi.segments,
      le: iso(envoi.le),
      acquitteLe: envoi.acquitte_le === null ? null : iso(envoi.acquitte_le),
    })),
  }));
};
