/**
 * Enumerations of the jeune's dossier (reference §a.2, §b.1, §b.11, §e). Codes are stored as they are here; labels
 * are what the PWA shows. Lists a Mission Locale may extend later become reference tables; these are national.
 */

/** Situation categories in i-milo's order, which the current-situation rule uses to break ties (reference §b.1). */
export const CATEGORIES_SITUATION = [
  'EMPLOI',
  'CONTRAT_ALTERNANCE',
  'FORMATION',
  'IMMERSION',
  'PMSMP',
  'VOLONTARIAT_BENEVOLAT',
  'SCOLARITE',
  'DEMANDEUR_EMPLOI',
] as const;
/** One situation category. */
export type CategorieSituation = (typeof CATEGORIES_SITUATION)[number];
/** What the PWA shows for each category (i-milo's wording). */
export const CATEGORIE_SITUATION_LABELS: Readonly<Record<CategorieSituation, string>> = {
  EMPLOI: 'Emploi',
  CONTRAT_ALTERNANCE: 'Contrat en alternance',
  FORMATION: 'Formation',
  IMMERSION: 'Immersion en entreprise',
  PMSMP: 'PMSMP',
  VOLONTARIAT_BENEVOLAT: 'Volontariat - bénévolat',
  SCOLARITE: 'Scolarité',
  DEMANDEUR_EMPLOI: "Demandeur d'emploi",
};

/** States of a situation, in the order the current-situation rule sorts them (reference §b.1). */
export const ETATS_SITUATION = ['EN_COURS', 'PREVU', 'TERMINE'] as const;
/** One situation state. */
export type EtatSituation = (typeof ETATS_SITUATION)[number];
/** Labels of the states. */
export const ETAT_SITUATION_LABELS: Readonly<Record<EtatSituation, string>> = {
  EN_COURS: 'En cours',
  PREVU: 'Prévue',
  TERMINE: 'Terminée',
};

/**
 * Niveaux de formation: the 2019 national framework (décret 2019-14, levels 3 to 8) and the historic codes kept
 * for older dossiers and statistics (VI, V bis, V: below or at the CAP level, reference §b.11).
 */
export const NIVEAUX_FORMATION = ['3', '4', '5', '6', '7', '8', 'VI', 'V_BIS', 'V'] as const;
/** One niveau de formation. */
export type NiveauFormation = (typeof NIVEAUX_FORMATION)[number];
/** Labels of the niveaux. */
export const NIVEAU_FORMATION_LABELS: Readonly<Record<NiveauFormation, string>> = {
  '3': 'Niveau 3 (CAP, BEP)',
  '4': 'Niveau 4 (Bac, BP)',
  '5': 'Niveau 5 (Bac+2 : BTS, DUT)',
  '6': 'Niveau 6 (Licence, BUT)',
  '7': 'Niveau 7 (Master, ingénieur)',
  '8': 'Niveau 8 (Doctorat)',
  VI: 'VI (historique : sortie avant la fin du collège)',
  V_BIS: 'V bis (historique : sortie avant la dernière année de CAP/BEP)',
  V: 'V (historique : dernière année de CAP/BEP sans diplôme)',
};

/** Nationality as the décret records it. */
export const NATIONALITES = ['FRANCAISE', 'UE', 'HORS_UE'] as const;
/** One nationality group. */
export type Nationalite = (typeof NATIONALITES)[number];
/** Labels of the nationality groups. */
export const NATIONALITE_LABELS: Readonly<Record<Nationalite, string>> = {
  FRANCAISE: 'Française',
  UE: 'Union européenne',
  HORS_UE: 'Hors Union européenne',
};

/** Identity documents whose number the dossier may hold (encrypted). */
export const TYPES_PIECE_IDENTITE = ['CNI', 'PASSEPORT', 'TITRE_SEJOUR'] as const;
/** One identity document type. */
export type TypePieceIdentite = (typeof TYPES_PIECE_IDENTITE)[number];
/** Labels of the identity documents. */
export const TYPE_PIECE_IDENTITE_LABELS: Readonly<Record<TypePieceIdentite, string>> = {
  CNI: "Carte nationale d'identité",
  PASSEPORT: 'Passeport',
  TITRE_SEJOUR: 'Titre de séjour',
};

/** Family situation; the charte forbids "non renseigné" once the section is filled. */
export const SITUATIONS_FAMILIALES = ['CELIBATAIRE', 'EN_COUPLE', 'MARIE_PACSE', 'SEPARE_DIVORCE', 'VEUF'] as const;
/** One family situation. */
export type SituationFamiliale = (typeof SITUATIONS_FAMILIALES)[number];
/** Labels of the family situations. */
export const SITUATION_FAMILIALE_LABELS: Readonly<Record<SituationFamiliale, string>> = {
  CELIBATAIRE: 'Célibataire',
  EN_COUPLE: 'En couple',
  MARIE_PACSE: 'Marié(e) ou pacsé(e)',
  SEPARE_DIVORCE: 'Séparé(e) ou divorcé(e)',
  VEUF: 'Veuf ou veuve',
};

/** How dependent children are looked after; a difficulty is a barrier the conseiller works on. */
export const MODES_GARDE = ['SANS_OBJET', 'FAMILLE', 'CRECHE_ASSISTANTE', 'SCOLARISE', 'DIFFICULTE'] as const;
/** One childcare mode. */
export type ModeGarde = (typeof MODES_GARDE)[number];
/** Labels of the childcare modes. */
export const MODE_GARDE_LABELS: Readonly<Record<ModeGarde, string>> = {
  SANS_OBJET: 'Sans objet',
  FAMILLE: 'Famille ou proches',
  CRECHE_ASSISTANTE: 'Crèche ou assistante maternelle',
  SCOLARISE: 'Enfants scolarisés',
  DIFFICULTE: 'Difficulté de garde',
};

/** Social aid and allowances (décret annex II.C). */
export const TYPES_RESSOURCE = ['RSA', 'RSA_MAJORE', 'ASS', 'AAH', 'ATA', 'ARE', 'PRIME_ACTIVITE', 'AUTRE'] as const;
/** One resource type. */
export type TypeRessource = (typeof TYPES_RESSOURCE)[number];
/** Labels of the resources. */
export const TYPE_RESSOURCE_LABELS: Readonly<Record<TypeRessource, string>> = {
  RSA: 'RSA',
  RSA_MAJORE: 'RSA majoré',
  ASS: 'ASS (allocation de solidarité spécifique)',
  AAH: 'AAH (allocation aux adultes handicapés)',
  ATA: "ATA (allocation temporaire d'attente)",
  ARE: "ARE (allocation d'aide au retour à l'emploi)",
  PRIME_ACTIVITE: "Prime d'activité",
  AUTRE: 'Autre ressource',
};

/** Housing situation (décret annex III). */
export const SITUATIONS_LOGEMENT = [
  'PARENTS',
  'FAMILLE_AMIS',
  'AUTONOME',
  'FOYER_RESIDENCE',
  'HEBERGEMENT_URGENCE',
  'SANS_DOMICILE',
  'AUTRE',
] as const;
/** One housing situation. */
export type SituationLogement = (typeof SITUATIONS_LOGEMENT)[number];
/** Labels of the housing situations. */
export const SITUATION_LOGEMENT_LABELS: Readonly<Record<SituationLogement, string>> = {
  PARENTS: 'Chez les parents',
  FAMILLE_AMIS: 'Hébergé(e) par la famille ou des amis',
  AUTONOME: 'Logement autonome',
  FOYER_RESIDENCE: 'Foyer, résidence sociale, FJT',
  HEBERGEMENT_URGENCE: "Hébergement d'urgence",
  SANS_DOMICILE: 'Sans domicile',
  AUTRE: 'Autre',
};

/** Driving licences. */
export const PERMIS = ['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C', 'D'] as const;
/** One licence. */
export type Permis = (typeof PERMIS)[number];

/** How the jeune gets around. */
export const MOYENS_TRANSPORT = ['TRANSPORTS_COMMUN', 'VOITURE', 'DEUX_ROUES', 'VELO', 'A_PIED'] as const;
/** One means of transport. */
export type MoyenTransport = (typeof MOYENS_TRANSPORT)[number];
/** Labels of the means of transport. */
export const MOYEN_TRANSPORT_LABELS: Readonly<Record<MoyenTransport, string>> = {
  TRANSPORTS_COMMUN: 'Transports en commun',
  VOITURE: 'Voiture',
  DEUX_ROUES: 'Deux-roues motorisé',
  VELO: 'Vélo',
  A_PIED: 'À pied',
};

/** Spoken-language levels (CEFR, plus native). */
export const NIVEAUX_LANGUE = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'MATERNELLE'] as const;
/** One language level. */
export type NiveauLangue = (typeof NIVEAUX_LANGUE)[number];

/** Channels the jeune consents to be contacted on, one consent each. */
export const CANAUX_CONTACT = ['sms', 'email', 'push'] as const;
/** One channel. */
export type CanalContact = (typeof CANAUX_CONTACT)[number];

/** Kinds of pièces justificatives; completeness asks for some of them. */
export const TYPES_PIECE = ['IDENTITE', 'DOMICILE', 'RQTH', 'RESSOURCES', 'TITRE_SEJOUR', 'DIPLOME', 'AUTRE'] as const;
/** One kind of pièce. */
export type TypePiece = (typeof TYPES_PIECE)[number];
/** Labels of the kinds of pièces. */
export const TYPE_PIECE_LABELS: Readonly<Record<TypePiece, string>> = {
  IDENTITE: "Pièce d'identité",
  DOMICILE: 'Justificatif de domicile',
  RQTH: 'Notification RQTH',
  RESSOURCES: 'Justificatif de ressources',
  TITRE_SEJOUR: 'Titre de séjour',
  DIPLOME: 'Diplôme',
  AUTRE: 'Autre pièce',
};

/** Where a pièce stands: every upload waits for a conseiller's decision. */
export const STATUTS_PIECE = ['A_VALIDER', 'VALIDEE', 'REFUSEE'] as const;
/** One pièce status. */
export type StatutPiece = (typeof STATUTS_PIECE)[number];
/** Labels of the pièce statuses. */
export const STATUT_PIECE_LABELS: Readonly<Record<StatutPiece, string>> = {
  A_VALIDER: 'À valider',
  VALIDEE: 'Validée',
  REFUSEE: 'Refusée',
};

/** File types a pièce may be: checked from the bytes, never from the name or the browser's word. */
export const MIME_PIECES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** One accepted file type. */
export type MimePiece = (typeof MIME_PIECES)[number];
/** Largest pièce accepted, in bytes (10 MB). */
export const PIECE_MAX_BYTES = 10 * 1024 * 1024;

/** Completeness levels of a dossier, lowest first; computed, never typed (docs/decisions/0004). */
export const NIVEAUX_COMPLETUDE = ['partiel', 'complet', 'justifie'] as const;
/** One completeness level. */
export type NiveauCompletude = (typeof NIVEAUX_COMPLETUDE)[number];
/** Labels of the completeness levels. */
export const NIVEAU_COMPLETUDE_LABELS: Readonly<Record<NiveauCompletude, string>> = {
  partiel: 'Partiel',
  complet: 'Complet',
  justifie: 'Justifié',
};

/** Sections of the dossier, in screen order; a chargé d'accueil sees the first two only. */
export const SECTIONS_DOSSIER = [
  'identite',
  'coordonnees',
  'famille',
  'cursus',
  'situations',
  'ressources',
  'logement',
  'mobilite',
  'sante',
  'franceTravail',
] as const;
/** One section. */
export type SectionDossier = (typeof SECTIONS_DOSSIER)[number];
/** Titles of the sections. */
export const SECTION_DOSSIER_LABELS: Readonly<Record<SectionDossier, string>> = {
  identite: 'Identité',
  coordonnees: 'Coordonnées',
  famille: 'Famille',
  cursus: 'Cursus',
  situations: 'Situations',
  ressources: 'Ressources',
  logement: 'Logement',
  mobilite: 'Mobilité',
  sante: 'RQTH',
  franceTravail: 'France Travail',
};
/** The sections a chargé d'accueil reads and edits (permissions.md). */
export const SECTIONS_ACCUEIL: readonly SectionDossier[] = ['identite', 'coordonnees'];
