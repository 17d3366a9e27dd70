/** The share of the monthly SMS budget at which the direction of the Mission Locale is alerted. */
export const SMS_BUDGET_ALERT_PERCENT = 80;

/** Where a Mission Locale stands with its monthly SMS budget once a send is counted. */
export type SmsBudgetLevel = 'ok' | 'alert' | 'stopped';

/** The answer of {@link smsBudgetState}. */
export interface SmsBudgetState {
  /**
   * `ok`: send, below 80 % afterwards; `alert`: send, at or above 80 % afterwards (up to exactly 100 %);
   * `stopped`: refuse, this send would go over 100 % (push and e-mail are not concerned).
   */
  readonly level: SmsBudgetLevel;
  /** Whether this very send crosses the 80 % line: the direction is alerted once, by the send that crosses it. */
  readonly crossesAlert: boolean;
  /** The segments counted this month once the answer is applied (unchanged when stopped). */
  readonly used: number;
  /** `used` as a whole percentage of the budget, rounded down (100 when the budget is 0). */
  readonly percent: number;
}

const count = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
};

/** Integer comparison with the 80 % line, so that 79.99 % is never rounded up to an alert. */
const atOrAboveAlert = (used: number, budget: number): boolean => used * 100 >= budget * SMS_BUDGET_ALERT_PERCENT;

/**
 * Checks a send of `segmentsToSend` SMS segments against the monthly budget of the Mission Locale. Reaching exactly
 * 100 % is allowed; going over it is refused. A refused send crosses nothing, since nothing is sent.
 */
export const smsBudgetState = (input: {
  readonly sentThisMonth: number;
  readonly segmentsToSend: number;
  readonly monthlyBudget: number;
}): SmsBudgetState => {
  const sent = count('sentThisMonth', input.sentThisMonth);
  const toSend = count('segmentsToSend', input.segmentsToSend);
  const budget = count('monthlyBudget', input.monthlyBudget);
  const percentOf = (used: number) => (budget === 0 ? 100 : Math.floor((used * 100) / budget));
  const after = sent + toSend;
  if (after > budget) {
    return { level: 'stopped', crossesAlert: false, used: sent, percent: percentOf(sent) };
  }
  const alert = atOrAboveAlert(after, budget);
  return {
    level: alert ? 'alert' : 'ok',
    crossesAlert: alert && !atOrAboveAlert(sent, budget),
    used: after,
    percent: percentOf(after),
  };
};

const monthFormats = new Map<string, Intl.DateTimeFormat>();

const monthFormatIn = (timeZone: string): Intl.DateTimeFormat => {
  let format = monthFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormats.set(timeZone, format);
  }
  return format;
};

/**
 * The month ('YYYY-MM') an instant falls in, in the Mission Locale's timezone: the SMS budget resets at local
 * midnight on the 1st (2026-11-30T21:30Z is already December in La Réunion, still November in Paris).
 */
export const monthOf = (instant: Date | string, timeZone: string): string => {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Invalid instant: ${String(instant)}`);
  }
  const parts = monthFormatIn(timeZone).formatToParts(date);
  const part = (type: 'year' | 'month') => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}`;
};
