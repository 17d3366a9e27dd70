import * as z from 'zod';
import { reminderOffsetsSchema } from '../agenda/rendez-vous.schema';

// A Mission Locale's notification settings (#5): its reminders, the hour they go, how long a J-1 push may stay
// unacknowledged before the SMS, and its monthly SMS budget; read with this month's SMS use.

/** Body of `PUT /api/v1/missions-locales/{id}/notifications`. */
export const notificationsSettingsSchema = z.strictObject({
  rappels: reminderOffsetsSchema,
  rappelHeure: z.number('L’heure des rappels : un nombre.').int('L’heure des rappels : une heure pleine.').min(0, 'L’heure des rappels : de 0 à 23.').max(23, 'L’heure des rappels : de 0 à 23.'),
  pushAcquittementMinutes: z
    .number('Le délai d’accusé de réception : un nombre de minutes.')
    .int('Le délai d’accusé de réception : un nombre entier de minutes.')
    .min(1, 'Le délai d’accusé de réception : 1 minute au moins.')
    .max(1440, 'Le délai d’accusé de réception : 24 heures au plus.'),
  smsBudgetMensuel: z
    .number('Le budget SMS : un nombre de SMS par mois.')
    .int('Le budget SMS : un nombre entier.')
    .min(0, 'Le budget SMS ne peut être négatif.')
    .max(1_000_000, 'Le budget SMS : 1 000 000 par mois au plus.'),
});

/** The settings as sent. */
export type NotificationsSettings = z.infer<typeof notificationsSettingsSchema>;

/** `GET`/`PUT /api/v1/missions-locales/{id}/notifications`: the settings and this month's SMS use. */
export const notificationsSettingsReadSchema = z.object({
  rappels: z.array(z.string()),
  rappelHeure: z.number().int(),
  pushAcquittementMinutes: z.number().int(),
  smsBudgetMensuel: z.number().int(),
  /** The Mission Locale's current month (its timezone), `AAAA-MM`. */
  mois: z.string(),
  /** SMS segments billed this month. */
  smsUtilises: z.number().int(),
  /** Whether the 80 % alert was raised this month. */
  alerte: z.boolean(),
});

/** The settings as read. */
export type NotificationsSettingsDto = z.infer<typeof notificationsSettingsReadSchema>;
