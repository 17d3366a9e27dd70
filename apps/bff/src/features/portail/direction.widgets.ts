import {
  type IndicateurDto,
  NIVEAUX_COMPLETUDE,
  type Periode,
  periodesComparees,
  plusJours,
  serieParTranche,
  tauxAbsence,
  type Theme,
  THEME_LABELS,
  tranchesDe,
  type WidgetData,
} from '@imilo/domain';
import { missionLocaleOf } from './conseiller.widgets';
import {
  type CompteParJour,
  countComptes,
  countDossiersParCompletude,
  countEvenements,
  countJeunesAccompagnes,
  countPremiersAccueils,
  countRendezVousClos,
  type Perimetre,
} from './pilotage.repository';
import { debutDuJour, type WidgetContext } from './portail-access';

// The direction's figures (#6): the Mission Locale's activity over the period so far, compared with as many days of
// the previous one, with a small series (days of a week, weeks of a month, months of a quarter). Counted per local day
// in SQL and summed here, so that one read covers both periods and the chart. The administrator's accounts too.

/** The periods of a figure and the range of instants they span (the previous period's start to today's end). */
const periodesDe = (w: WidgetContext) => {
  const { courante, precedente } = periodesComparees(w.periode, w.today);
  return {
    courante,
    precedente,
    tranches: tranchesDe(w.periode, courante),
    plage: { from: debutDuJour(precedente.du, w.timezone), to: debutDuJour(plusJours(courante.au, 1), w.timezone), timezone: w.timezone },
    fields: { periode: w.periode, du: courante.du, au: courante.au },
  };
};

const perimetreOf = (w: WidgetContext): Perimetre => ({ missionLocaleId: missionLocaleOf(w), siteId: w.siteId });

/** Per-day counts of one kind, by day. */
const parJourDe = (counts: readonly CompteParJour[], kind: string): Map<string, number> => {
  const parJour = new Map<string, number>();
  for (const count of counts.filter((candidate) => candidate.kind === kind)) {
    parJour.set(count.jour, (parJour.get(count.jour) ?? 0) + count.n);
  }
  return parJour;
};

const sommeSur = (parJour: ReadonlyMap<string, number>, periode: Periode): number =>
  [...parJour].reduce((sum, [jour, n]) => (jour >= periode.du && jour <= periode.au ? sum + n : sum), 0);

/** A figure summed per day: the current period, the previous one, the current period's series. */
const indicateurParJour = (parJour: ReadonlyMap<string, number>, periodes: ReturnType<typeof periodesDe>): IndicateurDto => ({
  valeur: sommeSur(parJour, periodes.courante),
  precedente: sommeSur(parJour, periodes.precedente),
  serie: serieParTranche(periodes.tranches, parJour),
});

/** « Jeunes accompagnés »: distinct jeunes with an événement, in each period and each bucket of the chart. */
const jeunesAccompagnesWidget = async (w: WidgetContext): Promise<WidgetData<'jeunes-accompagnes'>> => {
  const periodes = periodesDe(w);
  const rangeOf = (periode: Periode) => ({ from: debutDuJour(periode.du, w.timezone), to: debutDuJour(plusJours(periode.au, 1), w.timezone) });
  const [valeur = 0, precedente = 0, ...serie] = await countJeunesAccompagnes(w.ctx.db.sequelize, perimetreOf(w), [
    rangeOf(periodes.courante),
    rangeOf(periodes.precedente),
    ...periodes.tranches.map(rangeOf),
  ]);
  return {
    ...periodes.fields,
    indicateur: { valeur, precedente, serie: periodes.tranches.map((tranche, index) => ({ nom: tranche.nom, valeur: serie[index] ?? 0 })) },
  };
};

/** « Premiers accueils »: dossiers whose premier accueil falls in the period. */
const premiersAccueilsWidget = async (w: WidgetContext): Promise<WidgetData<'premiers-accueils'>> => {
  const periodes = periodesDe(w);
  const counts = await countPremiersAccueils(w.ctx.db.sequelize, perimetreOf(w), periodes.precedente.du, periodes.courante.au);
  return { ...periodes.fields, indicateur: indicateurParJour(parJourDe(counts, 'PREMIER_ACCUEIL'), periodes) };
};

/** « Rendez-vous tenus »: closed présent, and the no-show rate now and in the previous period. */
const rendezVousTenusWidget = async (w: WidgetContext): Promise<WidgetData<'rendez-vous-tenus'>> => {
  const periodes = periodesDe(w);
  const counts = await countRendezVousClos(w.ctx.db.sequelize, perimetreOf(w), periodes.plage);
  const presents = parJourDe(counts, 'PRESENT');
  const absents = parJourDe(counts, 'ABSENT');
  const indicateur = indicateurParJour(presents, periodes);
  const absences = sommeSur(absents, periodes.courante);
  return {
    ...periodes.fields,
    indicateur,
    absences,
    tauxAbsence: tauxAbsence(indicateur.valeur, absences),
    tauxAbsencePrecedent: tauxAbsence(sommeSur(presents, periodes.precedente), sommeSur(absents, periodes.precedente)),
  };
};

/** « Événements par thème »: événements of the period and their thèmes (one with two thèmes counts for each). */
const evenementsParThemeWidget = async (w: WidgetContext): Promise<WidgetData<'evenements-par-theme'>> => {
  const periodes = periodesDe(w);
  const counts = await countEvenements(w.ctx.db.sequelize, perimetreOf(w), periodes.plage, debutDuJour(periodes.courante.du, w.timezone));
  const parTheme = counts
    .filter((count) => count.kind === 'THEME')
    .map((count) => ({ theme: count.jour, libelle: THEME_LABELS[count.jour as Theme] ?? count.jour, valeur: count.n }))
    .sort((a, b) => b.valeur - a.valeur || a.libelle.localeCompare(b.libelle, 'fr'));
  return { ...periodes.fields, indicateur: indicateurParJour(parJourDe(counts, 'JOUR'), periodes), parTheme };
};

/** « Dossiers par complétude »: the active dossiers today, every level listed. */
const dossiersParCompletudeWidget = async (w: WidgetContext): Promise<WidgetData<'dossiers-par-completude'>> => {
  const counts = await countDossiersParCompletude(w.ctx.db.sequelize, perimetreOf(w));
  const parNiveau = NIVEAUX_COMPLETUDE.map((niveau) => ({ niveau, valeur: counts.find((count) => count.niveau === niveau)?.n ?? 0 }));
  return { total: parNiveau.reduce((sum, niveau) => sum + niveau.valeur, 0), parNiveau };
};

/** « Comptes »: the staff accounts of the administrator's Missions Locales (every one for a national administrator). */
const comptesWidget = async (w: WidgetContext): Promise<WidgetData<'comptes'>> => countComptes(w.ctx.db.sequelize, w.caller.scope);

/** The direction's and the administrator's widgets. */
export const DIRECTION_WIDGETS = {
  'jeunes-accompagnes': jeunesAccompagnesWidget,
  'premiers-accueils': premiersAccueilsWidget,
  'rendez-vous-tenus': rendezVousTenusWidget,
  'evenements-par-theme': evenementsParThemeWidget,
  'dossiers-par-completude': dossiersParCompletudeWidget,
  comptes: comptesWidget,
} as const;
