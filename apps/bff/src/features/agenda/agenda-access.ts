import type { Request } from 'express';
import { actedBy, onJeuneDossier, type RequestOrigin, requestOrigin } from '../../platform/audit';
import { currentUser } from '../../platform/guards';
import type { SessionUser } from '../../platform/session-user';
import { missionLocaleScope } from '../../platform/tenancy';

// Who acts on the agenda (#5): the session's user inside their Missions Locales. An agenda item is not the dossier:
// booking, moving or closing a rendez-vous with a jeune outside one's portfolio asks no reason, but the jeune must be
// of the caller's Missions Locales (404 otherwise, existence never revealed), and every act is audited on the jeune.

/** The caller of an agenda request. */
export interface AgendaCaller {
  readonly user: SessionUser;
  /** The caller's Missions Locales (`null`: every one, for a national administrator). */
  readonly scope: readonly string[] | null;
  readonly origin: RequestOrigin;
}

/** The caller of an agenda request: the session's user, scope and where the request came from. */
export const agendaCallerOf = (req: Request): AgendaCaller => ({
  user: currentUser(req),
  scope: missionLocaleScope(req),
  origin: requestOrigin(req),
});

/**
 * The audit fields of an act about a jeune's rendez-vous or mémo: filed under the jeune's Mission Locale with the
 * jeune as target, so that the dossier's access report lists it. Details name ids, states and field names — never an
 * objet, a commentaire, a motif or a mémo's text.
 */
export const auditOnJeuneOf = (
  caller: AgendaCaller,
  jeune: { readonly id: string; readonly missionLocaleId: string },
  details: Readonly<Record<string, unknown>>,
) => onJeuneDossier(actedBy(caller.user, caller.origin), jeune, details);

/** The audit fields of an act on the caller's own things (their agenda, their feed, a mémo about nobody). */
export const auditByCaller = (caller: AgendaCaller, missionLocaleId: string | null, details: Readonly<Record<string, unknown>>) => ({
  outcome: 'success' as const,
  ...actedBy(caller.user, caller.origin),
  ...(missionLocaleId === null ? {} : { missionLocaleId }),
  details,
});
