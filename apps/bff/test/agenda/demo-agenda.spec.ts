import { agendaSchema, localDateIn, meRendezVousListSchema } from '@imilo/domain';
import { DEMO_MISSIONS_LOCALES, DEMO_PASSWORD } from '../../src/db/seeders/demo.data';
import { seeder } from '../../src/db/umzug';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestApp, signedIn } from '../support/test-app';

// The demo agenda on a database of its own, seeded as `npm run db:seed` does.

describe('Agenda — demo data (seeder 2026.11.29T18.00.00.demo-agenda)', () => {
  let seeded: TestDatabase;

  beforeAll(async () => {
    seeded = await openTestDatabase(process.env['DATABASE_URL']);
    await seeder(seeded.db.sequelize, createTestApp({ db: seeded.db }).ctx.crypto).up();
  }, 120_000);

  afterAll(async () => {
    await seeded.drop();
  }, 60_000);

  for (const [login, ml] of [['demo.conseiller', DEMO_MISSIONS_LOCALES[0]!], ['demo.conseiller2', DEMO_MISSIONS_LOCALES[1]!]] as const) {
    it(`when ${login} opens today's agenda, it shows the day's rendez-vous in ${ml.timezone}, the mémos due and the week's sessions`, async () => {
      const { app } = createTestApp({ db: seeded.db });
      const conseiller = await signedIn(app, login, DEMO_PASSWORD);
      const today = localDateIn(new Date(), ml.timezone);
      const inAWeek = localDateIn(new Date(Date.now() + 9 * 86_400_000), ml.timezone);

      const day = await conseiller.agent.get('/api/v1/agenda').query({ from: today, to: today });
      const week = await conseiller.agent.get('/api/v1/agenda').query({ from: today, to: inAWeek });

      expect(day.status).toBe(200);
      expect(agendaSchema.safeParse(day.body).error).toBeUndefined();
      expect(day.body.timezone).toBe(ml.timezone);
      expect(day.body.rendezVous.length).toBe(5);
      for (const rendezVous of day.body.rendezVous as { debut: string }[]) {
        expect(localDateIn(new Date(rendezVous.debut), ml.timezone)).toBe(today);
      }
      expect(new Set((day.body.rendezVous as { modalite: string }[]).map((rendezVous) => rendezVous.modalite)).size).toBe(4);
      // The one due today and the overdue one; the team's is due in two days.
      expect(day.body.memos.length).toBe(2);
      expect(week.body.sessions.map((session: { titre: string; inscrits: number }) => [session.titre, session.inscrits])).toEqual([
        ['Atelier CV : se présenter en une page', 5],
      ]);
    });
  }

  it('when demo.jeune opens C-Milo, the next rendez-vous comes with what to bring, and the past one says present', async () => {
    const { app } = createTestApp({ db: seeded.db });
    const jeune = await signedIn(app, 'demo.jeune', DEMO_PASSWORD);

    const res = await jeune.agent.get('/api/v1/me/rendez-vous');

    expect(res.status).toBe(200);
    expect(meRendezVousListSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body.aVenir.map((item: { objet: string; aApporter: string | null }) => [item.objet, item.aApporter])).toEqual([
      ['Préparer la candidature en alternance', 'Votre CV à jour'],
    ]);
    expect(res.body.passes.map((item: { presence: string | null }) => item.presence)).toEqual(['PRESENT']);
  });
});
