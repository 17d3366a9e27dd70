import { QueryTypes, type Sequelize } from 'sequelize';
import { MAJORITE_QUEUE, refreshComingOfAge } from '../../src/jobs/dossiers-majorite.job';
import { startJobs } from '../../src/jobs/jobs';
import { aJeune, aMissionLocale, withCompletFields } from '../support/builders';
import { createTestApp, TestClock } from '../support/test-app';

const completudeOf = async (sequelize: Sequelize, id: string): Promise<string> =>
  (await sequelize.query<{ completude: string }>('SELECT completude FROM jeune WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id } }))[0]!
    .completude;

describe('completeness of jeunes coming of age (nightly job)', () => {
  // 2026-12-01 at 22:30 UTC: still 1 December in Paris (23:30), already 2 December in La Réunion (02:30).
  const clock = () => new TestClock(new Date('2026-12-01T22:30:00Z'));

  /** A minor's dossier complete but for a représentant légal, stored « partiel » as the BFF left it. */
  const aMinorDossier = async (sequelize: Sequelize, ml: { id: string }, dateNaissance: string) => {
    const jeune = await aJeune(sequelize, ml, { dateNaissance, completude: 'partiel' });
    await withCompletFields(sequelize, jeune);
    return jeune;
  };

  it('when a jeune turned 18 on their Mission Locale’s day, their dossier becomes « complet »; one still 17 stays « partiel »', async () => {
    const { ctx, db } = createTestApp({ clock: clock() });
    const paris = await aMissionLocale(db.sequelize);
    const reunion = await aMissionLocale(db.sequelize, { timezone: 'Indian/Reunion' });
    const eighteenToday = await aMinorDossier(db.sequelize, paris, '2008-12-01');
    const eighteenLastWeek = await aMinorDossier(db.sequelize, paris, '2008-11-26');
    const eighteenTomorrowInParis = await aMinorDossier(db.sequelize, paris, '2008-12-02');
    const eighteenTodayInReunion = await aMinorDossier(db.sequelize, reunion, '2008-12-02');

    const { refreshed } = await refreshComingOfAge(ctx);

    expect(refreshed).toBeGreaterThanOrEqual(3);
    expect(await completudeOf(db.sequelize, eighteenToday.id)).toBe('complet');
    expect(await completudeOf(db.sequelize, eighteenLastWeek.id)).toBe('complet');
    expect(await completudeOf(db.sequelize, eighteenTodayInReunion.id)).toBe('complet');
    expect(await completudeOf(db.sequelize, eighteenTomorrowInParis.id)).toBe('partiel');
  });

  it('when pg-boss starts, the refresh is scheduled nightly at 02:30 Paris time', async () => {
    const { ctx } = createTestApp({ clock: clock() });
    const jobs = await startJobs(ctx);
    try {
      expect(await jobs.boss.getSchedules()).toContain(
        jasmine.objectContaining({ name: MAJORITE_QUEUE, cron: '30 2 * * *', options: { tz: 'Europe/Paris' } }),
      );
    } finally {
      await jobs.stop();
    }
  }, 30_000);
});
