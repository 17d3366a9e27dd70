import { z } from 'zod';
import {
  actionCreationSchema,
  actionPatchSchema,
  actionSchema,
  CAPABILITIES,
  evenementCreationSchema,
  evenementPatchSchema,
  evenementSchema,
  evenementsQuerySchema,
  offreInterneCreationSchema,
  offreInternePatchSchema,
  offreInterneSchema,
  offresInternesQuerySchema,
  propositionCreationSchema,
  propositionSchema,
  propositionTransitionSchema,
  suppressionSchema,
  typeEvenementCreationSchema,
  typeEvenementSchema,
} from '@imilo/domain';
import { C, csrf, gated, invalid, type Named, type Operation, type Problems, problems, session } from '../../platform/openapi-kit';

/** The operations of evenements.router.ts. */
export const evenementsOperations = (named: Named): Operation[] => {
  const evenement = named('Evenement', evenementSchema);
  const proposition = named('Proposition', propositionSchema);
  const action = named('Action', actionSchema);
  const offre = named('OffreInterne', offreInterneSchema);
  const typeEvenement = named('TypeEvenement', typeEvenementSchema);
  const jeuneParams = z.object({ id: z.uuid().describe('Le dossier du jeune.') });
  const params = (what: string) => z.object({ id: z.uuid().describe(what) });
  const outOfScope: Problems = { 404: [C.notFound] };
  const reason: Problems = { 403: [C.accessReasonRequired] };
  const stale: Problems = { 409: [C.conflict] };
  const suivi = 'Suivi du parcours';
  const referentiels = 'Référentiels du suivi';
  // A read of the jeune's suivi is a read of the dossier: in scope, with a reason outside the portfolio, audited.
  const readProblems = problems(session, gated, invalid, reason, outOfScope);
  const writeProblems = problems(session, gated, csrf, invalid, reason, outOfScope);
  const conflictNote =
    'Un 409 `conflict` (version dépassée) porte `current` : l’état actuel enregistré, et rien n’est écrit.';
  return [
    {
      method: 'get',
      path: '/api/v1/jeunes/{id}/evenements',
      summary: 'Les événements du jeune, les plus récents d’abord (500 au plus), filtrés par thème, type et jours locaux',
      tag: suivi,
      access: CAPABILITIES.dossiersRead,
      params: jeuneParams,
      query: evenementsQuerySchema,
      success: {
        status: 200,
        description:
          'Les événements non supprimés. `du` et `au` sont des jours de la Mission Locale du jeune (son fuseau). La lecture est ' +
          'journalisée ; hors de son portefeuille, un motif doit avoir été donné (403 `motif-acces-requis`).',
        schema: z.array(evenement),
      },
      problems: readProblems,
    },
    {
      method: 'post',
      path: '/api/v1/jeunes/{id}/evenements',
      idempotent: true,
      summary:
        'Saisie d’un événement (entretien, atelier, appel…) avec les actions et propositions décidées pendant celui-ci, ' +
        'en une transaction ; le chargé d’accueil n’enregistre que le premier accueil',
      tag: suivi,
      access: CAPABILITIES.evenementsWrite,
      alsoAccess: [CAPABILITIES.evenementsPremierAccueil],
      params: jeuneParams,
      body: named('EvenementCreation', evenementCreationSchema),
      success: {
        status: 201,
        description:
          'Événement créé (en-tête `Location`), avec `actionIds` et `propositionIds` ; le « dernier contact » du dossier suit. ' +
          'Un identifiant choisi par le client et déjà pris : 409 `conflict`. Type inconnu de la Mission Locale du jeune, site ' +
          'd’une autre Mission Locale, offre inactive : 400 sur le champ. Sans la capacité `evenements.write`, seul le type ' +
          '`PREMIER_ACCUEIL` sans action ni proposition est permis (403 sinon).',
        schema: evenement,
      },
      problems: problems(writeProblems, stale),
    },
    {
      method: 'get',
      path: '/api/v1/evenements/{id}',
      summary: 'Un événement',
      tag: suivi,
      access: CAPABILITIES.dossiersRead,
      params: params('Un événement.'),
      success: { status: 200, description: 'L’événement (404 une fois supprimé). La lecture est journalisée.', schema: evenement },
      problems: readProblems,
    },
    {
      method: 'patch',
      path: '/api/v1/evenements/{id}',
      idempotent: true,
      summary: 'Modification d’un événement, remplacé en entier, par le conseiller qui l’a enregistré, à partir de la `version` lue',
      tag: suivi,
      access: CAPABILITIES.evenementsWrite,
      params: params('Un événement.'),
      body: named('EvenementPatch', evenementPatchSchema),
      success: {
        status: 200,
        description: `L’événement enregistré, version suivante ; le « dernier contact » du dossier suit. Un autre conseiller : 403. ${conflictNote}`,
        schema: evenement,
      },
      problems: problems(writeProblems, stale),
    },
    {
      method: 'delete',
      path: '/api/v1/evenements/{id}',
      idempotent: true,
      summary: 'Suppression motivée d’un événement par le conseiller qui l’a enregistré (conservé, marqué supprimé, journalisé avec le motif)',
      tag: suivi,
      access: CAPABILITIES.evenementsWrite,
      params: params('Un événement.'),
      body: named('Suppression', suppressionSchema),
      success: { status: 204, description: 'Événement supprimé : il n’est plus lu nulle part ; le « dernier contact » du dossier suit.' },
      problems: writeProblems,
    },
    {
      method: 'get',
      path: '/api/v1/jeunes/{id}/propositions',
      summary: 'Les propositions faites au jeune, les plus récentes d’abord, avec leur historique',
      tag: suivi,
      access: CAPABILITIES.dossiersRead,
      params: jeuneParams,
      success: { status: 200, description: 'Les propositions. La lecture est journalisée.', schema: z.array(proposition) },
      problems: readProblems,
    },
    {
      method: 'post',
      path: '/api/v1/jeunes/{id}/propositions',
      idempotent: true,
      summary:
        'Proposition au jeune d’une offre de l’offre de service interne (son libellé et son thème) ou d’un libellé libre, ' +
        'datée du jour de la Mission Locale sauf précision',
      tag: suivi,
      access: CAPABILITIES.evenementsWrite,
      params: jeuneParams,
      body: named('PropositionCreation', propositionCreationSchema),
      success: {
        status: 201,
        description:
          'Proposition créée, « proposée » (en-tête `Location`). Une offre inactive ou d’une autre Mission Locale : 400 sur ' +
          '`offreId`. Un identifiant choisi par le client et déjà pris : 409 `conflict`.',
        schema: proposition,
      },
      problems: problems(writeProblems, stale),
    },
    {
      method: 'get',
      path: '/api/v1/propositions/{id}',
      summary: 'Une proposition et son historique',
      tag: suivi,
      access: CAPABILITIES.dossiersRead,
      params: params('Une proposition.'),
      success: { status: 200, description: 'La proposition. La lecture est journalisée.', schema: proposition },
      problems: readProblems,
    },
    {
      method: 'patch',
      path: '/api/v1/propositions/{id}',
      idempotent: true,
      summary:
        'Changement d’état d’une proposition (proposée → acceptée ou refusée ; acceptée → réalisée ou abandonnée), par tout ' +
        'conseiller de la Mission Locale ; l’étape écrit un événement administratif sur la chronologie',
      tag: suivi,
      access: CAPABILITIES.evenementsWrite,
      params: params('Une proposition.'),
      body: named('PropositionTransition', propositionTransitionSchema),
      success: {
        status: 200,
        description:
          'La proposition, version suivante, avec sa nouvelle étape et l’événement écrit (à l’heure actuelle si la date est ' +
          'aujourd’hui, sinon à midi de ce jour-là, heure de la Mission Locale). Un changement interdit : 409 `conflict` ; une ' +
          `date antérieure à l’étape précédente : 400 sur \`date\`. ${conflictNote}`,
        schema: proposition,
      },
      problems: problems(writeProblems, stale),
    },
    {
      method: 'get',
      path: '/api/v1/jeunes/{id}/actions',
      summary: 'Les actions du jeune : en cours d’abord, par échéance ; puis les closes, les plus récentes d’abord',
      tag: suivi,
      access: CAPABILITIES.dossiersRead,
      params: jeuneParams,
      success: { status: 200, description: 'Les actions. La lecture est journalisée.', schema: z.array(action) },
      problems: readProblems,
    },
    {
      method: 'post',
      path: '/api/v1/jeunes/{id}/actions',
      idempotent: true,
      summary: 'Une action décidée avec le jeune, « à faire »',
      tag: suivi,
      access: CAPABILITIES.evenementsWrite,
      params: jeuneParams,
      body: named('ActionCreation', actionCreationSchema),
      success: {
        status: 201,
        description: 'Action créée (en-tête `Location`). Un identifiant choisi par le client et déjà pris : 409 `conflict`.',
        schema: action,
      },
      problems: problems(writeProblems, stale),
    },
    {
      method: 'get',
      path: '/api/v1/actions/{id}',
      summary: 'Une action du jeune',
      tag: suivi,
      access: CAPABILITIES.dossiersRead,
      params: params('Une action.'),
      success: { status: 200, description: 'L’action. La lecture est journalisée.', schema: action },
      problems: readProblems,
    },
    {
      method: 'patch',
      path: '/api/v1/actions/{id}',
      idempotent: true,
      summary: 'Modification d’une action, remplacée en entier, par tout conseiller de la Mission Locale, à partir de la `version` lue',
      tag: suivi,
      access: CAPABILITIES.evenementsWrite,
      params: params('Une action.'),
      body: named('ActionPatch', actionPatchSchema),
      success: {
        status: 200,
        description:
          'L’action enregistrée, version suivante ; terminée ou annulée, elle porte le jour local de sa clôture, rouverte, ' +
          `plus aucun. ${conflictNote}`,
        schema: action,
      },
      problems: problems(writeProblems, stale),
    },
    {
      method: 'get',
      path: '/api/v1/types-evenement',
      summary: 'Les types d’événement actifs : nationaux et ceux des Missions Locales de l’utilisateur, dans l’ordre de saisie',
      tag: referentiels,
      access: CAPABILITIES.evenementsWrite,
      alsoAccess: [CAPABILITIES.evenementsPremierAccueil, CAPABILITIES.dossiersRead, CAPABILITIES.referentielsLocal],
      success: {
        status: 200,
        description: '`contact` : un échange avec le jeune, qui fait avancer le « dernier contact » du dossier.',
        schema: z.array(typeEvenement),
      },
      problems: problems(session, gated),
    },
    {
      method: 'post',
      path: '/api/v1/types-evenement',
      idempotent: true,
      summary: 'Ajout d’un type d’événement à la Mission Locale principale de l’administrateur',
      tag: referentiels,
      access: CAPABILITIES.referentielsLocal,
      body: named('TypeEvenementCreation', typeEvenementCreationSchema),
      success: {
        status: 201,
        description: 'Type ajouté. Un code national ou déjà pris par la Mission Locale : 409 `conflict`.',
        schema: typeEvenement,
      },
      problems: problems(session, gated, csrf, invalid, stale),
    },
    {
      method: 'get',
      path: '/api/v1/offres-internes',
      summary: 'L’offre de service interne des Missions Locales de l’utilisateur, par libellé : les offres proposables, ou toutes',
      tag: referentiels,
      access: CAPABILITIES.evenementsWrite,
      alsoAccess: [CAPABILITIES.dossiersRead, CAPABILITIES.referentielsLocal],
      query: offresInternesQuerySchema,
      success: { status: 200, description: 'Les offres (`toutes=true` : aussi les inactives).', schema: z.array(offre) },
      problems: problems(session, gated, invalid),
    },
    {
      method: 'post',
      path: '/api/v1/offres-internes',
      idempotent: true,
      summary: 'Ajout d’une offre à l’offre de service interne de la Mission Locale principale de l’administrateur',
      tag: referentiels,
      access: CAPABILITIES.referentielsLocal,
      body: named('OffreInterneCreation', offreInterneCreationSchema),
      success: { status: 201, description: 'Offre ajoutée. Un code déjà pris dans la Mission Locale : 409 `conflict`.', schema: offre },
      problems: problems(session, gated, csrf, invalid, stale),
    },
    {
      method: 'patch',
      path: '/api/v1/offres-internes/{id}',
      idempotent: true,
      summary: 'Modification d’une offre (tout sauf son code) ; une offre inactive n’est plus proposable',
      tag: referentiels,
      access: CAPABILITIES.referentielsLocal,
      params: params('Une offre de l’offre de service interne.'),
      body: named('OffreInternePatch', offreInternePatchSchema),
      success: { status: 200, description: 'L’offre enregistrée.', schema: offre },
      problems: problems(session, gated, csrf, invalid, outOfScope),
    },
  ];
};
