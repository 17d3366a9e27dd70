import * as z from 'zod';
import { IDENTIFIANT_MAX, IDENTIFIANT_PATTERN } from '../auth/auth.fields';
import { BI_PROFILS, ROLES } from '../roles/roles';

const nom = (label: string) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .min(1, `${label} est obligatoire.`)
    .max(100, `${label} compte au plus 100 caractères.`);

const uuid = (label: string) => z.uuid({ error: `${label} est invalide.` });

const roles = z
  .array(z.enum(ROLES, { error: 'Rôle inconnu.' }), { error: 'Les rôles sont obligatoires.' })
  .min(1, 'Choisissez au moins un rôle.')
  .refine((r) => new Set(r).size === r.length, 'Un rôle est répété.')
  .refine((r) => !r.includes('jeune') || r.length === 1, 'Un compte jeune ne peut pas avoir de rôle professionnel.');

/** Body of `POST /api/v1/admin/users`. */
export const createUserSchema = z.strictObject({
  login: z
    .string({ error: "L'identifiant est obligatoire." })
    .trim()
    .toLowerCase()
    .max(IDENTIFIANT_MAX, `L'identifiant compte au plus ${IDENTIFIANT_MAX} caractères.`)
    .regex(IDENTIFIANT_PATTERN, "L'identifiant s'écrit comme prenom.nom : lettres minuscules, chiffres, points et tirets."),
  prenom: nom('Le prénom'),
  nom: nom('Le nom'),
  email: z.email({ error: "L'adresse e-mail est invalide." }).max(254).optional(),
  roles,
  biProfils: z.array(z.enum(BI_PROFILS, { error: 'Profil BI inconnu.' })).max(4).default([]),
  missionLocaleId: uuid('La Mission Locale'),
  siteId: uuid('Le site').optional(),
});
/** Creation of a user by an administrator. */
export type CreateUserDto = z.infer<typeof createUserSchema>;

/** Body of `PATCH /api/v1/admin/users/{id}`. */
export const updateUserSchema = z
  .strictObject({
    roles: roles.optional(),
    biProfils: z.array(z.enum(BI_PROFILS, { error: 'Profil BI inconnu.' })).max(4).optional(),
    active: z.boolean({ error: 'Le statut actif est un booléen.' }).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Indiquez au moins une modification.');
/** Change of a user's roles or activity. */
export type UpdateUserDto = z.infer<typeof updateUserSchema>;

/** Body of `POST /api/v1/admin/cgu`. */
export const publishCguSchema = z.strictObject({
  audience: z.enum(['staff', 'jeune'], { error: "Le public est 'staff' ou 'jeune'." }),
  texte: z
    .string({ error: 'Le texte est obligatoire.' })
    .trim()
    .min(200, 'Le texte des CGU compte au moins 200 caractères.')
    .max(50_000, 'Le texte des CGU compte au plus 50 000 caractères.'),
});
/** Publication of a new CGU version. */
export type PublishCguDto = z.infer<typeof publishCguSchema>;

/** A user as the admin portal lists it. */
export const adminUserSchema = z.object({
  id: z.string(),
  login: z.string(),
  prenom: z.string(),
  nom: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  biProfils: z.array(z.enum(BI_PROFILS)),
  active: z.boolean(),
  activated: z.boolean(),
  missionLocale: z.object({ id: z.string(), nom: z.string() }),
  lastLoginAt: z.string().nullable(),
});
/** A user in the admin portal. */
export type AdminUserDto = z.infer<typeof adminUserSchema>;

/** An access code as returned once, at creation or reset. */
export const accessCodeIssuedSchema = z.object({ code: z.string(), expiresAt: z.string() });
/** An issued access code. */
export type AccessCodeIssuedDto = z.infer<typeof accessCodeIssuedSchema>;

/** Path parameters of the routes about one user. */
export const userIdParamsSchema = z.object({ id: uuid("L'identifiant de l'utilisateur") });
/** The user a route is about. */
export type UserIdParams = z.infer<typeof userIdParamsSchema>;

/** Response of `POST /api/v1/admin/users`: the account and its first access code, shown once. */
export const createdUserSchema = z.object({ user: adminUserSchema, accessCode: accessCodeIssuedSchema });
/** A created user and the code to hand over. */
export type CreatedUserDto = z.infer<typeof createdUserSchema>;

/** A Mission Locale and its sites, as the user form offers them. */
export const adminMissionLocaleSchema = z.object({
  id: z.string(),
  nom: z.string(),
  sites: z.array(z.object({ id: z.string(), nom: z.string() })),
});
/** A Mission Locale in the admin portal. */
export type AdminMissionLocaleDto = z.infer<typeof adminMissionLocaleSchema>;
