import type { ValidatorFn } from '@angular/forms';

const DATE_FR = /^(\d{1,2})[/.\s-](\d{1,2})[/.\s-](\d{4})$/;

/**
 * A day typed the French way, JJ/MM/AAAA (slashes, dots, dashes or spaces), as `YYYY-MM-DD`; null when it is not a
 * day of the calendar (31/02/2006).
 */
export const isoFromDateFr = (text: string): string | null => {
  const match = DATE_FR.exec(text.trim());
  if (match === null) {
    return null;
  }
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** Requires a day typed JJ/MM/AAAA, with the label's French message. */
export const dateFrValidator =
  (label: string): ValidatorFn =>
  (control) => {
    const value = typeof control.value === 'string' ? control.value.trim() : '';
    if (value === '') {
      return { required: `${label} : à renseigner.` };
    }
    return isoFromDateFr(value) === null ? { dateFr: `${label} : une date au format JJ/MM/AAAA (ex. 07/12/2006).` } : null;
  };
