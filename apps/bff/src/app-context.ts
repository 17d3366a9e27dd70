import type { Logger } from 'pino';
import type { Database } from './db/database';
import type { Channels } from './features/notifications/channels.port';
import type { Notifier } from './features/notifications/notifier.port';
import type { UtilisateurRepository } from './features/utilisateurs/utilisateur.repository';
import type { AuditLog } from './platform/audit';
import type { Clock } from './platform/clock';
import type { DataCipher } from './platform/crypto';
import type { Config } from './platform/config';
import type { SignedTokens } from './platform/signed-token';

/** What every feature receives: configuration, time, logs, the database and the shared repositories. */
export interface AppContext {
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly db: Database;
  readonly audit: AuditLog;
  /** Seals and opens the sensitive fields stored encrypted (NIR, identity-document numbers). */
  readonly crypto: DataCipher;
  readonly utilisateurs: UtilisateurRepository;
  /** Signs and checks the tokens of links that act without a session (a notification's "Je confirme"). */
  readonly tokens: SignedTokens;
  /** Plans, reschedules and cancels the messages to jeunes when the agenda changes. */
  readonly notifier: Notifier;
  /** Push, SMS and e-mail, real or the development adapters (SMS outbox, mail files), as the configuration says. */
  readonly channels: Channels;
}
