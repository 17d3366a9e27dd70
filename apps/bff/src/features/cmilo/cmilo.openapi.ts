import { z } from 'zod';
import {
  actionSchema,
  CAPABILITIES,
  meRendezVousListSchema,
  meRendezVousSchema,
  meSessionSchema,
  preferencesNotificationSchema,
  reponseJeuneSchema,
} from '@imilo/domain';
import { C, csrf, gated, invalid, type Named, type Operation, type Problems, problems, session } from '../../platform/openapi-kit';
import { confirmationLinkAnswerSchema, confirmationLinkQuerySchema, meObjetParamsSchema } from './cmilo.router';

/** The operations of cmilo.router.ts. */
export const cmiloOperations = (named: Named): Operation[] => {
  const tag = 'C-Milo';
  const meRendezVous = named('MeRendezVous', meRendezVousSchema);
  const preferences = named('PreferencesNotification', preferencesNotificationSchema);
  // A signed-in account linked to no dossier answers 404 like another jeune's object.
  const notFound: Problems = { 404: [C.notFound] };
  const refused: Problems = { 409: [C.conflict] };
  const read = problems(session, gated, notFound);
  const write = problems(session, gated, csrf, invalid, notFound, refused);
  return [
    {
      method: 'get',
      path: '/api/v1/me/rendez-vous',
      summary: 'Mes rendez-vous et sessions : à venir (les plus proches d’abord) et passés (six derniers mois)',
      tag,
      access: CAPABILITIES.cmiloSelf,
      success: {
        status: 200,
        description:
          'Sans le commentaire interne. `lieu` : le site et sa commune, ou l’adresse ; `carteUrl` : une recherche OpenStreetMap du ' +
          'lieu (null par téléphone ou visio). Les annulés restent affichés avec leur statut ; `timezone` est celui de la Mission Locale.',
        schema: named('MeRendezVousList', meRendezVousListSchema),
      },
      problems: read,
    },
    {
      method: 'post',
      path: '/api/v1/me/rendez-vous/{id}/confirmation',
      idempotent: true,
      summary: 'Confirmer ou annuler (avec un motif) un de mes rendez-vous avant son début',
      tag,
      access: CAPABILITIES.cmiloSelf,
      params: meObjetParamsSchema,
      body: named('ReponseJeune', reponseJeuneSchema),
      success: {
        status: 200,
        description:
          'Le rendez-vous tel que le jeune le voit ; le conseiller est prévenu. Le rendez-vous d’un autre jeune : 404. Annulé, ' +
          'clos ou commencé : 409.',
        schema: meRendezVous,
      },
      problems: write,
    },
    {
      method: 'get',
      path: '/api/v1/me/rendez-vous/{id}/confirmation',
      summary: 'Le « Je confirme » d’une notification : lien signé à usage unique, sans session ni jeton CSRF',
      tag,
      access: 'public',
      params: meObjetParamsSchema,
      query: confirmationLinkQuerySchema,
      success: {
        status: 200,
        description:
          '`{statut: "CONFIRME"}` à la première utilisation ; un lien déjà utilisé répond 204 sans rien changer. Le jeton est lié au ' +
          'jeune et au rendez-vous et expire à son début : falsifié, expiré ou d’un autre rendez-vous, 404. Annulé entre-temps : 409.',
        schema: confirmationLinkAnswerSchema,
      },
      problems: problems(invalid, { 404: [C.notFound] }, refused),
    },
    {
      method: 'get',
      path: '/api/v1/me/actions',
      summary: 'Mes actions, sauf les annulées : celles à faire d’abord, par échéance',
      tag,
      access: CAPABILITIES.cmiloSelf,
      success: { status: 200, description: 'Les actions du jeune.', schema: z.array(actionSchema) },
      problems: read,
    },
    {
      method: 'get',
      path: '/api/v1/me/preferences-notification',
      summary: 'Mes préférences de notification par canal',
      tag,
      access: CAPABILITIES.cmiloSelf,
      success: { status: 200, description: 'Le consentement du jeune au push, aux SMS et aux e-mails.', schema: preferences },
      problems: read,
    },
    {
      method: 'put',
      path: '/api/v1/me/preferences-notification',
      idempotent: true,
      summary: 'Enregistrer mes préférences de notification par canal',
      tag,
      access: CAPABILITIES.cmiloSelf,
      body: preferences,
      success: { status: 200, description: 'Les préférences enregistrées (journalisé).', schema: preferences },
      problems: problems(session, gated, csrf, invalid, notFound),
    },
    {
      method: 'get',
      path: '/api/v1/me/sessions',
      summary: 'Les sessions de ma Mission Locale ouvertes à l’inscription en ligne, avec des places libres',
      tag,
      access: CAPABILITIES.cmiloSelf,
      success: {
        status: 200,
        description: 'Visibles, ouvertes à l’auto-inscription, avant leur date limite, non complètes ; sans celles où le jeune est déjà inscrit.',
        schema: z.array(named('MeSession', meSessionSchema)),
      },
      problems: read,
    },
    {
      method: 'post',
      path: '/api/v1/me/sessions/{id}/inscription',
      idempotent: true,
      summary: 'M’inscrire à une session ouverte à l’inscription en ligne',
      tag,
      access: CAPABILITIES.cmiloSelf,
      params: meObjetParamsSchema,
      success: {
        status: 201,
        description:
          'La session telle que le jeune la voit. Non ouverte à l’inscription en ligne ou d’une autre Mission Locale : 404. ' +
          'Complète, date limite passée, déjà inscrit, commencée, clôturée ou annulée : 409 avec la raison.',
        schema: meRendezVous,
      },
      problems: write,
    },
    {
      method: 'delete',
      path: '/api/v1/me/sessions/{id}/inscription',
      idempotent: true,
      summary: 'Me désinscrire d’une session avant son début',
      tag,
      access: CAPABILITIES.cmiloSelf,
      params: meObjetParamsSchema,
      success: { status: 204, description: 'Désinscrit ; la place va au premier de la liste d’attente. Pas inscrit : 404. Commencée : 409.' },
      problems: write,
    },
  ];
};
