import * as z from 'zod';
import { BI_PROFILS, ROLES } from '../roles/roles';
import {
  IDENTIFIANT_MAX,
  PASSWORD_MAX,
  PASSWORD_MIN_LENGTH,
  SIGN_IN_MESSAGES,
} from './auth.fields';

const identifiant = z
  .string({ error: SIGN_IN_MESSAGES.identifiantRequired })
  .trim()
  .toLowerCase()
  .min(1, SIGN_IN_MESSAGES.identifiantRequired)
  .max(IDENTIFIANT_MAX, SIGN_IN_MESSAGES.identifiantTooLong);

const password = z
  .string({ error: SIGN_IN_MESSAGES.passwordRequired })
  .min(1, SIGN_IN_MESSAGES.passwordRequired)
  .max(PASSWORD_MAX, SIGN_IN_MESSAGES.passwordTooLong);

const newPassword = z
  .string({ error: 'Le nouveau mot de passe est obligatoire.' })
  .min(PASSWORD_MIN_LENGTH, `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`)
  .max(PASSWORD_MAX, `Le mot de passe compte au plus ${PASSWORD_MAX} caractères.`);

/** Body of `POST /api/v1/auth/login`. */
export const loginSchema = z.strictObject({ login: identifiant, password });
/** Sign-in request. */
export type LoginDto = z.infer<typeof loginSchema>;

/** An access code as the référent hands it over: groups of letters and digits, dashes optional. */
export const accessCodeSchema = z
  .string({ error: "Le code d'accès est obligatoire." })
  .trim()
  .toUpperCase()
  .min(1, "Le code d'accès est obligatoire.")
  .max(32, "Le code d'accès est trop long.");

/** Body of `POST /api/v1/auth/activate`. */
export const activateSchema = z.strictObject({ login: identifiant, code: accessCodeSchema, password: newPassword });
/** Activation request. */
export type ActivateDto = z.infer<typeof activateSchema>;

/** Body of `POST /api/v1/auth/password`. */
export const changePasswordSchema = z.strictObject({ currentPassword: password, newPassword });
/** Password change request. */
export type ChangePasswordDto = z.infer<typeof changePasswordSchema>;

/** Body of `POST /api/v1/cgu/accept`. */
export const acceptCguSchema = z.strictObject({
  version: z.number({ error: 'La version est obligatoire.' }).int('La version est un entier.').positive('La version est positive.'),
});
/** CGU acceptance request. */
export type AcceptCguDto = z.infer<typeof acceptCguSchema>;

/** A Mission Locale as a signed-in user sees it in `/me`. */
export const meMissionLocaleSchema = z.object({
  id: z.string(),
  nom: z.string(),
  timezone: z.string(),
  principale: z.boolean(),
  site: z.object({ id: z.string(), nom: z.string() }).nullable(),
});

/** Response of `GET /api/v1/me` and of a successful sign-in. */
export const meSchema = z.object({
  id: z.string(),
  login: z.string(),
  prenom: z.string(),
  nom: z.string(),
  roles: z.array(z.enum(ROLES)),
  biProfils: z.array(z.enum(BI_PROFILS)),
  missionsLocales: z.array(meMissionLocaleSchema),
  mustChangePassword: z.boolean(),
  mustAcceptCgu: z.boolean(),
  passwordExpiresAt: z.string().nullable(),
});
/** The signed-in user. */
export type MeDto = z.infer<typeof meSchema>;

/** Who a CGU text is written for: jeunes, or Mission Locale staff. */
export const CGU_AUDIENCES = ['staff', 'jeune'] as const;
/** One CGU audience. */
export type CguAudience = (typeof CGU_AUDIENCES)[number];

/** Response of `GET /api/v1/cgu/current`. */
export const cguSchema = z.object({
  version: z.number().int(),
  audience: z.enum(CGU_AUDIENCES),
  texte: z.string(),
  publishedAt: z.string(),
  acceptedAt: z.string().nullable(),
});
/** The current CGU for the user's audience. */
export type CguDto = z.infer<typeof cguSchema>;
