import { type AgendaDto, type AgendaQuery, CAPABILITIES, can, instantOfLocalTime } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { forbidden, notFound } from '../../platform/errors';
import { type AgendaCaller, auditByCaller } from './agenda-access';
import { listSessionsOf } from '../sessions/sessions.repository';
import { toSessionDto } from '../sessions/sessions.service';
import { findColleagueZone, findSiteZone, type MissionLocaleZone } from './agenda.repository';
import { listMemos } from './memos.repository';
import { MAX_MEMOS, memoReaderOf, toMemoDto } from './memos.service';
import { type AgendaOwner, type InstantRange, listRendezVousOf } from './rendez-vous.repository';
import { toRendezVousDto } from './rendez-vous.service';

// The agenda of a few days (#5): the caller's own, a colleague's of the same Mission Locale, or a site's. Days are the
// Mission Locale's local days (La Réunion's are not Paris'): an item at 23:30 local time belongs to that day.

/** Whose agenda a query opens, in which Mission Locale's time zone. */
interface OpenedAgenda {
  readonly owner: AgendaOwner;
  /** The Mission Locale the agenda is filed under (null for a caller attached to none). */
  readonly missionLocaleId: string | null;
  readonly timezone: string;
  /** The Missions Locales whose team mémos it shows. */
  readonly memoScope: readonly string[] | null;
  readonly details: Readonly<Record<string, unknown>>;
}

const DEFAULT_TIMEZONE = 'Europe/Paris';

const zoneOf = (zone: MissionLocaleZone) => ({ missionLocaleId: zone.missionLocaleId, timezone: zone.timezone, memoScope: [zone.missionLocaleId] });

const openAgenda = async (ctx: AppContext, caller: AgendaCaller, query: AgendaQuery): Promise<OpenedAgenda> => {
  const { sequelize } = ctx.db;
  const principal = caller.user.missionsLocales.find((ml) => ml.principale) ?? caller.user.missionsLocales[0];
  if (query.site !== undefined) {
    if (!can(caller.user.roles, CAPABILITIES.agendaSite)) {
      throw forbidden();
    }
    const zone = await findSiteZone(sequelize, query.site, caller.scope);
    if (zone === null) {
      throw notFound("Ce site n'existe pas.");
    }
    return { owner: { missionLocaleId: zone.missionLocaleId, siteId: query.site }, ...zoneOf(zone), details: { siteId: query.site } };
  }
  if (query.conseiller !== undefined && query.conseiller !== caller.user.id) {
    if (!can(caller.user.roles, CAPABILITIES.agendaSite)) {
      throw forbidden();
    }
    const zone = await findColleagueZone(sequelize, query.conseiller, caller.scope, principal?.id ?? null);
    if (zone === null) {
      throw notFound("Ce conseiller n'existe pas.");
    }
    return { owner: { conseillerId: query.conseiller, scope: [zone.missionLocaleId] }, ...zoneOf(zone), details: { conseillerId: query.conseiller } };
  }
  if (!can(caller.user.roles, CAPABILITIES.agendaMine)) {
    throw forbidden("Vous n'avez pas d'agenda de rendez-vous : choisissez un site ou un conseiller.");
  }
  return {
    owner: { conseillerId: caller.user.id, scope: caller.scope },
    missionLocaleId: principal?.id ?? null,
    timezone: principal?.timezone ?? DEFAULT_TIMEZONE,
    memoScope: caller.scope,
    details: { conseillerId: caller.user.id },
  };
};

const dayParts = (day: string, plusDays = 0) => {
  const date = new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 0 };
};

/** [from 00:00, to + 1 day 00:00[ in the zone. */
const rangeOf = (from: string, to: string, timezone: string): InstantRange => ({
  from: instantOfLocalTime(dayParts(from), timezone),
  to: instantOfLocalTime(dayParts(to, 1), timezone),
});

/**
 * The agenda of the range: rendez-vous (all statuses) and sessions starting in it, earliest first, and the mémos due
 * in it or overdue (the caller's own and the team's). Audited with whose agenda and how many items, no content.
 */
export const readAgenda = async (ctx: AppContext, caller: AgendaCaller, query: AgendaQuery): Promise<AgendaDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const { sequelize } = ctx.db;
    const now = ctx.clock.now();
    const opened = await openAgenda(ctx, caller, query);
    const range = rangeOf(query.from, query.to, opened.timezone);
    const rendezVous = await listRendezVousOf(sequelize, opened.owner, range, { transaction });
    const sessions = await listSessionsOf(sequelize, opened.owner, range, { transaction });
    const memos = await listMemos(
      sequelize,
      { ...memoReaderOf(ctx, caller), scope: opened.memoScope },
      { echeanceAu: query.to, echeanceDu: query.from, limit: MAX_MEMOS },
      { transaction },
    );
    await ctx.audit.record(
      {
        action: 'agenda.read',
        ...auditByCaller(caller, opened.missionLocaleId, {
          ...opened.details,
          from: query.from,
          to: query.to,
          rendezVous: rendezVous.length,
          sessions: sessions.length,
          memos: memos.length,
        }),
      },
      transaction,
    );
    return {
      from: query.from,
      to: query.to,
      timezone: opened.timezone,
      rendezVous: rendezVous.map((record) => toRendezVousDto(record, now)),
      sessions: sessions.map((session) => toSessionDto(session, now)),
      memos: memos.map(toMemoDto),
    };
  });
