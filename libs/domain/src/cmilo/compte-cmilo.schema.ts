import * as z from 'zod';

/** How the conseiller sends a jeune the activation code of their C-Milo account. */
export const CANAUX_CODE_CMILO = ['SMS', 'EMAIL'] as const;
/** One way of sending the activation code. */
export type CanalCodeCmilo = (typeof CANAUX_CODE_CMILO)[number];

/** Body of `POST /api/v1/jeunes/{id}/compte-cmilo`: create the account if needed, then send a new code. */
export const envoiCodeCmiloSchema = z.strictObject({
  canal: z.enum(CANAUX_CODE_CMILO, { error: "Choisissez l'envoi du code par SMS ou par e-mail." }),
});
/** A request to send a new activation code. */
export type EnvoiCodeCmilo = z.infer<typeof envoiCodeCmiloSchema>;

/** The latest activation code that reached the jeune (never the code itself). */
export const dernierCodeCmiloSchema = z.object({
  envoyeLe: z.string(),
  canal: z.enum(CANAUX_CODE_CMILO),
  /** The dossier's current number or address for that channel, masked (`06 •• •• •• 78`, `i•••@example.org`). */
  destinataireMasque: z.string().nullable(),
  expireLe: z.string(),
});

/** Response of `GET /api/v1/jeunes/{id}/compte-cmilo`: the state of the jeune's C-Milo account. */
export const compteCmiloSchema = z.object({
  existe: z.boolean(),
  /** What the jeune types on the activation and sign-in pages. */
  identifiant: z.string().nullable(),
  /** Whether the jeune has chosen a password. */
  active: z.boolean(),
  activeLe: z.string().nullable(),
  dernierCode: dernierCodeCmiloSchema.nullable(),
  /** Whether the dossier has a telephone number (SMS) and an e-mail address: a code can only go where one is known. */
  joignable: z.object({ sms: z.boolean(), email: z.boolean() }),
});
/** The state of a jeune's C-Milo account as the conseiller sees it. */
export type CompteCmiloDto = z.infer<typeof compteCmiloSchema>;

/** Response of `POST /api/v1/jeunes/{id}/compte-cmilo`: the account's state, and what became of this sending. */
export const envoiCodeCmiloResultSchema = compteCmiloSchema.extend({
  envoi: z.object({
    canal: z.enum(CANAUX_CODE_CMILO),
    statut: z.enum(['ENVOYE', 'ECHEC']),
    /** Why the code did not leave (provider refusal, SMS budget of the month reached); null when sent. */
    motif: z.string().nullable(),
  }),
});
/** What sending an activation code answers. */
export type EnvoiCodeCmiloResultDto = z.infer<typeof envoiCodeCmiloResultSchema>;
