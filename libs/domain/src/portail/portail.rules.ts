import type { LocalDate } from '../dossiers/jeune-search.rules';
import { type Capability, CAPABILITIES, can } from '../roles/permissions';
import type { Role } from '../roles/roles';
import { joursEntre, lundiDe, plusJours, plusMois, premierDuMois } from '../shared/local-date';
import type { DispositionItem, Home, PeriodePortail, TailleWidget, WidgetId } from './portail.schema';

const C = CAPABILITIES;

/** What the Portail knows of a widget. */
export interface WidgetDefinition {
  readonly titre: string;
  /** The homes that may show it. */
  readonly homes: readonly Home[];
  /** What the user must be allowed to see it: a widget never shows what its data's route would refuse. */
  readonly capability: Capability;
  readonly taille: TailleWidget;
  /** Its data is never older than this on screen (the PWA reloads the home at the shortest interval shown). */
  readonly rafraichissementSecondes: number;
}

const CONSEILLER_ET_DIRECTION: readonly Home[] = ['conseiller', 'direction'];

/** The widgets: title, homes, capability, default width, refresh interval. */
export const WIDGETS: Readonly<Record<WidgetId, WidgetDefinition>> = {
  'rendez-vous-du-jour': { titre: 'Rendez-vous du jour', homes: CONSEILLER_ET_DIRECTION, capability: C.agendaMine, taille: 2, rafraichissementSecondes: 60 },
  'a-cloturer': { titre: 'À clôturer', homes: CONSEILLER_ET_DIRECTION, capability: C.rendezVousClose, taille: 1, rafraichissementSecondes: 120 },
  alertes: { titre: 'Alertes', homes: ['conseiller'], capability: C.dossiersEdit, taille: 1, rafraichissementSecondes: 600 },
  'dossiers-a-completer': { titre: 'Dossiers à compléter', homes: ['conseiller'], capability: C.dossiersEdit, taille: 1, rafraichissementSecondes: 600 },
  memos: { titre: 'Mémos', homes: CONSEILLER_ET_DIRECTION, capability: C.memos, taille: 1, rafraichissementSecondes: 120 },
  'offre-de-service': { titre: 'Offre de service', homes: CONSEILLER_ET_DIRECTION, capability: C.agendaSite, taille: 1, rafraichissementSecondes: 900 },
  'mon-activite': { titre: 'Mon activité', homes: ['conseiller'], capability: C.evenementsWrite, taille: 1, rafraichissementSecondes: 900 },
  'jeunes-accompagnes': { titre: 'Jeunes accompagnés', homes: ['direction'], capability: C.pilotageRead, taille: 1, rafraichissementSecondes: 900 },
  'premiers-accueils': { titre: 'Premiers accueils', homes: ['direction'], capability: C.pilotageRead, taille: 1, rafraichissementSecondes: 900 },
  'rendez-vous-tenus': { titre: 'Rendez-vous tenus', homes: ['direction'], capability: C.pilotageRead, taille: 1, rafraichissementSecondes: 900 },
  'evenements-par-theme': { titre: 'Événements par thème', homes: ['direction'], capability: C.pilotageRead, taille: 2, rafraichissementSecondes: 900 },
  'dossiers-par-completude': { titre: 'Dossiers par complétude', homes: ['direction'], capability: C.pilotageRead, taille: 1, rafraichissementSecondes: 900 },
  comptes: { titre: 'Comptes', homes: ['admin'], capability: C.usersManage, taille: 1, rafraichissementSecondes: 900 },
  'prochain-rendez-vous': { titre: 'Mon prochain rendez-vous', homes: ['c-milo'], capability: C.cmiloSelf, taille: 2, rafraichissementSecondes: 60 },
  'mes-actions': { titre: 'Mes actions', homes: ['c-milo'], capability: C.cmiloSelf, taille: 1, rafraichissementSecondes: 300 },
  notifications: { titre: 'Mes notifications', homes: ['c-milo'], capability: C.cmiloSelf, taille: 1, rafraichissementSecondes: 120 },
};

/** The default order of each home (what « Rétablir la disposition par défaut » brings back), before capabilities. */
const ORDRE_PAR_DEFAUT: Readonly<Record<Home, readonly WidgetId[]>> = {
  conseiller: ['rendez-vous-du-jour', 'a-cloturer', 'alertes', 'memos', 'dossiers-a-completer', 'mon-activite', 'offre-de-service'],
  direction: ['jeunes-accompagnes', 'premiers-accueils', 'rendez-vous-tenus', 'evenements-par-theme', 'dossiers-par-completude'],
  admin: ['comptes'],
  'c-milo': ['prochain-rendez-vous', 'mes-actions', 'notifications'],
};

/**
 * The home a user lands on: the direction's figures for a manager (even one who also holds the conseiller role: their
 * catalogue then offers the conseiller's widgets too), the conseiller's day, the administrator's, or C-Milo.
 */
export const homeOf = (roles: readonly Role[]): Home | null => {
  if (can(roles, C.homeDirection)) {
    return 'direction';
  }
  if (can(roles, C.homeConseiller)) {
    return 'conseiller';
  }
  if (can(roles, C.homeAdmin)) {
    return 'admin';
  }
  return can(roles, C.homeCmilo) ? 'c-milo' : null;
};

/** The widgets a user may put on their home, in the catalogue's order. */
export const catalogueOf = (home: Home, roles: readonly Role[]): WidgetId[] =>
  (Object.keys(WIDGETS) as WidgetId[]).filter((id) => WIDGETS[id].homes.includes(home) && can(roles, WIDGETS[id].capability));

/** The default disposition of a home for these roles. */
export const dispositionParDefaut = (home: Home, roles: readonly Role[]): DispositionItem[] => {
  const catalogue = catalogueOf(home, roles);
  return ORDRE_PAR_DEFAUT[home].filter((id) => catalogue.includes(id)).map((id) => ({ id, taille: WIDGETS[id].taille }));
};

/**
 * A stored disposition as it applies today: widgets the user may no longer see (a role removed) are dropped, so a
 * saved layout never outlives the permission behind it.
 */
export const dispositionApplicable = (widgets: readonly DispositionItem[], home: Home, roles: readonly Role[]): DispositionItem[] => {
  const catalogue = catalogueOf(home, roles);
  return widgets.filter((item) => catalogue.includes(item.id));
};

/** The widgets of a submitted disposition that are not in the user's catalogue (the BFF answers 400 naming them). */
export const widgetsHorsCatalogue = (widgets: readonly DispositionItem[], home: Home, roles: readonly Role[]): WidgetId[] => {
  const catalogue = catalogueOf(home, roles);
  return widgets.map((item) => item.id).filter((id) => !catalogue.includes(id));
};

/** A span of local days, both ends included. */
export interface Periode {
  readonly du: LocalDate;
  readonly au: LocalDate;
}

/**
 * The period so far (this week from Monday, this month, this quarter, up to today) and the previous one covering as
 * many days from its own start, so that the 29 days of November compare with the first 29 of October, not with all 31.
 */
export const periodesComparees = (periode: PeriodePortail, today: LocalDate): { courante: Periode; precedente: Periode } => {
  if (periode === 'semaine') {
    const du = lundiDe(today);
    return { courante: { du, au: today }, precedente: { du: plusJours(du, -7), au: plusJours(today, -7) } };
  }
  const mois = periode === 'mois' ? 1 : 3;
  const premier = premierDuMois(today);
  const du = periode === 'mois' ? premier : plusMois(premier, -((Number(premier.slice(5, 7)) - 1) % 3));
  const duPrecedent = plusMois(du, -mois);
  const auPrecedent = plusMois(today, -mois);
  // 31 March compares with up to 28 February, never past the previous period's end.
  return { courante: { du, au: today }, precedente: { du: duPrecedent, au: auPrecedent < du ? auPrecedent : plusJours(du, -1) } };
};

/** The buckets of a figure's small chart: days of a week, weeks of a month (from Monday), months of a quarter. */
export const tranchesDe = (periode: PeriodePortail, courante: Periode): (Periode & { nom: string })[] => {
  const tranches: (Periode & { nom: string })[] = [];
  let du = courante.du;
  while (du <= courante.au) {
    const fin =
      periode === 'semaine' ? du : periode === 'mois' ? plusJours(lundiDe(du), 6) : plusJours(plusMois(premierDuMois(du), 1), -1);
    const au = fin < courante.au ? fin : courante.au;
    tranches.push({ du, au, nom: nomDeTranche(periode, du) });
    du = plusJours(au, 1);
  }
  return tranches;
};

const JOURS_COURTS = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'];
const MOIS_COURTS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

const nomDeTranche = (periode: PeriodePortail, du: LocalDate): string => {
  const jour = Number(du.slice(8, 10));
  const mois = MOIS_COURTS[Number(du.slice(5, 7)) - 1] ?? '';
  if (periode === 'semaine') {
    return `${JOURS_COURTS[joursEntre(lundiDe(du), du)] ?? ''} ${jour}`;
  }
  return periode === 'mois' ? `sem. du ${jour} ${mois}` : mois;
};

/** Sums per-day counts (`AAAA-MM-JJ` → n) over each bucket, for a figure's series. */
export const serieParTranche = (
  tranches: readonly (Periode & { nom: string })[],
  parJour: ReadonlyMap<LocalDate, number>,
): { nom: string; valeur: number }[] =>
  tranches.map((tranche) => {
    let valeur = 0;
    for (const [jour, n] of parJour) {
      if (jour >= tranche.du && jour <= tranche.au) {
        valeur += n;
      }
    }
    return { nom: tranche.nom, valeur };
  });

/** The no-show rate: absences over the rendez-vous closed as présent or absent (excused ones are not no-shows). */
export const tauxAbsence = (presents: number, absents: number): number | null =>
  presents + absents === 0 ? null : absents / (presents + absents);
