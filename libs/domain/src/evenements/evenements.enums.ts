// Enumerations of the Suivi univers (#4): reference.md §b.5, §b.12, §b.13.

/** Thèmes of an événement, a proposition or an offre (§b.13: the SNP categories, plus mobilité and accès aux droits). */
export const THEMES = [
  'EMPLOI',
  'PROJET_PROFESSIONNEL',
  'FORMATION',
  'LOGEMENT',
  'SANTE',
  'CITOYENNETE',
  'LOISIRS_SPORT_CULTURE',
  'MOBILITE',
  'ACCES_DROITS',
] as const;

/** One thème. */
export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Readonly<Record<Theme, string>> = {
  EMPLOI: 'Emploi',
  PROJET_PROFESSIONNEL: 'Projet professionnel',
  FORMATION: 'Formation',
  LOGEMENT: 'Logement',
  SANTE: 'Santé',
  CITOYENNETE: 'Citoyenneté',
  LOISIRS_SPORT_CULTURE: 'Loisirs, sport, culture',
  MOBILITE: 'Mobilité',
  ACCES_DROITS: 'Accès aux droits et ressources',
};

/** The type of the premier accueil, the only événement a chargé d'accueil records (permissions.md). */
export const TYPE_PREMIER_ACCUEIL = 'PREMIER_ACCUEIL';

/**
 * The national types (modalités) of événement (§b.12), seeded by the migration; a Mission Locale adds its own to the
 * same table. `contact`: an interaction with the jeune, which moves the dossier's "dernier contact" (an administrative
 * step or a call with a partner about the jeune does not).
 */
export const TYPES_EVENEMENT_NATIONAUX = [
  { code: TYPE_PREMIER_ACCUEIL, libelle: 'Premier accueil', contact: true },
  { code: 'ENTRETIEN_INDIVIDUEL', libelle: 'Entretien individuel', contact: true },
  { code: 'ATELIER', libelle: 'Atelier', contact: true },
  { code: 'INFORMATION_COLLECTIVE', libelle: 'Information collective', contact: true },
  { code: 'TELEPHONE', libelle: 'Téléphone', contact: true },
  { code: 'EMAIL', libelle: 'E-mail', contact: true },
  { code: 'SMS', libelle: 'SMS', contact: true },
  { code: 'COURRIER', libelle: 'Courrier', contact: true },
  { code: 'VISITE', libelle: 'Visite', contact: true },
  { code: 'MEDIATION', libelle: 'Médiation', contact: true },
  { code: 'ADMINISTRATIF', libelle: 'Administratif', contact: false },
  // Written by the closing of a rendez-vous or a session the jeune did not attend (#5): no contact took place.
  { code: 'RENDEZ_VOUS_ABSENT', libelle: 'Absence à un rendez-vous', contact: false },
  { code: 'RENDEZ_VOUS_EXCUSE', libelle: 'Absence excusée à un rendez-vous', contact: false },
] as const;

/** The type the quick-entry sheet proposes first (ui.md). */
export const TYPE_EVENEMENT_PAR_DEFAUT = 'ENTRETIEN_INDIVIDUEL';

/** The type of the événements a proposition's change of state writes. */
export const TYPE_EVENEMENT_PROPOSITION = 'ADMINISTRATIF';

/** Where an événement took place: one of the Mission Locale's sites, another address, or remotely. */
export const LIEUX_EVENEMENT = ['SITE', 'ADRESSE', 'DISTANCE'] as const;

/** One kind of lieu. */
export type LieuEvenementType = (typeof LIEUX_EVENEMENT)[number];

/** How an événement came to be: typed by a conseiller, or written by a proposition's change of state. */
export const ORIGINES_EVENEMENT = ['SAISIE', 'PROPOSITION'] as const;

/** One origin. */
export type OrigineEvenement = (typeof ORIGINES_EVENEMENT)[number];

/** States of a proposition (décret annex §IV.B; the exact i-milo list is unverified, reference.md §e). */
export const ETATS_PROPOSITION = ['PROPOSEE', 'ACCEPTEE', 'REFUSEE', 'REALISEE', 'ABANDONNEE'] as const;

/** One state. */
export type EtatProposition = (typeof ETATS_PROPOSITION)[number];

export const ETAT_PROPOSITION_LABELS: Readonly<Record<EtatProposition, string>> = {
  PROPOSEE: 'Proposée',
  ACCEPTEE: 'Acceptée',
  REFUSEE: 'Refusée',
  REALISEE: 'Réalisée',
  ABANDONNEE: 'Abandonnée',
};

/** Kinds of the internal offre de service. */
export const TYPES_OFFRE_INTERNE = ['ATELIER', 'PRESTATION', 'INFORMATION_COLLECTIVE'] as const;

/** One kind of offre. */
export type TypeOffreInterne = (typeof TYPES_OFFRE_INTERNE)[number];

export const TYPE_OFFRE_INTERNE_LABELS: Readonly<Record<TypeOffreInterne, string>> = {
  ATELIER: 'Atelier',
  PRESTATION: 'Prestation',
  INFORMATION_COLLECTIVE: 'Information collective',
};

/** Statuses of a jeune's action (§b.5, the API's four). */
export const STATUTS_ACTION = ['A_FAIRE', 'EN_COURS', 'TERMINEE', 'ANNULEE'] as const;

/** One status. */
export type StatutAction = (typeof STATUTS_ACTION)[number];

export const STATUT_ACTION_LABELS: Readonly<Record<StatutAction, string>> = {
  A_FAIRE: 'À faire',
  EN_COURS: 'En cours',
  TERMINEE: 'Terminée',
  ANNULEE: 'Annulée',
};

/** Who created an action: the conseiller now, the jeune from C-Milo later. */
export const CREATEURS_ACTION = ['CONSEILLER', 'JEUNE'] as const;

/** One creator kind. */
export type CreateurAction = (typeof CREATEURS_ACTION)[number];

/** The 20 predefined titles of an action (§b.5, `action-predefinie-1..20`), proposed first; a free title is allowed. */
export const ACTIONS_PREDEFINIES = [
  'Identifier ses atouts et ses compétences',
  'Identifier des pistes de métier',
  'Identifier des entreprises',
  "Contacter un employeur pour effectuer une période d'immersion en entreprise",
  'Effectuer une enquête métier',
  'Participer à un salon / un forum',
  "S'informer sur une formation",
  'Contacter un organisme de formation',
  'Ouvrir son compte personnel de formation',
  'Mettre à jour son CV',
  'Rédiger une lettre de motivation',
  "Consulter les offres d'emploi",
  "Répondre à une offre d'emploi",
  'Effectuer des candidatures spontanées',
  'Tenir un tableau de prospection',
  "Se rendre à un entretien d'embauche",
  'Rechercher des informations pour créer ou reprendre une entreprise',
  'Contacter la mission locale',
  'Contacter un organisme de prestations sociales (ex CAF, CPAM, MSA)',
  "S'informer pour une mobilité à l'étranger",
] as const;

/** What the timeline of a dossier lists; rendez-vous and dispositifs join when their issues land. */
export const TIMELINE_KINDS = ['evenement', 'proposition', 'action', 'situation'] as const;

/** One kind of timeline item. */
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TIMELINE_KIND_LABELS: Readonly<Record<TimelineKind, string>> = {
  evenement: 'Événements',
  proposition: 'Propositions',
  action: 'Actions',
  situation: 'Situations',
};
