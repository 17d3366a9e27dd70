import type { Request } from 'express';
import { instantOfLocalTime, type LocalDate, localDateIn, type PeriodePortail } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { type RequestOrigin, requestOrigin } from '../../platform/audit';
import { currentUser } from '../../platform/guards';
import type { SessionUser } from '../../platform/session-user';
import { missionLocaleScope } from '../../platform/tenancy';

// Who opens the Portail (#6), and what every widget computes with: the caller's scope, their principal Mission
// Locale (the direction's figures and the offre de service are its own, its time zone says which day it is), the
// instant and day of the request, and the direction's period and site filter.

/** The caller of a Portail request. */
export interface PortailCaller {
  readonly user: SessionUser;
  /** The caller's Missions Locales (`null`: every one, for a national administrator). */
  readonly scope: readonly string[] | null;
  readonly origin: RequestOrigin;
}

/** The caller of a Portail request: the session's user, scope and where the request came from. */
export const portailCallerOf = (req: Request): PortailCaller => ({
  user: currentUser(req),
  scope: missionLocaleScope(req),
  origin: requestOrigin(req),
});

const DEFAULT_TIMEZONE = 'Europe/Paris';

/** What a widget computes with. */
export interface WidgetContext {
  readonly ctx: AppContext;
  readonly caller: PortailCaller;
  /** The caller's principal Mission Locale (null for a user attached to none). */
  readonly missionLocaleId: string | null;
  readonly timezone: string;
  readonly now: Date;
  readonly today: LocalDate;
  readonly periode: PeriodePortail;
  /** The direction's site filter, checked to be a site of `missionLocaleId`. */
  readonly siteId: string | null;
}

/** The widget context of a caller now, for a period and a site already checked. */
export const widgetContextOf = (
  ctx: AppContext,
  caller: PortailCaller,
  filtre: { readonly periode: PeriodePortail; readonly siteId: string | null },
): WidgetContext => {
  const principal = caller.user.missionsLocales.find((ml) => ml.principale) ?? caller.user.missionsLocales[0];
  const timezone = principal?.timezone ?? DEFAULT_TIMEZONE;
  const now = ctx.clock.now();
  return { ctx, caller, missionLocaleId: principal?.id ?? null, timezone, now, today: localDateIn(now, timezone), ...filtre };
};

/** The instant a local day starts in a time zone (a day's range is [its start, the next day's start[). */
export const debutDuJour = (jour: LocalDate, timezone: string): Date => {
  const [year, month, day] = jour.split('-').map(Number) as [number, number, number];
  return instantOfLocalTime({ year, month, day, hour: 0 }, timezone);
};
