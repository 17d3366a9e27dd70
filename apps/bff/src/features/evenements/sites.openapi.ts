import { z } from 'zod';
import { CAPABILITIES, siteSchema } from '@imilo/domain';
import { gated, type Named, type Operation, problems, session } from '../../platform/openapi-kit';

/** The operations of sites.router.ts. */
export const sitesOperations = (named: Named): Operation[] => [
  {
    method: 'get',
    path: '/api/v1/sites',
    summary: 'Les sites des Missions Locales de l’utilisateur, par nom : les lieux « sur site » d’un événement',
    tag: 'Référentiels du suivi',
    access: CAPABILITIES.evenementsWrite,
    alsoAccess: [CAPABILITIES.evenementsPremierAccueil, CAPABILITIES.dossiersRead, CAPABILITIES.referentielsLocal],
    success: {
      status: 200,
      description:
        '`missionLocaleId` : un événement ne se tient que sur un site de la Mission Locale du jeune (400 sur `lieu.siteId` ' +
        'sinon). Rien de personnel : le service worker de la PWA garde la liste pour la saisie hors ligne.',
      schema: z.array(named('Site', siteSchema)),
    },
    problems: problems(session, gated),
  },
];
