import type { Request, RequestHandler } from 'express';
import { CAPABILITIES } from '@imilo/domain';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { AppContext } from '../../app-context';
import { actedBy, onJeuneDossier, requestOrigin } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { currentUser, requireAnyCapability } from '../../platform/guards';
import { pgArray } from '../../platform/sql';
import { missionLocaleScope } from '../../platform/tenancy';
import { type AccessReasons, accessReasonsOf, requireAccessReason } from '../dossiers/dossier-access';
import type { DossiersCaller } from '../dossiers/dossiers.service';

// Who may touch a jeune's suivi (#4): the dossier's own rules. The jeune must be of the caller's Missions Locales
// (404 otherwise, existence never revealed), and a reader of the whole dossier outside their portfolio must have given
// a reason in this session (403 `motif-acces-requis`), exactly as for the dossier screen.

/** Who acts on the suivi, with the reasons given in the session for dossiers outside the portfolio. */
export interface SuiviCaller extends DossiersCaller {
  readonly reasons: AccessReasons;
}

/**
 * Who reads the Suivi's referentials (types of événement, sites): whoever records événements, reads dossiers or keeps
 * the referentials. Non-personal data, like the lists of a form.
 */
export const requireSuiviReferentialReader = (): RequestHandler =>
  requireAnyCapability(CAPABILITIES.evenementsWrite, CAPABILITIES.evenementsPremierAccueil, CAPABILITIES.dossiersRead, CAPABILITIES.referentielsLocal);

/** The caller of a suivi request: the session's user, scope and access reasons, and where the request came from. */
export const suiviCallerOf = (req: Request): SuiviCaller => ({
  user: currentUser(req),
  scope: missionLocaleScope(req),
  origin: requestOrigin(req),
  reasons: accessReasonsOf(req),
});

/** What the suivi needs of a jeune: its Mission Locale (and its timezone) and its référent. */
export interface SuiviJeune {
  readonly id: string;
  /** Names the parcours export's file. */
  readonly matricule: string;
  readonly referentId: string | null;
  readonly missionLocaleId: string;
  readonly timezone: string;
}

/** Message of the 404 on a jeune out of reach. */
export const JEUNE_NOT_FOUND = "Ce dossier n'existe pas.";

interface JeuneRow {
  id: string;
  matricule: string;
  referent_id: string | null;
  mission_locale_id: string;
  timezone: string;
}

/**
 * The jeune inside a scope (`null`: every Mission Locale), or null (absent, elsewhere or anonymised). `lock`
 * serialises the writes that derive the dossier's "dernier contact" from its événements (the row is not changed
 * otherwise: a conseiller's dossier edit does not conflict with it).
 */
export const findSuiviJeune = async (
  sequelize: Sequelize,
  id: string,
  options: { readonly scope: readonly string[] | null; readonly transaction?: Transaction; readonly lock?: boolean },
): Promise<SuiviJeune | null> => {
  const [row] = await sequelize.query<JeuneRow>(
    `SELECT j.id, j.matricule, j.referent_id, j.mission_locale_id, ml.timezone
     FROM jeune j JOIN mission_locale ml ON ml.id = j.mission_locale_id
     WHERE j.id = $id
       AND ($scope::uuid[] IS NULL OR j.mission_locale_id = ANY($scope::uuid[]))
       AND j.statut_dossier <> 'anonymise'
     ${options.lock ? 'FOR NO KEY UPDATE OF j' : ''}`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { id, scope: pgArray(options.scope) } },
  );
  return row
    ? { id: row.id, matricule: row.matricule, referentId: row.referent_id, missionLocaleId: row.mission_locale_id, timezone: row.timezone }
    : null;
};

/** The opened jeune and the reason given when it is outside the caller's portfolio. */
export interface OpenedJeune {
  readonly jeune: SuiviJeune;
  readonly motif: string | undefined;
}

/**
 * The jeune the caller opens (404 out of scope), once the portfolio rule is met: the suivi is part of the dossier,
 * opened under the same conditions.
 */
export const openJeune = async (
  ctx: AppContext,
  caller: SuiviCaller,
  jeuneId: string,
  transaction?: Transaction,
  lock = false,
): Promise<OpenedJeune> => {
  const jeune = await findSuiviJeune(ctx.db.sequelize, jeuneId, { scope: caller.scope, transaction, lock });
  if (jeune === null) {
    throw notFound(JEUNE_NOT_FOUND);
  }
  const motif = requireAccessReason({ id: jeune.id, referentId: jeune.referentId }, caller.user, caller.reasons);
  return { jeune, motif };
};

/**
 * The audit fields of an act on a jeune's suivi: filed under the jeune's Mission Locale with the jeune as target, so
 * that the dossier's access report lists it. Details name objects, states and codes — never a contexte, objet,
 * commentaire or résultat, which may hold anything about the jeune.
 */
export const auditOnJeune = (caller: SuiviCaller, opened: OpenedJeune, details: Readonly<Record<string, unknown>>) =>
  onJeuneDossier(actedBy(caller.user, caller.origin), opened.jeune, {
    ...details,
    horsPortefeuille: opened.motif !== undefined,
    ...(opened.motif === undefined ? {} : { motif: opened.motif }),
  });
