import * as z from 'zod';
import { instant, optionnel, texte, versionLue } from '../shared/fields';
import {
  MODALITES_RENDEZ_VOUS,
  OBJET_RENDEZ_VOUS_PAR_DEFAUT,
  REMINDER_MAX_DAYS,
  type ReminderOffset,
  STATUTS_PRESENCE,
  TYPE_RENDEZ_VOUS_MILO,
  TYPE_RENDEZ_VOUS_PAR_DEFAUT,
  TYPES_RENDEZ_VOUS,
  TYPES_RENDEZ_VOUS_COLLECTIFS,
} from './rendez-vous.enums';

// Bodies of the rendez-vous routes (#5): creation, edit (move), cancellation, closing; and a Mission Locale's reminder
// offsets. The date window (§c.4) depends on the time: `rendezVousDateError` in rendez-vous.rules.ts.

const rendezVousFields = {
  jeuneId: z.uuid('Choisissez le jeune du rendez-vous.'),
  type: z.enum(TYPES_RENDEZ_VOUS, 'Type de rendez-vous inconnu.').default(TYPE_RENDEZ_VOUS_PAR_DEFAUT),
  modalite: z.enum(MODALITES_RENDEZ_VOUS, 'Modalité inconnue : sur site, par téléphone, en visio ou dans un autre lieu.'),
  /** When it starts. */
  debut: instant('Le début du rendez-vous'),
  dureeMinutes: z
    .number('La durée : un nombre de minutes.')
    .int('La durée : un nombre entier de minutes.')
    .min(5, 'La durée : 5 minutes au moins.')
    .max(480, 'La durée : 8 heures au plus.'),
  /** What it is about; the jeune sees it. */
  objet: texte("L'objet", 200).default(OBJET_RENDEZ_VOUS_PAR_DEFAUT),
  /** Internal comment: the Mission Locale's staff only, never shown to the jeune. */
  commentaire: optionnel(texte('Le commentaire', 1000)).default(null),
  /** What the jeune should bring (papers, CV…); shown in C-Milo. */
  aApporter: optionnel(texte('Ce qu’il faut apporter', 300)).default(null),
  /** Whether the conseiller attends (§c.4: always for an entretien individuel conseiller). */
  presenceConseiller: z.boolean('La présence du conseiller : oui ou non.').default(true),
  /** The Mission Locale's site, for a rendez-vous on site. */
  siteId: z.uuid('Choisissez un site de la Mission Locale.').nullable().default(null),
  /** The address, for a rendez-vous elsewhere. */
  adresse: optionnel(texte("L'adresse", 200)).default(null),
};

type RendezVousFields = {
  readonly type: string;
  readonly modalite: string;
  readonly presenceConseiller: boolean;
  readonly siteId: string | null;
  readonly adresse: string | null;
};

const checkRendezVous = (value: RendezVousFields, ctx: z.RefinementCtx) => {
  if (value.type === TYPE_RENDEZ_VOUS_MILO) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: 'Un rendez-vous i-milo se crée et se modifie dans i-milo.' });
  } else if ((TYPES_RENDEZ_VOUS_COLLECTIFS as readonly string[]).includes(value.type)) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: 'Un atelier ou une information collective se planifie comme session collective.' });
  }
  if (value.type === TYPE_RENDEZ_VOUS_PAR_DEFAUT && !value.presenceConseiller) {
    ctx.addIssue({ code: 'custom', path: ['presenceConseiller'], message: 'Le conseiller est présent à un entretien individuel conseiller.' });
  }
  if (value.modalite === 'PRESENTIEL_SITE' && value.siteId === null) {
    ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'Choisissez le site de la Mission Locale.' });
  }
  if (value.modalite !== 'PRESENTIEL_SITE' && value.siteId !== null) {
    ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'Un site ne se choisit que pour un rendez-vous sur site.' });
  }
  if (value.modalite === 'AUTRE_LIEU' && value.adresse === null) {
    ctx.addIssue({ code: 'custom', path: ['adresse'], message: "Précisez l'adresse du rendez-vous." });
  }
  if (value.modalite !== 'AUTRE_LIEU' && value.adresse !== null) {
    ctx.addIssue({ code: 'custom', path: ['adresse'], message: "Une adresse ne se précise que pour un rendez-vous dans un autre lieu." });
  }
};

/** Body of `POST /api/v1/rendez-vous`: an individual rendez-vous with one jeune, under an id the client may choose. */
export const rendezVousCreationSchema = z
  .strictObject({
    id: z.uuid('Identifiant invalide : un UUID est attendu.').optional(),
    /** Whose rendez-vous it is: the caller's unless booked for a colleague of the Mission Locale. */
    conseillerId: z.uuid('Choisissez le conseiller du rendez-vous.').optional(),
    ...rendezVousFields,
  })
  .superRefine(checkRendezVous);

/** A rendez-vous as sent. */
export type RendezVousCreation = z.infer<typeof rendezVousCreationSchema>;

/** Body of `PATCH /api/v1/rendez-vous/{id}`: the whole rendez-vous (a move changes `debut`), with the version read. */
export const rendezVousPatchSchema = z.strictObject({ version: versionLue('du rendez-vous'), ...rendezVousFields }).superRefine(checkRendezVous);

/** A rendez-vous edit. */
export type RendezVousPatch = z.infer<typeof rendezVousPatchSchema>;

/** Body of a cancellation: why (the jeune is told; the row is kept, marked cancelled). */
export const annulationSchema = z.strictObject({ motif: texte("Le motif d'annulation", 300) });

/** A cancellation. */
export type Annulation = z.infer<typeof annulationSchema>;

/** Body of `POST /api/v1/rendez-vous/{id}/cloture`: the jeune's presence. */
export const clotureSchema = z.strictObject({ presence: z.enum(STATUTS_PRESENCE, 'La présence : présent, absent ou excusé.') });

/** A closing. */
export type Cloture = z.infer<typeof clotureSchema>;

/** One reminder offset as a Mission Locale configures it: `J-1` … `J-30`. */
export const reminderOffsetSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(
    (value) => /^J-([1-9]\d?)$/.test(value) && Number(value.slice(2)) <= REMINDER_MAX_DAYS,
    `Un rappel : « J-1 » à « J-${REMINDER_MAX_DAYS} ».`,
  )
  .transform((value) => value as ReminderOffset);

/** A Mission Locale's reminder offsets: at most three, each once, farthest first. Empty: no reminder. */
export const reminderOffsetsSchema = z
  .array(reminderOffsetSchema)
  .max(3, 'Trois rappels au plus.')
  .refine((offsets) => new Set(offsets).size === offsets.length, 'Un rappel ne peut être choisi deux fois.')
  .transform((offsets) => [...offsets].sort((a, b) => Number(b.slice(2)) - Number(a.slice(2))));
