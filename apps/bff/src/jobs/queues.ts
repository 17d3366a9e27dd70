import type PgBoss from 'pg-boss';

// pg-boss 10 creates a queue (a row and a partition table) in one function; two processes creating the same queue at
// the same time deadlock on it (PostgreSQL 40P01, seen with two BFF processes starting together). The victim's
// statement is rolled back whole, and the queue exists once the winner commits: creating it again is then a no-op.

const DEADLOCK = '40P01';
// Each attempt has one chance in two at worst (two processes colliding); ten make a failed start vanishingly rare even
// on a loaded machine, where five were seen to run out (full BFF suite under load average 10).
const ATTEMPTS = 10;

const isDeadlock = (error: unknown): boolean => (error as { code?: string } | null)?.code === DEADLOCK;

/** Creates a queue if it does not exist, retrying when another process creating it at the same time deadlocks us. */
export const ensureQueue = async (boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'> = {}): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, { ...options, name });
      return;
    } catch (error) {
      if (!isDeadlock(error) || attempt === ATTEMPTS) {
        throw error;
      }
      // A short random pause, so that the two processes do not collide again.
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
    }
  }
};
