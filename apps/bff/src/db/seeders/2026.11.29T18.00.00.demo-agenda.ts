import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { instantOfLocalTime, localDateIn, type ModaliteRendezVous, type StatutPresence, typeEvenementDeCloture } from '@imilo/domain';
import { insertHistorique, insertRendezVous } from '../../features/agenda/rendez-vous.repository';
import { insertMemo } from '../../features/agenda/memos.repository';
import { insertEvenement, refreshDernierContact } from '../../features/evenements/evenements.repository';
import { insertSession, saveInscription } from '../../features/sessions/sessions.repository';
import type { Seeder } from '../umzug';
import { DEMO_MISSIONS_LOCALES, type DemoMissionLocale, demoId } from './demo.data';

// The agenda of #5 on the demo: each demo conseiller's day (rendez-vous of every modalité, this morning's already to
// close), yesterday's one to close, the coming days, demo.jeune's next rendez-vous (C-Milo shows it, the conseiller
// finds it in the agenda), a past one closed with its événement, two collective sessions (one open to registration in
// C-Milo, one to sign), and mémos. Written through the BFF's repositories, like the suivi's demo.

const DAY_MS = 86_400_000;

interface DemoRendezVous {
  /** Days from the seeding's local day (negative: past). */
  readonly day: number;
  readonly hour: number;
  readonly minute?: number;
  readonly dureeMinutes: number;
  readonly modalite: ModaliteRendezVous;
  readonly objet: string;
  readonly aApporter?: string;
  /** Closed with this presence (past ones only). */
  readonly presence?: StatutPresence;
}

const DAY_PLAN: readonly DemoRendezVous[] = [
  { day: -1, hour: 15, dureeMinutes: 45, modalite: 'PRESENTIEL_SITE', objet: 'Point sur la recherche de stage' },
  { day: 0, hour: 9, dureeMinutes: 30, modalite: 'TELEPHONE', objet: 'Relance des candidatures' },
  { day: 0, hour: 10, dureeMinutes: 60, modalite: 'PRESENTIEL_SITE', objet: 'Entretien de diagnostic', aApporter: 'Pièce d’identité, CV' },
  { day: 0, hour: 11, minute: 30, dureeMinutes: 45, modalite: 'VISIO', objet: 'Préparation d’un entretien d’embauche' },
  { day: 0, hour: 14, dureeMinutes: 45, modalite: 'PRESENTIEL_SITE', objet: 'Bilan du parcours' },
  { day: 0, hour: 16, dureeMinutes: 30, modalite: 'AUTRE_LIEU', objet: 'Visite d’entreprise' },
  { day: 1, hour: 9, minute: 30, dureeMinutes: 45, modalite: 'PRESENTIEL_SITE', objet: 'Point mensuel' },
  { day: 1, hour: 14, dureeMinutes: 30, modalite: 'TELEPHONE', objet: 'Suivi de la formation' },
  { day: 2, hour: 10, dureeMinutes: 60, modalite: 'PRESENTIEL_SITE', objet: 'Projet logement', aApporter: 'Justificatif de ressources' },
  { day: 6, hour: 11, dureeMinutes: 45, modalite: 'VISIO', objet: 'Point sur le contrat d’engagement jeune' },
];

const DEMO_JEUNE_PLAN: readonly DemoRendezVous[] = [
  { day: -20, hour: 10, dureeMinutes: 45, modalite: 'PRESENTIEL_SITE', objet: 'Point sur le projet professionnel', presence: 'PRESENT' },
  { day: 3, hour: 10, dureeMinutes: 45, modalite: 'PRESENTIEL_SITE', objet: 'Préparer la candidature en alternance', aApporter: 'Votre CV à jour' },
];

/** The demo conseiller of each Mission Locale. */
const CONSEILLERS: Readonly<Record<DemoMissionLocale['key'], string>> = { garonne: 'demo.conseiller', 'sud-reunion': 'demo.conseiller2' };

const instantAt = (seededAt: Date, ml: DemoMissionLocale, plan: { day: number; hour: number; minute?: number }): Date => {
  const [year, month, day] = localDateIn(new Date(seededAt.getTime() + plan.day * DAY_MS), ml.timezone).split('-').map(Number) as [number, number, number];
  return instantOfLocalTime({ year, month, day, hour: plan.hour, minute: plan.minute ?? 0 }, ml.timezone);
};

const addRendezVous = async (
  sequelize: Sequelize,
  transaction: Transaction,
  ml: DemoMissionLocale,
  rendezVous: DemoRendezVous & { readonly id: string; readonly jeuneId: string; readonly conseillerId: string; readonly seededAt: Date },
): Promise<void> => {
  const debut = instantAt(rendezVous.seededAt, ml, rendezVous);
  const createdAt = new Date(Math.min(debut.getTime(), rendezVous.seededAt.getTime()) - 7 * DAY_MS);
  await insertRendezVous(
    sequelize,
    {
      id: rendezVous.id,
      missionLocaleId: ml.id,
      jeuneId: rendezVous.jeuneId,
      conseillerId: rendezVous.conseillerId,
      type: 'ENTRETIEN_INDIVIDUEL_CONSEILLER',
      modalite: rendezVous.modalite,
      siteId: rendezVous.modalite === 'PRESENTIEL_SITE' ? ml.sites[0]!.id : null,
      adresse: rendezVous.modalite === 'AUTRE_LIEU' ? '12 avenue de la République' : null,
      debut,
      dureeMinutes: rendezVous.dureeMinutes,
      objet: rendezVous.objet,
      commentaire: null,
      aApporter: rendezVous.aApporter ?? null,
      presenceConseiller: true,
      by: rendezVous.conseillerId,
      at: createdAt,
    },
    { transaction },
  );
  await insertHistorique(sequelize, rendezVous.id, { le: createdAt, auteurId: rendezVous.conseillerId, operation: 'CREATION' }, { transaction });
  if (rendezVous.presence === undefined) {
    return;
  }
  // Closed as the route closes it: the événement of the presence, linked to the rendez-vous.
  const evenementId = demoId(`evenement:rendez-vous:${rendezVous.id}`);
  await insertEvenement(
    sequelize,
    {
      id: evenementId,
      jeuneId: rendezVous.jeuneId,
      missionLocaleId: ml.id,
      conseillerId: rendezVous.conseillerId,
      origine: 'SAISIE',
      propositionId: null,
      dateHeure: debut,
      dureeMinutes: rendezVous.presence === 'PRESENT' ? rendezVous.dureeMinutes : null,
      typeCode: typeEvenementDeCloture(rendezVous.modalite, rendezVous.presence),
      lieuType: rendezVous.modalite === 'PRESENTIEL_SITE' ? 'SITE' : 'DISTANCE',
      siteId: rendezVous.modalite === 'PRESENTIEL_SITE' ? ml.sites[0]!.id : null,
      adresse: null,
      themes: ['PROJET_PROFESSIONNEL'],
      objet: rendezVous.objet,
      contexte: null,
      partenaire: null,
      at: debut,
    },
    { transaction },
  );
  await sequelize.query(
    `UPDATE rendez_vous SET statut = 'CLOS', presence = $presence, clos_le = $at, clos_par = $by, evenement_id = $evenementId WHERE id = $id`,
    { bind: { id: rendezVous.id, presence: rendezVous.presence, at: debut, by: rendezVous.conseillerId, evenementId }, transaction },
  );
  await insertHistorique(sequelize, rendezVous.id, { le: debut, auteurId: rendezVous.conseillerId, operation: 'CLOTURE' }, { transaction });
  await refreshDernierContact(sequelize, rendezVous.jeuneId, { transaction });
};

/** The first jeunes of a conseiller's portfolio (demo.jeune's own dossier excluded: it has its own plan). */
const portfolio = (sequelize: Sequelize, transaction: Transaction, conseillerId: string, count: number) =>
  sequelize.query<{ id: string }>(
    `SELECT id FROM jeune WHERE referent_id = $conseillerId AND utilisateur_id IS NULL AND statut_dossier = 'actif' ORDER BY matricule LIMIT $count`,
    { type: QueryTypes.SELECT, bind: { conseillerId, count }, transaction },
  );

const seedSessions = async (sequelize: Sequelize, transaction: Transaction, ml: DemoMissionLocale, conseillerId: string, seededAt: Date): Promise<void> => {
  const jeunes = await portfolio(sequelize, transaction, conseillerId, 8);
  const sessions = [
    { key: 'cv', offre: 'CV', titre: 'Atelier CV : se présenter en une page', day: 8, places: 12, autoinscription: true, inscrits: jeunes.slice(0, 5) },
    { key: 'ic', offre: 'IC-CEJ', titre: 'Information collective CEJ', day: -1, places: 10, autoinscription: false, inscrits: jeunes.slice(5, 8) },
  ];
  for (const session of sessions) {
    const id = demoId(`session:${ml.key}:${session.key}`);
    const debut = instantAt(seededAt, ml, { day: session.day, hour: 14 });
    const at = new Date(Math.min(debut.getTime(), seededAt.getTime()) - 10 * DAY_MS);
    await insertSession(
      sequelize,
      {
        id,
        missionLocaleId: ml.id,
        offreId: demoId(`offre:${ml.key}:${session.offre}`),
        titre: session.titre,
        debut,
        dureeMinutes: 120,
        siteId: ml.sites[0]!.id,
        adresse: null,
        places: session.places,
        dateLimiteInscription: localDateIn(new Date(debut.getTime() - DAY_MS), ml.timezone),
        autoinscription: session.autoinscription,
        commentaire: null,
        aApporter: session.autoinscription ? 'Votre CV, même incomplet' : null,
        animateurId: conseillerId,
        at,
      },
      { transaction },
    );
    for (const jeune of session.inscrits) {
      await saveInscription(
        sequelize,
        { id: demoId(`inscription:${id}:${jeune.id}`), sessionId: id, jeuneId: jeune.id, missionLocaleId: ml.id, statut: 'INSCRIT', par: conseillerId, at },
        { transaction },
      );
    }
  }
};

const seedMemos = async (sequelize: Sequelize, transaction: Transaction, ml: DemoMissionLocale, conseillerId: string, jeuneId: string | undefined, seededAt: Date) => {
  const today = localDateIn(seededAt, ml.timezone);
  const memos = [
    { key: 'rappel', texte: 'Rappeler l’organisme de formation pour la date d’entrée', portee: 'MOI' as const, jeuneId: jeuneId ?? null, echeance: today },
    { key: 'retard', texte: 'Envoyer la convention de stage signée', portee: 'MOI' as const, jeuneId: null, echeance: localDateIn(new Date(seededAt.getTime() - 2 * DAY_MS), ml.timezone) },
    { key: 'equipe', texte: 'Réunion d’équipe : préparer les chiffres du mois', portee: 'EQUIPE' as const, jeuneId: null, echeance: localDateIn(new Date(seededAt.getTime() + 2 * DAY_MS), ml.timezone) },
  ];
  for (const memo of memos) {
    await insertMemo(sequelize, { ...memo, id: demoId(`memo:${ml.key}:${memo.key}`), missionLocaleId: ml.id, auteurId: conseillerId, at: seededAt }, { transaction });
  }
};

export const up: Seeder = async ({ context: { sequelize } }) => {
  const seededAt = new Date();
  await sequelize.transaction(async (transaction) => {
    for (const ml of DEMO_MISSIONS_LOCALES) {
      const conseillerId = demoId(`utilisateur:${CONSEILLERS[ml.key]}`);
      const jeunes = await portfolio(sequelize, transaction, conseillerId, DAY_PLAN.length);
      for (const [index, plan] of DAY_PLAN.entries()) {
        const jeune = jeunes[index];
        if (jeune !== undefined) {
          await addRendezVous(sequelize, transaction, ml, { ...plan, id: demoId(`rendez-vous:${ml.key}:${index}`), jeuneId: jeune.id, conseillerId, seededAt });
        }
      }
      const [demoJeune] = await sequelize.query<{ id: string }>(
        'SELECT j.id FROM jeune j WHERE j.mission_locale_id = $ml AND j.referent_id = $conseillerId AND j.utilisateur_id IS NOT NULL',
        { type: QueryTypes.SELECT, bind: { ml: ml.id, conseillerId }, transaction },
      );
      if (demoJeune !== undefined) {
        for (const [index, plan] of DEMO_JEUNE_PLAN.entries()) {
          await addRendezVous(sequelize, transaction, ml, { ...plan, id: demoId(`rendez-vous:${ml.key}:demo-jeune:${index}`), jeuneId: demoJeune.id, conseillerId, seededAt });
        }
      }
      await seedSessions(sequelize, transaction, ml, conseillerId, seededAt);
      await seedMemos(sequelize, transaction, ml, conseillerId, jeunes[1]?.id, seededAt);
    }
  });
};

export const down: Seeder = async ({ context: { sequelize } }) => {
  const mls = DEMO_MISSIONS_LOCALES.map((ml) => ml.id);
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { bind: { mls }, transaction });
    await run('DELETE FROM memo WHERE mission_locale_id = ANY($mls::uuid[])');
    await run('DELETE FROM inscription_session WHERE mission_locale_id = ANY($mls::uuid[])');
    await run('DELETE FROM session_collective WHERE mission_locale_id = ANY($mls::uuid[])');
    await run('DELETE FROM message_jeune WHERE mission_locale_id = ANY($mls::uuid[])');
    await run('DELETE FROM rendez_vous WHERE mission_locale_id = ANY($mls::uuid[])');
  });
};
