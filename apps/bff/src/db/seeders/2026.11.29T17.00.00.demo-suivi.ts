import { fakerFR as faker } from '@faker-js/faker';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import {
  ACTIONS_PREDEFINIES,
  type EtatProposition,
  type LieuEvenementType,
  localDateIn,
  objetTransition,
  type StatutAction,
  type Theme,
  THEMES,
  TYPE_EVENEMENT_PROPOSITION,
  type TypeOffreInterne,
} from '@imilo/domain';
import { insertAction } from '../../features/evenements/actions.repository';
import { insertEvenement, refreshDernierContact } from '../../features/evenements/evenements.repository';
import { insertEtape, insertProposition } from '../../features/evenements/propositions.repository';
import { insertOffre } from '../../features/evenements/referentiels.repository';
import type { Seeder } from '../umzug';
import { DEMO_WALKTHROUGH_JEUNE } from './demo-dossiers.data';
import { DEMO_MISSIONS_LOCALES, type DemoMissionLocale, demoId } from './demo.data';

// The suivi of #4 on the demo dossiers: each Mission Locale's internal offre de service, the walkthrough jeune's
// parcours over the last six months (événements of every kind, one with a partner, two propositions — one accepted,
// with the événement its acceptance wrote — and four actions), and a few événements for about a third of the other
// jeunes. Written through the BFF's own repositories, so that the rows are the ones the routes would write; the
// dossiers' "dernier contact" is then derived from them as the routes do.

const DAY_MS = 86_400_000;
const OTHER_JEUNES_SHARE = 0.3;
const WALKTHROUGH_JEUNE = demoId(DEMO_WALKTHROUGH_JEUNE.key);

interface DemoOffre {
  readonly code: string;
  readonly libelle: string;
  readonly theme: Theme;
  readonly type: TypeOffreInterne;
  readonly actif: boolean;
}

/** Each demo Mission Locale's internal offre de service; the last one is withdrawn. */
export const DEMO_OFFRES: readonly DemoOffre[] = [
  { code: 'P61', libelle: 'Atelier projet professionnel', theme: 'PROJET_PROFESSIONNEL', type: 'ATELIER', actif: true },
  { code: 'CV', libelle: 'Atelier CV et lettre de motivation', theme: 'EMPLOI', type: 'ATELIER', actif: true },
  { code: 'SIMU-ENT', libelle: "Simulation d'entretien d'embauche", theme: 'EMPLOI', type: 'ATELIER', actif: true },
  { code: 'IC-CEJ', libelle: "Information collective Contrat d'engagement jeune", theme: 'EMPLOI', type: 'INFORMATION_COLLECTIVE', actif: true },
  { code: 'MOB', libelle: 'Prestation mobilité (aide au permis, transports)', theme: 'MOBILITE', type: 'PRESTATION', actif: true },
  { code: 'LOG', libelle: 'Atelier logement : trouver et garder un logement', theme: 'LOGEMENT', type: 'ATELIER', actif: true },
  { code: 'SANTE', libelle: 'Bilan de santé (CPAM)', theme: 'SANTE', type: 'PRESTATION', actif: true },
  { code: 'NUM', libelle: 'Atelier numérique (ancienne formule)', theme: 'ACCES_DROITS', type: 'ATELIER', actif: false },
];

const offreId = (ml: DemoMissionLocale, code: string) => demoId(`offre:${ml.key}:${code}`);

/** An instant at a local day and time of a timezone. */
const localInstant = async (sequelize: Sequelize, day: string, time: string, timezone: string, transaction: Transaction): Promise<Date> => {
  const [row] = await sequelize.query<{ at: Date }>('SELECT ($day::date + $time::time) AT TIME ZONE $tz::text AS at', {
    type: QueryTypes.SELECT,
    bind: { day, time, tz: timezone },
    transaction,
  });
  return row!.at;
};

/** The Mission Locale's local day `days` before the seeding. */
const dayBefore = (seededAt: Date, days: number, timezone: string): string => localDateIn(new Date(seededAt.getTime() - days * DAY_MS), timezone);

interface DemoEvenement {
  readonly daysAgo: number;
  readonly time: string;
  readonly typeCode: string;
  readonly lieu: LieuEvenementType;
  readonly themes: readonly Theme[];
  readonly objet: string;
  readonly dureeMinutes?: number;
  readonly contexte?: string;
  readonly partenaire?: string;
  readonly adresse?: string;
}

/** Élodie's parcours, oldest first: what a conseiller's six months with a jeune look like. */
const WALKTHROUGH_EVENEMENTS: readonly DemoEvenement[] = [
  {
    daysAgo: 178,
    time: '09:30',
    typeCode: 'PREMIER_ACCUEIL',
    lieu: 'SITE',
    themes: ['PROJET_PROFESSIONNEL'],
    objet: 'Premier accueil : présentation de la Mission Locale',
    dureeMinutes: 30,
  },
  {
    daysAgo: 164,
    time: '14:00',
    typeCode: 'ENTRETIEN_INDIVIDUEL',
    lieu: 'SITE',
    themes: ['PROJET_PROFESSIONNEL', 'FORMATION'],
    objet: 'Diagnostic : projet professionnel et formation',
    dureeMinutes: 60,
    contexte: 'Intéressée par la restauration ; a arrêté un CAP en cours de première année.',
  },
  { daysAgo: 150, time: '11:15', typeCode: 'TELEPHONE', lieu: 'DISTANCE', themes: ['LOGEMENT'], objet: 'Point sur la recherche de logement', dureeMinutes: 15 },
  { daysAgo: 136, time: '09:00', typeCode: 'ATELIER', lieu: 'SITE', themes: ['EMPLOI'], objet: 'Atelier CV et lettre de motivation', dureeMinutes: 120 },
  {
    daysAgo: 121,
    time: '15:30',
    typeCode: 'ENTRETIEN_INDIVIDUEL',
    lieu: 'SITE',
    themes: ['EMPLOI', 'MOBILITE'],
    objet: 'Recherche de stage et déplacements',
    dureeMinutes: 45,
  },
  { daysAgo: 107, time: '10:05', typeCode: 'EMAIL', lieu: 'DISTANCE', themes: ['FORMATION'], objet: 'Envoi des dates de la formation CAP cuisine' },
  {
    daysAgo: 93,
    time: '14:00',
    typeCode: 'INFORMATION_COLLECTIVE',
    lieu: 'SITE',
    themes: ['EMPLOI'],
    objet: "Information collective Contrat d'engagement jeune",
    dureeMinutes: 90,
  },
  {
    daysAgo: 79,
    time: '16:00',
    typeCode: 'MEDIATION',
    lieu: 'ADRESSE',
    adresse: '50 rue du Docteur Nancel-Pénard, Bordeaux',
    themes: ['ACCES_DROITS'],
    objet: 'Rendez-vous commun pour ouvrir les droits',
    partenaire: 'CAF de la Gironde',
    dureeMinutes: 60,
    contexte: 'Dossier de prime d’activité à compléter avec une attestation employeur.',
  },
  { daysAgo: 64, time: '10:30', typeCode: 'ENTRETIEN_INDIVIDUEL', lieu: 'SITE', themes: ['SANTE'], objet: 'Orientation vers le bilan de santé', dureeMinutes: 30 },
  { daysAgo: 43, time: '17:45', typeCode: 'SMS', lieu: 'DISTANCE', themes: ['EMPLOI'], objet: "Rappel de l'entretien d'embauche de jeudi" },
  {
    daysAgo: 21,
    time: '14:30',
    typeCode: 'ENTRETIEN_INDIVIDUEL',
    lieu: 'SITE',
    themes: ['EMPLOI', 'FORMATION'],
    objet: 'Bilan du stage et suite du parcours',
    dureeMinutes: 45,
  },
  { daysAgo: 4, time: '11:00', typeCode: 'TELEPHONE', lieu: 'DISTANCE', themes: ['EMPLOI'], objet: 'Relance des candidatures spontanées', dureeMinutes: 10 },
];

const OBJETS: Readonly<Record<string, readonly string[]>> = {
  ENTRETIEN_INDIVIDUEL: ['Point mensuel', 'Suivi de la recherche d’emploi', 'Préparation d’un entretien', 'Bilan du parcours'],
  TELEPHONE: ['Prise de nouvelles', 'Confirmation de rendez-vous', 'Relance des candidatures'],
  EMAIL: ['Envoi d’offres d’emploi', 'Transmission de documents'],
  SMS: ['Rappel de rendez-vous', 'Nouvelle offre à consulter'],
  ATELIER: ['Atelier CV', 'Atelier simulation d’entretien'],
  INFORMATION_COLLECTIVE: ['Information collective CEJ', 'Présentation de l’offre de service'],
  ADMINISTRATIF: ['Mise à jour du dossier', 'Attestation transmise'],
};

interface JeuneRow {
  id: string;
  referent_id: string | null;
  mission_locale_id: string;
}

/** Inserts one événement through the repository; returns its id. */
const addEvenement = async (
  sequelize: Sequelize,
  transaction: Transaction,
  jeune: JeuneRow,
  ml: DemoMissionLocale,
  conseillerId: string,
  evenement: DemoEvenement & { readonly id: string; readonly seededAt: Date; readonly siteId?: string },
): Promise<{ id: string; at: Date }> => {
  const at = await localInstant(sequelize, dayBefore(evenement.seededAt, evenement.daysAgo, ml.timezone), evenement.time, ml.timezone, transaction);
  await insertEvenement(
    sequelize,
    {
      id: evenement.id,
      jeuneId: jeune.id,
      missionLocaleId: ml.id,
      conseillerId,
      origine: 'SAISIE',
      propositionId: null,
      dateHeure: at,
      dureeMinutes: evenement.dureeMinutes ?? null,
      typeCode: evenement.typeCode,
      lieuType: evenement.lieu,
      siteId: evenement.lieu === 'SITE' ? (evenement.siteId ?? ml.sites[0]!.id) : null,
      adresse: evenement.lieu === 'ADRESSE' ? (evenement.adresse ?? '1 place de la Mairie') : null,
      themes: evenement.themes,
      objet: evenement.objet,
      contexte: evenement.contexte ?? null,
      partenaire: evenement.partenaire ?? null,
      at,
    },
    { transaction },
  );
  return { id: evenement.id, at };
};

/** A proposition's change of state, as the route writes it: the step and its administrative événement at noon. */
const addTransition = async (
  sequelize: Sequelize,
  transaction: Transaction,
  jeune: JeuneRow,
  ml: DemoMissionLocale,
  conseillerId: string,
  proposition: { readonly id: string; readonly libelle: string; readonly theme: Theme; readonly rang: number },
  step: { readonly etat: EtatProposition; readonly day: string; readonly resultat: string | null },
): Promise<void> => {
  const at = await localInstant(sequelize, step.day, '12:00', ml.timezone, transaction);
  const evenementId = demoId(`evenement:${proposition.id}:${step.etat}`);
  await insertEvenement(
    sequelize,
    {
      id: evenementId,
      jeuneId: jeune.id,
      missionLocaleId: ml.id,
      conseillerId,
      origine: 'PROPOSITION',
      propositionId: proposition.id,
      dateHeure: at,
      dureeMinutes: null,
      typeCode: TYPE_EVENEMENT_PROPOSITION,
      lieuType: 'DISTANCE',
      siteId: null,
      adresse: null,
      themes: [proposition.theme],
      objet: objetTransition(proposition.libelle, step.etat),
      contexte: null,
      partenaire: null,
      at,
    },
    { transaction },
  );
  await insertEtape(
    sequelize,
    { propositionId: proposition.id, rang: proposition.rang, etat: step.etat, date: step.day, resultat: step.resultat, by: conseillerId, evenementId, at },
    { transaction },
  );
  await sequelize.query('UPDATE proposition SET etat = $etat, version = version + 1, updated_by = $by, updated_at = $at WHERE id = $id', {
    bind: { id: proposition.id, etat: step.etat, by: conseillerId, at },
    transaction,
  });
};

/** Élodie's parcours: twelve événements, two propositions (one accepted), four actions. */
const seedWalkthrough = async (sequelize: Sequelize, transaction: Transaction, ml: DemoMissionLocale, jeune: JeuneRow, seededAt: Date): Promise<void> => {
  const conseiller = demoId('utilisateur:demo.conseiller');
  const evenements: { id: string; at: Date }[] = [];
  for (const [index, evenement] of WALKTHROUGH_EVENEMENTS.entries()) {
    evenements.push(await addEvenement(sequelize, transaction, jeune, ml, conseiller, { ...evenement, id: demoId(`evenement:${jeune.id}:${index}`), seededAt }));
  }
  const day = (at: Date) => localDateIn(at, ml.timezone);

  // Proposed at the diagnostic, accepted a week later.
  const diagnostic = evenements[1]!;
  const atelier = { id: demoId(`proposition:${jeune.id}:p61`), libelle: 'Atelier projet professionnel', theme: 'PROJET_PROFESSIONNEL' as const };
  await insertProposition(
    sequelize,
    {
      ...atelier,
      jeuneId: jeune.id,
      missionLocaleId: ml.id,
      evenementId: diagnostic.id,
      offreId: offreId(ml, 'P61'),
      partenaire: null,
      commentaire: 'Pour confirmer le projet restauration avant de reprendre une formation.',
      date: day(diagnostic.at),
      by: conseiller,
      at: diagnostic.at,
    },
    { transaction },
  );
  await addTransition(sequelize, transaction, jeune, ml, conseiller, { ...atelier, rang: 2 }, {
    etat: 'ACCEPTEE',
    day: dayBefore(seededAt, 157, ml.timezone),
    resultat: 'Inscrite à la session du mois suivant.',
  });

  // Proposed at the latest interview, still waiting for her answer.
  const bilan = evenements[10]!;
  await insertProposition(
    sequelize,
    {
      id: demoId(`proposition:${jeune.id}:stage`),
      jeuneId: jeune.id,
      missionLocaleId: ml.id,
      evenementId: bilan.id,
      offreId: null,
      libelle: 'Période de mise en situation en milieu professionnel en restauration',
      theme: 'FORMATION',
      partenaire: 'Restaurant Le Quai',
      commentaire: null,
      date: day(bilan.at),
      by: conseiller,
      at: bilan.at,
    },
    { transaction },
  );

  const actions: { titre: string; statut: StatutAction; echeanceDays: number; closedDays?: number; evenement?: { id: string; at: Date } }[] = [
    { titre: 'Mettre à jour son CV', statut: 'TERMINEE', echeanceDays: 120, closedDays: 125, evenement: evenements[3] },
    { titre: "Consulter les offres d'emploi", statut: 'EN_COURS', echeanceDays: -10, evenement: evenements[4] },
    { titre: 'Ouvrir son compte personnel de formation', statut: 'A_FAIRE', echeanceDays: -14 },
    { titre: "Contacter un employeur pour effectuer une période d'immersion en entreprise", statut: 'A_FAIRE', echeanceDays: -7, evenement: bilan },
  ];
  for (const [index, action] of actions.entries()) {
    const id = demoId(`action:${jeune.id}:${index}`);
    const at = action.evenement?.at ?? new Date(seededAt.getTime() - 2 * DAY_MS);
    await insertAction(
      sequelize,
      {
        id,
        jeuneId: jeune.id,
        missionLocaleId: ml.id,
        evenementId: action.evenement?.id ?? null,
        titre: action.titre,
        description: null,
        echeance: dayBefore(seededAt, action.echeanceDays, ml.timezone),
        createur: 'CONSEILLER',
        by: conseiller,
        at,
      },
      { transaction },
    );
    if (action.statut !== 'A_FAIRE') {
      await sequelize.query('UPDATE action_jeune SET statut = $statut, close_le = $closeLe, version = 2 WHERE id = $id', {
        bind: { id, statut: action.statut, closeLe: action.closedDays === undefined ? null : dayBefore(seededAt, action.closedDays, ml.timezone) },
        transaction,
      });
    }
  }
};

/** A few événements (and now and then an action) for another jeune, by their référent. */
const seedOther = async (sequelize: Sequelize, transaction: Transaction, ml: DemoMissionLocale, jeune: JeuneRow, seededAt: Date, fallback: string) => {
  const conseiller = jeune.referent_id ?? fallback;
  const count = faker.number.int({ min: 1, max: 4 });
  const days = faker.helpers.uniqueArray(() => faker.number.int({ min: 1, max: 180 }), count).sort((a, b) => b - a);
  for (const [index, daysAgo] of days.entries()) {
    const typeCode = index === 0 && faker.datatype.boolean(0.5) ? 'PREMIER_ACCUEIL' : faker.helpers.weightedArrayElement([
      { value: 'ENTRETIEN_INDIVIDUEL', weight: 5 },
      { value: 'TELEPHONE', weight: 3 },
      { value: 'EMAIL', weight: 1 },
      { value: 'SMS', weight: 1 },
      { value: 'ATELIER', weight: 1 },
      { value: 'INFORMATION_COLLECTIVE', weight: 1 },
      { value: 'ADMINISTRATIF', weight: 1 },
    ]);
    const onSite = ['PREMIER_ACCUEIL', 'ENTRETIEN_INDIVIDUEL', 'ATELIER', 'INFORMATION_COLLECTIVE'].includes(typeCode);
    const hour = faker.number.int({ min: 9, max: 16 });
    await addEvenement(sequelize, transaction, jeune, ml, conseiller, {
      id: demoId(`evenement:${jeune.id}:${index}`),
      seededAt,
      daysAgo,
      time: `${String(hour).padStart(2, '0')}:${faker.helpers.arrayElement(['00', '15', '30', '45'])}`,
      typeCode,
      lieu: onSite ? 'SITE' : 'DISTANCE',
      siteId: faker.helpers.arrayElement(ml.sites).id,
      themes: faker.helpers.arrayElements(THEMES, { min: 1, max: 2 }),
      objet: typeCode === 'PREMIER_ACCUEIL' ? 'Premier accueil' : faker.helpers.arrayElement(OBJETS[typeCode] ?? ['Point de suivi']),
      dureeMinutes: onSite ? faker.helpers.arrayElement([30, 45, 60]) : undefined,
    });
  }
  if (faker.datatype.boolean(0.4)) {
    await insertAction(
      sequelize,
      {
        id: demoId(`action:${jeune.id}:0`),
        jeuneId: jeune.id,
        missionLocaleId: ml.id,
        evenementId: null,
        titre: faker.helpers.arrayElement(ACTIONS_PREDEFINIES),
        description: null,
        echeance: dayBefore(seededAt, -faker.number.int({ min: 3, max: 30 }), ml.timezone),
        createur: 'CONSEILLER',
        by: conseiller,
        at: new Date(seededAt.getTime() - days[days.length - 1]! * DAY_MS),
      },
      { transaction },
    );
  }
};

export const up: Seeder = async ({ context: { sequelize } }) => {
  faker.seed(2028);
  const seededAt = new Date();
  await sequelize.transaction(async (transaction) => {
    for (const ml of DEMO_MISSIONS_LOCALES) {
      for (const offre of DEMO_OFFRES) {
        await insertOffre(sequelize, { ...offre, id: offreId(ml, offre.code), missionLocaleId: ml.id, at: seededAt }, { transaction });
      }
      const jeunes = await sequelize.query<JeuneRow>(
        `SELECT id, referent_id, mission_locale_id FROM jeune WHERE mission_locale_id = $ml AND statut_dossier = 'actif' ORDER BY matricule`,
        { type: QueryTypes.SELECT, bind: { ml: ml.id }, transaction },
      );
      const fallback = demoId(`utilisateur:${ml.key === 'garonne' ? 'demo.conseiller' : 'demo.conseiller2'}`);
      for (const jeune of jeunes) {
        if (jeune.id === WALKTHROUGH_JEUNE) {
          await seedWalkthrough(sequelize, transaction, ml, jeune, seededAt);
        } else if (faker.datatype.boolean(OTHER_JEUNES_SHARE)) {
          await seedOther(sequelize, transaction, ml, jeune, seededAt, fallback);
        } else {
          continue;
        }
        await refreshDernierContact(sequelize, jeune.id, { transaction });
      }
    }
  });
};

export const down: Seeder = async ({ context: { sequelize } }) => {
  const mls = DEMO_MISSIONS_LOCALES.map((ml) => ml.id);
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { bind: { mls }, transaction });
    await run('UPDATE evenement SET proposition_id = NULL WHERE mission_locale_id = ANY($mls::uuid[])');
    await run('DELETE FROM action_jeune WHERE mission_locale_id = ANY($mls::uuid[])');
    await run('DELETE FROM proposition_etape WHERE proposition_id IN (SELECT id FROM proposition WHERE mission_locale_id = ANY($mls::uuid[]))');
    await run('DELETE FROM proposition WHERE mission_locale_id = ANY($mls::uuid[])');
    await run('DELETE FROM evenement WHERE mission_locale_id = ANY($mls::uuid[])');
    await run('DELETE FROM offre_interne WHERE mission_locale_id = ANY($mls::uuid[])');
  });
};
