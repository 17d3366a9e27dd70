import { ageOn, type JeuneCriteresQuery, type JeuneResultatDto, type JeuneResultatsDto, localDateIn } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, type RequestOrigin } from '../../platform/audit';
import type { SessionUser } from '../../platform/session-user';
import { communeName } from './communes';
import { criteresOf } from './jeune-criteres';
import { type JeuneResultatRow, searchJeunesByCriteres } from './jeune-criteres.repository';

/** Who is searching: the signed-in user, the Missions Locales they may see and where the request came from. */
export interface DossiersCaller {
  readonly user: SessionUser;
  /** `null`: every Mission Locale. */
  readonly scope: readonly string[] | null;
  readonly origin: RequestOrigin;
}

const toItem = (row: JeuneResultatRow, now: Date): JeuneResultatDto => ({
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
  situationCourante: row.situationCourante === null ? null : { ...row.situationCourante },
  completude: row.completude,
  dernierContactLe: row.dernierContactLe,
});

/**
 * Finds jeunes' dossiers of the caller's Missions Locales by name, matricule, phone or e-mail and/or by criteria,
 * counted when no text is typed. Every search is audited with its text and criteria (décret 2015-59: consultations
 * of personal data) — an age range or a commune is what was asked, not what was found — never with its results.
 */
export const searchJeuneDossiers = async (ctx: AppContext, caller: DossiersCaller, query: JeuneCriteresQuery): Promise<JeuneResultatsDto> => {
  const now = ctx.clock.now();
  const { q, sort, page, size } = query;
  const criteres = criteresOf(query);
  const { rows, hasMore, total } = await searchJeunesByCriteres(ctx.db.sequelize, {
    scope: caller.scope,
    callerId: caller.user.id,
    now,
    ...(q === undefined ? {} : { q }),
    criteres: query,
    ...(sort === undefined ? {} : { sort }),
    page,
    size,
  });
  await ctx.audit.record({
    action: 'jeunes.search',
    outcome: 'success',
    ...actedBy(caller.user, caller.origin),
    details: { criteria: { ...(q === undefined ? {} : { q }), ...criteres, ...(sort === undefined ? {} : { sort }), page, size } },
  });
  return { items: rows.map((row) => toItem(row, now)), page, size, hasMore, total };
};
