import * as z from 'zod';
import { instant, jour, optionnel, personne, texte, versionLue } from '../shared/fields';
import {
  CREATEURS_ACTION,
  ETATS_PROPOSITION,
  LIEUX_EVENEMENT,
  ORIGINES_EVENEMENT,
  STATUTS_ACTION,
  THEMES,
  TIMELINE_KINDS,
  TYPES_OFFRE_INTERNE,
} from './evenements.enums';

// Bodies and answers of the Suivi routes (#4): événements, propositions, actions, the timeline, and the referentials
// they use (types of événement, internal offre de service).

// ---------------------------------------------------------------------------------------------------------------
// Building blocks.

/** The code of an entry of a referential (a type of événement, an offre): capitals, digits, `_`. */
export const codeReferentielSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Le code : 2 à 40 lettres majuscules, chiffres ou « _ », en commençant par une lettre.');

/** An id the client chose, so that a write queued offline is created once under it. */
const idClient = z.uuid('Identifiant invalide : un UUID est attendu.').optional();

const themes = z
  .array(z.enum(THEMES, 'Thème inconnu.'))
  .min(1, 'Choisissez au moins un thème.')
  .max(THEMES.length, 'Un thème ne peut être choisi deux fois.')
  .transform((chosen) => [...new Set(chosen)]);

/** Where an événement took place. */
export const lieuSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('SITE'), siteId: z.uuid('Choisissez un site de la Mission Locale.') }),
    z.strictObject({ type: z.literal('ADRESSE'), adresse: texte("L'adresse", 200) }),
    z.strictObject({ type: z.literal('DISTANCE') }),
  ],
  'Lieu : un site, une adresse ou « à distance ».',
);

/** A lieu as sent. */
export type LieuInput = z.infer<typeof lieuSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Actions of the jeune.

const actionFields = {
  titre: texte("L'action", 200),
  description: optionnel(texte('Le détail', 1000)).default(null),
  echeance: jour("L'échéance"),
};

/** An action decided with the jeune: inside an événement, or on its own (`POST /jeunes/{id}/actions`). */
export const actionCreationSchema = z.strictObject({ id: idClient, ...actionFields });

/** An action as sent. */
export type ActionCreation = z.infer<typeof actionCreationSchema>;

/** Body of `PATCH /api/v1/actions/{id}`: the whole action, with the version read. */
export const actionPatchSchema = z.strictObject({
  version: versionLue("de l'action"),
  ...actionFields,
  statut: z.enum(STATUTS_ACTION, 'Statut inconnu.'),
});

/** An action edit. */
export type ActionPatch = z.infer<typeof actionPatchSchema>;

/** An action as the PWA reads it. */
export const actionSchema = z.object({
  id: z.string(),
  jeuneId: z.string(),
  evenementId: z.string().nullable(),
  titre: z.string(),
  description: z.string().nullable(),
  echeance: z.iso.date(),
  statut: z.enum(STATUTS_ACTION),
  createur: z.enum(CREATEURS_ACTION),
  creePar: personne.nullable(),
  creeLe: z.iso.datetime(),
  /** The Mission Locale's local day it was marked done or cancelled. */
  closeLe: z.iso.date().nullable(),
  version: z.number().int(),
  modifieLe: z.iso.datetime(),
});

/** An action. */
export type ActionDto = z.infer<typeof actionSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Propositions.

/** A proposition: an internal offre (its libellé and thème come from it), or a free libellé and thème. */
export const propositionCreationSchema = z
  .strictObject({
    id: idClient,
    offreId: z.uuid("Choisissez une offre de l'offre de service.").nullable().default(null),
    libelle: optionnel(texte('Le libellé', 200)).default(null),
    theme: z.enum(THEMES, 'Thème inconnu.').nullable().default(null),
    partenaire: optionnel(texte('Le partenaire', 200)).default(null),
    commentaire: optionnel(texte('Le commentaire', 1000)).default(null),
    /** The Mission Locale's local day; today when absent. */
    date: jour('La date').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.offreId !== null) {
      return;
    }
    if (value.libelle === null) {
      ctx.addIssue({ code: 'custom', path: ['libelle'], message: 'Choisissez une offre ou saisissez un libellé.' });
    }
    if (value.theme === null) {
      ctx.addIssue({ code: 'custom', path: ['theme'], message: 'Sans offre choisie, précisez le thème.' });
    }
  });

/** A proposition as sent. */
export type PropositionCreation = z.infer<typeof propositionCreationSchema>;

/** Body of `PATCH /api/v1/propositions/{id}`: a change of state, with its day and outcome. */
export const propositionTransitionSchema = z.strictObject({
  version: versionLue('de la proposition'),
  etat: z.enum(ETATS_PROPOSITION, 'État inconnu.'),
  date: jour('La date'),
  resultat: optionnel(texte('Le résultat', 1000)).default(null),
});

/** A change of state. */
export type PropositionTransition = z.infer<typeof propositionTransitionSchema>;

/** One step of a proposition's history. */
export const propositionEtapeSchema = z.object({
  etat: z.enum(ETATS_PROPOSITION),
  date: z.iso.date(),
  resultat: z.string().nullable(),
  par: personne.nullable(),
  /** The événement this step wrote on the timeline (none for the first one). */
  evenementId: z.string().nullable(),
});

/** A step. */
export type PropositionEtape = z.infer<typeof propositionEtapeSchema>;

/** An internal offre as a proposition refers to it. */
export const offreResumeSchema = z.object({ id: z.string(), code: z.string(), libelle: z.string(), type: z.enum(TYPES_OFFRE_INTERNE) });

/** A proposition as the PWA reads it. */
export const propositionSchema = z.object({
  id: z.string(),
  jeuneId: z.string(),
  evenementId: z.string().nullable(),
  offre: offreResumeSchema.nullable(),
  libelle: z.string(),
  theme: z.enum(THEMES),
  partenaire: z.string().nullable(),
  commentaire: z.string().nullable(),
  etat: z.enum(ETATS_PROPOSITION),
  /** Oldest first; the first step is the proposition itself. */
  historique: z.array(propositionEtapeSchema),
  creePar: personne.nullable(),
  creeLe: z.iso.datetime(),
  version: z.number().int(),
  modifieLe: z.iso.datetime(),
});

/** A proposition. */
export type PropositionDto = z.infer<typeof propositionSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Événements.

const evenementFields = {
  /** When it happened; the quick-entry sheet proposes now. */
  date: instant("La date de l'événement"),
  dureeMinutes: z.number('La durée : un nombre de minutes.').int('La durée : un nombre entier de minutes.').min(1, 'La durée : une minute au moins.').max(720, 'La durée : 12 heures au plus.').nullable().default(null),
  typeCode: codeReferentielSchema,
  lieu: lieuSchema,
  themes,
  /** A short summary, shown on the timeline. */
  objet: optionnel(texte("L'objet", 200)).default(null),
  /** The décret's internal comment: shown to the Mission Locale's staff, never in an export to third parties. */
  contexte: optionnel(texte('Le contexte', 4000)).default(null),
  /** A partner the événement concerns (free text until the Partenaires univers exists). */
  partenaire: optionnel(texte('Le partenaire', 200)).default(null),
};

/**
 * Body of `POST /api/v1/jeunes/{id}/evenements`: the événement, and the actions and propositions decided during it
 * (created with it, linked to it).
 */
export const evenementCreationSchema = z.strictObject({
  id: idClient,
  ...evenementFields,
  actions: z.array(actionCreationSchema).max(20, 'Vingt actions au plus par événement.').default([]),
  propositions: z.array(propositionCreationSchema).max(10, 'Dix propositions au plus par événement.').default([]),
});

/** An événement as sent. */
export type EvenementCreation = z.infer<typeof evenementCreationSchema>;

/** Body of `PATCH /api/v1/evenements/{id}`: the whole événement, with the version read. */
export const evenementPatchSchema = z.strictObject({ version: versionLue("de l'événement"), ...evenementFields });

/** An événement edit. */
export type EvenementPatch = z.infer<typeof evenementPatchSchema>;

/** Body of `DELETE /api/v1/evenements/{id}`: why (the row is kept, marked deleted, and the deletion audited). */
export const suppressionSchema = z.strictObject({ motif: texte('Le motif', 300) });

/** A deletion's reason. */
export type Suppression = z.infer<typeof suppressionSchema>;

/** An événement as the Mission Locale's staff read it. */
export const evenementSchema = z.object({
  id: z.string(),
  jeuneId: z.string(),
  date: z.iso.datetime(),
  dureeMinutes: z.number().int().nullable(),
  type: z.object({ code: z.string(), libelle: z.string() }),
  lieu: z.object({
    type: z.enum(LIEUX_EVENEMENT),
    siteId: z.string().nullable(),
    siteNom: z.string().nullable(),
    adresse: z.string().nullable(),
  }),
  themes: z.array(z.enum(THEMES)),
  objet: z.string().nullable(),
  contexte: z.string().nullable(),
  partenaire: z.string().nullable(),
  conseiller: personne,
  origine: z.enum(ORIGINES_EVENEMENT),
  /** The proposition whose change of state wrote it. */
  propositionId: z.string().nullable(),
  /** Actions and propositions decided during it. */
  actionIds: z.array(z.string()),
  propositionIds: z.array(z.string()),
  version: z.number().int(),
  creeLe: z.iso.datetime(),
  modifieLe: z.iso.datetime(),
  modifiePar: personne.nullable(),
});

/** An événement. */
export type EvenementDto = z.infer<typeof evenementSchema>;

/** Query of `GET /api/v1/jeunes/{id}/evenements`. */
export const evenementsQuerySchema = z.strictObject({
  theme: z.enum(THEMES, 'Thème inconnu.').optional(),
  type: codeReferentielSchema.optional(),
  du: jour('Du').optional(),
  au: jour('Au').optional(),
});

/** Filters of the list. */
export type EvenementsQuery = z.infer<typeof evenementsQuerySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Referentials.

/** A type of événement: national, or added by the Mission Locale. */
export const typeEvenementSchema = z.object({
  code: z.string(),
  libelle: z.string(),
  national: z.boolean(),
  /** Whether it is an interaction with the jeune (it moves the dossier's "dernier contact"). */
  contact: z.boolean(),
});

/** A type of événement. */
export type TypeEvenementDto = z.infer<typeof typeEvenementSchema>;

/** Body of `POST /api/v1/types-evenement`: a type the administrator's Mission Locale adds to the national list. */
export const typeEvenementCreationSchema = z.strictObject({
  code: codeReferentielSchema,
  libelle: texte('Le libellé', 80),
  contact: z.boolean('Précisez si ce type est un contact avec le jeune.'),
});

/** A new type. */
export type TypeEvenementCreation = z.infer<typeof typeEvenementCreationSchema>;

const offreFields = {
  libelle: texte('Le libellé', 200),
  theme: z.enum(THEMES, 'Thème inconnu.'),
  type: z.enum(TYPES_OFFRE_INTERNE, "Type d'offre inconnu."),
  actif: z.boolean("Précisez si l'offre est proposable."),
};

/** Body of `POST /api/v1/offres-internes` (the Mission Locale's administrator). */
export const offreInterneCreationSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, 'Le code : 1 à 20 lettres majuscules, chiffres, « - » ou « _ » (ex. P61).'),
  ...offreFields,
});

/** A new offre. */
export type OffreInterneCreation = z.infer<typeof offreInterneCreationSchema>;

/** Body of `PATCH /api/v1/offres-internes/{id}`: the offre whole but its code. */
export const offreInternePatchSchema = z.strictObject(offreFields);

/** An offre edit. */
export type OffreInternePatch = z.infer<typeof offreInternePatchSchema>;

/** An offre of the internal offre de service. */
export const offreInterneSchema = z.object({
  id: z.string(),
  code: z.string(),
  libelle: z.string(),
  theme: z.enum(THEMES),
  type: z.enum(TYPES_OFFRE_INTERNE),
  actif: z.boolean(),
});

/** An offre. */
export type OffreInterneDto = z.infer<typeof offreInterneSchema>;

/** Query of `GET /api/v1/offres-internes`: the active ones unless `toutes`. */
export const offresInternesQuerySchema = z.strictObject({
  toutes: z.enum(['true', 'false'], 'toutes : true ou false.').transform((value) => value === 'true').optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Timeline.

/** Query of `GET /api/v1/jeunes/{id}/timeline`. */
export const timelineQuerySchema = z.strictObject({
  cursor: z.string().max(200, 'Curseur invalide.').optional(),
  limit: z.coerce.number('La taille de page : un nombre.').int().min(1, 'La taille de page : 1 à 200.').max(200, 'La taille de page : 1 à 200.').default(50),
  /** Kinds listed, comma-separated (`evenement,proposition`); all when absent. */
  kinds: z
    .string()
    .transform((value) => value.split(',').filter((kind) => kind !== ''))
    .pipe(z.array(z.enum(TIMELINE_KINDS, 'Type inconnu : evenement, proposition, action ou situation.')).min(1, 'Choisissez au moins un type.'))
    .optional(),
  theme: z.enum(THEMES, 'Thème inconnu.').optional(),
  /** A type of événement; lists the événements of that type only. */
  typeEvenement: codeReferentielSchema.optional(),
});

/** The timeline's filters and page. */
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

/** One line of the timeline: enough to show and filter it; the detail is read from its own route. */
export const timelineItemSchema = z.object({
  kind: z.enum(TIMELINE_KINDS),
  id: z.string(),
  /** Where it sorts: an événement's time, a proposition's or action's creation, a situation's first day (local midnight). */
  at: z.iso.datetime(),
  titre: z.string(),
  detail: z.string().nullable(),
  themes: z.array(z.enum(THEMES)),
  /** An événement's type code; null for the other kinds. */
  typeEvenement: z.string().nullable(),
  auteur: z.string().nullable(),
  /** A proposition's, action's or situation's state code. */
  statut: z.string().nullable(),
});

/** One timeline line. */
export type TimelineItemDto = z.infer<typeof timelineItemSchema>;

/** A page of the timeline, newest first. */
export const timelinePageSchema = z.object({ items: z.array(timelineItemSchema), nextCursor: z.string().nullable() });

/** A timeline page. */
export type TimelinePageDto = z.infer<typeof timelinePageSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Idempotency of writes (offline outbox replay).

/** The `Idempotency-Key` header of a write: the outbox sends a UUID; any 8–100 URL-safe characters are accepted. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "L'en-tête Idempotency-Key : 8 à 100 caractères parmi lettres, chiffres, « - » et « _ ».");
