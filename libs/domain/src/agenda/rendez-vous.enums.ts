// Enumerations of the Agenda univers (#5): reference.md §b.3 (types, modalités), §c.4 (presence, reminders).

/** The type codes of a rendez-vous (§b.3, `CodeTypeRendezVous`). */
export const TYPES_RENDEZ_VOUS = [
  'ACTIVITE_EXTERIEURES',
  'ATELIER',
  'ENTRETIEN_INDIVIDUEL_CONSEILLER',
  'ENTRETIEN_PARTENAIRE',
  'INFORMATION_COLLECTIVE',
  'VISITE',
  'PRESTATION',
  'AUTRE',
  'RENDEZ_VOUS_MILO',
] as const;

/** One type of rendez-vous. */
export type TypeRendezVous = (typeof TYPES_RENDEZ_VOUS)[number];

/** The conseiller's labels (§b.3). */
export const TYPE_RENDEZ_VOUS_LABELS: Readonly<Record<TypeRendezVous, string>> = {
  ACTIVITE_EXTERIEURES: 'Activités extérieures',
  ATELIER: 'Atelier',
  ENTRETIEN_INDIVIDUEL_CONSEILLER: 'Entretien individuel conseiller',
  ENTRETIEN_PARTENAIRE: 'Entretien par un partenaire',
  INFORMATION_COLLECTIVE: 'Information collective',
  VISITE: 'Visite',
  PRESTATION: 'Prestation',
  AUTRE: 'Autre',
  RENDEZ_VOUS_MILO: 'Rendez-vous i-milo',
};

/** The jeune's labels (C-Milo): the conseiller's, except the i-milo mirror, which is just "Rendez-vous" (§b.3). */
export const TYPE_RENDEZ_VOUS_LABELS_JEUNE: Readonly<Record<TypeRendezVous, string>> = {
  ...TYPE_RENDEZ_VOUS_LABELS,
  RENDEZ_VOUS_MILO: 'Rendez-vous',
};

/** The type the form proposes first (§b.3). */
export const TYPE_RENDEZ_VOUS_PAR_DEFAUT: TypeRendezVous = 'ENTRETIEN_INDIVIDUEL_CONSEILLER';

/** Types of the animations collectives (§b.3 catégorie `CEJ_AC`): planned as collective sessions, not with one jeune. */
export const TYPES_RENDEZ_VOUS_COLLECTIFS = ['ATELIER', 'INFORMATION_COLLECTIVE'] as const satisfies readonly TypeRendezVous[];

/** The read-only mirror of a rendez-vous created in i-milo (§c.4): never created nor edited here. */
export const TYPE_RENDEZ_VOUS_MILO = 'RENDEZ_VOUS_MILO' as const satisfies TypeRendezVous;

/** The types a conseiller may give a rendez-vous with one jeune: neither collective nor the i-milo mirror. */
export const TYPES_RENDEZ_VOUS_INDIVIDUELS = [
  'ENTRETIEN_INDIVIDUEL_CONSEILLER',
  'ENTRETIEN_PARTENAIRE',
  'ACTIVITE_EXTERIEURES',
  'VISITE',
  'PRESTATION',
  'AUTRE',
] as const satisfies readonly TypeRendezVous[];

/** One type of individual rendez-vous. */
export type TypeRendezVousIndividuel = (typeof TYPES_RENDEZ_VOUS_INDIVIDUELS)[number];

/** Title of a rendez-vous without an objet (§c.4). */
export const OBJET_RENDEZ_VOUS_PAR_DEFAUT = 'Rendez-vous conseiller';

/** How a rendez-vous takes place (§b.3 modalités, with an address elsewhere). */
export const MODALITES_RENDEZ_VOUS = ['PRESENTIEL_SITE', 'TELEPHONE', 'VISIO', 'AUTRE_LIEU'] as const;

/** One modalité. */
export type ModaliteRendezVous = (typeof MODALITES_RENDEZ_VOUS)[number];

export const MODALITE_RENDEZ_VOUS_LABELS: Readonly<Record<ModaliteRendezVous, string>> = {
  PRESENTIEL_SITE: 'En présentiel : Mission Locale',
  TELEPHONE: 'Par téléphone',
  VISIO: 'Par visio',
  AUTRE_LIEU: 'En présentiel : autre lieu',
};

/** The jeune's presence, recorded when the rendez-vous is closed (§c.4). */
export const STATUTS_PRESENCE = ['PRESENT', 'ABSENT', 'EXCUSE'] as const;

/** One presence. */
export type StatutPresence = (typeof STATUTS_PRESENCE)[number];

export const STATUT_PRESENCE_LABELS: Readonly<Record<StatutPresence, string>> = {
  PRESENT: 'Présent',
  ABSENT: 'Absent',
  EXCUSE: 'Excusé',
};

/** A reminder's offset: `J-N`, N days before the rendez-vous' local day. */
export type ReminderOffset = `J-${number}`;

/** The reminders of a rendez-vous when the Mission Locale has not configured others (§c.4, #5). */
export const REMINDER_OFFSETS_PAR_DEFAUT = ['J-7', 'J-1'] as const satisfies readonly ReminderOffset[];

/** The local hour (Mission Locale's time zone) at which a reminder is sent by default. */
export const REMINDER_SEND_HOUR_PAR_DEFAUT = 10;

/** The farthest reminder a Mission Locale may configure, in days. */
export const REMINDER_MAX_DAYS = 30;
