import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Config } from '../../platform/config';
import type { Channels } from './channels.port';
import { FileMailSender, SmtpMailSender } from './mail-sender';
import { WebPushSender } from './push-sender';
import { DevOutboxSmsSender, HttpSmsSender } from './sms-sender';

/** What the channels need. */
export interface ChannelsDeps {
  readonly config: Config;
  readonly sequelize: Sequelize;
  readonly logger: Logger;
}

/**
 * The real adapters when the configuration names the services (always in production: config.ts refuses to start
 * without them), the development ones otherwise: SMS into the Admin portal's outbox, e-mails as .eml files under
 * DATA_DIR/mails. Push is always real (development keys are generated under DATA_DIR).
 */
export const createChannels = ({ config, sequelize, logger }: ChannelsDeps): Channels => ({
  push: new WebPushSender(config.vapid),
  sms: config.sms.provider
    ? new HttpSmsSender({ ...config.sms.provider, timeoutMs: config.sms.timeoutMs })
    : new DevOutboxSmsSender(sequelize, logger),
  mail: config.mail.smtpUrl
    ? new SmtpMailSender(config.mail.smtpUrl, config.mail.from)
    : new FileMailSender(resolve(config.dataDir, 'mails'), config.mail.from, logger),
});
