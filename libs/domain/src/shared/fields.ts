import * as z from 'zod';

// Field builders shared by every capability's schemas: each carries its French message, so that every form and the
// BFF say the same thing.

/**
 * A day as `AAAA-MM-JJ`. Year 0000 passes the ISO pattern but not PostgreSQL's calendar (there is no year 0): refused
 * here, not as a 500.
 */
export const jour = (label: string) =>
  z.iso.date(`${label} : une date au format AAAA-MM-JJ.`).refine((value) => !value.startsWith('0000'), `${label} : une date au format AAAA-MM-JJ.`);

// Real offsets run from -12:00 to +14:00; the ISO form allows up to ±23:59, which PostgreSQL refuses.
const MAX_OFFSET_MINUTES = 14 * 60;

const plausibleInstant = (value: string): boolean => {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(value);
  const minutes = offset === null ? 0 : Number(offset[2]) * 60 + Number(offset[3]);
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) {
    // Not a date at all: the format check says so, once.
    return true;
  }
  // Years before 2000 are typing slips; past 9999 (once in UTC) PostgreSQL has no such timestamp.
  return minutes <= MAX_OFFSET_MINUTES && value >= '2000' && instant.getUTCFullYear() <= 9999;
};

/** An instant with its offset, as the PWA sends it (`2026-11-29T14:30:00+01:00`): an événement's time, a rendez-vous' start. */
export const instant = (label: string) =>
  z.iso.datetime({ offset: true, message: `${label} : une date et une heure valides.` }).refine(plausibleInstant, `${label} : une date et une heure valides.`);

/** A required text, trimmed, at most `max` characters. */
export const texte = (label: string, max: number) =>
  z.string().trim().min(1, `${label} : à renseigner.`).max(max, `${label} : ${max} caractères au plus.`);

/** A field that may be recorded as unknown (`null`). */
export const optionnel = <T extends z.ZodType>(schema: T) => schema.nullable();

/** The version of a record as read, which an edit must carry (optimistic concurrency: stale → 409). */
export const versionLue = (label: string) => z.number(`La version ${label} lue est requise.`).int().min(1);

/** A staff member as the PWA shows them: who did or changed something, a jeune's référent. */
export const personne = z.object({ id: z.string(), prenom: z.string(), nom: z.string() });

/** A staff member as shown. */
export type Personne = z.infer<typeof personne>;
