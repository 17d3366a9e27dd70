import * as z from 'zod';

// The sites of the Mission Locale (#4): where an événement "on site" took place. Read by the PWA's quick-entry sheet,
// which offers them in its lieu choice; not personal, so the service worker may keep the list for offline use.

/** A site of one of the user's Missions Locales, as `GET /api/v1/sites` lists it. */
export const siteSchema = z.object({
  id: z.string(),
  nom: z.string(),
  /** The Mission Locale it belongs to: an événement's site must be one of its jeune's Mission Locale. */
  missionLocaleId: z.string(),
});

/** A site. */
export type SiteDto = z.infer<typeof siteSchema>;
