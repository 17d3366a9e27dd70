import {
  CATEGORIE_SITUATION_LABELS,
  computeCompletude,
  type ElementDuJour,
  evaluerAlertes,
  type FaitsJeune,
  fenetresAlertes,
  localDateIn,
  lundiDe,
  plusJours,
  premierDuMois,
  REGLES_DOSSIER,
  type WidgetData,
} from '@imilo/domain';
import { forbidden } from '../../platform/errors';
import { listMemos } from '../agenda/memos.repository';
import { MAX_MEMOS, toMemoDto } from '../agenda/memos.service';
import { listRendezVousOf, type RendezVousRecord } from '../agenda/rendez-vous.repository';
import { listSessionsOf, type SessionRecord } from '../sessions/sessions.repository';
import { statutOf } from '../sessions/sessions.service';
import { countActivite, listACloturer, type Conseiller } from './journee.repository';
import { debutDuJour, type WidgetContext } from './portail-access';
import { listDossiersPartiels, listFaitsAlertes } from './portefeuille.repository';
import { listOffresLesPlusUtilisees, listSessionsOuvertes } from './pilotage.repository';

// The conseiller's widgets (#6): their day, what is left to close, their portfolio's alerts and dossiers to complete,
// mémos, the offre de service and their week. Each reads the caller's own rows (conseiller, animateur, référent) inside
// their Missions Locales: no widget shows another portfolio.

/** How many items a short list shows. */
const COURTE = 5;
/** How many alerts the widget lists. */
const ALERTES_LISTEES = 10;

const conseillerOf = (w: WidgetContext): Conseiller => ({ conseillerId: w.caller.user.id, scope: w.caller.scope });

/** The caller's principal Mission Locale, which the Mission Locale's widgets are about. */
export const missionLocaleOf = (w: WidgetContext): string => {
  if (w.missionLocaleId === null) {
    throw forbidden("Vous n'êtes rattaché à aucune Mission Locale.");
  }
  return w.missionLocaleId;
};

const rendezVousDuJour = (record: RendezVousRecord, now: Date): ElementDuJour => ({
  kind: 'rendez-vous',
  id: record.id,
  debut: record.debut.toISOString(),
  fin: new Date(record.debut.getTime() + record.dureeMinutes * 60_000).toISOString(),
  titre: `${record.jeune.prenom} ${record.jeune.nom}`,
  jeune: { ...record.jeune },
  type: record.type,
  modalite: record.modalite,
  statut: record.statut,
  reponseJeune: record.reponseJeune,
  presence: record.presence,
  aCloturer: record.statut === 'PLANIFIE' && record.debut.getTime() <= now.getTime(),
});

/** A session reads as a rendez-vous' status: to come is planned, signed is closed. */
const sessionDuJour = (session: SessionRecord, now: Date): ElementDuJour => ({
  kind: 'session',
  id: session.id,
  debut: session.debut.toISOString(),
  fin: new Date(session.debut.getTime() + session.dureeMinutes * 60_000).toISOString(),
  titre: session.titre,
  jeune: null,
  type: null,
  modalite: null,
  statut: session.statut === 'CLOTUREE' ? 'CLOS' : session.statut === 'ANNULEE' ? 'ANNULE' : 'PLANIFIE',
  reponseJeune: null,
  presence: null,
  aCloturer: statutOf(session, now) === 'A_CLOTURER',
});

/** « Rendez-vous du jour »: the caller's rendez-vous (not cancelled) and the sessions they animate, today and tomorrow. */
const rendezVousDuJourWidget = async (w: WidgetContext): Promise<WidgetData<'rendez-vous-du-jour'>> => {
  const { sequelize } = w.ctx.db;
  const demain = plusJours(w.today, 1);
  const range = { from: debutDuJour(w.today, w.timezone), to: debutDuJour(plusJours(w.today, 2), w.timezone) };
  const owner = { conseillerId: w.caller.user.id, scope: w.caller.scope };
  const [rendezVous, sessions] = await Promise.all([listRendezVousOf(sequelize, owner, range), listSessionsOf(sequelize, owner, range)]);
  const items = [
    ...rendezVous.filter((record) => record.statut !== 'ANNULE').map((record) => rendezVousDuJour(record, w.now)),
    ...sessions.filter((session) => session.statut !== 'ANNULEE').map((session) => sessionDuJour(session, w.now)),
  ].sort((a, b) => a.debut.localeCompare(b.debut) || a.id.localeCompare(b.id));
  return {
    total: items.length,
    jours: [w.today, demain].map((jour) => ({ jour, items: items.filter((item) => localDateIn(new Date(item.debut), w.timezone) === jour) })),
  };
};

/** « À clôturer »: the caller's past rendez-vous and sessions not closed, oldest first. */
const aCloturerWidget = async (w: WidgetContext): Promise<WidgetData<'a-cloturer'>> => {
  const { total, items } = await listACloturer(w.ctx.db.sequelize, conseillerOf(w), w.now, COURTE);
  return { total, items: items.map((item) => ({ ...item, debut: item.debut.toISOString() })) };
};

/** « Alertes »: the domain's rules over the portfolio's facts, without the alerts already treated. */
const alertesWidget = async (w: WidgetContext): Promise<WidgetData<'alertes'>> => {
  const semaine = { from: debutDuJour(w.today, w.timezone), to: debutDuJour(plusJours(lundiDe(w.today), 7), w.timezone) };
  const records = await listFaitsAlertes(w.ctx.db.sequelize, conseillerOf(w), {
    today: w.today,
    timezone: w.timezone,
    fenetres: fenetresAlertes(w.today),
    semaine,
  });
  const faits: FaitsJeune[] = records.map((record) => ({
    jeune: { id: record.id, prenom: record.prenom, nom: record.nom },
    dateNaissance: record.dateNaissance,
    rqth: record.rqth,
    ouvertLe: record.ouvertLe,
    titreSejourExpireLe: record.titreSejourExpireLe,
    finsSituations: record.finsSituations.map((situation) => ({ libelle: CATEGORIE_SITUATION_LABELS[situation.categorie], fin: situation.fin })),
    dernierContactLe: record.dernierContactLe,
    prochainRendezVousLe: record.prochainRendezVousLe,
    joignablePush: record.joignablePush,
  }));
  const alertes = evaluerAlertes(REGLES_DOSSIER, faits, w.today, new Set(records.flatMap((record) => record.traitees)));
  return {
    total: alertes.length,
    items: alertes.slice(0, ALERTES_LISTEES).map((alerte) => ({
      cle: alerte.cle,
      regle: alerte.regle,
      jeune: { ...alerte.jeune },
      echeance: alerte.echeance,
      libelle: alerte.libelle,
    })),
  };
};

/**
 * « Dossiers à compléter »: the portfolio's dossiers below « complet »; what each of the listed ones lacks is the
 * domain's completeness (docs/decisions/0004) on its Mission Locale's day, in the words of the form.
 */
const dossiersACompleterWidget = async (w: WidgetContext): Promise<WidgetData<'dossiers-a-completer'>> => {
  const { total, dossiers } = await listDossiersPartiels(w.ctx.db.sequelize, conseillerOf(w), COURTE);
  return {
    total,
    items: dossiers.map((dossier) => {
      const completude = computeCompletude(dossier.completude, localDateIn(w.now, dossier.timezone));
      return {
        jeune: { id: dossier.id, prenom: dossier.prenom, nom: dossier.nom },
        completude: completude.niveau,
        manquants: completude.manquants.map((manquant) => manquant.libelle),
      };
    }),
  };
};

/** « Mémos »: the caller's and their team's, due today or overdue, not done (GET /memos' visibility). */
const memosWidget = async (w: WidgetContext): Promise<WidgetData<'memos'>> => {
  const memos = await listMemos(
    w.ctx.db.sequelize,
    { userId: w.caller.user.id, scope: w.caller.scope, now: w.now },
    { echeanceAu: w.today, fait: false, limit: MAX_MEMOS },
  );
  return { total: memos.length, enRetard: memos.filter((memo) => memo.enRetard).length, items: memos.slice(0, COURTE).map(toMemoDto) };
};

/** « Offre de service »: the Mission Locale's next sessions with a free seat, its internal offers most proposed this month. */
const offreDeServiceWidget = async (w: WidgetContext): Promise<WidgetData<'offre-de-service'>> => {
  const { sequelize } = w.ctx.db;
  const missionLocaleId = missionLocaleOf(w);
  const [sessions, offresInternes] = await Promise.all([
    listSessionsOuvertes(sequelize, missionLocaleId, w.now, COURTE),
    listOffresLesPlusUtilisees(sequelize, missionLocaleId, debutDuJour(premierDuMois(w.today), w.timezone), COURTE),
  ]);
  return { sessions: sessions.map((session) => ({ ...session, debut: session.debut.toISOString() })), offresInternes };
};

/** « Mon activité »: this week, Monday to Sunday, per day: rendez-vous held, événements recorded, no-shows. */
const monActiviteWidget = async (w: WidgetContext): Promise<WidgetData<'mon-activite'>> => {
  const du = lundiDe(w.today);
  const au = plusJours(du, 6);
  const counts = await countActivite(w.ctx.db.sequelize, conseillerOf(w), {
    from: debutDuJour(du, w.timezone),
    to: debutDuJour(plusJours(au, 1), w.timezone),
    timezone: w.timezone,
  });
  const of = (kind: string, jour?: string) =>
    counts.filter((count) => count.kind === kind && (jour === undefined || count.jour === jour)).reduce((sum, count) => sum + count.n, 0);
  const parJour = Array.from({ length: 7 }, (_unused, index) => plusJours(du, index)).map((jour) => ({
    jour,
    rendezVousTenus: of('PRESENT', jour),
    evenements: of('EVENEMENT', jour),
    absences: of('ABSENT', jour),
  }));
  return { du, au, rendezVousTenus: of('PRESENT'), evenements: of('EVENEMENT'), absences: of('ABSENT'), parJour };
};

/** The conseiller's widgets. */
export const CONSEILLER_WIDGETS = {
  'rendez-vous-du-jour': rendezVousDuJourWidget,
  'a-cloturer': aCloturerWidget,
  alertes: alertesWidget,
  'dossiers-a-completer': dossiersACompleterWidget,
  memos: memosWidget,
  'offre-de-service': offreDeServiceWidget,
  'mon-activite': monActiviteWidget,
} as const;
