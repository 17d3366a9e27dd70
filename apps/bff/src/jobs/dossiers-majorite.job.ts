import { QueryTypes } from 'sequelize';
import type { AppContext } from '../app-context';
import { refreshDossierDerived } from '../features/dossiers/dossier-derived';

/** The queue of the nightly completeness refresh of jeunes coming of age. */
export const MAJORITE_QUEUE = 'dossiers-majorite';

/** Every night at 02:30, Paris time: the overseas Missions Locales' day has begun or is about to. */
export const MAJORITE_SCHEDULE = { cron: '30 2 * * *', tz: 'Europe/Paris' } as const;

// A missed night (deployment, outage) is caught up: the refresh is idempotent, a week of birthdays is a few rows.
const CATCH_UP_DAYS = 7;

// Completeness is stored on every write (ADR 0004), but turning 18 writes nothing: a minor's dossier lacking only a
// représentant légal stays « partiel » in the criteria search until this job recomputes it. Only « partiel » dossiers
// can change this way. The birth-date bounds are first taken wide in UTC (the btree on date_naissance), then exact
// on each Mission Locale's local day.
const COMING_OF_AGE = `
  SELECT j.id
  FROM jeune j JOIN mission_locale ml ON ml.id = j.mission_locale_id
  WHERE j.date_naissance BETWEEN :from::date AND :to::date
    AND j.completude = 'partiel'
    AND j.statut_dossier <> 'anonymise'
    AND j.date_naissance + interval '18 years' BETWEEN (:now::timestamptz AT TIME ZONE ml.timezone)::date - :catchUp::int
                                                  AND (:now::timestamptz AT TIME ZONE ml.timezone)::date`;

const DAY_MS = 86_400_000;

const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Recomputes the stored completeness of the dossiers of jeunes who turned 18 in the last days; answers how many. */
export const refreshComingOfAge = async (ctx: AppContext): Promise<{ refreshed: number }> => {
  const now = ctx.clock.now();
  const eighteenYearsAgo = new Date(now);
  eighteenYearsAgo.setUTCFullYear(eighteenYearsAgo.getUTCFullYear() - 18);
  const rows = await ctx.db.sequelize.query<{ id: string }>(COMING_OF_AGE, {
    type: QueryTypes.SELECT,
    replacements: {
      now,
      catchUp: CATCH_UP_DAYS,
      // A day of margin each side: time zones run from UTC−5 (Guyane, Antilles) to UTC+4 (La Réunion).
      from: utcDay(new Date(eighteenYearsAgo.getTime() - (CATCH_UP_DAYS + 1) * DAY_MS)),
      to: utcDay(new Date(eighteenYearsAgo.getTime() + DAY_MS)),
    },
  });
  for (const { id } of rows) {
    await ctx.db.sequelize.transaction((transaction) => refreshDossierDerived(ctx.db.sequelize, id, { transaction, now }));
  }
  ctx.logger.info({ job: MAJORITE_QUEUE, refreshed: rows.length }, 'completeness of jeunes coming of age refreshed');
  return { refreshed: rows.length };
};
