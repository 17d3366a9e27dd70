import { instantOfLocalTime } from '@imilo/domain';

// Calendar arithmetic is the domain's; the agenda's views import it from here with the rest of their time helpers.
export { lundiDe, plusJours } from '@imilo/domain';

// Days and times of the agenda, always in the Mission Locale's time zone (AgendaDto.timezone), whatever the device's:
// a conseiller of La Réunion on a laptop set to Paris still sees 9 h 00 for a 9 h 00 rendez-vous (#5, §c.4).

const pad = (value: number): string => String(value).padStart(2, '0');
const formats = new Map<string, Intl.DateTimeFormat>();

const cached = (key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat => {
  let format = formats.get(key);
  if (format === undefined) {
    format = make();
    formats.set(key, format);
  }
  return format;
};

interface WallClock {
  readonly jour: string;
  readonly hour: number;
  readonly minute: number;
}

/** The wall clock of an instant in a zone: its local day (`AAAA-MM-JJ`), hour and minute. */
export const wallClock = (instant: Date, timeZone: string): WallClock => {
  const format = cached(`wall:${timeZone}`, () =>
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }),
  );
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return { jour: `${parts['year']}-${parts['month']}-${parts['day']}`, hour: Number(parts['hour']), minute: Number(parts['minute']) };
};

/** The local day of an instant in the zone, as `AAAA-MM-JJ`. */
export const jourDans = (instant: Date, timeZone: string): string => wallClock(instant, timeZone).jour;

/** Minutes since the local midnight of the instant's day, in the zone. */
export const minutesDans = (instant: Date, timeZone: string): number => {
  const { hour, minute } = wallClock(instant, timeZone);
  return hour * 60 + minute;
};

const parseJour = (jour: string): { year: number; month: number; day: number } => {
  const [year, month, day] = jour.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
};

/** Whether the day is a Saturday or a Sunday. */
export const estWeekEnd = (jour: string): boolean => {
  const { year, month, day } = parseJour(jour);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** The instant of a local day and time (`HH:mm`, or minutes since midnight) in the zone. */
export const instantDans = (jour: string, heure: string | number, timeZone: string): Date => {
  const { year, month, day } = parseJour(jour);
  const minutes = typeof heure === 'number' ? heure : Number(heure.slice(0, 2)) * 60 + Number(heure.slice(3, 5));
  return instantOfLocalTime({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, timeZone);
};

/**
 * An instant written with the zone's offset, as the BFF expects a rendez-vous' start (`2026-12-07T09:00:00+04:00`):
 * what the conseiller typed stays readable in the request and in the outbox.
 */
export const isoAvecOffset = (instant: Date, timeZone: string): string => {
  const wall = wallClock(instant, timeZone);
  const { year, month, day } = parseJour(wall.jour);
  const offset = Math.round((Date.UTC(year, month - 1, day, wall.hour, wall.minute) - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
  const sign = offset >= 0 ? '+' : '-';
  return `${wall.jour}T${pad(wall.hour)}:${pad(wall.minute)}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
};

/** "14 h 30", the local time as French writes it. */
export const heureFr = (instant: Date, timeZone: string): string => {
  const { hour, minute } = wallClock(instant, timeZone);
  return `${hour} h ${pad(minute)}`;
};

/** "14 h 30" for minutes since midnight. */
export const heureDeMinutes = (minutes: number): string => `${Math.floor(minutes / 60)} h ${pad(minutes % 60)}`;

/** `HH:mm` of an instant in the zone (the value of an `<input type="time">`). */
export const heureInput = (instant: Date, timeZone: string): string => {
  const { hour, minute } = wallClock(instant, timeZone);
  return `${pad(hour)}:${pad(minute)}`;
};

// A calendar day is formatted at noon UTC in UTC: the same day whatever the device's zone.
const noonOf = (jour: string): Date => {
  const { year, month, day } = parseJour(jour);
  return new Date(Date.UTC(year, month - 1, day, 12));
};

/** "lundi 7 décembre 2026". */
export const libelleJour = (jour: string): string =>
  cached('long', () => new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })).format(noonOf(jour));

/** "lun. 7 déc.", for the columns of the week. */
export const libelleJourCourt = (jour: string): string =>
  cached('short', () => new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })).format(noonOf(jour));

/** "7 déc. 2026". */
export const libelleDate = (jour: string): string =>
  cached('date', () => new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })).format(noonOf(jour));
