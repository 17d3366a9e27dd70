import type { Role } from './roles';

/**
 * Capabilities of the permission matrix (shared/domain/permissions.md), one key per cell-row.
 * Later issues add rows here and in their tests.
 */
export const CAPABILITIES = {
  dossiersSearch: 'dossiers.search',
  dossiersCreate: 'dossiers.create',
  dossiersRead: 'dossiers.read',
  dossiersReadIdentite: 'dossiers.read-identite',
  dossiersEdit: 'dossiers.edit',
  dossiersEditIdentite: 'dossiers.edit-identite',
  dossiersRevealSensitive: 'dossiers.reveal-sensitive',
  piecesUpload: 'pieces.upload',
  piecesValidate: 'pieces.validate',
  evenementsWrite: 'evenements.write',
  evenementsPremierAccueil: 'evenements.premier-accueil',
  agendaMine: 'agenda.mine',
  agendaSite: 'agenda.site',
  agendaBookForColleague: 'agenda.book-for-colleague',
  rendezVousClose: 'rendez-vous.close',
  memos: 'memos',
  cmiloAccountCreate: 'cmilo-account.create',
  cmiloSelf: 'cmilo.self',
  homeConseiller: 'home.conseiller',
  homeDirection: 'home.direction',
  homeAdmin: 'home.admin',
  homeCmilo: 'home.cmilo',
  pilotageRead: 'pilotage.read',
  smsBudget: 'sms.budget',
  usersManage: 'users.manage',
  usersManageAllMissionsLocales: 'users.manage-all',
  referentielsLocal: 'referentiels.local',
  structuresNational: 'structures.national',
  cguPublish: 'cgu.publish',
  auditRead: 'audit.read',
  auditReport: 'audit.report',
  outboxOwn: 'outbox.own',
  outboxMissionLocale: 'outbox.mission-locale',
} as const;

/** One capability. */
export type Capability = (typeof CAPABILITIES)[keyof typeof CAPABILITIES];

const C = CAPABILITIES;

/** The matrix: which capabilities each role grants. */
export const ROLE_CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  conseiller: [
    C.dossiersSearch, C.dossiersCreate, C.dossiersRead, C.dossiersEdit, C.dossiersRevealSensitive,
    C.piecesUpload, C.piecesValidate, C.evenementsWrite, C.agendaMine, C.agendaSite, C.agendaBookForColleague,
    C.rendezVousClose, C.memos, C.cmiloAccountCreate, C.homeConseiller, C.outboxOwn,
  ],
  charge_accueil: [
    C.dossiersSearch, C.dossiersCreate, C.dossiersReadIdentite, C.dossiersEditIdentite, C.piecesUpload,
    C.evenementsPremierAccueil, C.agendaSite, C.agendaBookForColleague, C.memos, C.cmiloAccountCreate, C.homeConseiller,
  ],
  direction: [
    C.dossiersSearch, C.dossiersCreate, C.dossiersRead, C.dossiersRevealSensitive, C.agendaMine, C.agendaSite,
    C.agendaBookForColleague, C.rendezVousClose, C.memos, C.homeDirection, C.pilotageRead, C.smsBudget,
    C.auditReport, C.outboxMissionLocale,
  ],
  admin_ml: [C.homeAdmin, C.usersManage, C.referentielsLocal, C.auditRead, C.auditReport, C.outboxMissionLocale],
  admin_national: [
    C.homeAdmin, C.usersManage, C.usersManageAllMissionsLocales, C.referentielsLocal, C.structuresNational,
    C.cguPublish, C.auditRead, C.auditReport, C.outboxMissionLocale,
  ],
  jeune: [C.cmiloSelf, C.homeCmilo],
};

/** Whether a user holding these roles has the capability. */
export const can = (roles: readonly Role[], capability: Capability): boolean =>
  roles.some((role) => ROLE_CAPABILITIES[role].includes(capability));

/** The portals of the PWA; BI does not exist yet. */
export const PORTALS = ['conseiller', 'admin', 'c-milo'] as const;

/** One portal. */
export type Portal = (typeof PORTALS)[number];

/** The capability that opens each portal. */
const PORTAL_CAPABILITIES: Readonly<Record<Portal, readonly Capability[]>> = {
  conseiller: [C.homeConseiller, C.homeDirection],
  admin: [C.homeAdmin],
  'c-milo': [C.homeCmilo],
};

/** The portals these roles may open, in the order the navigation shows them. */
export const portalsFor = (roles: readonly Role[]): Portal[] =>
  PORTALS.filter((portal) => PORTAL_CAPABILITIES[portal].some((capability) => can(roles, capability)));

/** The portal a user lands on after sign-in, or null when the roles open none. */
export const homePortal = (roles: readonly Role[]): Portal | null => portalsFor(roles)[0] ?? null;
