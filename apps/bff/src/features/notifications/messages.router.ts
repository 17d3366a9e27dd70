import { Router } from 'express';
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { CAPABILITIES, type JoignabiliteDto, type NotificationsSettings, type NotificationsSettingsDto, notificationsSettingsSchema } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, requestOrigin } from '../../platform/audit';
import { noStore } from '../../platform/cache-control';
import { notFound } from '../../platform/errors';
import { currentUser, requireCapability } from '../../platform/guards';
import { idempotentWrite } from '../../platform/idempotency';
import type { SessionUser } from '../../platform/session-user';
import { validated, validateBody, validateParams } from '../../platform/validate';
import { auditOnJeune, openJeune, suiviCallerOf } from '../evenements/suivi-access';
import { monthBounds, smsSegmentsBilled } from './dispatcher';
import { listMessages } from './messages.repository';

/** Path parameters of the routes about one jeune or one Mission Locale. */
export const idParamsSchema = z.object({ id: z.uuid("L'identifiant est invalide : un UUID est attendu.") });

/** The messages a dossier lists at most (the newest). */
const DOSSIER_MESSAGES_MAX = 200;

const idOf = (req: Parameters<typeof validated>[0]) => validated<{ id: string }>(req, 'params').id;

interface SettingsRow {
  rappels: string[];
  rappel_heure: number;
  push_acquittement_minutes: number;
  sms_budget_mensuel: number;
  timezone: string;
}

/** The Mission Locale's settings and this month's SMS use; another Mission Locale than the caller's is not found. */
const readSettings = async (ctx: AppContext, user: SessionUser, missionLocaleId: string): Promise<NotificationsSettingsDto> => {
  if (!user.missionsLocales.some((ml) => ml.id === missionLocaleId)) {
    throw notFound("Cette Mission Locale n'existe pas.");
  }
  const [row] = await ctx.db.sequelize.query<SettingsRow>(
    'SELECT rappels, rappel_heure, push_acquittement_minutes, sms_budget_mensuel, timezone FROM mission_locale WHERE id = $id',
    { type: QueryTypes.SELECT, bind: { id: missionLocaleId } },
  );
  if (!row) {
    throw notFound("Cette Mission Locale n'existe pas.");
  }
  const { month, from, to } = monthBounds(ctx.clock.now(), row.timezone);
  const alertes = await ctx.db.sequelize.query('SELECT 1 FROM sms_budget_alerte WHERE mission_locale_id = $id AND mois = $month', {
    type: QueryTypes.SELECT,
    bind: { id: missionLocaleId, month },
  });
  return {
    rappels: row.rappels,
    rappelHeure: row.rappel_heure,
    pushAcquittementMinutes: row.push_acquittement_minutes,
    smsBudgetMensuel: row.sms_budget_mensuel,
    mois: month,
    smsUtilises: await smsSegmentsBilled(ctx.db.sequelize, missionLocaleId, { from, to }),
    alerte: alertes.length > 0,
  };
};

/**
 * The delivery log and push reachability of a dossier, and a Mission Locale's notification settings (#5). The settings
 * apply to what is planned next: reminders already planned keep their day.
 */
export const messagesRouter = (ctx: AppContext): Router => {
  const router = Router();
  const read = requireCapability(CAPABILITIES.dossiersRead);
  const budget = requireCapability(CAPABILITIES.smsBudget);
  const params = validateParams(idParamsSchema);

  router.get('/jeunes/:id/messages', read, noStore, params, async (req, res) => {
    const caller = suiviCallerOf(req);
    const opened = await openJeune(ctx, caller, idOf(req));
    const messages = await listMessages(ctx.db.sequelize, { jeuneId: opened.jeune.id }, { limit: DOSSIER_MESSAGES_MAX });
    await ctx.audit.record({ action: 'messages.list', ...auditOnJeune(caller, opened, { messages: messages.length }) });
    res.json(messages);
  });

  router.get('/jeunes/:id/joignabilite', read, noStore, params, async (req, res) => {
    const caller = suiviCallerOf(req);
    const opened = await openJeune(ctx, caller, idOf(req));
    const [row] = await ctx.db.sequelize.query<{ consentement: boolean; appareils: number; depuis: Date | null }>(
      `SELECT j.consentement_push AS consentement, count(ps.id)::int AS appareils, min(ps.created_at) AS depuis
       FROM jeune j LEFT JOIN push_subscription ps ON ps.utilisateur_id = j.utilisateur_id
       WHERE j.id = $id GROUP BY j.consentement_push`,
      { type: QueryTypes.SELECT, bind: { id: opened.jeune.id } },
    );
    const joignable = Boolean(row?.consentement) && (row?.appareils ?? 0) > 0;
    const answer: JoignabiliteDto = {
      joignable,
      depuis: joignable && row?.depuis ? new Date(row.depuis).toISOString() : null,
      appareils: row?.appareils ?? 0,
    };
    await ctx.audit.record({ action: 'messages.joignabilite', ...auditOnJeune(caller, opened, { joignable }) });
    res.json(answer);
  });

  router.get('/missions-locales/:id/notifications', budget, noStore, params, async (req, res) => {
    res.json(await readSettings(ctx, currentUser(req), idOf(req)));
  });

  router.put(
    '/missions-locales/:id/notifications',
    budget,
    noStore,
    params,
    validateBody(notificationsSettingsSchema),
    idempotentWrite(ctx, async (req, transaction) => {
      const user = currentUser(req);
      const id = idOf(req);
      await readSettings(ctx, user, id);
      const settings = req.body as NotificationsSettings;
      await ctx.db.sequelize.query(
        `UPDATE mission_locale SET rappels = $rappels::text[], rappel_heure = $heure, push_acquittement_minutes = $ack, sms_budget_mensuel = $budget
         WHERE id = $id`,
        {
          transaction,
          bind: { id, rappels: settings.rappels, heure: settings.rappelHeure, ack: settings.pushAcquittementMinutes, budget: settings.smsBudgetMensuel },
        },
      );
      await ctx.audit.record(
        {
          action: 'notifications.settings',
          outcome: 'success',
          ...actedBy(user, requestOrigin(req)),
          missionLocaleId: id,
          targetType: 'mission_locale',
          targetId: id,
          details: { ...settings },
        },
        transaction,
      );
      return { status: 200, body: { ...(await readSettings(ctx, user, id)), ...settings } };
    }),
  );

  return router;
};
