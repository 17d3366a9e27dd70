/** Roles a user may hold (permissions.md); a user holds one or more. */
export const ROLES = ['conseiller', 'charge_accueil', 'direction', 'admin_ml', 'admin_national', 'jeune'] as const;

/** One of the roles. */
export type Role = (typeof ROLES)[number];

/** BI profiles, held in addition to a staff role; they only govern the BI portal. */
export const BI_PROFILS = ['consultant', 'avance', 'expert', 'valideur'] as const;

/** One BI profile. */
export type BiProfil = (typeof BI_PROFILS)[number];

/** French labels of the roles, as the UI shows them. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  conseiller: 'Conseiller',
  charge_accueil: "Chargé d'accueil",
  direction: 'Direction',
  admin_ml: 'Administrateur de la Mission Locale',
  admin_national: 'Administrateur national',
  jeune: 'Jeune',
};

/** Staff roles (everything but jeune): a jeune account can never be mixed with them. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'jeune');
