import { InjectionToken } from '@angular/core';

// Days and times of the Suivi forms, on the device's calendar: a conseiller types the local day and hour of an
// appointment, and an échéance is a local day (reference.md §c.6: SNP dates once went out a day early through UTC).

/** The current time; replaced in specs so that defaults ("now", "in 14 days") are predictable. */
export const CLOCK = new InjectionToken<() => Date>('CLOCK', { providedIn: 'root', factory: () => () => new Date() });

const pad = (value: number): string => String(value).padStart(2, '0');

/** The local day of an instant, as `AAAA-MM-JJ`. */
export const jourLocal = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The local time of an instant, as `HH:mm` (the value of an `<input type="time">`). */
export const heureLocale = (date: Date): string => `${pad(date.getHours())}:${pad(date.getMinutes())}`;

const JOUR = /^(\d{4})-(\d{2})-(\d{2})$/;
const HEURE = /^(\d{2}):(\d{2})$/;

/** A day `jours` days after another one, on the local calendar. */
export const plusJours = (jour: string, jours: number): string => {
  const match = JOUR.exec(jour);
  return match === null ? jour : jourLocal(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + jours));
};

/** An instant with the device's offset, as the BFF expects it (`2026-11-29T14:30:00+01:00`). */
export const instantAvecOffset = (date: Date): string => {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hours = pad(Math.floor(Math.abs(offset) / 60));
  const minutes = pad(Math.abs(offset) % 60);
  return `${jourLocal(date)}T${heureLocale(date)}:${pad(date.getSeconds())}${sign}${hours}:${minutes}`;
};

/**
 * The instant of a local day and time typed in the form, with its offset; an empty string when either is missing or
 * not a real date, so that the domain schema answers with its French message.
 */
export const instantLocal = (jour: string, heure: string): string => {
  const day = JOUR.exec(jour);
  const time = HEURE.exec(heure);
  if (day === null || time === null) {
    return '';
  }
  const date = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), Number(time[1]), Number(time[2]));
  return Number.isNaN(date.getTime()) || jourLocal(date) !== jour ? '' : instantAvecOffset(date);
};

/** "29/11 à 14 h 30", for the short labels of the pending list. */
export const jourHeureCourts = (date: Date): string =>
  `${pad(date.getDate())}/${pad(date.getMonth() + 1)} à ${date.getHours()} h ${pad(date.getMinutes())}`;
