import { z } from 'zod';
import {
  CAPABILITIES,
  joignabiliteSchema,
  messageSchema,
  notificationsSettingsReadSchema,
  notificationsSettingsSchema,
  pushSubscriptionCreationSchema,
  pushSubscriptionsSchema,
} from '@imilo/domain';
import { C, csrf, gated, invalid, type Named, type Operation, type Problems, problems, session } from '../../platform/openapi-kit';

/** The operations of push-subscriptions.router.ts and messages.router.ts. */
export const notificationsOperations = (named: Named): Operation[] => {
  const params = (what: string) => z.object({ id: z.uuid().describe(what) });
  const outOfScope: Problems = { 404: [C.notFound] };
  const reason: Problems = { 403: [C.accessReasonRequired] };
  const tag = 'Notifications';
  const subscriptions = named('PushSubscriptions', pushSubscriptionsSchema);
  const settings = named('NotificationsSettings', notificationsSettingsReadSchema);
  return [
    {
      method: 'get',
      path: '/api/v1/push/subscriptions',
      summary: 'La clé publique VAPID et les appareils de l’utilisateur abonnés aux notifications push',
      tag,
      access: CAPABILITIES.cmiloSelf,
      alsoAccess: [CAPABILITIES.agendaMine],
      success: { status: 200, description: 'Le jeune (C-Milo) ou le conseiller ; les plus anciens d’abord.', schema: subscriptions },
      problems: problems(session, gated),
    },
    {
      method: 'post',
      path: '/api/v1/push/subscriptions',
      idempotent: true,
      summary: 'Abonne l’appareil (le `PushSubscription.toJSON()` du navigateur) aux notifications de l’utilisateur',
      tag,
      access: CAPABILITIES.cmiloSelf,
      alsoAccess: [CAPABILITIES.agendaMine],
      body: named('PushSubscriptionCreation', pushSubscriptionCreationSchema),
      success: {
        status: 201,
        description:
          'L’appareil, identifié par son adresse (`endpoint`) : s’abonner à nouveau depuis le même navigateur remplace l’abonnement ' +
          '(nouvelles clés, ou un autre utilisateur connecté sur ce navigateur). Un abonnement que le service push dit disparu ' +
          '(404/410) est supprimé au premier envoi.',
        schema: pushSubscriptionsSchema.shape.subscriptions.element,
      },
      problems: problems(session, gated, csrf, invalid),
    },
    {
      method: 'delete',
      path: '/api/v1/push/subscriptions/{id}',
      idempotent: true,
      summary: 'Désabonne un appareil de l’utilisateur',
      tag,
      access: CAPABILITIES.cmiloSelf,
      alsoAccess: [CAPABILITIES.agendaMine],
      params: params('Un abonnement de l’utilisateur.'),
      success: { status: 204, description: 'Supprimé ; celui d’un autre utilisateur : 404.' },
      problems: problems(session, gated, csrf, invalid, outOfScope),
    },
    {
      method: 'get',
      path: '/api/v1/push/acquittements/{id}',
      summary: 'Accusé de réception d’une notification push, appelé par le service worker à sa réception (sans session)',
      tag,
      access: 'public',
      params: params('L’envoi push (son identifiant, aléatoire, n’est connu que de l’appareil).'),
      success: {
        status: 204,
        description:
          'L’envoi devient « délivré » ; un rappel J-1 acquitté n’est pas doublé d’un SMS. Un second accusé ne change rien ; un envoi ' +
          'inconnu : 404.',
      },
      problems: problems(invalid, outOfScope),
    },
    {
      method: 'get',
      path: '/api/v1/jeunes/{id}/messages',
      summary: 'Le journal des messages envoyés au jeune : nature, statut, canaux tentés avec leur sort (200 plus récents)',
      tag,
      access: CAPABILITIES.dossiersRead,
      params: params('Le dossier du jeune.'),
      success: {
        status: 200,
        description:
          'Planifié, envoyé, délivré quand l’appareil l’a signalé, échec avec la raison, annulé avec le pourquoi. La lecture est ' +
          'journalisée ; hors de son portefeuille, un motif doit avoir été donné.',
        schema: z.array(named('Message', messageSchema)),
      },
      problems: problems(session, gated, invalid, reason, outOfScope),
    },
    {
      method: 'get',
      path: '/api/v1/jeunes/{id}/joignabilite',
      summary: 'Si le jeune est joignable par notification push (consentement et au moins un appareil abonné)',
      tag,
      access: CAPABILITIES.dossiersRead,
      params: params('Le dossier du jeune.'),
      success: { status: 200, description: 'Journalisé comme une lecture du dossier.', schema: named('Joignabilite', joignabiliteSchema) },
      problems: problems(session, gated, invalid, reason, outOfScope),
    },
    {
      method: 'get',
      path: '/api/v1/missions-locales/{id}/notifications',
      summary: 'Les rappels, le délai d’accusé de réception et le budget SMS de la Mission Locale, avec la consommation du mois',
      tag,
      access: CAPABILITIES.smsBudget,
      params: params('Une Mission Locale de l’utilisateur.'),
      success: { status: 200, description: 'Le mois est celui du fuseau de la Mission Locale ; une autre Mission Locale : 404.', schema: settings },
      problems: problems(session, gated, invalid, outOfScope),
    },
    {
      method: 'put',
      path: '/api/v1/missions-locales/{id}/notifications',
      idempotent: true,
      summary: 'Règle les rappels (J-1 à J-30, trois au plus), leur heure, le délai d’accusé de réception et le budget SMS mensuel',
      tag,
      access: CAPABILITIES.smsBudget,
      params: params('Une Mission Locale de l’utilisateur.'),
      body: named('NotificationsSettingsUpdate', notificationsSettingsSchema),
      success: {
        status: 200,
        description:
          'Vaut pour ce qui est planifié ensuite : les rappels déjà planifiés gardent leur jour. À 80 % du budget, la direction est ' +
          'alertée une fois par mois ; à 100 %, les SMS s’arrêtent (push et e-mail continuent). Journalisé.',
        schema: settings,
      },
      problems: problems(session, gated, csrf, invalid, outOfScope),
    },
  ];
};
