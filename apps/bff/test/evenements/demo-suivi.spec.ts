import { QueryTypes } from 'sequelize';
import { evenementSchema, localDateIn } from '@imilo/domain';
import { DEMO_OFFRES } from '../../src/db/seeders/2026.11.29T17.00.00.demo-suivi';
import { DEMO_WALKTHROUGH_JEUNE } from '../../src/db/seeders/demo-dossiers.data';
import { DEMO_MISSIONS_LOCALES, DEMO_PASSWORD, demoId } from '../../src/db/seeders/demo.data';
import { seeder } from '../../src/db/umzug';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestApp, signedIn } from '../support/test-app';

// The demo suivi on a database of its own, seeded as `npm run db:seed` does.

describe('Suivi — demo data (seeder 2026.11.29T17.00.00.demo-suivi)', () => {
  let seeded: TestDatabase;

  beforeAll(async () => {
    seeded = await openTestDatabase(process.env['DATABASE_URL']);
    await seeder(seeded.db.sequelize, createTestApp({ db: seeded.db }).ctx.crypto).up();
  }, 120_000);

  afterAll(async () => {
    await seeded.drop();
  }, 60_000);

  const query = <T extends object>(sql: string) => seeded.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT });

  it('when seeded, each Mission Locale has its internal offre de service, one offre withdrawn', async () => {
    const rows = await query<{ mission_locale_id: string; actives: string; inactives: string }>(
      `SELECT mission_locale_id, count(*) FILTER (WHERE actif) AS actives, count(*) FILTER (WHERE NOT actif) AS inactives
       FROM offre_interne GROUP BY mission_locale_id ORDER BY mission_locale_id`,
    );

    expect(rows.length).toBe(DEMO_MISSIONS_LOCALES.length);
    for (const row of rows) {
      expect([Number(row.actives), Number(row.inactives)]).toEqual([DEMO_OFFRES.length - 1, 1]);
    }
  });

  it("when demo.conseiller opens the walkthrough's suivi, it shows six months of événements, two propositions (one accepted, with its événement) and four actions", async () => {
    const { app } = createTestApp({ db: seeded.db });
    const conseiller = await signedIn(app, 'demo.conseiller', DEMO_PASSWORD);
    const id = demoId(DEMO_WALKTHROUGH_JEUNE.key);

    const evenements = (await conseiller.agent.get(`/api/v1/jeunes/${id}/evenements`)).body as { date: string; origine: string; partenaire: string | null; type: { code: string }; themes: string[] }[];
    const propositions = (await conseiller.agent.get(`/api/v1/jeunes/${id}/propositions`)).body as { etat: string; historique: { evenementId: string | null }[] }[];
    const actions = (await conseiller.agent.get(`/api/v1/jeunes/${id}/actions`)).body as { statut: string }[];

    expect(evenements.filter((evenement) => evenement.origine === 'SAISIE').length).toBe(12);
    for (const evenement of evenements) {
      expect(evenementSchema.safeParse(evenement).error).toBeUndefined();
    }
    expect(new Set(evenements.map((evenement) => evenement.type.code)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(evenements.flatMap((evenement) => evenement.themes)).size).toBeGreaterThanOrEqual(5);
    expect(evenements.some((evenement) => evenement.partenaire !== null)).toBeTrue();
    const oldest = Date.parse(evenements.at(-1)!.date);
    expect(Date.now() - oldest).toBeLessThan(183 * 86_400_000);
    expect(propositions.map((proposition) => proposition.etat).sort()).toEqual(['ACCEPTEE', 'PROPOSEE']);
    const accepted = propositions.find((proposition) => proposition.etat === 'ACCEPTEE')!;
    const written = evenements.find((evenement) => evenement.origine === 'PROPOSITION');
    expect(accepted.historique[1]?.evenementId).toBeDefined();
    expect(written).toEqual(jasmine.objectContaining({ type: jasmine.objectContaining({ code: 'ADMINISTRATIF' }) }));
    expect(actions.length).toBe(4);
    // Open ones by échéance (in 7, 10 and 14 days), then the one done.
    expect(actions.map((action) => action.statut)).toEqual(['A_FAIRE', 'EN_COURS', 'A_FAIRE', 'TERMINEE']);
  });

  it('when seeded, about a third of the other jeunes have événements, and their dernier contact is the latest contact day', async () => {
    const [share] = await query<{ avec: string; total: string }>(
      `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM evenement e WHERE e.jeune_id = j.id)) AS avec, count(*) AS total
       FROM jeune j WHERE j.statut_dossier = 'actif'`,
    );
    const mismatches = await query<{ id: string }>(
      `SELECT j.id FROM jeune j JOIN mission_locale ml ON ml.id = j.mission_locale_id
       WHERE EXISTS (SELECT 1 FROM evenement e WHERE e.jeune_id = j.id)
         AND j.dernier_contact_le IS DISTINCT FROM (
           SELECT max((e.date_heure AT TIME ZONE ml.timezone)::date) FROM evenement e
           JOIN type_evenement t ON t.code = e.type_code AND t.mission_locale_id IS NULL
           WHERE e.jeune_id = j.id AND t.contact AND e.supprime_le IS NULL)`,
    );
    const [latest] = await query<{ latest: string }>("SELECT to_char(max(dernier_contact_le), 'YYYY-MM-DD') AS latest FROM jeune");

    const ratio = Number(share!.avec) / Number(share!.total);
    expect(ratio).toBeGreaterThan(0.2);
    expect(ratio).toBeLessThan(0.45);
    expect(mismatches).toEqual([]);
    expect(latest!.latest <= localDateIn(new Date(), 'Indian/Reunion')).toBeTrue();
  });
});
