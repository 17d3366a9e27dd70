import * as z from 'zod';
import { instant, jour, optionnel, personne, texte, versionLue } from '../shared/fields';
import { NOTIFICATION_CHANNELS } from '../notifications/channels.rules';
import { MODALITES_RENDEZ_VOUS, STATUTS_PRESENCE, TYPES_RENDEZ_VOUS } from './rendez-vous.enums';

// What the Agenda univers' routes answer and accept beyond the rendez-vous bodies (rendez-vous.schema.ts): the
// rendez-vous as read, the agenda of a few days, collective sessions and their registrations, mémos, the calendar
// feed, push subscriptions, the delivery log, and C-Milo (the jeune's own rendez-vous, answers and preferences).

const idClient = z.uuid('Identifiant invalide : un UUID est attendu.').optional();

/** A jeune as the agenda names them. */
export const jeuneResumeSchema = z.object({ id: z.string(), prenom: z.string(), nom: z.string() });

/** A jeune in an agenda item. */
export type JeuneResume = z.infer<typeof jeuneResumeSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Delivery log.

/** Why a message goes to a jeune. */
export const NATURES_MESSAGE = ['CREATION', 'MODIFICATION', 'ANNULATION', 'RAPPEL', 'INSCRIPTION', 'ACTIVATION'] as const;

/** One nature. */
export type NatureMessage = (typeof NATURES_MESSAGE)[number];

/** A message's fate: planned, sent (on at least one channel), failed on every channel, cancelled (and why). */
export const STATUTS_MESSAGE = ['PLANIFIE', 'ENVOYE', 'ECHEC', 'ANNULE'] as const;

/** One fate. */
export type StatutMessage = (typeof STATUTS_MESSAGE)[number];

/** One channel's attempt: sent, delivered (when the device or provider says so), failed with the reason, cancelled. */
export const STATUTS_ENVOI = ['ENVOYE', 'DELIVRE', 'ECHEC', 'ANNULE'] as const;

/** One attempt's fate. */
export type StatutEnvoi = (typeof STATUTS_ENVOI)[number];

export const STATUT_MESSAGE_LABELS: Readonly<Record<StatutMessage | StatutEnvoi, string>> = {
  PLANIFIE: 'Planifié',
  ENVOYE: 'Envoyé',
  DELIVRE: 'Délivré',
  ECHEC: 'Échec',
  ANNULE: 'Annulé',
};

export const NATURE_MESSAGE_LABELS: Readonly<Record<NatureMessage, string>> = {
  CREATION: 'Nouveau rendez-vous',
  MODIFICATION: 'Rendez-vous modifié',
  ANNULATION: 'Rendez-vous annulé',
  RAPPEL: 'Rappel',
  INSCRIPTION: 'Inscription à une session',
  ACTIVATION: "Code d'activation C-Milo",
};

/** A message to a jeune and its attempts, as the rendez-vous and the dossier show them. */
export const messageSchema = z.object({
  id: z.string(),
  nature: z.enum(NATURES_MESSAGE),
  /** `J-7`, `J-1` for a reminder. */
  rappel: z.string().nullable(),
  rendezVousId: z.string().nullable(),
  sessionId: z.string().nullable(),
  prevuLe: z.iso.datetime(),
  statut: z.enum(STATUTS_MESSAGE),
  motif: z.string().nullable(),
  envois: z.array(
    z.object({
      canal: z.enum(NOTIFICATION_CHANNELS),
      statut: z.enum(STATUTS_ENVOI),
      motif: z.string().nullable(),
      /** SMS only: the number of segments billed. */
      segments: z.number().int().nullable(),
      le: z.iso.datetime(),
      acquitteLe: z.iso.datetime().nullable(),
    }),
  ),
});

/** One message of the delivery log. */
export type MessageDto = z.infer<typeof messageSchema>;

/** Whether a jeune can be reached by push, as the dossier says it. */
export const joignabiliteSchema = z.object({
  /** At least one subscribed device and the push consent. */
  joignable: z.boolean(),
  /** Since when (the oldest live subscription), when reachable. */
  depuis: z.iso.datetime().nullable(),
  appareils: z.number().int(),
});

/** Push reachability. */
export type JoignabiliteDto = z.infer<typeof joignabiliteSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Rendez-vous as read.

/** A rendez-vous' life: planned, cancelled (by the conseiller or the jeune), closed with the jeune's presence. */
export const STATUTS_RENDEZ_VOUS = ['PLANIFIE', 'ANNULE', 'CLOS'] as const;

/** One status. */
export type StatutRendezVous = (typeof STATUTS_RENDEZ_VOUS)[number];

/** The jeune's answer from C-Milo. */
export const REPONSES_JEUNE = ['CONFIRME', 'ANNULE'] as const;

/** One answer. */
export type ReponseJeune = (typeof REPONSES_JEUNE)[number];

/** A rendez-vous as the Mission Locale's staff read it. */
export const rendezVousSchema = z.object({
  id: z.string(),
  jeune: jeuneResumeSchema,
  conseiller: personne,
  type: z.enum(TYPES_RENDEZ_VOUS),
  modalite: z.enum(MODALITES_RENDEZ_VOUS),
  site: z.object({ id: z.string(), nom: z.string() }).nullable(),
  adresse: z.string().nullable(),
  debut: z.iso.datetime(),
  fin: z.iso.datetime(),
  dureeMinutes: z.number().int(),
  objet: z.string(),
  commentaire: z.string().nullable(),
  aApporter: z.string().nullable(),
  presenceConseiller: z.boolean(),
  statut: z.enum(STATUTS_RENDEZ_VOUS),
  /** Planned and started: to be closed. */
  aCloturer: z.boolean(),
  presence: z.enum(STATUTS_PRESENCE).nullable(),
  reponseJeune: z.object({ reponse: z.enum(REPONSES_JEUNE), le: z.iso.datetime() }).nullable(),
  annulation: z.object({ motif: z.string(), le: z.iso.datetime(), parJeune: z.boolean() }).nullable(),
  /** The événement its closing wrote on the timeline. */
  evenementId: z.string().nullable(),
  version: z.number().int(),
  creeLe: z.iso.datetime(),
  modifieLe: z.iso.datetime(),
});

/** A rendez-vous. */
export type RendezVousDto = z.infer<typeof rendezVousSchema>;

/** What `POST`/`PATCH /api/v1/rendez-vous` answer: the rendez-vous and the caller's overlapping ones (a warning). */
export const rendezVousEcritSchema = z.object({
  rendezVous: rendezVousSchema,
  conflits: z.array(z.object({ id: z.string(), debut: z.iso.datetime(), fin: z.iso.datetime(), objet: z.string() })),
});

/** A write's answer. */
export type RendezVousEcritDto = z.infer<typeof rendezVousEcritSchema>;

/** `GET /api/v1/rendez-vous/{id}`: the rendez-vous with its history and its messages to the jeune. */
export const rendezVousDetailSchema = rendezVousSchema.extend({
  historique: z.array(z.object({ le: z.iso.datetime(), operation: z.string(), auteur: personne.nullable() })),
  messages: z.array(messageSchema),
});

/** A rendez-vous in detail. */
export type RendezVousDetailDto = z.infer<typeof rendezVousDetailSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Collective sessions.

/** A session's life (§b.4): to come (to close once started), closed by the émargement, or cancelled. */
export const STATUTS_SESSION = ['A_VENIR', 'A_CLOTURER', 'CLOTUREE', 'ANNULEE'] as const;

/** One status. */
export type StatutSession = (typeof STATUTS_SESSION)[number];

/** A registration: registered, on the waiting list, unregistered, then the émargement's presence. */
export const STATUTS_INSCRIPTION = ['INSCRIT', 'ATTENTE', 'DESINSCRIT', 'PRESENT', 'ABSENT', 'EXCUSE'] as const;

/** One registration status. */
export type StatutInscription = (typeof STATUTS_INSCRIPTION)[number];

const sessionFields = {
  /** The internal offre de service (an atelier or an information collective). */
  offreId: z.uuid("Choisissez l'offre de service."),
  titre: texte('Le titre', 200),
  debut: instant('Le début de la session'),
  dureeMinutes: z.number('La durée : un nombre de minutes.').int('La durée : un nombre entier de minutes.').min(5, 'La durée : 5 minutes au moins.').max(600, 'La durée : 10 heures au plus.'),
  siteId: z.uuid('Choisissez un site de la Mission Locale.').nullable().default(null),
  adresse: optionnel(texte("L'adresse", 200)).default(null),
  places: z.number('Le nombre de places.').int('Le nombre de places : un entier.').min(1, 'Une place au moins.').max(500, '500 places au plus.'),
  dateLimiteInscription: jour("La date limite d'inscription"),
  /** Open to the jeunes' own registration in C-Milo (implies visible). */
  autoinscription: z.boolean().default(false),
  commentaire: optionnel(texte('Le commentaire', 1000)).default(null),
  aApporter: optionnel(texte('Ce qu’il faut apporter', 300)).default(null),
};

const checkSession = (value: { siteId: string | null; adresse: string | null }, ctx: z.RefinementCtx) => {
  if ((value.siteId === null) === (value.adresse === null)) {
    ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'Choisissez un site ou précisez une adresse (l’un ou l’autre).' });
  }
};

/** Body of `POST /api/v1/sessions`. */
export const sessionCreationSchema = z.strictObject({ id: idClient, ...sessionFields }).superRefine(checkSession);

/** A session as sent. */
export type SessionCreation = z.infer<typeof sessionCreationSchema>;

/** Body of `PATCH /api/v1/sessions/{id}`. */
export const sessionPatchSchema = z.strictObject({ version: versionLue('de la session'), ...sessionFields }).superRefine(checkSession);

/** A session edit. */
export type SessionPatch = z.infer<typeof sessionPatchSchema>;

/** Body of `POST /api/v1/sessions/{id}/inscriptions`: a jeune of the Mission Locale (the waiting list when full). */
export const inscriptionCreationSchema = z.strictObject({ jeuneId: z.uuid('Choisissez le jeune à inscrire.') });

/** A registration as sent. */
export type InscriptionCreation = z.infer<typeof inscriptionCreationSchema>;

/** Body of `POST /api/v1/sessions/{id}/emargement`: a presence for every registered jeune; closes the session. */
export const emargementSchema = z.strictObject({
  presences: z
    .array(z.strictObject({ jeuneId: z.uuid('Identifiant de jeune invalide.'), presence: z.enum(STATUTS_PRESENCE, 'La présence : présent, absent ou excusé.') }))
    .min(1, 'Une présence au moins.')
    .max(500)
    .refine((presences) => new Set(presences.map((p) => p.jeuneId)).size === presences.length, 'Un jeune ne peut être émargé deux fois.'),
});

/** An émargement. */
export type Emargement = z.infer<typeof emargementSchema>;

/** A registration as the staff read it. */
export const inscriptionSchema = z.object({
  id: z.string(),
  jeune: jeuneResumeSchema,
  statut: z.enum(STATUTS_INSCRIPTION),
  /** Position on the waiting list (1 = next), for `ATTENTE`. */
  rangAttente: z.number().int().nullable(),
  inscritLe: z.iso.datetime(),
});

/** A registration. */
export type InscriptionDto = z.infer<typeof inscriptionSchema>;

/** A collective session as the staff read it. */
export const sessionSchema = z.object({
  id: z.string(),
  offre: z.object({ id: z.string(), libelle: z.string(), type: z.string() }),
  titre: z.string(),
  debut: z.iso.datetime(),
  fin: z.iso.datetime(),
  dureeMinutes: z.number().int(),
  site: z.object({ id: z.string(), nom: z.string() }).nullable(),
  adresse: z.string().nullable(),
  animateur: personne,
  places: z.number().int(),
  inscrits: z.number().int(),
  enAttente: z.number().int(),
  placesLibres: z.number().int(),
  dateLimiteInscription: z.iso.date(),
  autoinscription: z.boolean(),
  commentaire: z.string().nullable(),
  aApporter: z.string().nullable(),
  statut: z.enum(STATUTS_SESSION),
  version: z.number().int(),
});

/** A session. */
export type SessionDto = z.infer<typeof sessionSchema>;

/** `GET /api/v1/sessions/{id}`: the session with its registrations. */
export const sessionDetailSchema = sessionSchema.extend({ inscriptions: z.array(inscriptionSchema) });

/** A session in detail. */
export type SessionDetailDto = z.infer<typeof sessionDetailSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Mémos.

/** For oneself or the whole team of the Mission Locale. */
export const PORTEES_MEMO = ['MOI', 'EQUIPE'] as const;

/** One scope. */
export type PorteeMemo = (typeof PORTEES_MEMO)[number];

const memoFields = {
  texte: texte('Le mémo', 1000),
  portee: z.enum(PORTEES_MEMO, 'Pour moi ou pour l’équipe.').default('MOI'),
  jeuneId: z.uuid('Identifiant de jeune invalide.').nullable().default(null),
  echeance: jour("L'échéance").nullable().default(null),
};

/** Body of `POST /api/v1/memos`. */
export const memoCreationSchema = z.strictObject({ id: idClient, ...memoFields });

/** A mémo as sent. */
export type MemoCreation = z.infer<typeof memoCreationSchema>;

/** Body of `PATCH /api/v1/memos/{id}`: the whole mémo, done or not, with the version read. */
export const memoPatchSchema = z.strictObject({ version: versionLue('du mémo'), ...memoFields, fait: z.boolean() });

/** A mémo edit. */
export type MemoPatch = z.infer<typeof memoPatchSchema>;

/** A mémo as read. */
export const memoSchema = z.object({
  id: z.string(),
  texte: z.string(),
  portee: z.enum(PORTEES_MEMO),
  auteur: personne,
  jeune: jeuneResumeSchema.nullable(),
  echeance: z.iso.date().nullable(),
  fait: z.boolean(),
  /** Due before the Mission Locale's today and not done (due today is not late yet). */
  enRetard: z.boolean(),
  version: z.number().int(),
  creeLe: z.iso.datetime(),
});

/** A mémo. */
export type MemoDto = z.infer<typeof memoSchema>;

/** Query of `GET /api/v1/memos`. */
export const memosQuerySchema = z.strictObject({
  /** Due up to this day (today's view: the day itself, overdue included). */
  echeanceAu: jour("L'échéance").optional(),
  jeune: z.uuid('Identifiant de jeune invalide.').optional(),
  fait: z.enum(['true', 'false'], 'Fait : true ou false.').optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// The agenda.

/** The longest range the agenda reads at once. */
export const AGENDA_MAX_DAYS = 42;

/** Query of `GET /api/v1/agenda`: a range of local days (inclusive), whose agenda (the caller's by default). */
export const agendaQuerySchema = z
  .strictObject({
    from: jour('Du'),
    to: jour('Au'),
    conseiller: z.uuid('Identifiant de conseiller invalide.').optional(),
    site: z.uuid('Identifiant de site invalide.').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.conseiller !== undefined && value.site !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['site'], message: 'L’agenda d’un conseiller ou celui d’un site, pas les deux.' });
    }
    const days = (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000;
    if (days < 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'La fin de la période précède son début.' });
    } else if (days >= AGENDA_MAX_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `Une période de ${AGENDA_MAX_DAYS} jours au plus.` });
    }
  });

/** An agenda query. */
export type AgendaQuery = z.infer<typeof agendaQuerySchema>;

/** `GET /api/v1/agenda`: rendez-vous and sessions starting in the range, mémos due in it (and overdue ones). */
export const agendaSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  timezone: z.string(),
  rendezVous: z.array(rendezVousSchema),
  sessions: z.array(sessionSchema),
  memos: z.array(memoSchema),
});

/** An agenda. */
export type AgendaDto = z.infer<typeof agendaSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Calendar feed, push subscriptions.

/** `GET`/`POST /api/v1/ics/flux`: the caller's feed. The URL is shown once, when it is created. */
export const fluxCalendrierSchema = z.object({
  actif: z.boolean(),
  /** Only in the answer of its creation: the secret is not stored. */
  url: z.string().nullable(),
  afficherNoms: z.boolean(),
  creeLe: z.iso.datetime().nullable(),
});

/** A calendar feed. */
export type FluxCalendrierDto = z.infer<typeof fluxCalendrierSchema>;

/** Body of `POST /api/v1/ics/flux`: a new secret (the old one stops working); names instead of initials if chosen. */
export const fluxCalendrierCreationSchema = z.strictObject({ afficherNoms: z.boolean().default(false) });

/** Body of `POST /api/v1/push/subscriptions`: the browser's PushSubscription as `toJSON()` gives it. */
export const pushSubscriptionCreationSchema = z.object({
  endpoint: z.url('Adresse du service de notification invalide.').max(2000),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, 'Clé de notification invalide.'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,30}={0,2}$/, 'Secret de notification invalide.'),
  }),
  appareil: optionnel(texte("Le nom de l'appareil", 100)).default(null),
});

/** A push subscription as sent. */
export type PushSubscriptionCreation = z.infer<typeof pushSubscriptionCreationSchema>;

/** `GET /api/v1/push/subscriptions`: the VAPID public key to subscribe with, and the caller's devices. */
export const pushSubscriptionsSchema = z.object({
  publicKey: z.string(),
  subscriptions: z.array(z.object({ id: z.string(), appareil: z.string().nullable(), creeLe: z.iso.datetime() })),
});

/** The caller's push subscriptions. */
export type PushSubscriptionsDto = z.infer<typeof pushSubscriptionsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// C-Milo.

/** A rendez-vous or a session as the jeune sees it: no internal comment. */
export const meRendezVousSchema = z.object({
  id: z.string(),
  kind: z.enum(['rendez-vous', 'session']),
  /** The jeune's label of the type (§b.3), or the session's offre. */
  libelle: z.string(),
  objet: z.string(),
  modalite: z.enum(MODALITES_RENDEZ_VOUS).nullable(),
  debut: z.iso.datetime(),
  fin: z.iso.datetime(),
  lieu: z.string().nullable(),
  /** A link to a map of the place, when there is one. */
  carteUrl: z.string().nullable(),
  aApporter: z.string().nullable(),
  conseiller: z.object({ prenom: z.string(), nom: z.string() }),
  statut: z.enum(STATUTS_RENDEZ_VOUS),
  reponse: z.enum(REPONSES_JEUNE).nullable(),
  presence: z.enum(STATUTS_PRESENCE).nullable(),
  /** A session the jeune awaits a seat of: their position on the waiting list (1 = next); absent or null otherwise. */
  rangAttente: z.number().int().nullable().optional(),
});

/** One of the jeune's rendez-vous. */
export type MeRendezVousDto = z.infer<typeof meRendezVousSchema>;

/** `GET /api/v1/me/rendez-vous`: upcoming (soonest first) and past (latest first). */
export const meRendezVousListSchema = z.object({
  timezone: z.string(),
  aVenir: z.array(meRendezVousSchema),
  passes: z.array(meRendezVousSchema),
});

/** The jeune's rendez-vous. */
export type MeRendezVousListDto = z.infer<typeof meRendezVousListSchema>;

/** Body of `POST /api/v1/me/rendez-vous/{id}/confirmation`: confirm, or cancel with a reason. */
export const reponseJeuneSchema = z.discriminatedUnion('reponse', [
  z.strictObject({ reponse: z.literal('CONFIRME') }),
  z.strictObject({ reponse: z.literal('ANNULE'), motif: texte("Le motif d'annulation", 300) }),
]);

/** A jeune's answer. */
export type ReponseJeuneBody = z.infer<typeof reponseJeuneSchema>;

/** `GET /api/v1/me/sessions`: a session open to the jeune's own registration, without what is internal to the staff. */
export const meSessionSchema = z.object({
  id: z.string(),
  offre: z.object({ libelle: z.string(), type: z.string() }),
  titre: z.string(),
  debut: z.iso.datetime(),
  fin: z.iso.datetime(),
  dureeMinutes: z.number().int(),
  lieu: z.string(),
  carteUrl: z.string(),
  animateur: z.object({ prenom: z.string(), nom: z.string() }),
  placesLibres: z.number().int(),
  dateLimiteInscription: z.iso.date(),
  aApporter: z.string().nullable(),
});

/** A session the jeune may register to. */
export type MeSessionDto = z.infer<typeof meSessionSchema>;

/** `GET`/`PUT /api/v1/me/preferences-notification`: the jeune's consent per channel. */
export const preferencesNotificationSchema = z.strictObject({ push: z.boolean(), sms: z.boolean(), email: z.boolean() });

/** The jeune's preferences. */
export type PreferencesNotification = z.infer<typeof preferencesNotificationSchema>;
