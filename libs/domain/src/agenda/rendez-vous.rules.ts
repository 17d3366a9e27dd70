import { PROBLEM_CODES } from '../shared/problem';
import { failure, type Result, success } from '../shared/result';
import { type ModaliteRendezVous, REMINDER_OFFSETS_PAR_DEFAUT, REMINDER_SEND_HOUR_PAR_DEFAUT, type ReminderOffset, type StatutPresence } from './rendez-vous.enums';

// The pure rules of rendez-vous (#5, reference.md §c.4): the date window, closing, conflicts, reminders. Time is
// always passed in (`now`), never read here.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const shiftYears = (date: Date, years: number): Date => {
  const shifted = new Date(date.getTime());
  shifted.setUTCFullYear(shifted.getUTCFullYear() + years);
  return shifted;
};

/**
 * Why a rendez-vous may not start at `debut` (§c.4: within [now − 1 year, now + 2 years], both ends included), in
 * French; null when it may.
 */
export const rendezVousDateError = (debut: Date, now: Date): string | null => {
  if (debut.getTime() < shiftYears(now, -1).getTime()) {
    return "Un rendez-vous ne peut dater de plus d'un an.";
  }
  if (debut.getTime() > shiftYears(now, 2).getTime()) {
    return "Un rendez-vous se planifie au plus deux ans à l'avance.";
  }
  return null;
};

/**
 * Whether a rendez-vous may be closed (présent / absent / excusé) at `now`: only once it has started (§c.4), never
 * when cancelled or already closed. A `conflict` failure says why in French.
 */
export const canClose = (
  debut: Date,
  now: Date,
  etat: { readonly annule?: boolean; readonly clos?: boolean } = {},
): Result<true> => {
  if (etat.annule) {
    return failure(PROBLEM_CODES.conflict, 'Ce rendez-vous est annulé : il ne se clôture pas.');
  }
  if (etat.clos) {
    return failure(PROBLEM_CODES.conflict, 'Ce rendez-vous est déjà clôturé.');
  }
  if (now.getTime() < debut.getTime()) {
    return failure(PROBLEM_CODES.conflict, 'Un rendez-vous se clôture une fois commencé.');
  }
  return success(true);
};

/** A rendez-vous as the agenda compares it: [debut, debut + durée[. */
export interface Creneau {
  readonly debut: Date;
  readonly dureeMinutes: number;
}

/** One of my rendez-vous, as the conflict check reads it. */
export interface CreneauRendezVous extends Creneau {
  readonly id: string;
  readonly annule?: boolean;
}

const finOf = (creneau: Creneau): number => creneau.debut.getTime() + creneau.dureeMinutes * MINUTE;

/** Whether two slots overlap, as half-open intervals: one ending at 10:00 and one starting at 10:00 do not. */
export const overlaps = (a: Creneau, b: Creneau): boolean =>
  a.debut.getTime() < finOf(b) && b.debut.getTime() < finOf(a) && a.dureeMinutes > 0 && b.dureeMinutes > 0;

/**
 * My rendez-vous a candidate overlaps, earliest first (a warning, not a refusal): cancelled ones are ignored, and so
 * is the candidate itself when it is being moved (same id).
 */
export const conflictsWith = <T extends CreneauRendezVous>(candidate: Creneau & { readonly id?: string }, mine: readonly T[]): T[] =>
  mine
    .filter((other) => !other.annule && other.id !== candidate.id && overlaps(candidate, other))
    .sort((a, b) => a.debut.getTime() - b.debut.getTime());

// ---------------------------------------------------------------------------------------------------------------
// Time zones, with Intl only.

const formats = new Map<string, Intl.DateTimeFormat>();

const wallClockFormat = (timeZone: string): Intl.DateTimeFormat => {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
};

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const wallClockIn = (instant: Date, timeZone: string): WallClock => {
  const parts = Object.fromEntries(wallClockFormat(timeZone).formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: parts['year']!, month: parts['month']!, day: parts['day']!, hour: parts['hour']!, minute: parts['minute']!, second: parts['second']! };
};

/** The zone's offset from UTC at an instant, in milliseconds (Réunion: +4 h; Paris: +1 h or +2 h). */
const offsetAt = (instant: Date, timeZone: string): number => {
  const wall = wallClockIn(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
};

/**
 * The instant a local wall time happens in a zone. Across a change of offset the offset of the result is checked
 * again; a wall time that does not exist (the hour skipped in spring) lands just after the gap.
 */
export const instantOfLocalTime = (
  local: { readonly year: number; readonly month: number; readonly day: number; readonly hour: number; readonly minute?: number },
  timeZone: string,
): Date => {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute ?? 0);
  const first = asUtc - offsetAt(new Date(asUtc), timeZone);
  const second = asUtc - offsetAt(new Date(first), timeZone);
  return new Date(second);
};

// ---------------------------------------------------------------------------------------------------------------
// Reminders.

/** The number of days of an offset: `J-7` → 7; a number of days is taken as is. */
export const reminderOffsetDays = (offset: ReminderOffset | number): number => {
  const days = typeof offset === 'number' ? offset : Number(offset.slice(2));
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`not a reminder offset: ${offset}`);
  }
  return days;
};

/** One reminder to schedule: one job per key, so that it is sent once; a move changes the key. */
export interface PlannedReminder {
  readonly key: string;
  readonly offset: ReminderOffset;
  readonly sendAt: Date;
}

/** What planning the reminders of a rendez-vous needs. */
export interface ReminderPlanInput {
  readonly rendezVousId: string;
  readonly debut: Date;
  /** The Mission Locale's IANA time zone (`Indian/Reunion`, `Europe/Paris`). */
  readonly timeZone: string;
  /** The Mission Locale's offsets (`J-7`, `J-1` by default), or numbers of days. */
  readonly offsets?: readonly (ReminderOffset | number)[];
  /** The local hour a reminder is sent at (10 by default). */
  readonly sendHour?: number;
  readonly now: Date;
}

/**
 * The reminders of a rendez-vous (§c.4, #5): for each offset J-N, the local day N days before the rendez-vous' local
 * day, at `sendHour` local time, in the Mission Locale's time zone (so across a change of offset it is still 10:00
 * there). A reminder already past (`sendAt` ≤ now) is skipped, and so, defensively, is one not before the start.
 * Earliest first; keys carry the start, so that a moved rendez-vous gets new ones and the old jobs are left to cancel.
 */
export const planReminders = (input: ReminderPlanInput): PlannedReminder[] => {
  const sendHour = input.sendHour ?? REMINDER_SEND_HOUR_PAR_DEFAUT;
  if (!Number.isInteger(sendHour) || sendHour < 0 || sendHour > 23) {
    throw new RangeError(`not a local hour: ${sendHour}`);
  }
  const start = wallClockIn(input.debut, input.timeZone);
  const startDay = Date.UTC(start.year, start.month - 1, start.day);
  const days = [...new Set((input.offsets ?? REMINDER_OFFSETS_PAR_DEFAUT).map(reminderOffsetDays))];
  const reminders: PlannedReminder[] = [];
  for (const n of days) {
    const day = new Date(startDay - n * DAY);
    const sendAt = instantOfLocalTime({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: sendHour }, input.timeZone);
    if (sendAt.getTime() <= input.now.getTime() || sendAt.getTime() >= input.debut.getTime()) {
      continue;
    }
    const offset: ReminderOffset = `J-${n}`;
    reminders.push({ key: `${input.rendezVousId}:${offset}:${input.debut.toISOString()}`, offset, sendAt });
  }
  return reminders.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
};

/** Checked when a reminder is about to be sent: never once the rendez-vous has started, never when it is cancelled. */
export const maySendNow = (now: Date, debut: Date, cancelled: boolean): boolean => !cancelled && now.getTime() < debut.getTime();

const frenchFormats = new Map<string, Intl.DateTimeFormat>();

const frenchDayFormat = (timeZone: string): Intl.DateTimeFormat => {
  let format = frenchFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
    frenchFormats.set(timeZone, format);
  }
  return format;
};

/** "14 h 30", "9 h 00": the local time as French writes it. */
const frenchTime = (instant: Date, timeZone: string): string => {
  const wall = wallClockIn(instant, timeZone);
  return `${wall.hour} h ${String(wall.minute).padStart(2, '0')}`;
};

/** "le lundi 7 décembre", "le mardi 1er décembre". */
const frenchDay = (instant: Date, timeZone: string): string => {
  const parts = Object.fromEntries(frenchDayFormat(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  const day = parts['day'] === '1' ? '1er' : parts['day'];
  return `le ${parts['weekday']} ${day} ${parts['month']}`;
};

const NOMBRES = ['', 'une', 'deux', 'trois', 'quatre'];

const howSoon = (days: number): string => {
  if (days === 1) {
    return 'demain';
  }
  if (days === 2) {
    return 'après-demain';
  }
  if (days % 7 === 0 && days / 7 < NOMBRES.length) {
    const weeks = days / 7;
    return `dans ${NOMBRES[weeks]} semaine${weeks > 1 ? 's' : ''}`;
  }
  return `dans ${days} jours`;
};

/**
 * The text of a reminder, worded in the Mission Locale's time zone, as the jeune reads it on the planned day:
 * "Rappel : rendez-vous demain à 14 h 30", "Rappel : rendez-vous dans une semaine, le lundi 7 décembre à 9 h 00".
 */
export const reminderWording = (offset: ReminderOffset | number, debut: Date, timeZone: string): string => {
  const days = reminderOffsetDays(offset);
  const time = frenchTime(debut, timeZone);
  if (days <= 2) {
    return `Rappel : rendez-vous ${howSoon(days)} à ${time}`;
  }
  return `Rappel : rendez-vous ${howSoon(days)}, ${frenchDay(debut, timeZone)} à ${time}`;
};

/**
 * The type of the événement the closing of a rendez-vous writes on the timeline (#5): the contact itself when the
 * jeune came (by phone: a phone call; otherwise an individual interview), the absence otherwise.
 */
export const typeEvenementDeCloture = (modalite: ModaliteRendezVous, presence: StatutPresence): string => {
  if (presence === 'ABSENT') {
    return 'RENDEZ_VOUS_ABSENT';
  }
  if (presence === 'EXCUSE') {
    return 'RENDEZ_VOUS_EXCUSE';
  }
  return modalite === 'TELEPHONE' ? 'TELEPHONE' : 'ENTRETIEN_INDIVIDUEL';
};
