import type { LocalDate } from '../dossiers/jeune-search.rules';

// Calendar arithmetic on local days (`AAAA-MM-JJ`): no time zone is involved once the day is known, so UTC dates
// stand in for them. Which day "today" is comes from localDateIn(now, the Mission Locale's zone).

const pad = (value: number): string => String(value).padStart(2, '0');

const partsOf = (jour: LocalDate): { year: number; month: number; day: number } => {
  const [year, month, day] = jour.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
};

const format = (date: Date): LocalDate => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

/** A calendar day `n` days after another (`n` may be negative). */
export const plusJours = (jour: LocalDate, n: number): LocalDate => {
  const { year, month, day } = partsOf(jour);
  return format(new Date(Date.UTC(year, month - 1, day + n)));
};

/** The Monday of the day's week (French weeks start on Monday). */
export const lundiDe = (jour: LocalDate): LocalDate => {
  const { year, month, day } = partsOf(jour);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return plusJours(jour, -((weekday + 6) % 7));
};

/** The first day of the day's month. */
export const premierDuMois = (jour: LocalDate): LocalDate => `${jour.slice(0, 8)}01`;

/** The same day `n` months earlier or later, kept inside the target month (31 March − 1 month = 28/29 February). */
export const plusMois = (jour: LocalDate, n: number): LocalDate => {
  const { year, month, day } = partsOf(jour);
  const lastDay = new Date(Date.UTC(year, month - 1 + n + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(year, month - 1 + n, Math.min(day, lastDay))));
};

/**
 * The day someone born on `dateNaissance` turns `age`. Born on 29 February: 1 March of a common year, as ageOn
 * counts it (French civil law).
 */
export const anniversaire = (dateNaissance: LocalDate, age: number): LocalDate => {
  const { year, month, day } = partsOf(dateNaissance);
  return format(new Date(Date.UTC(year + age, month - 1, day)));
};

/** Whole days from `du` to `au` (negative when `au` is before). */
export const joursEntre = (du: LocalDate, au: LocalDate): number => {
  const a = partsOf(du);
  const b = partsOf(au);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
};

/** "07/12/2026", as French writes a day. */
export const jourFr = (jour: LocalDate): string => {
  const { year, month, day } = partsOf(jour);
  return `${pad(day)}/${pad(month)}/${year}`;
};
