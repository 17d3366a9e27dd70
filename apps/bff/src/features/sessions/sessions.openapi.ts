import { z } from 'zod';
import {
  agendaQuerySchema,
  annulationSchema,
  CAPABILITIES,
  emargementSchema,
  inscriptionCreationSchema,
  inscriptionSchema,
  sessionCreationSchema,
  sessionDetailSchema,
  sessionPatchSchema,
  sessionSchema,
} from '@imilo/domain';
import { C, csrf, gated, invalid, type Named, type Operation, type Problems, problems, session } from '../../platform/openapi-kit';
import { inscriptionParamsSchema, sessionParamsSchema } from './sessions.router';

/** The operations of sessions.router.ts. */
export const sessionsOperations = (named: Named): Operation[] => {
  const sessionDto = named('Session', sessionSchema);
  const detail = named('SessionDetail', sessionDetailSchema);
  const tag = 'Sessions collectives';
  const outOfScope: Problems = { 404: [C.notFound] };
  const refused: Problems = { 409: [C.conflict] };
  const read = problems(session, gated, invalid, outOfScope);
  const write = problems(session, gated, csrf, invalid, outOfScope, refused);
  const closedNote = 'Une session clôturée ou annulée ne se modifie plus (409 `conflict`).';
  return [
    {
      method: 'get',
      path: '/api/v1/sessions',
      summary: 'Les sessions des Missions Locales de l’utilisateur qui commencent dans une période de jours locaux',
      tag,
      access: CAPABILITIES.agendaSite,
      alsoAccess: [CAPABILITIES.agendaMine],
      query: agendaQuerySchema,
      success: {
        status: 200,
        description:
          'Les sessions (annulées comprises), les plus proches d’abord, avec leurs places libres ; `from` et `to` sont des jours ' +
          'du fuseau de la Mission Locale de chaque session ; `site` et `conseiller` (l’animateur) filtrent. Lecture journalisée.',
        schema: z.array(sessionDto),
      },
      problems: problems(session, gated, invalid),
    },
    {
      method: 'get',
      path: '/api/v1/sessions/{id}',
      summary: 'Une session et ses inscriptions (rang sur la liste d’attente)',
      tag,
      access: CAPABILITIES.agendaSite,
      alsoAccess: [CAPABILITIES.agendaMine],
      params: sessionParamsSchema,
      success: { status: 200, description: 'La session ; les inscrits, puis la liste d’attente dans l’ordre, puis les désinscrits.', schema: detail },
      problems: read,
    },
    {
      method: 'post',
      path: '/api/v1/sessions',
      idempotent: true,
      summary: 'Planifier une session collective animée par l’utilisateur',
      tag,
      access: CAPABILITIES.agendaMine,
      body: named('SessionCreation', sessionCreationSchema),
      success: {
        status: 201,
        description:
          'Session créée (en-tête `Location`). L’offre doit être un atelier ou une information collective active de l’offre de ' +
          'service de la Mission Locale, le site de la même Mission Locale, la date limite d’inscription au plus tard le jour de ' +
          'la session, le début dans la fenêtre d’un rendez-vous (un an avant, deux ans après) : 400 sur le champ sinon. Un ' +
          'identifiant déjà pris : 409.',
        schema: sessionDto,
      },
      problems: problems(session, gated, csrf, invalid, refused),
    },
    {
      method: 'patch',
      path: '/api/v1/sessions/{id}',
      idempotent: true,
      summary: 'Modifier une session (avec la version lue)',
      tag,
      access: CAPABILITIES.agendaMine,
      params: sessionParamsSchema,
      body: named('SessionPatch', sessionPatchSchema),
      success: {
        status: 200,
        description:
          'La session modifiée ; les jeunes inscrits sont prévenus ; des places en plus font entrer la liste d’attente dans ' +
          'l’ordre. Moins de places que d’inscrits : 400 sur `places`. Version dépassée : 409 `conflict` avec `current`. ' +
          closedNote,
        schema: detail,
      },
      problems: write,
    },
    {
      method: 'delete',
      path: '/api/v1/sessions/{id}',
      idempotent: true,
      summary: 'Annuler une session avant son début, avec un motif',
      tag,
      access: CAPABILITIES.agendaMine,
      params: sessionParamsSchema,
      body: annulationSchema,
      success: { status: 204, description: `Session annulée (conservée), les inscrits sont prévenus. Commencée : 409. ${closedNote}` },
      problems: write,
    },
    {
      method: 'post',
      path: '/api/v1/sessions/{id}/inscriptions',
      idempotent: true,
      summary: 'Inscrire un jeune de la Mission Locale à une session (liste d’attente si complète)',
      tag,
      access: CAPABILITIES.agendaMine,
      alsoAccess: [CAPABILITIES.agendaBookForColleague],
      params: sessionParamsSchema,
      body: inscriptionCreationSchema,
      success: {
        status: 201,
        description:
          'L’inscription : `INSCRIT`, ou `ATTENTE` avec son rang quand la session est complète. Un jeune d’une autre Mission ' +
          'Locale : 404. Déjà inscrit ou en attente, date limite passée, session commencée : 409. ' +
          closedNote,
        schema: named('Inscription', inscriptionSchema),
      },
      problems: write,
    },
    {
      method: 'delete',
      path: '/api/v1/sessions/{id}/inscriptions/{jeuneId}',
      idempotent: true,
      summary: 'Désinscrire un jeune ; la place libérée va au premier de la liste d’attente',
      tag,
      access: CAPABILITIES.agendaMine,
      alsoAccess: [CAPABILITIES.agendaBookForColleague],
      params: inscriptionParamsSchema,
      success: { status: 204, description: `Désinscrit. Ni inscrit ni en attente : 404. Session commencée : 409. ${closedNote}` },
      problems: write,
    },
    {
      method: 'post',
      path: '/api/v1/sessions/{id}/emargement',
      idempotent: true,
      summary: 'Émarger une session commencée (présent, absent, excusé pour chaque inscrit) : elle est clôturée',
      tag,
      access: CAPABILITIES.rendezVousClose,
      params: sessionParamsSchema,
      body: named('Emargement', emargementSchema),
      success: {
        status: 200,
        description:
          'La session clôturée. Chaque jeune reçoit un événement dans son parcours : l’atelier ou l’information collective ' +
          's’il était présent, l’absence (excusée ou non) sinon. Un inscrit oublié ou un jeune non inscrit : 400 sur le champ. ' +
          'Avant le début, déjà clôturée ou annulée : 409.',
        schema: detail,
      },
      problems: write,
    },
  ];
};
