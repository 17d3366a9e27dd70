import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'sequelize';
import {
  type FluxCalendrierDto,
  type IcsEvent,
  icsCalendar,
  initiales,
  MODALITE_RENDEZ_VOUS_LABELS,
  TYPE_RENDEZ_VOUS_LABELS,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import type { RequestOrigin } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { principalOf } from '../../platform/tenancy';
import { type AgendaCaller, auditByCaller } from './agenda-access';
import { listSessionsOf, type SessionRecord } from '../sessions/sessions.repository';
import { finOf } from '../sessions/sessions.service';
import { deleteFlux, findFluxOf, findFluxOwner, upsertFlux } from './ics.repository';
import { listRendezVousOf, type RendezVousRecord } from './rendez-vous.repository';

// The per-user calendar feed (#5): a secret URL a calendar app subscribes to, with the user's rendez-vous and the
// sessions they animate. Only the secret's hash is stored, so the URL is shown once; a new one replaces it. The feed
// names jeunes by their initials unless the user chose names, and never carries the internal commentaire.

const FLUX_NOT_FOUND = "Ce calendrier n'existe pas ou a été révoqué.";

/** 32 random bytes in base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const DAY_MS = 86_400_000;
/** The feed's window: three months back (recent history), a year ahead. */
const FEED_PAST_MS = 92 * DAY_MS;
const FEED_FUTURE_MS = 366 * DAY_MS;

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The path of a feed; the origin is the request's. */
export const fluxPath = (token: string): string => `/api/v1/ics/${token}.ics`;

/** The caller's feed, without its URL (the secret is not stored). */
export const readFlux = async (ctx: AppContext, caller: AgendaCaller): Promise<FluxCalendrierDto> => {
  const flux = await findFluxOf(ctx.db.sequelize, caller.user.id);
  return { actif: flux !== null, url: null, afficherNoms: flux?.afficherNoms ?? false, creeLe: flux?.createdAt.toISOString() ?? null };
};

/** A new secret URL for the caller (the previous one stops working), shown in this answer only; audited without it. */
export const createFlux = async (
  ctx: AppContext,
  caller: AgendaCaller,
  input: { readonly afficherNoms: boolean },
  origin: string,
  transaction: Transaction,
): Promise<FluxCalendrierDto> => {
  const token = randomBytes(32).toString('base64url');
  const at = ctx.clock.now();
  await upsertFlux(ctx.db.sequelize, { userId: caller.user.id, jetonHash: hashOf(token), afficherNoms: input.afficherNoms, at }, { transaction });
  await ctx.audit.record(
    { action: 'ics.flux.create', ...auditByCaller(caller, principalOf(caller.user.missionsLocales), { afficherNoms: input.afficherNoms }) },
    transaction,
  );
  return { actif: true, url: `${origin}${fluxPath(token)}`, afficherNoms: input.afficherNoms, creeLe: at.toISOString() };
};

/** Revokes the caller's feed: its URL answers 404 from now on. */
export const revokeFlux = async (ctx: AppContext, caller: AgendaCaller, transaction: Transaction): Promise<void> => {
  await deleteFlux(ctx.db.sequelize, caller.user.id, { transaction });
  await ctx.audit.record({ action: 'ics.flux.revoke', ...auditByCaller(caller, principalOf(caller.user.missionsLocales), {}) }, transaction);
};

const firstName = (prenoms: string): string => prenoms.trim().split(/\s+/u)[0] ?? '';

const rendezVousEvent = (record: RendezVousRecord, afficherNoms: boolean): IcsEvent => {
  const prenom = firstName(record.jeune.prenom);
  const who = afficherNoms ? `${prenom} ${record.jeune.nom}` : initiales(prenom, record.jeune.nom);
  return {
    uid: `rendez-vous-${record.id}@imilo`,
    sequence: record.icsSequence,
    start: record.debut,
    end: new Date(record.debut.getTime() + record.dureeMinutes * 60_000),
    stamp: record.updatedAt,
    summary: `${TYPE_RENDEZ_VOUS_LABELS[record.type]} – ${who}`,
    location: record.site?.nom ?? record.adresse ?? MODALITE_RENDEZ_VOUS_LABELS[record.modalite],
    status: record.statut === 'ANNULE' ? 'CANCELLED' : 'CONFIRMED',
  };
};

const sessionEvent = (session: SessionRecord): IcsEvent => ({
  uid: `session-${session.id}@imilo`,
  sequence: session.version - 1,
  start: session.debut,
  end: finOf(session),
  stamp: session.updatedAt,
  summary: `Session collective – ${session.titre}`,
  location: session.site?.nom ?? session.adresse,
  status: session.statut === 'ANNULEE' ? 'CANCELLED' : 'CONFIRMED',
});

/**
 * The feed of a secret (404 unknown or revoked): the owner's rendez-vous (cancelled ones marked so) and sessions from
 * three months ago to a year ahead, in their Missions Locales. The read is audited as the owner's.
 */
export const feedOf = async (ctx: AppContext, token: string, origin: RequestOrigin): Promise<string> => {
  if (!TOKEN_PATTERN.test(token)) {
    throw notFound(FLUX_NOT_FOUND);
  }
  return ctx.db.sequelize.transaction(async (transaction) => {
    const { sequelize } = ctx.db;
    const owner = await findFluxOwner(sequelize, hashOf(token), { transaction });
    if (owner === null) {
      throw notFound(FLUX_NOT_FOUND);
    }
    const now = ctx.clock.now();
    const range = { from: new Date(now.getTime() - FEED_PAST_MS), to: new Date(now.getTime() + FEED_FUTURE_MS) };
    const agendaOwner = { conseillerId: owner.userId, scope: owner.missionLocaleIds };
    const rendezVous = await listRendezVousOf(sequelize, agendaOwner, range, { transaction });
    const sessions = await listSessionsOf(sequelize, agendaOwner, range, { transaction });
    await ctx.audit.record(
      {
        action: 'ics.flux.read',
        outcome: 'success',
        actorId: owner.userId,
        missionLocaleId: owner.missionLocaleIds[0] ?? null,
        ...origin,
        details: { rendezVous: rendezVous.length, sessions: sessions.length },
      },
      transaction,
    );
    return icsCalendar({
      method: 'PUBLISH',
      name: 'Agenda imilo',
      events: [...rendezVous.map((record) => rendezVousEvent(record, owner.afficherNoms)), ...sessions.map(sessionEvent)],
    });
  });
};
