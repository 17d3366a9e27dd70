import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { QueryTypes } from 'sequelize';
import { nomCharte, normaliseSearchText } from '@imilo/domain';
import { DEMO_WALKTHROUGH_JEUNE } from '../src/db/seeders/demo-dossiers.data';
import { DEMO_MISSIONS_LOCALES, DEMO_PASSWORD, demoId, type Generation, NOMS, prenomsOf, REUNION_NAMES } from '../src/db/seeders/demo.data';
import { seeder } from '../src/db/umzug';
import { startJobs } from '../src/jobs/jobs';
import { embeddedTestDatabase, type TestDatabase } from './support/test-database';
import { createTestApp, signedIn } from './support/test-app';

// The smoke subset on the embedded database (what `npm start` runs without DATABASE_URL): migrations, the demo
// seed, sign-in through the real app and the background jobs, on PGlite rather than the run's PostgreSQL server.

const communes = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8'),
) as { code: string; type: string; departement?: string }[];
const inseeCodesOf = (departement: string) =>
  new Set(communes.filter((c) => c.type === 'commune-actuelle' && c.departement === departement).map((c) => c.code));

const GARONNE = 'Mission Locale Garonne';
const SUD_REUNION = 'Mission Locale Sud Réunion';

// The demo accounts as a demonstrator expects to find them.
const DEMO_ACCOUNTS = [
  { login: 'demo.conseiller', roles: ['conseiller'], biProfils: [], ml: GARONNE },
  { login: 'demo.direction', roles: ['direction'], biProfils: [], ml: GARONNE },
  { login: 'demo.admin', roles: ['admin_ml'], biProfils: [], ml: GARONNE },
  { login: 'demo.conseiller2', roles: ['conseiller'], biProfils: [], ml: SUD_REUNION },
  { login: 'demo.bi.valideur', roles: ['conseiller'], biProfils: ['valideur'], ml: GARONNE },
  { login: 'demo.admin.national', roles: ['admin_national'], biProfils: [], ml: GARONNE },
  { login: 'demo.jeune', roles: ['jeune'], biProfils: [], ml: GARONNE },
  { login: 'demo.expire', roles: ['conseiller'], biProfils: [], ml: GARONNE, mustChangePassword: true },
  { login: 'demo.nouveau', roles: ['conseiller'], biProfils: [], ml: GARONNE, mustAcceptCgu: true },
];

describe('embedded database (PGlite): migrations, demo seed, sign-in and jobs', () => {
  let embedded: TestDatabase;

  beforeAll(async () => {
    embedded = await embeddedTestDatabase();
    console.log(`\nembedded-smoke.spec.ts runs on the ${embedded.label}`);
    await seeder(embedded.db.sequelize, createTestApp({ db: embedded.db }).ctx.crypto).up();
  }, 120_000);

  afterAll(async () => {
    await embedded.drop();
  }, 60_000);

  it('when seeded, Garonne and Sud Réunion each have their two sites', async () => {
    const rows = await embedded.db.sequelize.query<{ nom: string; timezone: string; sites: string[] }>(
      `SELECT ml.nom, ml.timezone, array_agg(s.nom ORDER BY s.nom) AS sites
       FROM mission_locale ml JOIN site s ON s.mission_locale_id = ml.id GROUP BY ml.id ORDER BY ml.nom`,
      { type: QueryTypes.SELECT },
    );

    expect(rows).toEqual([
      { nom: GARONNE, timezone: 'Europe/Paris', sites: ['Bordeaux – Siège', 'Mérignac – Antenne'] },
      { nom: SUD_REUNION, timezone: 'Indian/Reunion', sites: ['Le Tampon – Antenne', 'Saint-Pierre – Siège'] },
    ]);
  });

  it('when seeded, each Mission Locale follows about 300 jeunes aged 16 to 25, living in communes of its département', async () => {
    const rows = await embedded.db.sequelize.query<{
      departement: string;
      jeunes: string;
      youngest: number;
      oldest: number;
      referents: string;
      communes: string[];
    }>(
      `SELECT ml.code_departement AS departement, count(*) AS jeunes,
              min(date_part('year', age(current_date, j.date_naissance))) AS youngest,
              max(date_part('year', age(current_date, j.date_naissance))) AS oldest,
              count(DISTINCT j.referent_id) AS referents, array_agg(DISTINCT j.commune_insee) AS communes
       FROM jeune j JOIN mission_locale ml ON ml.id = j.mission_locale_id
       GROUP BY ml.code_departement ORDER BY ml.code_departement`,
      { type: QueryTypes.SELECT },
    );

    expect(rows.map((row) => row.departement)).toEqual(['33', '974']);
    for (const row of rows) {
      expect(Number(row.jeunes)).withContext(row.departement).toBeGreaterThanOrEqual(250);
      expect(Number(row.jeunes)).withContext(row.departement).toBeLessThanOrEqual(350);
      expect(row.youngest).withContext(row.departement).toBeGreaterThanOrEqual(16);
      expect(row.oldest).withContext(row.departement).toBeLessThanOrEqual(25);
      expect(Number(row.referents)).withContext(`${row.departement}: référents vary`).toBeGreaterThan(2);
      const known = inseeCodesOf(row.departement);
      expect(row.communes.filter((code) => !known.has(code))).withContext(`${row.departement}: unknown INSEE codes`).toEqual([]);
    }
  });

  it('when seeded, every prénom of a jeune or an account is in the curated lists of its generation, sex and territory', async () => {
    type Row = { id: string; who: string; mlId: string; generation: Generation; sexe: 'F' | 'M' | null; prenom: string };
    const rows = await embedded.db.sequelize.query<Row>(
      `SELECT j.id, j.matricule AS who, j.mission_locale_id AS "mlId", 'jeunes' AS generation, j.sexe,
              unnest(string_to_array(j.prenoms, ' ')) AS prenom
       FROM jeune j
       UNION ALL
       SELECT u.id, u.login, uml.mission_locale_id, CASE WHEN 'jeune' = ANY (u.roles) THEN 'jeunes' ELSE 'adultes' END, NULL, u.prenom
       FROM utilisateur u JOIN utilisateur_mission_locale uml ON uml.utilisateur_id = u.id AND uml.principale`,
      { type: QueryTypes.SELECT },
    );

    const walkthrough = demoId(DEMO_WALKTHROUGH_JEUNE.key);
    const outside = rows.filter((row) => {
      if (row.id === walkthrough) {
        return false;
      }
      const ml = DEMO_MISSIONS_LOCALES.find((candidate) => candidate.id === row.mlId);
      const prenoms = ml && prenomsOf(row.generation, ml);
      return !prenoms || !(row.sexe ? prenoms[row.sexe] : [...prenoms.F, ...prenoms.M]).includes(row.prenom);
    });
    expect(rows.length).withContext('prénoms read').toBeGreaterThan(600);
    expect(outside.map((row) => `${row.who}: ${row.prenom}`)).toEqual([]);
  });

  it("when seeded, most of Sud Réunion's jeunes bear the island's frequent surnames and Garonne's the national ones", async () => {
    const rows = await embedded.db.sequelize.query<{ departement: string; nom: string }>(
      `SELECT ml.code_departement AS departement, j.nom_naissance AS nom
       FROM jeune j JOIN mission_locale ml ON ml.id = j.mission_locale_id`,
      { type: QueryTypes.SELECT },
    );
    // The charte de saisie stores names in unaccented capitals.
    const islandNames = new Set(REUNION_NAMES.noms.map(nomCharte));
    const nationalNames = new Set(NOMS.map(nomCharte));
    const shareOfIslandNames = (departement: string) => {
      const noms = rows.filter((row) => row.departement === departement).map((row) => row.nom);
      return noms.filter((nom) => islandNames.has(nom)).length / noms.length;
    };

    expect(shareOfIslandNames('974')).toBeGreaterThan(0.5);
    expect(rows.filter((row) => row.departement === '33' && !nationalNames.has(row.nom))).toEqual([]);
  });

  it('when seeded, dossiers reach every completeness level and pièces wait, pass and fail; the walkthrough dossier waits for one', async () => {
    const levels = await embedded.db.sequelize.query<{ completude: string; n: string }>(
      'SELECT completude, count(*) AS n FROM jeune GROUP BY completude ORDER BY completude',
      { type: QueryTypes.SELECT },
    );
    const statuts = await embedded.db.sequelize.query<{ statut: string }>('SELECT DISTINCT statut FROM piece_justificative ORDER BY statut', {
      type: QueryTypes.SELECT,
    });
    const [walkthrough] = await embedded.db.sequelize.query<{ completude: string; referent: string; pieces: string[] }>(
      `SELECT j.completude, r.login AS referent, array_agg(p.type || ':' || p.statut ORDER BY p.type) AS pieces
       FROM jeune j JOIN utilisateur r ON r.id = j.referent_id JOIN piece_justificative p ON p.jeune_id = j.id
       WHERE j.id = :id GROUP BY j.completude, r.login`,
      { type: QueryTypes.SELECT, replacements: { id: demoId(DEMO_WALKTHROUGH_JEUNE.key) } },
    );

    expect(levels.map((level) => level.completude)).toEqual(['complet', 'justifie', 'partiel']);
    expect(levels.every((level) => Number(level.n) >= 30)).withContext(JSON.stringify(levels)).toBeTrue();
    expect(statuts.map((row) => row.statut)).toEqual(['A_VALIDER', 'REFUSEE', 'VALIDEE']);
    expect(walkthrough).toEqual({ completude: 'complet', referent: 'demo.conseiller', pieces: ['DOMICILE:A_VALIDER', 'IDENTITE:VALIDEE'] });
  });

  it('when every demo account signs in with the demo password, it lands with its roles, Mission Locale and pending steps', async () => {
    const { app } = createTestApp({ db: embedded.db });

    for (const account of DEMO_ACCOUNTS) {
      const client = await signedIn(app, account.login, DEMO_PASSWORD);
      const me = (await client.agent.get('/api/v1/me')).body;

      expect({
        roles: me.roles,
        biProfils: me.biProfils,
        ml: me.missionsLocales[0]?.nom,
        mustChangePassword: me.mustChangePassword,
        mustAcceptCgu: me.mustAcceptCgu,
      })
        .withContext(account.login)
        .toEqual({
          roles: account.roles,
          biProfils: account.biProfils,
          ml: account.ml,
          mustChangePassword: account.mustChangePassword ?? false,
          mustAcceptCgu: account.mustAcceptCgu ?? false,
        });
    }
  }, 60_000);

  it("when demo.jeune's dossier is looked up, demo.conseiller is its référent", async () => {
    const rows = await embedded.db.sequelize.query<{ referent: string }>(
      `SELECT r.login AS referent FROM jeune j JOIN utilisateur u ON u.id = j.utilisateur_id JOIN utilisateur r ON r.id = j.referent_id
       WHERE u.login = 'demo.jeune'`,
      { type: QueryTypes.SELECT },
    );

    expect(rows).toEqual([{ referent: 'demo.conseiller' }]);
  });

  it("when demo.conseiller searches demo.jeune's name without accents, or with a typo, the dossier comes first", async () => {
    const { app } = createTestApp({ db: embedded.db });
    const [dossier] = await embedded.db.sequelize.query<{ id: string; nom: string; prenom: string }>(
      `SELECT j.id, j.nom_naissance AS nom, split_part(j.prenoms, ' ', 1) AS prenom
       FROM jeune j JOIN utilisateur u ON u.id = j.utilisateur_id WHERE u.login = 'demo.jeune'`,
      { type: QueryTypes.SELECT },
    );
    const conseiller = await signedIn(app, 'demo.conseiller', DEMO_PASSWORD);
    const typo = `${dossier!.nom.slice(0, -1)}x`;

    for (const q of [normaliseSearchText(`${dossier!.prenom} ${dossier!.nom}`), `${dossier!.prenom} ${typo}`]) {
      const res = await conseiller.agent.get('/api/v1/jeunes').query({ q });

      expect(res.status).withContext(q).toBe(200);
      expect(res.body.items[0]?.id).withContext(q).toBe(dossier!.id);
    }
  });

  it('when the seed runs a second time, nothing is added', async () => {
    const count = async () =>
      (
        await embedded.db.sequelize.query<{ total: string }>(
          'SELECT (SELECT count(*) FROM jeune) + (SELECT count(*) FROM utilisateur) + (SELECT count(*) FROM cgu_version) AS total',
          { type: QueryTypes.SELECT },
        )
      )[0]!.total;
    const before = await count();

    const applied = await seeder(embedded.db.sequelize, createTestApp({ db: embedded.db }).ctx.crypto).up();

    expect(applied).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('when the background jobs start on the embedded database, the nightly jobs are scheduled and they stop cleanly', async () => {
    const { ctx } = createTestApp({ db: embedded.db });

    const jobs = await startJobs(ctx);
    try {
      expect((await jobs.boss.getSchedules()).map((schedule) => schedule.name).sort()).toEqual(['audit-retention', 'dossiers-majorite']);
    } finally {
      await jobs.stop();
    }
  }, 30_000);
});
