import { portailSchema } from '@imilo/domain';
import { DEMO_PASSWORD } from '../../src/db/seeders/demo.data';
import { seeder } from '../../src/db/umzug';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestApp, signedIn } from '../support/test-app';

// The demo's homes on a database of its own, seeded as `npm run db:seed` does.

describe('Portail — demo data (seeder 2026.11.29T19.00.00.demo-portail)', () => {
  let seeded: TestDatabase;

  beforeAll(async () => {
    seeded = await openTestDatabase(process.env['DATABASE_URL']);
    await seeder(seeded.db.sequelize, createTestApp({ db: seeded.db }).ctx.crypto).up();
  }, 180_000);

  afterAll(async () => {
    await seeded.drop();
  }, 60_000);

  const homeOf = async (login: string) => {
    const { app } = createTestApp({ db: seeded.db });
    const client = await signedIn(app, login, DEMO_PASSWORD);
    const read = async () => {
      const res = await client.agent.get('/api/v1/portail');
      expect(res.status).toBe(200);
      expect(portailSchema.safeParse(res.body).error).toBeUndefined();
      for (const [id, etat] of Object.entries(res.body.widgets as Record<string, { statut: string }>)) {
        expect(etat.statut).withContext(`${login} ${id}`).toBe('ok');
      }
      return res.body.widgets as Record<string, { donnees: Record<string, unknown> }>;
    };
    return { client, read, widgets: await read() };
  };

  for (const login of ['demo.conseiller', 'demo.conseiller2']) {
    it(`when ${login} opens their home, the day, what to close and the alerts show; a titre de séjour expiring in three weeks and a jeune turning 26 come once the earlier ones are treated`, async () => {
      const { client, read, widgets } = await homeOf(login);
      expect((widgets['rendez-vous-du-jour']!.donnees['total'] as number) > 0).toBeTrue();
      expect((widgets['a-cloturer']!.donnees['total'] as number) > 0).toBeTrue();
      type Alerte = { cle: string; regle: string };
      const attendues = ['TITRE_SEJOUR', 'AGE_LIMITE'];
      let alertes = widgets['alertes']!.donnees['items'] as Alerte[];
      expect(alertes.length).toBeGreaterThan(0);

      // The conseiller works through the list (this week's rendez-vous without push fill it on some days of the week).
      for (let round = 0; round < 3 && !attendues.every((regle) => alertes.some((alerte) => alerte.regle === regle)); round += 1) {
        for (const alerte of alertes.filter((candidate) => !attendues.includes(candidate.regle))) {
          expect((await client.post('/api/v1/portail/alertes/traitees', { cle: alerte.cle })).status).toBe(204);
        }
        alertes = (await read())['alertes']!.donnees['items'] as Alerte[];
      }

      expect(alertes.map((alerte) => alerte.regle)).toEqual(jasmine.arrayContaining(attendues));
    });
  }

  it('when demo.direction and demo.admin open their homes, the figures and the accounts are not empty', async () => {
    const direction = (await homeOf('demo.direction')).widgets;
    const admin = (await homeOf('demo.admin')).widgets;

    expect((direction['dossiers-par-completude']!.donnees['total'] as number) > 0).toBeTrue();
    expect((direction['evenements-par-theme']!.donnees['indicateur'] as { valeur: number }).valeur + (direction['evenements-par-theme']!.donnees['indicateur'] as { precedente: number }).precedente).toBeGreaterThan(0);
    expect((admin['comptes']!.donnees['actifs'] as number) > 0).toBeTrue();
  });

  it('when demo.jeune opens C-Milo, the next rendez-vous, an action due soon and an unread notification show', async () => {
    const { widgets } = await homeOf('demo.jeune');

    expect(widgets['prochain-rendez-vous']!.donnees['rendezVous']).not.toBeNull();
    expect(widgets['mes-actions']!.donnees['total']).toBeGreaterThan(0);
    expect(widgets['notifications']!.donnees['nonLues']).toBe(1);
    expect((widgets['notifications']!.donnees['items'] as unknown[]).length).toBe(2);
  });
});
