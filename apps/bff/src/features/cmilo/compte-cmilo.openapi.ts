import { CAPABILITIES, compteCmiloSchema, envoiCodeCmiloResultSchema, envoiCodeCmiloSchema } from '@imilo/domain';
import { C, csrf, gated, invalid, type Named, type Operation, type Problems, problems, session } from '../../platform/openapi-kit';
import { suiviJeuneParamsSchema } from '../evenements/evenements.router';

/** The operations of compte-cmilo.router.ts. */
export const compteCmiloOperations = (named: Named): Operation[] => {
  const tag = 'C-Milo';
  const reason: Problems = { 403: [C.accessReasonRequired] };
  const outOfScope: Problems = { 404: [C.notFound] };
  return [
    {
      method: 'get',
      path: '/api/v1/jeunes/{id}/compte-cmilo',
      summary: 'L’espace C-Milo du jeune : compte, activation, dernier code envoyé',
      tag,
      access: CAPABILITIES.cmiloAccountCreate,
      params: suiviJeuneParamsSchema,
      success: {
        status: 200,
        description:
          'Sans le code (jamais relu) : quand et par quel canal le dernier code est parti, vers quel numéro ou adresse masqué, ' +
          'jusqu’à quand il vaut. `joignable` dit si le dossier a un téléphone et une adresse e-mail. Journalisé.',
        schema: named('CompteCmilo', compteCmiloSchema),
      },
      problems: problems(session, gated, invalid, reason, outOfScope),
    },
    {
      method: 'post',
      path: '/api/v1/jeunes/{id}/compte-cmilo',
      idempotent: true,
      summary: 'Créer le compte C-Milo du jeune (s’il n’existe pas) et lui envoyer un code d’activation par SMS ou e-mail',
      tag,
      access: CAPABILITIES.cmiloAccountCreate,
      params: suiviJeuneParamsSchema,
      body: named('EnvoiCodeCmilo', envoiCodeCmiloSchema),
      success: {
        status: 200,
        description:
          'L’identifiant (`prenom.nom`, chiffres ajoutés s’il est pris) et le code partent aussitôt au jeune ; le code précédent est ' +
          'révoqué. `envoi.statut` ECHEC (fournisseur, budget SMS atteint) : le code précédent reste valable. Sans téléphone ou ' +
          'adresse pour le canal : 400. Dossier archivé, compte déjà activé ou désactivé, plus de 3 codes dans l’heure : 409.',
        schema: named('EnvoiCodeCmiloResultat', envoiCodeCmiloResultSchema),
      },
      problems: problems(session, gated, csrf, invalid, reason, outOfScope, { 409: [C.conflict] }),
    },
  ];
};
