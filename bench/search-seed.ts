// Data-scale seed for the search benchmark: `npm run bench:seed [-- --size 100000|1000000] [--mls 400] [--force]`.
//
// (Re)creates the database imilo_bench_<size> on the local PostgreSQL (or the server of DATABASE_URL), runs the
// real migrations, then inserts <mls> Missions Locales (régions, one site each, IANA time zones), a few référents
// each, and <size> jeunes spread unevenly over them, generated in SQL (generate_series, seeded random()) in batches
// of 100 000. The jeune table's secondary indexes (the product's, read from the catalog) are dropped during the load
// and rebuilt afterwards with their own definitions, then VACUUM ANALYZE. A complete database is recorded in its
// comment and kept: a second run skips the seed (applying pending migrations only) unless --force.
// The criteria the multi-criteria search filters on (completude, current situation, niveau de formation, QPV, last
// contact) and the jeunes' `situation` rows are drawn from a hash of the row number, not from random(), so that the
// names and everything else drawn before them stay the same as in seed version 1.
import { tmpdir } from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { openDatabase } from '@imilo/bff/src/db/database';
import { migrator } from '@imilo/bff/src/db/umzug';
import {
  accentless,
  benchId,
  benchNoms,
  benchPrenoms,
  benchTerritory,
  type BenchMissionLocale,
  NEEDLES,
  PRENOMS_ADULTES,
  prng,
  REUNION,
  toIdentifiantPart,
} from './search-data';
import {
  adminClient,
  argument,
  type BenchMeta,
  benchUrl,
  changedMigrations,
  databaseName,
  describeSizes,
  flag,
  migrationHashes,
  readMeta,
  SEED_VERSION,
  sizeArgument,
  writeMeta,
} from './search-db';

const BATCH = 100_000;
const BUCKETS = 100_000;

/**
 * A uniform draw in [0, 1) for row `g`, stream `k`: PostgreSQL's integer hash, so that adding draws never shifts
 * the random() sequence the names come from.
 */
const hashDraw = (g: string, k: number) => `((hashint8(${g}::bigint * 64 + ${k})::bigint + 2147483648)::float8 / 4294967296)`;

/** A CASE over cumulative shares: `[[0.35, "'A'"], [0.6, "'B'"]]` and an ELSE. */
const shares = (u: string, cases: readonly (readonly [number, string])[], otherwise: string) =>
  `CASE ${cases.map(([upTo, value]) => `WHEN ${u} < ${upTo} THEN ${value}`).join(' ')} ELSE ${otherwise} END`;

// Shares of the criteria, as a Mission Locale's file looks (orders of magnitude, not national statistics): half
// the dossiers partiel, 35 % complet, 15 % justifié; 60 % with a current situation, mostly demandeur d'emploi, emploi
// or formation; 90 % with a niveau de formation, a tenth of them historic codes; 20 % of addresses in a QPV; 88 % of
// dossiers contacted, active ones in the last 18 months (recent contacts more frequent), archived ones one to three
// years ago.
const COMPLETUDE_SQL = shares('x.h_completude', [[0.5, "'partiel'"], [0.85, "'complet'"]], "'justifie'");
const CATEGORIE_SQL = shares(
  'x.h_categorie',
  [
    [0.35, "'DEMANDEUR_EMPLOI'"],
    [0.57, "'EMPLOI'"],
    [0.75, "'FORMATION'"],
    [0.84, "'CONTRAT_ALTERNANCE'"],
    [0.91, "'SCOLARITE'"],
    [0.94, "'IMMERSION'"],
    [0.97, "'PMSMP'"],
  ],
  "'VOLONTARIAT_BENEVOLAT'",
);
const NIVEAU_SQL = shares(
  'x.h_niveau',
  [
    [0.1, 'NULL'],
    [0.35, "'3'"],
    [0.7, "'4'"],
    [0.8, "'5'"],
    [0.85, "'6'"],
    [0.87, "'7'"],
    [0.873, "'8'"],
    [0.92, "'VI'"],
    [0.96, "'V_BIS'"],
  ],
  "'V'",
);
const SITUATION_CATEGORIES = [
  'EMPLOI',
  'CONTRAT_ALTERNANCE',
  'FORMATION',
  'IMMERSION',
  'PMSMP',
  'VOLONTARIAT_BENEVOLAT',
  'SCOLARITE',
  'DEMANDEUR_EMPLOI',
];

const size = sizeArgument();
const mls = Number(argument('mls', '400'));
const force = flag('force');
const name = databaseName(size);
const logger = pino({ level: 'warn' });
const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs the migrations on the bench database and returns the names applied now. */
const migrate = async (): Promise<{ applied: string[]; executed: string[] }> => {
  const database = await openDatabase({ databaseUrl: benchUrl(size), dataDir: tmpdir(), logger });
  try {
    const umzug = migrator(database.sequelize);
    const applied = (await umzug.up()).map((m) => m.name);
    const executed = (await umzug.executed()).map((m) => m.name);
    return { applied, executed };
  } finally {
    await database.close();
  }
};

const benchClient = async (): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: benchUrl(size) });
  await client.connect();
  return client;
};

const printSizes = async (client: pg.Client) => {
  for (const line of await describeSizes(client)) {
    console.log(line);
  }
};

/** An existing, complete bench database of this size: apply pending migrations and stop. Else null. */
const reuse = async (admin: pg.Client): Promise<boolean> => {
  const meta = await readMeta(admin, size);
  if (meta === 'absent') {
    return false;
  }
  if (force) {
    console.log(`${name} exists: --force, re-seeding`);
    return false;
  }
  if (!meta || meta.seedVersion !== SEED_VERSION || meta.size !== size || meta.mls !== mls) {
    console.log(`${name} exists but is incomplete or from another seed (${meta ? `v${meta.seedVersion}, ${meta.mls} MLs` : 'no record'}): re-seeding`);
    return false;
  }
  const client = await benchClient();
  try {
    const { rows } = await client.query<{ executed: string[] }>('SELECT array_agg(name ORDER BY name) AS executed FROM sequelize_meta');
    const changed = changedMigrations(meta, rows[0]!.executed ?? []);
    if (changed.length > 0) {
      console.log(`${name}: migration(s) edited since they ran here (${changed.join(', ')}): re-seeding`);
      return false;
    }
    const { rows: count } = await client.query<{ n: string }>('SELECT count(*) AS n FROM jeune');
    if (Number(count[0]!.n) !== size) {
      console.log(`${name} holds ${count[0]!.n} jeunes, not ${size}: re-seeding`);
      return false;
    }
    const { applied, executed } = await migrate();
    if (applied.length > 0) {
      const at = Date.now();
      console.log(`${name}: applied pending migration(s) ${applied.join(', ')}`);
      await client.query('VACUUM (ANALYZE)');
      console.log(`VACUUM ANALYZE: ${seconds(at)}`);
    }
    const hashes = migrationHashes();
    await writeMeta(admin, { ...meta, migrations: Object.fromEntries(executed.map((m) => [m, hashes[m]!])) });
    console.log(`${name} already holds ${size.toLocaleString('fr-FR')} jeunes over ${mls} Missions Locales (seeded ${meta.seededAt} in ${meta.seedSeconds} s); skipping (--force re-seeds)`);
    await printSizes(client);
    return true;
  } finally {
    await client.end();
  }
};

const insertStructures = async (client: pg.Client, regions: ReturnType<typeof benchTerritory>['regions'], list: readonly BenchMissionLocale[]) => {
  await client.query('INSERT INTO region (id, code, nom) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])', [
    regions.map((r) => r.id),
    regions.map((r) => r.code),
    regions.map((r) => r.nom),
  ]);
  const column = <K extends keyof BenchMissionLocale>(key: K) => list.map((ml) => ml[key]);
  await client.query(
    `INSERT INTO mission_locale (id, code_imilo, nom, region_id, code_departement, timezone)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[])`,
    [column('id'), column('codeImilo'), column('nom'), column('regionId'), column('codeDepartement'), column('timezone')],
  );
  await client.query(
    `INSERT INTO site (id, mission_locale_id, nom, type, commune_insee)
     SELECT id, ml, nom, 'siege', commune FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS s(id, ml, nom, commune)`,
    [column('siteId'), column('id'), column('siteNom'), column('siteCommune')],
  );
};

/** A few référents per Mission Locale (3 to 12, by size), with their accounts' Mission Locale and site. */
const insertReferents = async (client: pg.Client, list: readonly BenchMissionLocale[]): Promise<Map<number, string[]>> => {
  const random = prng(size);
  const adultes = [...PRENOMS_ADULTES.F, ...PRENOMS_ADULTES.M];
  const noms = benchNoms().slice(0, 400);
  const byMl = new Map<number, string[]>();
  const rows: { id: string; login: string; prenom: string; nom: string; ml: string; site: string }[] = [];
  for (const ml of list) {
    const count = Math.min(12, Math.max(3, Math.round((ml.weight * size) / 2000)));
    const ids: string[] = [];
    for (let k = 0; k < count; k++) {
      const prenom = adultes[Math.floor(random() * adultes.length)]!;
      const nom = noms[Math.floor(random() ** 2 * noms.length)]!;
      const id = benchId(`referent:${ml.codeImilo}:${k}`);
      ids.push(id);
      rows.push({ id, login: `${toIdentifiantPart(prenom)}.${toIdentifiantPart(nom)}.${ml.codeImilo.toLowerCase()}${k}`, prenom, nom, ml: ml.id, site: ml.siteId });
    }
    byMl.set(ml.idx, ids);
  }
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  await client.query(
    `INSERT INTO utilisateur (id, login, prenom, nom, email, roles)
     SELECT id, login, prenom, nom, login || '@example.org', '{conseiller}' FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, login, prenom, nom)`,
    [column('id'), column('login'), column('prenom'), column('nom')],
  );
  await client.query(
    `INSERT INTO utilisateur_mission_locale (utilisateur_id, mission_locale_id, principale, site_id)
     SELECT id, ml, true, site FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS u(id, ml, site)`,
    [column('id'), column('ml'), column('site')],
  );
  return byMl;
};

/** Lookup tables the generating query joins: Missions Locales, buckets of the weighted draw, référents, communes, names. */
const prepareLookups = async (client: pg.Client, list: readonly BenchMissionLocale[], referents: Map<number, string[]>) => {
  await client.query(`
    DROP SCHEMA IF EXISTS bench_seed CASCADE;
    CREATE SCHEMA bench_seed;
    CREATE TABLE bench_seed.ml (idx int PRIMARY KEY, id uuid, code_imilo text, phone_prefix text, local boolean, nref int, ncommunes int);
    CREATE TABLE bench_seed.bucket (b int PRIMARY KEY, ml_idx int);
    CREATE TABLE bench_seed.ref (ml_idx int, k int, id uuid, PRIMARY KEY (ml_idx, k));
    CREATE TABLE bench_seed.commune (ml_idx int, k int, code text, PRIMARY KEY (ml_idx, k));
    CREATE TABLE bench_seed.nom (list int, idx int, nom text, ascii text, PRIMARY KEY (list, idx));
    CREATE TABLE bench_seed.prenom (list int, sexe text, idx int, prenom text, ascii text, PRIMARY KEY (list, sexe, idx));
  `);
  await client.query(
    `INSERT INTO bench_seed.ml SELECT * FROM unnest($1::int[], $2::uuid[], $3::text[], $4::text[], $5::boolean[], $6::int[], $7::int[])`,
    [
      list.map((ml) => ml.idx),
      list.map((ml) => ml.id),
      list.map((ml) => ml.codeImilo),
      list.map((ml) => ml.phonePrefix),
      list.map((ml) => ml.localNames),
      list.map((ml) => referents.get(ml.idx)!.length),
      list.map((ml) => ml.communes.length),
    ],
  );
  // The weighted draw of a Mission Locale: BUCKETS buckets shared by weight (largest remainder, at least one each).
  const exact = list.map((ml) => ml.weight * (BUCKETS - list.length));
  const counts = exact.map((e) => 1 + Math.floor(e));
  let left = BUCKETS - counts.reduce((t, c) => t + c, 0);
  for (const i of exact.map((e, i) => ({ r: e % 1, i })).sort((a, b) => b.r - a.r).map((x) => x.i)) {
    if (left-- <= 0) {
      break;
    }
    counts[i]!++;
  }
  const buckets = counts.flatMap((c, i) => Array<number>(c).fill(i));
  await client.query('INSERT INTO bench_seed.bucket SELECT b - 1, ml FROM unnest($1::int[]) WITH ORDINALITY AS t(ml, b)', [buckets]);
  const refs = list.flatMap((ml) => referents.get(ml.idx)!.map((id, k) => ({ ml: ml.idx, k, id })));
  await client.query('INSERT INTO bench_seed.ref SELECT * FROM unnest($1::int[], $2::int[], $3::uuid[])', [
    refs.map((r) => r.ml),
    refs.map((r) => r.k),
    refs.map((r) => r.id),
  ]);
  const communes = list.flatMap((ml) => ml.communes.map((code, k) => ({ ml: ml.idx, k, code })));
  await client.query('INSERT INTO bench_seed.commune SELECT * FROM unnest($1::int[], $2::int[], $3::text[])', [
    communes.map((c) => c.ml),
    communes.map((c) => c.k),
    communes.map((c) => c.code),
  ]);
  const noms = [
    ...benchNoms().map((nom, idx) => ({ list: 0, idx, nom })),
    ...REUNION.noms.map((nom, idx) => ({ list: 1, idx, nom })),
  ];
  await client.query('INSERT INTO bench_seed.nom SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[])', [
    noms.map((n) => n.list),
    noms.map((n) => n.idx),
    noms.map((n) => n.nom),
    noms.map((n) => toIdentifiantPart(n.nom)),
  ]);
  const national = benchPrenoms();
  const local = REUNION.prenoms.jeunes;
  const prenoms = (['F', 'M'] as const).flatMap((sexe) => [
    ...national[sexe].map((prenom, idx) => ({ list: 0, sexe, idx, prenom })),
    ...local[sexe].map((prenom, idx) => ({ list: 1, sexe, idx, prenom })),
  ]);
  await client.query('INSERT INTO bench_seed.prenom SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::text[])', [
    prenoms.map((p) => p.list),
    prenoms.map((p) => p.sexe),
    prenoms.map((p) => p.idx),
    prenoms.map((p) => p.prenom),
    prenoms.map((p) => toIdentifiantPart(p.prenom)),
  ]);
  await client.query('ANALYZE bench_seed.ml, bench_seed.bucket, bench_seed.ref, bench_seed.commune, bench_seed.nom, bench_seed.prenom');
  return {
    noms: benchNoms().length,
    localNoms: REUNION.noms.length,
    prenoms: { F: national.F.length, M: national.M.length, localF: local.F.length, localM: local.M.length },
  };
};

/**
 * Jeunes numbered from..to−1, ids md5('imilo-bench:jeune:' || n)::uuid. Every random draw happens once per row in
 * the materialized `r`, after setseed, so a batch is the same on every run. Names: Zipf-like over the lists
 * (u² for surnames, u^1.5 for first names, most frequent first); in La Réunion 70 % of surnames and 40 % of first
 * names are the island's own. 4 % double surnames, 30 % two first names, ~1.5 % usage names, 12 % archived dossiers.
 */
const insertBatch = async (client: pg.Client, from: number, to: number, counts: Awaited<ReturnType<typeof prepareLookups>>) => {
  await client.query('SELECT setseed($1)', [((from / BATCH) % 1000) / 1000 - 0.5]);
  await client.query(
    `WITH r AS MATERIALIZED (
       SELECT g, random() AS u_ml, random() AS u_sexe, random() AS u_loc_nom, random() AS u_nom, random() AS u_double,
              random() AS u_nom2, random() AS u_usage, random() AS u_nom_usage, random() AS u_loc_pre, random() AS u_pre,
              random() AS u_has_p2, random() AS u_pre2, random() AS u_ref, random() AS u_commune, random() AS u_age,
              random() AS u_mobile, random() AS u_tel, random() AS u_mail, random() AS u_statut, random() AS u_created,
              ${hashDraw('g', 1)} AS h_completude, ${hashDraw('g', 2)} AS h_situation, ${hashDraw('g', 3)} AS h_categorie,
              ${hashDraw('g', 4)} AS h_niveau, ${hashDraw('g', 5)} AS h_qpv, ${hashDraw('g', 6)} AS h_contact,
              ${hashDraw('g', 7)} AS h_contact_le
         FROM generate_series($1::int, $2::int - 1) AS g
     ), k AS (
       SELECT r.*, m.idx AS ml_idx, m.id AS ml_id, m.code_imilo, m.phone_prefix, m.nref, m.ncommunes,
              CASE WHEN r.u_sexe < 0.5 THEN 'F' ELSE 'M' END AS sexe,
              CASE WHEN m.local AND r.u_loc_nom < 0.7 THEN 1 ELSE 0 END AS nom_list,
              CASE WHEN m.local AND r.u_loc_pre < 0.4 THEN 1 ELSE 0 END AS pre_list
         FROM r JOIN bench_seed.bucket b ON b.b = floor(r.u_ml * ${BUCKETS})::int JOIN bench_seed.ml m ON m.idx = b.ml_idx
     ), x AS (
       SELECT k.*,
              CASE WHEN nom_list = 1 THEN floor(u_nom * ${counts.localNoms}) ELSE floor(u_nom ^ 2 * ${counts.noms}) END::int AS nom_idx,
              floor(u_nom2 ^ 2 * ${counts.noms})::int AS nom2_idx,
              floor(u_nom_usage ^ 2 * ${counts.noms})::int AS usage_idx,
              CASE WHEN pre_list = 1 THEN (CASE sexe WHEN 'F' THEN ${counts.prenoms.localF} ELSE ${counts.prenoms.localM} END)
                   ELSE (CASE sexe WHEN 'F' THEN ${counts.prenoms.F} ELSE ${counts.prenoms.M} END) END AS pre_n
         FROM k
     )
     INSERT INTO jeune (id, matricule, mission_locale_id, referent_id, utilisateur_id, nom_naissance, nom_usage, prenoms, sexe,
                        date_naissance, commune_insee, telephone, email, statut_dossier, created_at, updated_at,
                        completude, situation_courante_categorie, situation_courante_etat, niveau_formation, qpv_code,
                        dernier_contact_le)
     SELECT md5('imilo-bench:jeune:' || x.g)::uuid,
            x.code_imilo || '-' || lpad(x.g::text, 7, '0'),
            x.ml_id, rf.id, NULL,
            CASE WHEN x.u_double < 0.04 AND n2.idx <> n.idx THEN n.nom || '-' || n2.nom ELSE n.nom END,
            CASE WHEN (x.sexe = 'F' AND x.u_usage < 0.03) OR x.u_usage < 0.003 THEN nu.nom END,
            CASE WHEN x.u_has_p2 < 0.3 AND p2.idx <> p.idx THEN p.prenom || ' ' || p2.prenom ELSE p.prenom END,
            x.sexe,
            (current_date - interval '16 years')::date - floor(x.u_age * 3652)::int,
            c.code,
            CASE WHEN x.phone_prefix = '' THEN (CASE WHEN x.u_mobile < 0.7 THEN '06' ELSE '07' END) || lpad(floor(x.u_tel * 1e8)::bigint::text, 8, '0')
                 ELSE x.phone_prefix || lpad(floor(x.u_tel * 1e6)::bigint::text, 6, '0') END,
            p.ascii || '.' || n.ascii || CASE WHEN x.u_mail < 0.4 THEN (x.g % 100)::text ELSE '' END || '@example.org',
            CASE WHEN x.u_statut < 0.88 THEN 'actif' ELSE 'archive' END,
            now() - x.u_created * interval '4 years',
            now() - x.u_created * interval '1 year',
            ${COMPLETUDE_SQL},
            CASE WHEN x.h_situation < 0.6 THEN ${CATEGORIE_SQL} END,
            CASE WHEN x.h_situation < 0.6 THEN 'EN_COURS' END,
            ${NIVEAU_SQL},
            CASE WHEN x.h_qpv < 0.2 THEN 'QP' || left(c.code, 3) || lpad(floor(x.h_qpv * 5000)::int::text, 3, '0') END,
            CASE WHEN x.h_contact < 0.12 THEN NULL
                 WHEN x.u_statut < 0.88 THEN current_date - floor(x.h_contact_le ^ 2 * 540)::int
                 ELSE current_date - 365 - floor(x.h_contact_le * 730)::int END
       FROM x
       JOIN bench_seed.nom n ON n.list = x.nom_list AND n.idx = x.nom_idx
       JOIN bench_seed.nom n2 ON n2.list = 0 AND n2.idx = x.nom2_idx
       JOIN bench_seed.nom nu ON nu.list = 0 AND nu.idx = x.usage_idx
       JOIN bench_seed.prenom p ON p.list = x.pre_list AND p.sexe = x.sexe
            AND p.idx = (CASE WHEN x.pre_list = 1 THEN floor(x.u_pre * x.pre_n) ELSE floor(x.u_pre ^ 1.5 * x.pre_n) END)::int
       JOIN bench_seed.prenom p2 ON p2.list = x.pre_list AND p2.sexe = x.sexe AND p2.idx = floor(x.u_pre2 * x.pre_n)::int
       JOIN bench_seed.ref rf ON rf.ml_idx = x.ml_idx AND rf.k = floor(x.u_ref * x.nref)::int
       JOIN bench_seed.commune c ON c.ml_idx = x.ml_idx AND c.k = floor(x.u_commune ^ 2 * x.ncommunes)::int`,
    [from, to],
  );
};

/**
 * The jeunes' situations, consistent with the stored current one: an EN_COURS row of its catégorie for each jeune
 * that has one (begun up to two years ago); a finished situation for 40 % of the jeunes (one to four years ago,
 * ended after up to a year), a planned one for 10 % (starting within three months). Ids md5 of the jeune's and the
 * row's kind; draws hashed from the jeune's id.
 */
const insertSituations = async (client: pg.Client) => {
  const draw = (k: number) => `((hashtext(j.id::text || ':${k}')::bigint + 2147483648)::float8 / 4294967296)`;
  const categorie = (k: number) => `(ARRAY[${SITUATION_CATEGORIES.map((c) => `'${c}'`).join(', ')}])[1 + floor(${draw(k)} * ${SITUATION_CATEGORIES.length})::int]`;
  await client.query(`
    INSERT INTO situation (id, jeune_id, categorie, etat, date_debut, date_fin, created_at, updated_at)
    SELECT md5('imilo-bench:situation:' || j.id || ':en-cours')::uuid, j.id, j.situation_courante_categorie, 'EN_COURS',
           current_date - floor(${draw(1)} * 730)::int, NULL, j.created_at, j.updated_at
      FROM jeune j WHERE j.situation_courante_categorie IS NOT NULL
    UNION ALL
    SELECT md5('imilo-bench:situation:' || j.id || ':termine')::uuid, j.id, ${categorie(3)}, 'TERMINE',
           current_date - 365 - floor(${draw(4)} * 1095)::int, current_date - 365 - floor(${draw(4)} * 1095)::int + floor(${draw(5)} * 365)::int,
           j.created_at, j.updated_at
      FROM jeune j WHERE ${draw(2)} < 0.4
    UNION ALL
    SELECT md5('imilo-bench:situation:' || j.id || ':prevu')::uuid, j.id, ${categorie(7)}, 'PREVU',
           current_date + 1 + floor(${draw(8)} * 90)::int, NULL, j.created_at, j.updated_at
      FROM jeune j WHERE ${draw(6)} < 0.1`);
};

/** Mission Locale A: the 3rd biggest metropolitan one; B: the biggest in Guadeloupe; C: the 10th biggest. */
const needleMissionsLocales = (list: readonly BenchMissionLocale[]) => {
  const bySize = [...list].sort((a, b) => b.weight - a.weight);
  const metro = bySize.filter((ml) => ml.timezone === 'Europe/Paris');
  return { A: metro[2]!, B: bySize.find((ml) => ml.codeDepartement === '971')!, C: bySize.filter((ml) => ml !== metro[2])[9]! };
};

const insertNeedles = async (client: pg.Client, targets: ReturnType<typeof needleMissionsLocales>) => {
  for (const [i, needle] of NEEDLES.entries()) {
    const ml = targets[needle.ml];
    const ascii = `${accentless(needle.prenoms).replace(/ /g, '-')}.${accentless(needle.nom).replace(/ /g, '-')}`;
    await client.query(
      `INSERT INTO jeune (id, matricule, mission_locale_id, referent_id, nom_naissance, prenoms, sexe, date_naissance, commune_insee,
                          telephone, email, statut_dossier, created_at, updated_at)
       VALUES ($1, $2, $3, (SELECT id FROM bench_seed.ref WHERE ml_idx = $4 AND k = 0), $5, $6, $7, $8, $9, $10, $11, 'actif', now(), now())`,
      [
        needle.id,
        `${ml.codeImilo}-N${String(i).padStart(6, '0')}`,
        ml.id,
        ml.idx,
        needle.nom,
        needle.prenoms,
        needle.sexe,
        needle.dateNaissance,
        ml.siteCommune,
        `${ml.phonePrefix || '06'}${String(12345678 + i).slice(-(10 - (ml.phonePrefix || '06').length))}`,
        `${ascii}@example.org`,
      ],
    );
  }
};

const seed = async (admin: pg.Client) => {
  let at = Date.now();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const { executed } = await migrate();
  console.log(`created ${name}, ran ${executed.length} migrations (${executed.join(', ')}): ${seconds(at)}`);

  const client = await benchClient();
  try {
    // A bulk load: foreign keys are right by construction (replica role skips their triggers), commits need not wait.
    await client.query("SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'");
    at = Date.now();
    const { regions, missionsLocales } = benchTerritory(mls);
    await insertStructures(client, regions, missionsLocales);
    const referents = await insertReferents(client, missionsLocales);
    const counts = await prepareLookups(client, missionsLocales, referents);
    const refCount = [...referents.values()].reduce((t, r) => t + r.length, 0);
    console.log(
      `${regions.length} régions, ${missionsLocales.length} Missions Locales with one site each, ${refCount} référents; ` +
        `name pools: ${counts.noms} surnames, ${counts.prenoms.F} + ${counts.prenoms.M} first names: ${seconds(at)}`,
    );

    // The product's secondary indexes on jeune and situation, as the migrations made them: dropped for the load, rebuilt after.
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid IN ('jeune'::regclass, 'situation'::regclass)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    );
    for (const index of indexes) {
      await client.query(`DROP INDEX ${index.name}`);
    }

    const randomRows = size - NEEDLES.length;
    const load = Date.now();
    for (let from = 0; from < randomRows; from += BATCH) {
      at = Date.now();
      const to = Math.min(randomRows, from + BATCH);
      await insertBatch(client, from, to, counts);
      console.log(`jeunes ${from.toLocaleString('fr-FR')}–${(to - 1).toLocaleString('fr-FR')}: ${seconds(at)}`);
    }
    const targets = needleMissionsLocales(missionsLocales);
    await insertNeedles(client, targets);
    console.log(`${randomRows.toLocaleString('fr-FR')} jeunes + ${NEEDLES.length} needles inserted: ${seconds(load)}`);
    at = Date.now();
    await insertSituations(client);
    const { rows: situations } = await client.query<{ n: string }>('SELECT count(*) AS n FROM situation');
    console.log(`${Number(situations[0]!.n).toLocaleString('fr-FR')} situations inserted: ${seconds(at)}`);

    for (const index of indexes) {
      at = Date.now();
      await client.query(index.def);
      console.log(`rebuilt ${index.name}: ${seconds(at)}`);
    }
    await client.query('DROP SCHEMA bench_seed CASCADE');
    at = Date.now();
    await client.query('RESET session_replication_role');
    await client.query('VACUUM (ANALYZE)');
    console.log(`VACUUM ANALYZE: ${seconds(at)}`);

    const { rows: spread } = await client.query<{ biggest: string; median: string; smallest: string }>(
      `SELECT max(n) AS biggest, percentile_disc(0.5) WITHIN GROUP (ORDER BY n) AS median, min(n) AS smallest
         FROM (SELECT count(*) AS n FROM jeune GROUP BY mission_locale_id) t`,
    );
    const { rows: aSize } = await client.query<{ n: string }>('SELECT count(*) AS n FROM jeune WHERE mission_locale_id = $1', [targets.A.id]);
    console.log(
      `jeunes per Mission Locale: biggest ${spread[0]!.biggest}, median ${spread[0]!.median}, smallest ${spread[0]!.smallest}; ` +
        `needles in ${targets.A.nom} (${aSize[0]!.n} jeunes), ${targets.B.nom}, ${targets.C.nom}`,
    );
    const total = Math.round((Date.now() - started) / 1000);
    const hashes = migrationHashes();
    const meta: BenchMeta = {
      seedVersion: SEED_VERSION,
      size,
      mls,
      randomRows,
      needleMissionsLocales: { A: targets.A.id, B: targets.B.id, C: targets.C.id },
      seededAt: new Date().toISOString(),
      seedSeconds: total,
      migrations: Object.fromEntries(executed.map((m) => [m, hashes[m]!])),
    };
    await writeMeta(admin, meta);
    console.log(`seeded ${name}: ${size.toLocaleString('fr-FR')} jeunes over ${mls} Missions Locales in ${total} s`);
    await printSizes(client);
  } finally {
    await client.end();
  }
};

const admin = await adminClient();
try {
  if (!(await reuse(admin))) {
    await seed(admin);
  }
} finally {
  await admin.end();
}
