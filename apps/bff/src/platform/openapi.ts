import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  accesMotifSchema,
  acceptCguSchema,
  accessCodeIssuedSchema,
  activateSchema,
  adminMissionLocaleSchema,
  adminUserSchema,
  CAPABILITIES,
  cguSchema,
  changePasswordSchema,
  communeSchema,
  communesQuerySchema,
  createdUserSchema,
  createUserSchema,
  demandeTransfertSchema,
  dossierCreationSchema,
  dossierPatchSchema,
  dossierSchema,
  healthSchema,
  idempotencyKeySchema,
  jeuneCriteresQuerySchema,
  jeuneCriteresShape,
  jeuneResultatsSchema,
  loginSchema,
  meSchema,
  MIME_PIECES,
  pieceDecisionSchema,
  pieceSchema,
  pieceUploadSchema,
  problemSchema,
  publishCguSchema,
  revelationResultSchema,
  revelationSchema,
  rechercheSauvegardeeCreationSchema,
  rechercheSauvegardeeSchema,
  updateUserSchema,
  userIdParamsSchema,
} from '@imilo/domain';
import {
  ACCESS_ANY_EXTENSION,
  ACCESS_EXTENSION,
  C,
  CODES_EXTENSION,
  csrf,
  gated,
  invalid,
  type Operation,
  PROBLEMS,
  type Problems,
  problems,
  session,
  STATUSES,
  throttled,
} from './openapi-kit';
import { agendaOperations } from '../features/agenda/agenda.openapi';
import { cmiloOperations } from '../features/cmilo/cmilo.openapi';
import { compteCmiloOperations } from '../features/cmilo/compte-cmilo.openapi';
import { evenementsOperations } from '../features/evenements/evenements.openapi';
import { sitesOperations } from '../features/evenements/sites.openapi';
import { smsOutboxOperations } from '../features/notifications/sms-outbox.openapi';
import { timelineOperations } from '../features/evenements/timeline.openapi';
import { notificationsOperations } from '../features/notifications/notifications.openapi';
import { portailOperations } from '../features/portail/portail.openapi';
import { sessionsOperations } from '../features/sessions/sessions.openapi';
import { IDEMPOTENCY_HEADER } from './idempotency';
import { SESSION_COOKIE } from './session';

/** The dossier: premier accueil, transfer requests, reading, editing, access reasons, reveals (#3). */
const dossierOperations = (named: <T extends z.ZodType>(name: string, schema: T) => T): Operation[] => {
  const dossier = named('Dossier', dossierSchema);
  const params = z.object({ id: z.uuid().describe('Le dossier du jeune.') });
  const outOfScope: Problems = { 404: [C.notFound] };
  const reason: Problems = { 403: [C.accessReasonRequired] };
  return [
    {
      method: 'post',
      path: '/api/v1/jeunes',
      summary:
        'Premier accueil : création du dossier dans la Mission Locale principale, après la recherche de doublons ' +
        '(homonymes nés le même jour, au niveau national)',
      tag: 'Dossiers',
      access: CAPABILITIES.dossiersCreate,
      body: named('DossierCreation', dossierCreationSchema),
      success: {
        status: 201,
        description:
          'Dossier créé (en-tête `Location`), tel que le créateur peut le lire ; la création est journalisée. Un 409 ' +
          '`conflict` porte `doublons` : `missionLocale`, les dossiers proches de ses Missions Locales, et `ailleurs`, ' +
          "s'il en existe dans une autre (sans rien en dire) ; rien n'est écrit tant que `confirmerDoublon` n'est pas vrai.",
        schema: dossier,
      },
      // The success description says what the 409 carries: the problem schema is shared by every answer.
      problems: problems(session, gated, csrf, invalid, { 409: [C.conflict] }),
    },
    {
      method: 'post',
      path: '/api/v1/jeunes/demandes-transfert',
      summary:
        "Demande de transfert des dossiers de ce jeune tenus par d'autres Missions Locales (art. 3 II du décret) : " +
        'la Mission Locale qui le tient décide ; une demande en attente ne se répète pas',
      tag: 'Dossiers',
      access: CAPABILITIES.dossiersCreate,
      body: named('DemandeTransfert', demandeTransfertSchema),
      success: {
        status: 201,
        description: 'Le nombre de demandes en attente pour ce jeune ; rien de plus sur l’autre Mission Locale.',
        schema: named('DemandesTransfertResult', z.object({ demandes: z.number().int() })),
      },
      problems: problems(session, gated, csrf, invalid, outOfScope),
    },
    {
      method: 'get',
      path: '/api/v1/jeunes/{id}',
      summary:
        "Le dossier en un appel : sections lisibles selon le rôle (l'accueil : identité et coordonnées), adresses, " +
        'situations, pièces, situation courante, complétude et âge au jour local de la Mission Locale',
      tag: 'Dossiers',
      access: CAPABILITIES.dossiersRead,
      alsoAccess: [CAPABILITIES.dossiersReadIdentite],
      params,
      success: {
        status: 200,
        description:
          'Le dossier ; NIR et numéro de pièce d’identité masqués. Chaque lecture est journalisée. Hors de son portefeuille, ' +
          'un conseiller ou la direction doit d’abord donner un motif (403 `motif-acces-requis`, puis POST …/acces).',
        schema: dossier,
      },
      problems: problems(session, gated, invalid, reason, outOfScope),
    },
    {
      method: 'patch',
      path: '/api/v1/jeunes/{id}',
      idempotent: true,
      summary:
        'Modification des sections envoyées (chacune remplacée en entier), à partir de la `version` lue ; ' +
        'un changement d’adresse garde l’ancienne en historique',
      tag: 'Dossiers',
      access: CAPABILITIES.dossiersEdit,
      alsoAccess: [CAPABILITIES.dossiersEditIdentite],
      params,
      body: named('DossierPatch', dossierPatchSchema),
      success: {
        status: 200,
        description:
          'Le dossier enregistré, version suivante ; complétude et situation courante recalculées. Un 409 `conflict` ' +
          '(version dépassée) porte `current` : le dossier actuel (schéma Dossier), et rien n’est écrit.',
        schema: dossier,
      },
      problems: problems(session, gated, csrf, invalid, reason, outOfScope, { 409: [C.conflict] }),
    },
    {
      method: 'post',
      path: '/api/v1/jeunes/{id}/acces',
      summary: 'Motif de consultation d’un dossier hors de son portefeuille, journalisé et retenu pour la session',
      tag: 'Dossiers',
      access: CAPABILITIES.dossiersRead,
      params,
      body: named('AccesMotif', accesMotifSchema),
      success: { status: 204, description: 'Motif enregistré : le dossier peut être ouvert pendant cette session.' },
      problems: problems(session, gated, csrf, invalid, outOfScope),
    },
    {
      method: 'post',
      path: '/api/v1/jeunes/{id}/revelation',
      summary: 'Affichage en clair du NIR ou du numéro de pièce d’identité (journalisé, sans la valeur)',
      tag: 'Dossiers',
      access: CAPABILITIES.dossiersRevealSensitive,
      params,
      body: named('Revelation', revelationSchema),
      success: { status: 200, description: 'La valeur, à ne pas garder.', schema: named('RevelationResult', revelationResultSchema) },
      problems: problems(session, gated, csrf, invalid, reason, outOfScope),
    },
  ];
};

/** Pièces justificatives and saved searches (#3). */
const piecesEtRecherches = (named: <T extends z.ZodType>(name: string, schema: T) => T): Operation[] => {
  const piece = named('Piece', pieceSchema);
  const recherche = named('RechercheSauvegardee', rechercheSauvegardeeSchema);
  const jeuneParams = z.object({ id: z.uuid().describe('Le dossier du jeune.') });
  const pieceParams = jeuneParams.extend({ pieceId: z.uuid().describe('Une pièce de ce dossier.') });
  const upload = named(
    'PieceUpload',
    pieceUploadSchema.extend({
      fichier: z.string().meta({ format: 'binary', description: 'Le fichier : PDF, JPEG ou PNG, 10 Mo au plus.' }),
    }),
  );
  const outOfScope: Problems = { 404: [C.notFound] };
  return [
    {
      method: 'post',
      path: '/api/v1/jeunes/{id}/pieces',
      summary:
        "Dépôt d'une pièce justificative (multipart : `fichier` et `type`) ; son format est reconnu à son contenu, " +
        'quels que soient son nom et le type annoncé',
      tag: 'Pièces justificatives',
      access: CAPABILITIES.piecesUpload,
      params: jeuneParams,
      body: upload,
      bodyType: 'multipart/form-data',
      success: { status: 201, description: 'Pièce déposée, à valider ; la complétude du dossier est recalculée.', schema: piece },
      problems: problems(session, gated, csrf, invalid, outOfScope, {
        413: [C.payloadTooLarge],
        415: [C.unsupportedMediaType],
      }),
    },
    {
      method: 'get',
      path: '/api/v1/jeunes/{id}/pieces',
      summary: 'Les pièces justificatives du dossier, les plus récentes d’abord (sans leur contenu)',
      tag: 'Pièces justificatives',
      access: CAPABILITIES.piecesUpload,
      params: jeuneParams,
      success: { status: 200, description: 'Les pièces. La consultation est journalisée.', schema: z.array(piece) },
      problems: problems(session, gated, invalid, outOfScope),
    },
    {
      method: 'get',
      path: '/api/v1/jeunes/{id}/pieces/{pieceId}/contenu',
      summary: "Le contenu d'une pièce, affichable dans le navigateur mais inerte (CSP `sandbox`, `nosniff`, jamais en cache)",
      tag: 'Pièces justificatives',
      access: CAPABILITIES.piecesUpload,
      params: pieceParams,
      success: {
        status: 200,
        description: 'Les octets déposés, avec le type reconnu au dépôt. La lecture est journalisée.',
        schema: z.string().meta({ format: 'binary' }),
        mediaTypes: MIME_PIECES,
      },
      problems: problems(session, gated, invalid, outOfScope),
    },
    {
      method: 'post',
      path: '/api/v1/jeunes/{id}/pieces/{pieceId}/decision',
      summary: 'Validation ou refus motivé d’une pièce ; une nouvelle décision remplace la précédente',
      tag: 'Pièces justificatives',
      access: CAPABILITIES.piecesValidate,
      params: pieceParams,
      body: named('PieceDecision', pieceDecisionSchema),
      success: { status: 200, description: 'Pièce décidée ; la complétude du dossier est recalculée.', schema: piece },
      problems: problems(session, gated, csrf, invalid, outOfScope),
    },
    {
      method: 'get',
      path: '/api/v1/recherches',
      summary: "Les recherches sauvegardées de l'utilisateur, par nom",
      tag: 'Dossiers',
      access: CAPABILITIES.dossiersSearch,
      success: { status: 200, description: 'Ses recherches.', schema: z.array(recherche) },
      problems: problems(session, gated),
    },
    {
      method: 'post',
      path: '/api/v1/recherches',
      summary: 'Sauvegarde de critères de recherche sous un nom (50 au plus par utilisateur)',
      tag: 'Dossiers',
      access: CAPABILITIES.dossiersSearch,
      body: named('RechercheSauvegardeeCreation', rechercheSauvegardeeCreationSchema),
      success: { status: 201, description: 'Recherche sauvegardée.', schema: recherche },
      problems: problems(session, gated, csrf, invalid, { 409: [C.conflict] }),
    },
    {
      method: 'delete',
      path: '/api/v1/recherches/{id}',
      summary: "Suppression d'une recherche sauvegardée de l'utilisateur",
      tag: 'Dossiers',
      access: CAPABILITIES.dossiersSearch,
      params: z.object({ id: z.uuid().describe('Une recherche sauvegardée de l’utilisateur.') }),
      success: { status: 204, description: 'Recherche supprimée.' },
      problems: problems(session, gated, csrf, invalid, outOfScope),
    },
  ];
};

/** The commune picker of the dossier forms and the search criteria (#3). */
const communeOperations = (named: <T extends z.ZodType>(name: string, schema: T) => T): Operation[] => [
  {
    method: 'get',
    path: '/api/v1/communes',
    summary:
      'Les communes actuelles (liste officielle) par nom, début du nom ou de ses mots (sans accents ; « st » vaut ' +
      '« saint »), par code postal ou son début, ou par code INSEE : pour choisir une commune sans connaître son code',
    tag: 'Dossiers',
    access: CAPABILITIES.dossiersCreate,
    alsoAccess: [CAPABILITIES.dossiersEditIdentite, CAPABILITIES.dossiersSearch],
    query: communesQuerySchema.extend({
      q: communesQuerySchema.shape.q.describe('Nom de la commune, code postal ou code INSEE ; 2 à 60 caractères.'),
    }),
    success: {
      status: 200,
      description:
        'Dix communes au plus : nom exact, puis début du nom, puis début d’un mot, les plus peuplées d’abord ; ' +
        '`insee` est la valeur à enregistrer. Données publiques : `Cache-Control: public, max-age=86400`.',
      schema: z.array(named('Commune', communeSchema)),
    },
    problems: problems(session, gated, invalid),
  },
];

// The query of GET /api/v1/jeunes: the shared schema, each parameter described with what the search makes of it.
const criteres = jeuneCriteresShape;
const jeuneCriteresQueryDoc = jeuneCriteresQuerySchema.safeExtend({
  q: jeuneCriteresQuerySchema.shape.q.describe(
    'Nom, prénoms, matricule, téléphone ou e-mail ; facultatif : sans texte, seuls les critères s’appliquent et le total est compté.',
  ),
  ageMin: criteres.ageMin.describe('Âge minimum, au jour local de la Mission Locale du jeune.'),
  ageMax: criteres.ageMax.describe('Âge maximum, au jour local de la Mission Locale du jeune.'),
  niveau: criteres.niveau.describe('Niveau de formation : 2019 (3 à 8) ou historique (VI, V_BIS, V).'),
  situationCategorie: criteres.situationCategorie.describe(
    'Seule : la catégorie de la situation courante (celle du badge). Avec `situationEtat` : une situation du dossier de ' +
      'cette catégorie dans cet état, courante ou non (une formation prévue, un emploi terminé).',
  ),
  situationEtat: criteres.situationEtat.describe(
    'Seul : une situation du dossier dans cet état (`EN_COURS` : le jeune a une situation courante). Avec `situationCategorie` : voir ce critère.',
  ),
  communeInsee: criteres.communeInsee.describe('La commune de l’adresse actuelle (code INSEE).'),
  departement: criteres.departement.describe('Le département de la commune de l’adresse actuelle (3 caractères outre-mer : 971 à 976).'),
  qpv: criteres.qpv.describe('Adresse actuelle en quartier prioritaire de la politique de la ville (QPV) ou non.'),
  referent: criteres.referent.describe('Le référent du dossier : son identifiant, `moi` (l’utilisateur) ou `aucun`.'),
  completude: criteres.completude.describe('Niveau de complétude calculé du dossier.'),
  contactDepuis: criteres.contactDepuis.describe('Dernier contact ce jour-là ou après.'),
  contactAvant: criteres.contactAvant.describe('Dernier contact avant ce jour-là, ou jamais.'),
  statut: criteres.statut.describe('`actif` (par défaut), `archive` ou `tous` ; un dossier anonymisé n’est jamais trouvé.'),
  sort: jeuneCriteresQuerySchema.shape.sort.describe(
    '`pertinence` (par défaut avec un texte, qu’il exige), `nom` (par défaut sans texte : nom d’usage ou de naissance puis ' +
      'prénoms, sans accents ni casse), `age` (le plus jeune d’abord), `dernierContact` (le plus ancien d’abord ; jamais ' +
      'contacté en dernier), `creation` ; « - » devant : ordre inverse. Avec un texte, un autre tri que la pertinence ' +
      'réordonne ses correspondances. L’identifiant départage toujours, pour des pages stables.',
  ),
});

/** Builds the document's schemas and operations from the shared zod schemas. */
const operations = (): Operation[] => {
  // zod 4's own `id` metadata names a component. (extendZodWithOpenApi's `.openapi()` would only reach schemas
  // created after it ran, and the shared schemas are built when @imilo/domain loads, before this module.)
  const named = <T extends z.ZodType>(name: string, schema: T): T => schema.meta({ id: name });
  const me = named('Me', meSchema);
  const cgu = named('Cgu', cguSchema);
  const adminUser = named('AdminUser', adminUserSchema);
  return [
    {
      method: 'get',
      path: '/api/health',
      summary: 'État du service et de sa base de données',
      tag: 'Service',
      access: 'public',
      success: { status: 200, description: 'Service et base disponibles.', schema: named('Health', healthSchema) },
      problems: {},
    },
    {
      method: 'get',
      path: '/api/docs',
      summary: 'Ce document OpenAPI 3.1',
      tag: 'Service',
      access: 'public',
      success: { status: 200, description: 'Le document OpenAPI.', schema: z.record(z.string(), z.unknown()) },
      problems: {},
    },
    {
      method: 'get',
      path: '/api/v1/auth/csrf',
      summary: 'Dépose le cookie XSRF-TOKEN, à recopier dans l’en-tête X-XSRF-TOKEN',
      tag: 'Connexion',
      access: 'public',
      success: { status: 204, description: 'Cookie déposé.' },
      problems: {},
    },
    {
      method: 'post',
      path: '/api/v1/auth/login',
      summary: 'Connexion par identifiant et mot de passe',
      tag: 'Connexion',
      access: 'public',
      body: named('Login', loginSchema),
      success: { status: 200, description: 'Connecté : la session est ouverte.', schema: me },
      problems: problems(invalid, { 401: [C.invalidCredentials] }, csrf, throttled),
    },
    {
      method: 'post',
      path: '/api/v1/auth/activate',
      summary: "Activation d'un compte avec le code d'accès, et choix du mot de passe",
      tag: 'Connexion',
      access: 'public',
      body: named('Activate', activateSchema),
      success: { status: 200, description: 'Compte activé et connecté.', schema: me },
      problems: problems(
        invalid,
        { 400: [C.weakPassword, C.passwordReused], 401: [C.invalidCredentials, C.accessCodeExpired, C.accessCodeUsed] },
        csrf,
        throttled,
      ),
    },
    {
      method: 'post',
      path: '/api/v1/auth/logout',
      summary: 'Déconnexion de cet appareil',
      tag: 'Connexion',
      access: 'session',
      success: { status: 204, description: 'Session fermée.' },
      problems: problems(session, csrf),
    },
    {
      method: 'post',
      path: '/api/v1/auth/logout-all',
      summary: 'Déconnexion de tous les appareils',
      tag: 'Connexion',
      access: 'session',
      success: { status: 204, description: 'Toutes les sessions sont fermées.' },
      problems: problems(session, csrf),
    },
    {
      method: 'post',
      path: '/api/v1/auth/password',
      summary: 'Changement du mot de passe',
      tag: 'Connexion',
      access: 'session',
      body: named('ChangePassword', changePasswordSchema),
      success: { status: 200, description: 'Mot de passe changé.', schema: me },
      problems: problems(session, csrf, invalid, { 400: [C.invalidCredentials, C.weakPassword, C.passwordReused] }),
    },
    {
      method: 'get',
      path: '/api/v1/me',
      summary: "L'utilisateur connecté, ses rôles et ce qu'il doit faire avant d'entrer",
      tag: 'Connexion',
      access: 'session',
      success: { status: 200, description: "L'utilisateur connecté.", schema: me },
      problems: session,
    },
    {
      method: 'get',
      path: '/api/v1/cgu/current',
      summary: "Les CGU en vigueur pour le public de l'utilisateur",
      tag: 'CGU',
      access: 'session',
      success: { status: 200, description: 'La version en vigueur et, le cas échéant, sa date d’acceptation.', schema: cgu },
      problems: problems(session, { 404: [C.notFound] }),
    },
    {
      method: 'post',
      path: '/api/v1/cgu/accept',
      summary: 'Acceptation de la version en vigueur des CGU',
      tag: 'CGU',
      access: 'session',
      body: named('AcceptCgu', acceptCguSchema),
      success: { status: 200, description: 'CGU acceptées.', schema: me },
      problems: problems(session, csrf, invalid, { 404: [C.notFound], 409: [C.conflict] }),
    },
    {
      method: 'get',
      path: '/api/v1/admin/users',
      summary: 'Les comptes professionnels des Missions Locales de l’administrateur, par nom puis prénom',
      tag: 'Administration',
      access: CAPABILITIES.usersManage,
      success: { status: 200, description: 'Les comptes.', schema: z.array(adminUser) },
      problems: problems(session, gated),
    },
    {
      method: 'get',
      path: '/api/v1/admin/missions-locales',
      summary: 'Les Missions Locales de l’administrateur et leurs sites',
      tag: 'Administration',
      access: CAPABILITIES.usersManage,
      success: {
        status: 200,
        description: 'Les Missions Locales.',
        schema: z.array(named('AdminMissionLocale', adminMissionLocaleSchema)),
      },
      problems: problems(session, gated),
    },
    {
      method: 'post',
      path: '/api/v1/admin/users',
      summary: "Création d'un compte professionnel et de son premier code d'accès (montré une seule fois)",
      tag: 'Administration',
      access: CAPABILITIES.usersManage,
      body: named('CreateUser', createUserSchema),
      success: {
        status: 201,
        description: "Compte créé ; le code d'accès est à remettre à l'utilisateur.",
        schema: named('CreatedUser', createdUserSchema),
      },
      problems: problems(session, gated, csrf, invalid, { 404: [C.notFound], 409: [C.conflict] }),
    },
    {
      method: 'patch',
      path: '/api/v1/admin/users/{id}',
      summary: "Modification des rôles, des profils BI ou de l'activité d'un compte",
      tag: 'Administration',
      access: CAPABILITIES.usersManage,
      params: userIdParamsSchema,
      body: named('UpdateUser', updateUserSchema),
      success: { status: 200, description: 'Compte modifié ; une désactivation ferme ses sessions.', schema: adminUser },
      problems: problems(session, gated, csrf, invalid, { 404: [C.notFound], 409: [C.conflict] }),
    },
    {
      method: 'post',
      path: '/api/v1/admin/users/{id}/access-code',
      summary: "Nouveau code d'accès (le précédent est révoqué)",
      tag: 'Administration',
      access: CAPABILITIES.usersManage,
      params: userIdParamsSchema,
      success: {
        status: 201,
        description: 'Le code, montré une seule fois.',
        schema: named('AccessCodeIssued', accessCodeIssuedSchema),
      },
      problems: problems(session, gated, csrf, invalid, { 404: [C.notFound] }),
    },
    {
      method: 'post',
      path: '/api/v1/admin/cgu',
      summary: "Publication d'une nouvelle version des CGU : chacun de ce public devra l'accepter à nouveau",
      tag: 'Administration',
      access: CAPABILITIES.cguPublish,
      body: named('PublishCgu', publishCguSchema),
      success: { status: 201, description: 'Version publiée.', schema: cgu },
      problems: problems(session, gated, csrf, invalid),
    },
    {
      method: 'get',
      path: '/api/v1/jeunes',
      summary:
        'Recherche multicritère des dossiers de jeunes des Missions Locales de l’utilisateur : un texte (nom sans accents ' +
        'ou avec une faute de frappe, matricule, téléphone, e-mail) et/ou des critères, qui se cumulent ; triée, paginée, ' +
        'partageable en URL',
      tag: 'Dossiers',
      access: CAPABILITIES.dossiersSearch,
      query: jeuneCriteresQueryDoc,
      success: {
        status: 200,
        description:
          'Une page de résultats (âge, commune, référent, situation courante, complétude, dernier contact) ; `hasMore` dit si ' +
          'une page suivante existe ; `total` compte les dossiers répondant aux critères quand aucun texte n’est saisi, ' +
          'et vaut null avec un texte (une correspondance approchée ne se compte pas). La recherche est journalisée avec ' +
          'son texte et ses critères, jamais ses résultats.',
        schema: named('JeuneResultats', jeuneResultatsSchema),
      },
      problems: problems(session, gated, invalid),
    },
    ...dossierOperations(named),
    ...piecesEtRecherches(named),
    ...communeOperations(named),
    ...evenementsOperations(named),
    ...timelineOperations(named),
    ...notificationsOperations(named),
    ...sitesOperations(named),
    ...smsOutboxOperations(named),
    ...sessionsOperations(named),
    ...cmiloOperations(named),
    ...compteCmiloOperations(named),
    ...agendaOperations(named),
    ...portailOperations(named),
  ];
};

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/** Session cookie for signed-in routes; every POST/PATCH/DELETE also echoes the CSRF token. */
const securityOf = (operation: Operation) => {
  const requirement = {
    ...(operation.access === 'public' ? {} : { session: [] }),
    ...(UNSAFE.has(operation.method) ? { csrf: [] } : {}),
  };
  return Object.keys(requirement).length > 0 ? [requirement] : [];
};

const idempotencyHeader = z.object({
  [IDEMPOTENCY_HEADER]: idempotencyKeySchema
    .optional()
    .describe(
      "Rejouée avec la même clé (file d'attente hors ligne), la requête n'est exécutée qu'une fois et reçoit la même " +
        'réponse (`Idempotent-Replayed: true`) ; la même clé avec un autre corps : 409 `idempotency-key-reused`.',
    ),
});

// A keyed write may also meet its key reused with another body.
const problemsOf = (operation: Operation): Problems =>
  operation.idempotent ? problems(operation.problems, invalid, { 409: [C.idempotencyKeyReused] }) : operation.problems;

const toRoute = (operation: Operation, problem: z.ZodType): RouteConfig => ({
  method: operation.method,
  path: operation.path,
  summary: operation.summary,
  tags: [operation.tag],
  security: securityOf(operation),
  ...(operation.access !== 'public' && operation.access !== 'session'
    ? {
        description: operation.alsoAccess?.length
          ? `Capacité requise, l'une de : ${[operation.access, ...operation.alsoAccess].map((c) => `\`${c}\``).join(', ')}.`
          : `Capacité requise : \`${operation.access}\`.`,
      }
    : {}),
  [ACCESS_EXTENSION]: operation.access,
  ...(operation.alsoAccess?.length ? { [ACCESS_ANY_EXTENSION]: [operation.access, ...operation.alsoAccess] } : {}),
  request: {
    ...(operation.idempotent ? { headers: idempotencyHeader } : {}),
    ...(operation.params ? { params: operation.params } : {}),
    ...(operation.query ? { query: operation.query } : {}),
    ...(operation.body
      ? { body: { required: true, content: { [operation.bodyType ?? 'application/json']: { schema: operation.body } } } }
      : {}),
  },
  responses: {
    [operation.success.status]: {
      description: operation.success.description,
      ...(operation.success.schema
        ? {
            content: Object.fromEntries(
              (operation.success.mediaTypes ?? ['application/json']).map((type) => [type, { schema: operation.success.schema }]),
            ),
          }
        : {}),
    },
    ...Object.fromEntries(
      STATUSES.flatMap((status) => {
        const codes = problemsOf(operation)[status];
        const answer = {
          description: `${PROBLEMS[status]} Codes : ${codes?.map((code) => `\`${code}\``).join(', ')}.`,
          [CODES_EXTENSION]: codes,
          content: { 'application/problem+json': { schema: problem } },
        };
        return codes ? [[status, answer]] : [];
      }),
    ),
  },
});

/** The OpenAPI 3.1 document of the API, generated from the zod schemas the BFF validates with. */
export const buildOpenApiDocument = (version: string) => {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  registry.registerComponent('securitySchemes', 'csrf', { type: 'apiKey', in: 'header', name: 'X-XSRF-TOKEN' });
  const problem = problemSchema.meta({ id: 'Problem' });
  for (const operation of operations()) {
    registry.registerPath(toRoute(operation, problem));
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'imilo — API du BFF',
      version,
      description:
        'API REST + JSON de la PWA imilo, sous le même domaine. Les erreurs sont des documents RFC 9457 ' +
        '(`application/problem+json`) avec un `code` stable. Les requêtes POST, PATCH et DELETE renvoient le jeton CSRF ' +
        "du cookie XSRF-TOKEN dans l'en-tête X-XSRF-TOKEN.",
    },
  });
};
