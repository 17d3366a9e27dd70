import { createSelector } from '@ngrx/store';
import { authFeature } from '../auth/auth.feature';

// Dates and times of C-Milo, in the Mission Locale's timezone (the BFF's `timezone`), never the phone's: a jeune
// travelling, or a phone set to another zone, still reads the hour written on the convocation.

const formats = new Map<string, { jour: Intl.DateTimeFormat; heure: Intl.DateTimeFormat }>();

const formatsIn = (timeZone: string) => {
  let entry = formats.get(timeZone);
  if (entry === undefined) {
    entry = {
      jour: new Intl.DateTimeFormat('fr-FR', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      heure: new Intl.DateTimeFormat('fr-FR', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }),
    };
    formats.set(timeZone, entry);
  }
  return entry;
};

/** "9 h 30", "14 h" on the hour. */
export const heureDansFuseau = (instant: string, timeZone: string): string => {
  const parts = formatsIn(timeZone).heure.formatToParts(new Date(instant));
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? '0');
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00';
  return minute === '00' ? `${hour} h` : `${hour} h ${minute}`;
};

/** "mardi 1 décembre 2026". */
export const jourDansFuseau = (instant: string, timeZone: string): string => formatsIn(timeZone).jour.format(new Date(instant));

/** "mardi 1 décembre 2026, de 9 h 30 à 10 h 30". */
export const creneau = (debut: string, fin: string, timeZone: string): string =>
  `${jourDansFuseau(debut, timeZone)}, de ${heureDansFuseau(debut, timeZone)} à ${heureDansFuseau(fin, timeZone)}`;

/** The timezone of the jeune's Mission Locale, for what the BFF sends without one (devices, actions). */
export const selectFuseauJeune = createSelector(authFeature.selectMe, (me) => {
  const missionLocale = me?.missionsLocales.find(({ principale }) => principale) ?? me?.missionsLocales[0];
  return missionLocale?.timezone ?? 'Europe/Paris';
});

/** The calendar day of an instant in a timezone, as `AAAA-MM-JJ`. */
export const jourIsoDansFuseau = (instant: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
