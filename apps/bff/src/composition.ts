import type { Logger } from 'pino';
import { AUTH_POLICY } from '@imilo/domain';
import type { AppContext } from './app-context';
import type { FeatureRouters } from './app';
import type { Database } from './db/database';
import { adminRouter } from './features/admin/admin.router';
import { agendaRouter } from './features/agenda/agenda.router';
import { icsFeedRouter } from './features/agenda/ics-feed.router';
import { cguRouter } from './features/cgu/cgu.router';
import { cmiloPublicRouter, cmiloRouter } from './features/cmilo/cmilo.router';
import { compteCmiloRouter } from './features/cmilo/compte-cmilo.router';
import { communesRouter } from './features/dossiers/communes.router';
import { dossiersRouter } from './features/dossiers/dossiers.router';
import { piecesRouter } from './features/dossiers/pieces.router';
import { recherchesRouter } from './features/dossiers/recherches.router';
import { evenementsRouter } from './features/evenements/evenements.router';
import { sitesRouter } from './features/evenements/sites.router';
import { timelineRouter } from './features/evenements/timeline.router';
import { createChannels } from './features/notifications/channels';
import { messagesRouter } from './features/notifications/messages.router';
import { createNotifier } from './features/notifications/notifier';
import { pushAcquittementsRouter, pushSubscriptionsRouter } from './features/notifications/push-subscriptions.router';
import { MessageQueue } from './features/notifications/reminders.job';
import { smsOutboxRouter } from './features/notifications/sms-outbox.router';
import { portailRouter } from './features/portail/portail.router';
import { sessionsRouter } from './features/sessions/sessions.router';
import { UtilisateurRepository } from './features/utilisateurs/utilisateur.repository';
import { AuditLog } from './platform/audit';
import type { Clock } from './platform/clock';
import type { Config } from './platform/config';
import { DataCipher } from './platform/crypto';
import { SignedTokens } from './platform/signed-token';
import { throttleByIp } from './platform/throttle';

/** Wires the shared services once per process (and once per test app). */
export const createContext = (config: Config, db: Database, clock: Clock, logger: Logger): AppContext => ({
  config,
  clock,
  logger,
  db,
  audit: new AuditLog(db.sequelize, clock),
  crypto: new DataCipher(config.dataKeys.current, config.dataKeys.retired),
  utilisateurs: new UtilisateurRepository(db.sequelize),
  tokens: new SignedTokens(config.sessionSecret),
  notifier: createNotifier({ sequelize: db.sequelize, clock, logger, queue: new MessageQueue(db.sequelize, db.pool) }),
  channels: createChannels({ config, sequelize: db.sequelize, logger }),
});

/** Every feature's routers, in mounting order. */
export const featureRouters = (ctx: AppContext): FeatureRouters => ({
  throttle: throttleByIp({
    sequelize: ctx.db.sequelize,
    clock: ctx.clock,
    scope: 'auth',
    limit: AUTH_POLICY.ipAttemptsPerWindow,
    windowMinutes: AUTH_POLICY.ipWindowMinutes,
  }),
  ungated: [cguRouter(ctx), cmiloPublicRouter(ctx), icsFeedRouter(ctx), pushAcquittementsRouter(ctx)],
  gated: [
    adminRouter(ctx),
    dossiersRouter(ctx),
    piecesRouter(ctx),
    recherchesRouter(ctx),
    communesRouter(),
    evenementsRouter(ctx),
    timelineRouter(ctx),
    sitesRouter(ctx),
    smsOutboxRouter(ctx),
    agendaRouter(ctx),
    sessionsRouter(ctx),
    cmiloRouter(ctx),
    compteCmiloRouter(ctx),
    pushSubscriptionsRouter(ctx),
    messagesRouter(ctx),
    portailRouter(ctx),
  ],
});
