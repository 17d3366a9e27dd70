import { z } from 'zod';
import { CAPABILITIES, timelinePageSchema, timelineQuerySchema } from '@imilo/domain';
import { C, gated, invalid, type Named, type Operation, problems, type Problems, session } from '../../platform/openapi-kit';
import { PARCOURS_HEADERS } from './parcours-export';

const params = z.object({ id: z.uuid().describe('Le dossier du jeune.') });
const outOfScope: Problems = { 404: [C.notFound] };
const reason: Problems = { 403: [C.accessReasonRequired] };

// The shared query schema, each parameter described with what the timeline makes of it.
const shape = timelineQuerySchema.shape;
const timelineQueryDoc = timelineQuerySchema.safeExtend({
  cursor: shape.cursor.describe('Le `nextCursor` de la page précédente ; absent : la première page (les plus récents).'),
  limit: shape.limit.describe('Éléments par page, 1 à 200 ; 50 par défaut.'),
  kinds: shape.kinds.describe('Les natures listées, séparées par des virgules : `evenement`, `proposition`, `action`, `situation` ; toutes par défaut.'),
  theme: shape.theme.describe('Un thème : les événements qui le portent et les propositions de ce thème (ni actions ni situations).'),
  typeEvenement: shape.typeEvenement.describe("Un type d'événement (code) : les seuls événements de ce type."),
});

/** The operations of timeline.router.ts. */
export const timelineOperations = (named: Named): Operation[] => [
  {
    method: 'get',
    path: '/api/v1/jeunes/{id}/timeline',
    summary:
      'La chronologie du dossier : événements (hors supprimés), propositions, actions et situations, les plus récents ' +
      "d'abord, filtrable, paginée par curseur",
    tag: 'Suivi',
    access: CAPABILITIES.dossiersRead,
    params,
    query: timelineQueryDoc,
    success: {
      status: 200,
      description:
        "Une page, dans l'ordre de `compareTimeline` (instant, puis nature : événement, proposition, action, situation, " +
        'puis identifiant, décroissants) ; une situation se place à minuit de son premier jour, heure de la Mission Locale. ' +
        '`nextCursor` vaut null sur la dernière page. Jamais le contexte (commentaire interne) d’un événement. Chaque page ' +
        'lue est journalisée ; hors de son portefeuille, un motif est demandé d’abord (403 `motif-acces-requis`, puis ' +
        'POST …/acces). `Cache-Control: no-store`.',
      schema: named('TimelinePage', timelinePageSchema),
    },
    problems: problems(session, gated, invalid, reason, outOfScope),
  },
  {
    method: 'get',
    path: '/api/v1/jeunes/{id}/parcours.csv',
    summary:
      "Export du parcours pour un tiers (partenaire, demande du jeune) : événements et propositions, du plus ancien au plus récent",
    tag: 'Suivi',
    access: CAPABILITIES.dossiersRead,
    params,
    success: {
      status: 200,
      description:
        `Un fichier CSV (UTF-8 avec BOM, séparateur « ; », en-tête \`Content-Disposition: attachment; filename="parcours-<matricule>.csv"\`), ` +
        `colonnes : ${PARCOURS_HEADERS.join(', ')} ; dates à l’heure de la Mission Locale. Ni le contexte des événements ni le ` +
        'commentaire des propositions (commentaires internes) n’y figurent ; une cellule qui commencerait par = + - ou @ est ' +
        'précédée d’une apostrophe. L’export est journalisé.',
      schema: z.string(),
      mediaTypes: ['text/csv'],
    },
    problems: problems(session, gated, invalid, reason, outOfScope),
  },
];
