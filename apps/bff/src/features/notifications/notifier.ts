import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Clock } from '../../platform/clock';
import type { Notifier } from './notifier.port';

/** What the notifier needs. */
export interface NotifierDeps {
  readonly sequelize: Sequelize;
  readonly clock: Clock;
  readonly logger: Logger;
}

// Placeholder while the notifications helper writes the real planner (same session): plans nothing yet.
export const createNotifier = (_deps: NotifierDeps): Notifier => ({
  rendezVousChanged: async () => undefined,
  sessionChanged: async () => undefined,
  flush: async () => undefined,
});
