import { alerteTraitementSchema, CAPABILITIES, dispositionSchema, portailQuerySchema, portailSchema } from '@imilo/domain';
import { C, csrf, gated, invalid, type Named, type Operation, type Problems, problems, session } from '../../platform/openapi-kit';

/** The operations of portail.router.ts. */
export const portailOperations = (named: Named): Operation[] => {
  const portail = named('Portail', portailSchema);
  const tag = 'Portail';
  const homes = { access: CAPABILITIES.homeConseiller, alsoAccess: [CAPABILITIES.homeDirection, CAPABILITIES.homeAdmin, CAPABILITIES.homeCmilo] };
  const outOfScope: Problems = { 404: [C.notFound] };
  return [
    {
      method: 'get',
      path: '/api/v1/portail',
      summary:
        'L’accueil de l’utilisateur en un appel : sa disposition (enregistrée, sinon celle par défaut de son rôle), son ' +
        'catalogue de widgets et les données de chaque widget de la disposition, calculées avec son périmètre',
      tag,
      ...homes,
      query: portailQuerySchema,
      success: {
        status: 200,
        description:
          'L’accueil. Chaque widget répond `ok` avec ses données, ou `erreur` avec un message sans empêcher les autres ; un ' +
          'widget absent de la disposition n’est pas calculé. `periode` et `site` filtrent les indicateurs de la direction ' +
          '(un site d’une autre Mission Locale : 404). La lecture est journalisée.',
        schema: portail,
      },
      problems: problems(session, gated, invalid, outOfScope),
    },
    {
      method: 'put',
      path: '/api/v1/portail/layout',
      summary: 'Enregistrement de la disposition de l’accueil (widgets dans l’ordre, 1 ou 2 colonnes), retrouvée sur tout appareil',
      tag,
      ...homes,
      query: portailQuerySchema,
      body: named('Disposition', dispositionSchema),
      success: {
        status: 200,
        description:
          'L’accueil avec la nouvelle disposition, pour la `periode` et le `site` de la requête (ceux que l’écran montre). Un ' +
          'widget hors du catalogue de l’utilisateur : 400 qui le nomme, et rien n’est enregistré.',
        schema: portail,
      },
      problems: problems(session, gated, csrf, invalid, outOfScope),
    },
    {
      method: 'delete',
      path: '/api/v1/portail/layout',
      summary: 'Rétablir la disposition par défaut de son rôle',
      tag,
      ...homes,
      success: { status: 204, description: 'La disposition enregistrée est oubliée.' },
      problems: problems(session, gated, csrf),
    },
    {
      method: 'post',
      path: '/api/v1/portail/alertes/traitees',
      summary: 'Une alerte du portefeuille marquée « traitée » : elle ne revient que pour une nouvelle échéance',
      tag,
      access: CAPABILITIES.dossiersEdit,
      body: named('AlerteTraitement', alerteTraitementSchema),
      success: {
        status: 204,
        description: 'Alerte traitée (de nouveau : rien ne change), journalisée sur le dossier. Un jeune hors de son portefeuille ou de ses Missions Locales : 404.',
      },
      problems: problems(session, gated, csrf, invalid, outOfScope),
    },
    {
      method: 'post',
      path: '/api/v1/portail/notifications/lues',
      summary: 'C-Milo : le jeune a lu ses notifications',
      tag,
      access: CAPABILITIES.cmiloSelf,
      success: { status: 204, description: 'Les notifications reçues jusqu’ici ne comptent plus comme non lues.' },
      problems: problems(session, gated, csrf),
    },
  ];
};
