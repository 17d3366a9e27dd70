import { z } from 'zod';
import { CAPABILITIES } from '@imilo/domain';
import { gated, type Named, type Operation, problems, session } from '../../platform/openapi-kit';

/** The answer of `GET /api/v1/admin/sms`. */
export const smsOutboxSchema = z.object({
  /** Whether SMS go to this outbox (no provider configured) rather than to phones. */
  boiteDeveloppement: z.boolean(),
  messages: z.array(
    z.object({
      id: z.string(),
      missionLocaleId: z.string(),
      destinataire: z.string(),
      texte: z.string(),
      segments: z.number().int(),
      envoyeLe: z.iso.datetime(),
    }),
  ),
});

/** The operations of sms-outbox.router.ts. */
export const smsOutboxOperations = (named: Named): Operation[] => [
  {
    method: 'get',
    path: '/api/v1/admin/sms',
    summary: 'La boîte d’envoi SMS de développement des Missions Locales de l’utilisateur : les 100 derniers, du plus récent au plus ancien',
    tag: 'Administration',
    access: CAPABILITIES.outboxMissionLocale,
    success: {
      status: 200,
      description:
        'Sans fournisseur SMS configuré (hors production), les SMS aux jeunes arrivent ici au lieu du téléphone. ' +
        '`destinataire` est masqué (`+33 6 •• •• •• 78`), `segments` compte les SMS facturés. `boiteDeveloppement` dit si ' +
        'la boîte reçoit les envois (faux : un fournisseur réel est configuré). La lecture est journalisée.',
      schema: named('SmsBoiteDeveloppement', smsOutboxSchema),
    },
    problems: problems(session, gated),
  },
];
