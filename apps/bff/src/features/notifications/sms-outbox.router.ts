import { Router } from 'express';
import { CAPABILITIES } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, requestOrigin } from '../../platform/audit';
import { currentUser, requireCapability } from '../../platform/guards';
import { missionLocaleScope } from '../../platform/tenancy';
import { latestOutboxSms } from './sms-outbox.repository';

/**
 * The development SMS outbox in the Admin portal (#5): without an SMS provider, what would have reached the jeunes'
 * phones is read here, for the caller's Missions Locales only.
 */
export const smsOutboxRouter = (ctx: AppContext): Router => {
  const router = Router();

  router.get('/admin/sms', requireCapability(CAPABILITIES.outboxMissionLocale), async (req, res) => {
    const messages = await latestOutboxSms(ctx.db.sequelize, missionLocaleScope(req));
    // Texts sent to jeunes are personal data: who read them is kept.
    await ctx.audit.record({
      action: 'admin.sms-outbox.read',
      outcome: 'success',
      ...actedBy(currentUser(req), requestOrigin(req)),
      details: { count: messages.length },
    });
    res.json({ boiteDeveloppement: ctx.config.sms.provider === null, messages });
  });

  return router;
};
