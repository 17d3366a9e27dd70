import {
  type AlerteTraitement,
  catalogueOf,
  type Disposition,
  type DispositionItem,
  dispositionApplicable,
  dispositionParDefaut,
  type Home,
  homeOf,
  type PortailDto,
  type PortailQuery,
  type WidgetData,
  type WidgetEtat,
  type WidgetId,
  WIDGETS,
  widgetsHorsCatalogue,
} from '@imilo/domain';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../../app-context';
import { actedBy, onJeuneDossier } from '../../platform/audit';
import { AppError, forbidden, invalidField, notFound } from '../../platform/errors';
import { listSitesOf } from '../evenements/sites.repository';
import { CMILO_WIDGETS } from './cmilo.widgets';
import { CONSEILLER_WIDGETS } from './conseiller.widgets';
import { DIRECTION_WIDGETS } from './direction.widgets';
import {
  deleteDisposition,
  findDisposition,
  findJeuneEtReferent,
  insertAlerteTraitee,
  markNotificationsLues,
  saveDisposition,
} from './disposition.repository';
import { type PortailCaller, type WidgetContext, widgetContextOf } from './portail-access';

// The Portail (#6): one call answers every widget of the caller's disposition, each computed on its own with the
// caller's tenancy and role, in parallel and outside any shared transaction — a widget that fails answers its error
// and the others still show. The disposition is stored per user and restored on any device; « Rétablir » forgets it.

/** How each widget is computed. */
const WIDGET_BUILDERS: { readonly [K in WidgetId]: (w: WidgetContext) => Promise<WidgetData<K>> } = {
  ...CONSEILLER_WIDGETS,
  ...DIRECTION_WIDGETS,
  ...CMILO_WIDGETS,
};

const WIDGET_FAILED = 'Ce widget n’a pas pu être chargé. Réessayez dans un instant.';

const ALERTE_NOT_FOUND = "Cette alerte n'existe pas.";

/** The caller's home; a role without one never passes the route's guard. */
const homeOfCaller = (caller: PortailCaller): Home => {
  const home = homeOf(caller.user.roles);
  if (home === null) {
    throw forbidden();
  }
  return home;
};

/**
 * One widget's state: its data, or its error. An expected refusal (a jeune's account linked to no dossier) says why in
 * its own words; anything else is logged by widget and error kind only (no SQL, no values: they may name a jeune).
 */
const widgetEtat = async <K extends WidgetId>(id: K, w: WidgetContext): Promise<WidgetEtat<K>> => {
  try {
    return { statut: 'ok', donnees: await WIDGET_BUILDERS[id](w) };
  } catch (err) {
    if (err instanceof AppError) {
      return { statut: 'erreur', message: err.message };
    }
    const { name, original } = err as { name?: string; original?: { code?: string } };
    w.ctx.logger.error({ widget: id, error: name ?? 'unknown', sqlState: original?.code }, 'portail widget failed');
    return { statut: 'erreur', message: WIDGET_FAILED };
  }
};

/** The disposition that applies: the stored one for this home (without what the roles no longer allow), else the default. */
const dispositionOf = async (ctx: AppContext, caller: PortailCaller, home: Home): Promise<{ widgets: DispositionItem[]; parDefaut: boolean }> => {
  const stored = await findDisposition(ctx.db.sequelize, caller.user.id);
  return stored === null || stored.home !== home
    ? { widgets: dispositionParDefaut(home, caller.user.roles), parDefaut: true }
    : { widgets: dispositionApplicable(stored.widgets, home, caller.user.roles), parDefaut: false };
};

/**
 * The sites the direction filters on (those of the caller's principal Mission Locale), and the filter itself: a site of
 * another Mission Locale answers 404.
 */
const sitesOf = async (ctx: AppContext, w: Pick<WidgetContext, 'missionLocaleId'>, home: Home, siteId: string | undefined) => {
  if (home !== 'direction' && siteId === undefined) {
    return [];
  }
  const sites = w.missionLocaleId === null ? [] : await listSitesOf(ctx.db.sequelize, [w.missionLocaleId]);
  if (siteId !== undefined && !sites.some((site) => site.id === siteId)) {
    throw notFound("Ce site n'existe pas.");
  }
  return home === 'direction' ? sites.map((site) => ({ id: site.id, nom: site.nom })) : [];
};

/**
 * The caller's home: each widget of their disposition, computed now. Audited once, with the home, the widgets and the
 * filters (no content).
 */
export const readPortail = async (ctx: AppContext, caller: PortailCaller, query: PortailQuery): Promise<PortailDto> => {
  const home = homeOfCaller(caller);
  const base = widgetContextOf(ctx, caller, { periode: query.periode, siteId: query.site ?? null });
  const [disposition, sites] = await Promise.all([dispositionOf(ctx, caller, home), sitesOf(ctx, base, home, query.site)]);
  const ids = disposition.widgets.map((item) => item.id);
  const [etats] = await Promise.all([
    Promise.all(ids.map(async (id) => [id, await widgetEtat(id, base)] as const)),
    ctx.audit.record({
      action: 'portail.read',
      outcome: 'success',
      ...actedBy(caller.user, caller.origin),
      details: { home, widgets: ids, parDefaut: disposition.parDefaut, periode: query.periode, siteId: query.site ?? null },
    }),
  ]);
  return {
    home,
    genereLe: base.now.toISOString(),
    timezone: base.timezone,
    aujourdhui: base.today,
    disposition,
    catalogue: catalogueOf(home, caller.user.roles),
    sites,
    widgets: Object.fromEntries(etats) as PortailDto['widgets'],
  };
};

/**
 * Saves the caller's disposition, refused (400, nothing saved) when it holds a widget their home or roles do not
 * offer, named by its title. Answers the home as it now reads, for the period and site the screen shows.
 */
export const saveDispositionOf = async (ctx: AppContext, caller: PortailCaller, disposition: Disposition, query: PortailQuery): Promise<PortailDto> => {
  const home = homeOfCaller(caller);
  const refuses = widgetsHorsCatalogue(disposition.widgets, home, caller.user.roles);
  if (refuses.length > 0) {
    const titres = refuses.map((id) => `« ${WIDGETS[id].titre} »`).join(', ');
    throw invalidField('widgets', `Ces widgets ne sont pas disponibles sur votre accueil : ${titres}.`);
  }
  // The answer's site is checked before anything is saved: another Mission Locale's site is a 404 that changes nothing.
  await sitesOf(ctx, widgetContextOf(ctx, caller, { periode: query.periode, siteId: query.site ?? null }), home, query.site);
  await saveDisposition(ctx.db.sequelize, caller.user.id, { home, widgets: disposition.widgets, at: ctx.clock.now() });
  return readPortail(ctx, caller, query);
};

/** Forgets the caller's disposition: their home's default applies again. */
export const resetDispositionOf = async (ctx: AppContext, caller: PortailCaller): Promise<void> => {
  homeOfCaller(caller);
  await deleteDisposition(ctx.db.sequelize, caller.user.id);
};

/**
 * Marks an alert « traitée » for the team of the jeune's Mission Locale: the jeune must be of the caller's Missions
 * Locales and in their portfolio (404 otherwise: the caller is shown no such alert). Marking it again changes nothing.
 * Audited on the jeune with the rule and the échéance.
 */
export const traiterAlerte = async (ctx: AppContext, caller: PortailCaller, traitement: AlerteTraitement, transaction: Transaction): Promise<void> => {
  const [regle, jeuneId, echeance] = traitement.cle.split(':') as [string, string, string];
  const jeune = await findJeuneEtReferent(ctx.db.sequelize, jeuneId, caller.scope, { transaction });
  if (jeune === null || jeune.referentId !== caller.user.id) {
    throw notFound(ALERTE_NOT_FOUND);
  }
  const now = ctx.clock.now();
  const inserted = await insertAlerteTraitee(
    ctx.db.sequelize,
    { missionLocaleId: jeune.missionLocaleId, cle: traitement.cle, jeuneId, par: caller.user.id, at: now },
    { transaction },
  );
  if (inserted) {
    await ctx.audit.record(
      { action: 'portail.alerte.traitee', ...onJeuneDossier(actedBy(caller.user, caller.origin), jeune, { regle, echeance }) },
      transaction,
    );
  }
};

/** The jeune has read their notifications: those sent until now stop counting as unread. */
export const marquerNotificationsLues = async (ctx: AppContext, caller: PortailCaller): Promise<void> => {
  await markNotificationsLues(ctx.db.sequelize, caller.user.id, ctx.clock.now());
};
