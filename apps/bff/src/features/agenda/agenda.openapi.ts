import { z } from 'zod';
import {
  agendaQuerySchema,
  agendaSchema,
  annulationSchema,
  CAPABILITIES,
  clotureSchema,
  fluxCalendrierCreationSchema,
  fluxCalendrierSchema,
  memoCreationSchema,
  memoPatchSchema,
  memoSchema,
  memosQuerySchema,
  rendezVousCreationSchema,
  rendezVousDetailSchema,
  rendezVousEcritSchema,
  rendezVousPatchSchema,
  rendezVousSchema,
} from '@imilo/domain';
import { C, csrf, gated, invalid, type Named, type Operation, type Problems, problems, session } from '../../platform/openapi-kit';

/** The answer of `GET /api/v1/agenda/conseillers`. */
export const conseillersAgendaSchema = z.array(
  z.object({
    id: z.uuid(),
    prenom: z.string(),
    nom: z.string(),
    siteId: z.uuid().nullable(),
    siteNom: z.string().nullable(),
  }),
);

/** The operations of agenda.router.ts and ics-feed.router.ts. */
export const agendaOperations = (named: Named): Operation[] => {
  const rendezVous = named('RendezVous', rendezVousSchema);
  const ecrit = named('RendezVousEcrit', rendezVousEcritSchema);
  const memo = named('Memo', memoSchema);
  const flux = named('FluxCalendrier', fluxCalendrierSchema);
  const params = (what: string) => z.object({ id: z.uuid().describe(what) });
  const outOfScope: Problems = { 404: [C.notFound] };
  const refused: Problems = { 409: [C.conflict] };
  const readProblems = problems(session, gated, invalid, outOfScope);
  const writeProblems = problems(session, gated, csrf, invalid, outOfScope);
  const tag = 'Agenda';
  const notified = 'Le jeune est prévenu (messages et rappels replanifiés dans la même transaction).';
  return [
    {
      method: 'post',
      path: '/api/v1/rendez-vous',
      idempotent: true,
      summary:
        'Planification d’un rendez-vous individuel avec un jeune de la Mission Locale, pour soi ou (`conseillerId`) pour un ' +
        'collègue de la Mission Locale du jeune',
      tag,
      access: CAPABILITIES.agendaMine,
      alsoAccess: [CAPABILITIES.agendaBookForColleague],
      body: named('RendezVousCreation', rendezVousCreationSchema),
      success: {
        status: 201,
        description:
          'Rendez-vous créé (en-tête `Location`), avec `conflits` : les autres rendez-vous planifiés du conseiller qui le ' +
          'chevauchent (un avertissement : le rendez-vous est créé). Début hors de [maintenant − 1 an, maintenant + 2 ans] ou ' +
          `site d’une autre Mission Locale : 400 sur le champ. Jeune ou conseiller hors de la Mission Locale : 404. ${notified}`,
        schema: ecrit,
      },
      problems: problems(writeProblems, refused),
    },
    {
      method: 'get',
      path: '/api/v1/rendez-vous/{id}',
      summary: 'Un rendez-vous, son historique et les messages envoyés au jeune à son sujet (journal d’envoi)',
      tag,
      access: CAPABILITIES.agendaMine,
      alsoAccess: [CAPABILITIES.agendaSite],
      params: params('Un rendez-vous.'),
      success: {
        status: 200,
        description: 'Le rendez-vous. La lecture est journalisée.',
        schema: named('RendezVousDetail', rendezVousDetailSchema),
      },
      problems: readProblems,
    },
    {
      method: 'patch',
      path: '/api/v1/rendez-vous/{id}',
      idempotent: true,
      summary: 'Modification ou déplacement d’un rendez-vous planifié, remplacé en entier à partir de la `version` lue',
      tag,
      access: CAPABILITIES.agendaMine,
      alsoAccess: [CAPABILITIES.agendaBookForColleague],
      params: params('Un rendez-vous.'),
      body: named('RendezVousPatch', rendezVousPatchSchema),
      success: {
        status: 200,
        description:
          'Le rendez-vous enregistré, version suivante, et ses `conflits` ; l’historique nomme les champs changés. Un 409 ' +
          '`conflict` (version dépassée) porte `current`, et rien n’est écrit ; un rendez-vous annulé ou clôturé ne se modifie ' +
          `plus (409). Le jeune ne change pas (400). ${notified}`,
        schema: ecrit,
      },
      problems: problems(writeProblems, refused),
    },
    {
      method: 'delete',
      path: '/api/v1/rendez-vous/{id}',
      idempotent: true,
      summary: 'Annulation motivée d’un rendez-vous planifié (conservé, marqué annulé)',
      tag,
      access: CAPABILITIES.agendaMine,
      alsoAccess: [CAPABILITIES.agendaBookForColleague],
      params: params('Un rendez-vous.'),
      body: named('Annulation', annulationSchema),
      success: { status: 200, description: `Le rendez-vous annulé ; déjà annulé ou clôturé : 409. ${notified}`, schema: rendezVous },
      problems: problems(writeProblems, refused),
    },
    {
      method: 'post',
      path: '/api/v1/rendez-vous/{id}/cloture',
      idempotent: true,
      summary:
        'Clôture d’un rendez-vous commencé avec la présence du jeune : l’événement correspondant (entretien, appel, absence) ' +
        's’inscrit sur sa chronologie, une seule fois',
      tag,
      access: CAPABILITIES.rendezVousClose,
      params: params('Un rendez-vous.'),
      body: named('Cloture', clotureSchema),
      success: {
        status: 200,
        description:
          'Le rendez-vous clôturé, avec `evenementId` ; le « dernier contact » du dossier suit. Pas encore commencé, annulé ou ' +
          'déjà clôturé : 409.',
        schema: rendezVous,
      },
      problems: problems(writeProblems, refused),
    },
    {
      method: 'get',
      path: '/api/v1/agenda',
      summary: 'L’agenda de quelques jours (42 au plus) : le sien, celui d’un collègue de la Mission Locale, ou celui d’un site',
      tag,
      access: CAPABILITIES.agendaMine,
      alsoAccess: [CAPABILITIES.agendaSite],
      query: agendaQuerySchema,
      success: {
        status: 200,
        description:
          'Les rendez-vous (tous statuts) et les sessions commençant dans la période, par début, et les mémos (les siens, ceux ' +
          'de l’équipe) à échéance dans la période ou en retard. Les jours sont ceux du fuseau de la Mission Locale (`timezone`). ' +
          'Sans `conseiller` ni `site` : son propre agenda (capacité `agenda.mine`) ; un collègue ou un site : capacité ' +
          '`agenda.site`, hors de ses Missions Locales : 404. La lecture est journalisée.',
        schema: named('Agenda', agendaSchema),
      },
      problems: readProblems,
    },
    {
      method: 'get',
      path: '/api/v1/agenda/conseillers',
      summary: 'Les collègues dont l’agenda peut être ouvert : le choix « Agenda de » de la page Agenda',
      tag,
      access: CAPABILITIES.agendaSite,
      success: {
        status: 200,
        description:
          'Les professionnels actifs ayant un agenda (rôles conseiller et direction) des Missions Locales de l’utilisateur, lui ' +
          'excepté, par nom, chacun avec son site (`null` sans site) dans la Mission Locale partagée. Ni les jeunes, ni ' +
          'les autres Missions Locales. Un annuaire de noms, comme les sites : la lecture n’est pas journalisée.',
        schema: named('ConseillersAgenda', conseillersAgendaSchema),
      },
      problems: problems(session, gated),
    },
    {
      method: 'get',
      path: '/api/v1/memos',
      summary: 'Les mémos visibles : les siens, et ceux de l’équipe de ses Missions Locales, par échéance',
      tag,
      access: CAPABILITIES.memos,
      query: memosQuerySchema,
      success: { status: 200, description: 'Les mémos (500 au plus) ; `enRetard` au jour local de la Mission Locale.', schema: z.array(memo) },
      problems: problems(session, gated, invalid),
    },
    {
      method: 'post',
      path: '/api/v1/memos',
      idempotent: true,
      summary: 'Un mémo pour soi ou pour l’équipe, éventuellement au sujet d’un jeune, avec une échéance',
      tag,
      access: CAPABILITIES.memos,
      body: named('MemoCreation', memoCreationSchema),
      success: { status: 201, description: 'Mémo créé (en-tête `Location`). Un jeune hors de ses Missions Locales : 404.', schema: memo },
      problems: problems(writeProblems, refused),
    },
    {
      method: 'patch',
      path: '/api/v1/memos/{id}',
      idempotent: true,
      summary: 'Modification d’un mémo (fait ou non), remplacé en entier à partir de la `version` lue',
      tag,
      access: CAPABILITIES.memos,
      params: params('Un mémo.'),
      body: named('MemoPatch', memoPatchSchema),
      success: {
        status: 200,
        description:
          'Le mémo enregistré. Le mémo personnel d’un autre : 404 ; seul l’auteur change sa portée (403). Un 409 `conflict` ' +
          '(version dépassée) porte `current`.',
        schema: memo,
      },
      problems: problems(writeProblems, refused),
    },
    {
      method: 'delete',
      path: '/api/v1/memos/{id}',
      idempotent: true,
      summary: 'Suppression d’un mémo',
      tag,
      access: CAPABILITIES.memos,
      params: params('Un mémo.'),
      success: { status: 204, description: 'Mémo supprimé. Le mémo personnel d’un autre : 404.' },
      problems: writeProblems,
    },
    {
      method: 'get',
      path: '/api/v1/ics/flux',
      summary: 'Son abonnement de calendrier (ICS) : actif ou non ; l’adresse secrète n’est montrée qu’à sa création',
      tag,
      access: CAPABILITIES.agendaMine,
      success: { status: 200, description: 'L’abonnement, `url` nulle.', schema: flux },
      problems: problems(session, gated),
    },
    {
      method: 'post',
      path: '/api/v1/ics/flux',
      summary:
        'Nouvelle adresse secrète d’abonnement de calendrier (l’ancienne cesse de fonctionner) ; initiales des jeunes sauf ' +
        '`afficherNoms`',
      tag,
      access: CAPABILITIES.agendaMine,
      body: named('FluxCalendrierCreation', fluxCalendrierCreationSchema),
      success: {
        status: 201,
        description:
          'L’abonnement avec son `url`, montrée cette seule fois (seule son empreinte est gardée) : sans `Idempotency-Key`, ' +
          'une répétition donne une nouvelle adresse.',
        schema: flux,
      },
      problems: problems(session, gated, csrf, invalid),
    },
    {
      method: 'delete',
      path: '/api/v1/ics/flux',
      idempotent: true,
      summary: 'Révocation de son abonnement de calendrier',
      tag,
      access: CAPABILITIES.agendaMine,
      success: { status: 204, description: 'Révoqué : l’adresse répond 404.' },
      problems: problems(session, gated, csrf),
    },
    {
      method: 'get',
      path: '/api/v1/ics/{token}.ics',
      summary: 'Le calendrier (iCalendar, METHOD:PUBLISH) d’une adresse secrète : ses rendez-vous et les sessions qu’il anime',
      tag,
      access: 'public',
      params: z.object({ token: z.string().describe('Le secret de l’adresse.') }),
      success: {
        status: 200,
        description:
          'De trois mois en arrière à un an devant ; rendez-vous annulés `STATUS:CANCELLED` ; les jeunes par leurs initiales ' +
          'sauf choix contraire, jamais le commentaire interne. Jamais en cache. Adresse inconnue ou révoquée : 404. La lecture ' +
          'est journalisée au nom du titulaire.',
        schema: z.string(),
        mediaTypes: ['text/calendar'],
      },
      problems: problems(invalid, { 404: [C.notFound] }),
    },
  ];
};
