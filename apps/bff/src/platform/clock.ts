/** The source of "now"; injected so that tests control expiry, lockout and session time. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };
