import { ageOn, type JeuneSearchQuery, type JeuneSearchResultDto, localDateIn } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, type RequestOrigin } from '../../platform/audit';
import type { SessionUser } from '../../platform/session-user';
import { communeName } from './communes';
import { type JeuneSearchRow, searchJeunes } from './jeune-search.repository';

/** Who is searching: the signed-in user, the Missions Locales they may see and where the request came from. */
export interface DossiersCaller {
  readonly user: SessionUser;
  /** `null`: every Mission Locale. */
  readonly scope: readonly string[] | null;
  readonly origin: RequestOrigin;
}

const toItem = (row: JeuneSearchRow, now: Date) => ({
  id: row.id,
  matricule: row.matricule,
  nomUsage: row.nomUsage,
  nomNaissance: row.nomNaissance,
  prenoms: row.prenoms,
  sexe: row.sexe,
  dateNaissance: row.dateNaissance,
  // The jeune's own Mission Locale's day: at 23:00 in Paris it is already tomorrow in La Réunion.
  age: ageOn(row.dateNaissance, localDateIn(now, row.missionLocaleTimezone)),
  commune: row.communeInsee === null ? null : { insee: row.communeInsee, nom: communeName(row.communeInsee) },
  referent: row.referent === null ? null : { ...row.referent },
  statutDossier: row.statutDossier,
});

/**
 * Finds jeunes' dossiers of the caller's Missions Locales by name, matricule, phone or e-mail. Every search is
 * audited with its criteria (décret 2015-59: consultations of personal data), never with what it found.
 */
export const searchJeuneDossiers = async (
  ctx: AppContext,
  caller: DossiersCaller,
  query: JeuneSearchQuery,
): Promise<JeuneSearchResultDto> => {
  const { rows, hasMore } = await searchJeunes(ctx.db.sequelize, { scope: caller.scope, ...query });
  const now = ctx.clock.now();
  await ctx.audit.record({
    action: 'jeunes.search',
    outcome: 'success',
    ...actedBy(caller.user, caller.origin),
    details: { criteria: { q: query.q, page: query.page, size: query.size } },
  });
  return { items: rows.map((row) => toItem(row, now)), page: query.page, size: query.size, hasMore };
};
