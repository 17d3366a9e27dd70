import * as z from 'zod';
import { MODALITES_RENDEZ_VOUS, STATUTS_PRESENCE, TYPES_RENDEZ_VOUS } from '../agenda/rendez-vous.enums';
import { jeuneResumeSchema, memoSchema, meRendezVousSchema, REPONSES_JEUNE, STATUTS_RENDEZ_VOUS } from '../agenda/agenda.schema';
import { NIVEAUX_COMPLETUDE } from '../dossiers/dossier.enums';
import { TYPES_OFFRE_INTERNE, STATUTS_ACTION } from '../evenements/evenements.enums';
import { REGLES_ALERTE } from './alertes.rules';

// The Portail: the first screen of each role, a grid of widgets fed by one call (`GET /api/v1/portail`) that answers
// each widget of the caller's disposition, computed server-side with the caller's tenancy and role.

/** The homes: which one a user gets follows their roles (portail.rules.ts homeOf). */
export const HOMES = ['conseiller', 'direction', 'admin', 'c-milo'] as const;

/** One home. */
export type Home = (typeof HOMES)[number];

/** Every widget, whichever home shows it. */
export const WIDGET_IDS = [
  // The conseiller's day (also offered on the direction home to those who may).
  'rendez-vous-du-jour',
  'a-cloturer',
  'alertes',
  'dossiers-a-completer',
  'memos',
  'offre-de-service',
  'mon-activite',
  // The manager's figures.
  'jeunes-accompagnes',
  'premiers-accueils',
  'rendez-vous-tenus',
  'evenements-par-theme',
  'dossiers-par-completude',
  // Administrators.
  'comptes',
  // C-Milo.
  'prochain-rendez-vous',
  'mes-actions',
  'notifications',
] as const;

/** One widget. */
export type WidgetId = (typeof WIDGET_IDS)[number];

/** A widget is one or two columns wide. */
export const TAILLES_WIDGET = [1, 2] as const;

/** A width. */
export type TailleWidget = (typeof TAILLES_WIDGET)[number];

/** One widget of a disposition: the order of the list is the order on screen. */
export const dispositionItemSchema = z.strictObject({
  id: z.enum(WIDGET_IDS, 'Widget inconnu.'),
  taille: z.union([z.literal(1), z.literal(2)], 'La taille d’un widget : 1 ou 2 colonnes.'),
});

/** One widget of a disposition. */
export type DispositionItem = z.infer<typeof dispositionItemSchema>;

/** `PUT /api/v1/portail/layout`: the widgets shown, in order (the BFF also checks each is in the caller's catalogue). */
export const dispositionSchema = z.strictObject({
  widgets: z
    .array(dispositionItemSchema, 'La disposition : une liste de widgets.')
    .max(WIDGET_IDS.length, 'Trop de widgets.')
    .refine((items) => new Set(items.map((item) => item.id)).size === items.length, 'Un widget ne peut figurer qu’une fois.'),
});

/** A disposition. */
export type Disposition = z.infer<typeof dispositionSchema>;

/** The periods the direction's figures cover, each compared with the one before. */
export const PERIODES_PORTAIL = ['semaine', 'mois', 'trimestre'] as const;

/** One period. */
export type PeriodePortail = (typeof PERIODES_PORTAIL)[number];

/** Query of `GET /api/v1/portail`: the direction's period and site filter (ignored by the other homes' widgets). */
export const portailQuerySchema = z.strictObject({
  periode: z.enum(PERIODES_PORTAIL, 'La période : semaine, mois ou trimestre.').default('mois'),
  site: z.uuid('Le site : un identifiant de site.').optional(),
});

/** A portail query. */
export type PortailQuery = z.infer<typeof portailQuerySchema>;

/** `POST /api/v1/portail/alertes/traitees`: marks one alert « traitée » (it comes back only for a new occurrence). */
export const alerteTraitementSchema = z.strictObject({
  cle: z
    .string('La clé de l’alerte est requise.')
    .regex(
      new RegExp(`^(${REGLES_ALERTE.join('|')}):[0-9a-f-]{36}:\\d{4}-\\d{2}-\\d{2}$`),
      'Alerte inconnue.',
    ),
});

/** An alert's treatment. */
export type AlerteTraitement = z.infer<typeof alerteTraitementSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Each widget's data.

const jour = z.iso.date();
const instant = z.iso.datetime();

/** A rendez-vous or a session of the conseiller's day. */
export const elementDuJourSchema = z.object({
  kind: z.enum(['rendez-vous', 'session']),
  id: z.string(),
  debut: instant,
  fin: instant,
  /** The jeune's name, or the session's title. */
  titre: z.string(),
  jeune: jeuneResumeSchema.nullable(),
  /** Rendez-vous only. */
  type: z.enum(TYPES_RENDEZ_VOUS).nullable(),
  modalite: z.enum(MODALITES_RENDEZ_VOUS).nullable(),
  statut: z.enum(STATUTS_RENDEZ_VOUS),
  reponseJeune: z.enum(REPONSES_JEUNE).nullable(),
  presence: z.enum(STATUTS_PRESENCE).nullable(),
  /** Started and not closed yet. */
  aCloturer: z.boolean(),
});

/** An item of the day. */
export type ElementDuJour = z.infer<typeof elementDuJourSchema>;

/** « Rendez-vous du jour »: today and tomorrow, in the Mission Locale's time zone. */
export const rendezVousDuJourWidgetSchema = z.object({
  total: z.number().int(),
  jours: z.array(z.object({ jour, items: z.array(elementDuJourSchema) })),
});

/** « À clôturer »: past rendez-vous and sessions not closed, oldest first (at most 5 listed). */
export const aCloturerWidgetSchema = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({ kind: z.enum(['rendez-vous', 'session']), id: z.string(), debut: instant, titre: z.string(), jeune: jeuneResumeSchema.nullable() }),
  ),
});

/** One alert on a jeune of the portfolio. */
export const alerteSchema = z.object({
  /** `<regle>:<jeuneId>:<echeance>`: what « traitée » is recorded against. */
  cle: z.string(),
  regle: z.enum(REGLES_ALERTE),
  jeune: jeuneResumeSchema,
  /** The day it is about (birthday, expiry, end, last contact + 90 days, the rendez-vous' day). */
  echeance: jour,
  libelle: z.string(),
});

/** An alert. */
export type AlerteDto = z.infer<typeof alerteSchema>;

/** « Alertes »: soonest first, at most 10 listed. */
export const alertesWidgetSchema = z.object({ total: z.number().int(), items: z.array(alerteSchema) });

/** « Dossiers à compléter »: dossiers of the portfolio below « complet », with what they miss (at most 5 listed). */
export const dossiersACompleterWidgetSchema = z.object({
  total: z.number().int(),
  items: z.array(z.object({ jeune: jeuneResumeSchema, completude: z.enum(NIVEAUX_COMPLETUDE), manquants: z.array(z.string()) })),
});

/** « Mémos »: due today or overdue, not done (at most 5 listed). */
export const memosWidgetSchema = z.object({ total: z.number().int(), enRetard: z.number().int(), items: z.array(memoSchema) });

/** « Offre de service »: the next sessions with free seats, the internal offers most proposed this month. */
export const offreDeServiceWidgetSchema = z.object({
  sessions: z.array(z.object({ id: z.string(), titre: z.string(), debut: instant, places: z.number().int(), placesLibres: z.number().int() })),
  offresInternes: z.array(z.object({ id: z.string(), libelle: z.string(), type: z.enum(TYPES_OFFRE_INTERNE), utilisations: z.number().int() })),
});

const activiteJour = {
  rendezVousTenus: z.number().int(),
  evenements: z.number().int(),
  absences: z.number().int(),
};

/** « Mon activité »: this week (Monday to Sunday, local), counted per day. */
export const monActiviteWidgetSchema = z.object({
  du: jour,
  au: jour,
  ...activiteJour,
  parJour: z.array(z.object({ jour, ...activiteJour })),
});

/** A figure over the period, the previous period's, and its series for a small chart. */
export const indicateurSchema = z.object({
  valeur: z.number(),
  /** Null when there is nothing to compare with. */
  precedente: z.number().nullable(),
  serie: z.array(z.object({ nom: z.string(), valeur: z.number() })),
});

/** A figure. */
export type IndicateurDto = z.infer<typeof indicateurSchema>;

/** The direction's figures cover this period (local days, inclusive), compared with the one before. */
const periodeFields = { periode: z.enum(PERIODES_PORTAIL), du: jour, au: jour };

/** « Jeunes accompagnés »: distinct jeunes with at least one événement in the period. */
export const jeunesAccompagnesWidgetSchema = z.object({ ...periodeFields, indicateur: indicateurSchema });

/** « Premiers accueils »: dossiers whose premier accueil falls in the period. */
export const premiersAccueilsWidgetSchema = z.object({ ...periodeFields, indicateur: indicateurSchema });

/** « Rendez-vous tenus »: held (présent) rendez-vous, and the no-show rate (absent ÷ closed présent or absent). */
export const rendezVousTenusWidgetSchema = z.object({
  ...periodeFields,
  indicateur: indicateurSchema,
  absences: z.number().int(),
  /** 0–1, null when no rendez-vous was closed. */
  tauxAbsence: z.number().nullable(),
  tauxAbsencePrecedent: z.number().nullable(),
});

/** « Événements par thème ». */
export const evenementsParThemeWidgetSchema = z.object({
  ...periodeFields,
  indicateur: indicateurSchema,
  parTheme: z.array(z.object({ theme: z.string(), libelle: z.string(), valeur: z.number().int() })),
});

/** « Dossiers par complétude »: the active dossiers today (a snapshot: no previous period). */
export const dossiersParCompletudeWidgetSchema = z.object({
  total: z.number().int(),
  parNiveau: z.array(z.object({ niveau: z.enum(NIVEAUX_COMPLETUDE), valeur: z.number().int() })),
});

/** « Comptes »: the users of the administrator's Missions Locales. */
export const comptesWidgetSchema = z.object({
  actifs: z.number().int(),
  enAttenteActivation: z.number().int(),
  desactives: z.number().int(),
});

/** « Mon prochain rendez-vous » (C-Milo). */
export const prochainRendezVousWidgetSchema = z.object({ timezone: z.string(), rendezVous: meRendezVousSchema.nullable() });

/** « Mes actions » (C-Milo): not done, due within 14 days or overdue (at most 5 listed). */
export const mesActionsWidgetSchema = z.object({
  total: z.number().int(),
  items: z.array(z.object({ id: z.string(), titre: z.string(), echeance: jour, statut: z.enum(STATUTS_ACTION), enRetard: z.boolean() })),
});

/** « Mes notifications » (C-Milo): the last messages sent, and how many arrived since the jeune last read them. */
export const notificationsWidgetSchema = z.object({
  nonLues: z.number().int(),
  items: z.array(z.object({ id: z.string(), libelle: z.string(), le: instant, lue: z.boolean() })),
});

/** Each widget's data schema. */
export const WIDGET_DATA_SCHEMAS = {
  'rendez-vous-du-jour': rendezVousDuJourWidgetSchema,
  'a-cloturer': aCloturerWidgetSchema,
  alertes: alertesWidgetSchema,
  'dossiers-a-completer': dossiersACompleterWidgetSchema,
  memos: memosWidgetSchema,
  'offre-de-service': offreDeServiceWidgetSchema,
  'mon-activite': monActiviteWidgetSchema,
  'jeunes-accompagnes': jeunesAccompagnesWidgetSchema,
  'premiers-accueils': premiersAccueilsWidgetSchema,
  'rendez-vous-tenus': rendezVousTenusWidgetSchema,
  'evenements-par-theme': evenementsParThemeWidgetSchema,
  'dossiers-par-completude': dossiersParCompletudeWidgetSchema,
  comptes: comptesWidgetSchema,
  'prochain-rendez-vous': prochainRendezVousWidgetSchema,
  'mes-actions': mesActionsWidgetSchema,
  notifications: notificationsWidgetSchema,
} as const satisfies Record<WidgetId, z.ZodType>;

/** One widget's data. */
export type WidgetData<K extends WidgetId> = z.infer<(typeof WIDGET_DATA_SCHEMAS)[K]>;

/** A widget as answered: its data, or why it could not be computed (the other widgets still show). */
const widgetEtatSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('statut', [
    z.object({ statut: z.literal('ok'), donnees: data }),
    z.object({ statut: z.literal('erreur'), message: z.string() }),
  ]);

/** One widget's state. */
export type WidgetEtat<K extends WidgetId> = { statut: 'ok'; donnees: WidgetData<K> } | { statut: 'erreur'; message: string };

/** `GET /api/v1/portail`. */
export const portailSchema = z.object({
  home: z.enum(HOMES),
  /** When the BFF computed it (the PWA shows it when offline). */
  genereLe: instant,
  timezone: z.string(),
  aujourdhui: jour,
  disposition: z.object({ widgets: z.array(dispositionItemSchema), parDefaut: z.boolean() }),
  /** The widgets this user may add to the home. */
  catalogue: z.array(z.enum(WIDGET_IDS)),
  /** The sites of the Mission Locale, for the direction's filter (empty on the other homes). */
  sites: z.array(z.object({ id: z.string(), nom: z.string() })),
  /** Each widget of the disposition; a widget removed from it is not computed. */
  widgets: z.object({
    'rendez-vous-du-jour': widgetEtatSchema(rendezVousDuJourWidgetSchema).optional(),
    'a-cloturer': widgetEtatSchema(aCloturerWidgetSchema).optional(),
    alertes: widgetEtatSchema(alertesWidgetSchema).optional(),
    'dossiers-a-completer': widgetEtatSchema(dossiersACompleterWidgetSchema).optional(),
    memos: widgetEtatSchema(memosWidgetSchema).optional(),
    'offre-de-service': widgetEtatSchema(offreDeServiceWidgetSchema).optional(),
    'mon-activite': widgetEtatSchema(monActiviteWidgetSchema).optional(),
    'jeunes-accompagnes': widgetEtatSchema(jeunesAccompagnesWidgetSchema).optional(),
    'premiers-accueils': widgetEtatSchema(premiersAccueilsWidgetSchema).optional(),
    'rendez-vous-tenus': widgetEtatSchema(rendezVousTenusWidgetSchema).optional(),
    'evenements-par-theme': widgetEtatSchema(evenementsParThemeWidgetSchema).optional(),
    'dossiers-par-completude': widgetEtatSchema(dossiersParCompletudeWidgetSchema).optional(),
    comptes: widgetEtatSchema(comptesWidgetSchema).optional(),
    'prochain-rendez-vous': widgetEtatSchema(prochainRendezVousWidgetSchema).optional(),
    'mes-actions': widgetEtatSchema(mesActionsWidgetSchema).optional(),
    notifications: widgetEtatSchema(notificationsWidgetSchema).optional(),
  } satisfies Record<WidgetId, z.ZodType>),
});

/** The portail of one user. */
export type PortailDto = z.infer<typeof portailSchema>;
