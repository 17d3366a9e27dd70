// What bench/sync.ts needs besides its measures: the timeline's data-scale database (2 000 000 événements, seeded
// once and kept), the outbox replay's small database (re-created each run), and a cookie-keeping HTTP client that
// signs in and writes like the PWA (session cookie, CSRF header, Idempotency-Key).
import { tmpdir } from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { openDatabase } from '@imilo/bff/src/db/database';
import { migrator } from '@imilo/bff/src/db/umzug';
import { hashSecret } from '@imilo/bff/src/features/auth/password-hasher';
import { CATEGORIES_SITUATION, ETATS_PROPOSITION, THEMES, TYPES_EVENEMENT_NATIONAUX } from '@imilo/domain';
import { adminClient, formatBytes, migrationHashes, serverUrl } from './search-db';

const logger = pino({ level: 'warn' });
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The URL of a database on the bench server. */
export const urlOf = (database: string): string => {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
};

/** Runs the product's migrations (umzug) on a database; returns every migration applied there and those applied now. */
export const migrate = async (database: string): Promise<{ executed: string[]; applied: string[] }> => {
  const db = await openDatabase({ databaseUrl: urlOf(database), dataDir: tmpdir(), logger });
  try {
    const umzug = migrator(db.sequelize);
    const applied = (await umzug.up()).map((m) => m.name);
    return { executed: (await umzug.executed()).map((m) => m.name), applied };
  } finally {
    await db.close();
  }
};

const connect = async (database: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  return client;
};

// ---- (b) the timeline's database ----------------------------------------------------------------------------------

/** The timeline's data: 2 000 000 événements and the other kinds, over 40 000 jeunes of 50 Missions Locales. */
export const SUIVI = {
  database: 'imilo_bench_suivi_2000000',
  /** Bumped when the data changes shape: an older database is then re-seeded. */
  seedVersion: 1,
  missionsLocales: 50,
  jeunes: 40_000,
  evenements: 2_000_000,
  propositions: 400_000,
  actions: 400_000,
  /** Per jeune, besides the target's. */
  situationsPerJeune: 2,
  /** The target dossier: 300 événements (+ 15 deleted), 80 propositions, 80 actions, 40 situations = 500 items. */
  target: { evenements: 300, deleted: 15, propositions: 80, actions: 80, situations: 40 },
  batch: 250_000,
} as const;

/** The target dossier's id (jeune number 0, in Mission Locale 0, Europe/Paris). */
export const TARGET_JEUNE_SQL = "md5('suivi:jeune:0')::uuid";

interface SuiviMeta {
  readonly seedVersion: number;
  readonly evenements: number;
  readonly jeunes: number;
  readonly targetJeuneId: string;
  readonly seededAt: string;
  readonly seedSeconds: number;
  readonly migrations: Record<string, string>;
}

const TIMEZONES = ['Europe/Paris', 'Indian/Reunion', 'America/Guadeloupe', 'America/Martinique', 'America/Cayenne', 'Indian/Mayotte'];

const readSuiviMeta = async (admin: pg.Client): Promise<SuiviMeta | null | 'absent'> => {
  const { rows } = await admin.query<{ comment: string | null }>(
    "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
    [SUIVI.database],
  );
  if (rows.length === 0) {
    return 'absent';
  }
  try {
    return rows[0]!.comment ? (JSON.parse(rows[0]!.comment) as SuiviMeta) : null;
  } catch {
    return null;
  }
};

const writeSuiviMeta = async (admin: pg.Client, meta: SuiviMeta): Promise<void> => {
  await admin.query(`COMMENT ON DATABASE ${SUIVI.database} IS '${JSON.stringify(meta).replace(/'/g, "''")}'`);
};

// A row's draws come from PostgreSQL's integer hash of its number (stream k), not random(): reproducible.
export const h = (g: string, k: number) => `(((hashint8((${g})::bigint * 16 + ${k})::bigint + 2147483648) % 2147483647)::int)`;
const jeuneId = (n: string) => `md5('suivi:jeune:' || ${n})::uuid`;
const mlId = (n: string) => `md5('suivi:ml:' || (${n} % ${SUIVI.missionsLocales}))::uuid`;
const conseillerId = (n: string) => `md5('suivi:conseiller:' || (${n} % ${SUIVI.missionsLocales}))::uuid`;
/** A minute of the three years before 2026-11-30. */
const instant = (g: string, k: number) => `(timestamptz '2023-12-01 06:00:00+00' + (${h(g, k)} % (1095 * 24 * 60)) * interval '1 minute')`;
const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
const themeAt = (index: string) => `(${sqlArray(THEMES)})[1 + (${index}) % ${THEMES.length}]`;

/**
 * Whose dossiers the événements are written to: jeune number n (0 … jeunes − 1; 0 is the target dossier) as SQL
 * expressions of its id, Mission Locale and conseiller. The timeline's own 40 000 jeunes by default; bench:portail
 * passes the 1 000 000 of the search seed.
 */
export interface SuiviPopulation {
  readonly jeunes: number;
  readonly jeuneId: (n: string) => string;
  readonly mlId: (n: string) => string;
  readonly conseillerId: (n: string) => string;
}

const SUIVI_POPULATION: SuiviPopulation = { jeunes: SUIVI.jeunes, jeuneId, mlId, conseillerId };

/** Jeune number of a row: the target (0) for the rows `target` picks, else one of the others drawn by hash. */
const jeuneOf = (g: string, target: string, jeunes: number = SUIVI.jeunes) => `CASE WHEN ${target} THEN 0 ELSE 1 + ${h(g, 1)} % ${jeunes - 1} END`;

const seedStructures = async (client: pg.Client) => {
  await client.query(`INSERT INTO region (id, code, nom) VALUES (md5('suivi:region')::uuid, 'RS', 'Région du banc Suivi')`);
  await client.query(
    `INSERT INTO mission_locale (id, code_imilo, nom, region_id, code_departement, timezone)
     SELECT md5('suivi:ml:' || m)::uuid, 'S' || lpad(m::text, 4, '0'), 'Mission Locale Suivi ' || m, md5('suivi:region')::uuid, '33',
            (${sqlArray(TIMEZONES)})[1 + m % ${TIMEZONES.length}]
       FROM generate_series(0, ${SUIVI.missionsLocales - 1}) m`,
  );
  await client.query(
    `INSERT INTO utilisateur (id, login, prenom, nom, roles, bi_profils, active)
     SELECT md5('suivi:conseiller:' || m)::uuid, 'suivi.conseiller.' || m, 'Conseiller', 'Suivi ' || m, ARRAY['conseiller'], '{}', true
       FROM generate_series(0, ${SUIVI.missionsLocales - 1}) m`,
  );
  await client.query(
    `INSERT INTO utilisateur_mission_locale (utilisateur_id, mission_locale_id, principale)
     SELECT md5('suivi:conseiller:' || m)::uuid, md5('suivi:ml:' || m)::uuid, true FROM generate_series(0, ${SUIVI.missionsLocales - 1}) m`,
  );
  await client.query(
    `INSERT INTO jeune (id, matricule, mission_locale_id, referent_id, nom_naissance, prenoms, sexe, date_naissance)
     SELECT ${jeuneId('n')}, 'S' || lpad(n::text, 7, '0'), ${mlId('n')}, ${conseillerId('n')}, 'SUIVI' || n, 'Camille',
            CASE WHEN n % 2 = 0 THEN 'F' ELSE 'M' END, date '2001-01-01' + (n % 3000)
       FROM generate_series(0, ${SUIVI.jeunes - 1}) n`,
  );
};

/** Événements number from … to − 1 of the 2 000 000 (the target's among them), in one statement. */
export const seedEvenements = async (client: pg.Client, from: number, to: number, population: SuiviPopulation = SUIVI_POPULATION) => {
  const { jeuneId, mlId, conseillerId } = population;
  const t = SUIVI.target;
  const stride = Math.floor(SUIVI.evenements / t.evenements);
  // The target's événements are spread through the load, as years of writes leave them in the heap; 15 deleted ones too.
  const isTarget = `(g % ${stride} = 0 AND g < ${t.evenements * stride})`;
  const isTargetDeleted = `(g % ${stride} = ${stride / 2} AND g < ${t.deleted * stride})`;
  const types = sqlArray(TYPES_EVENEMENT_NATIONAUX.map((type) => type.code));
  await client.query(
    `INSERT INTO evenement (id, jeune_id, mission_locale_id, date_heure, duree_minutes, type_code, lieu_type, themes, objet, contexte,
                            partenaire, conseiller_id, created_at, created_by, updated_at, supprime_le, supprime_par, motif_suppression)
     SELECT md5('suivi:evenement:' || g)::uuid, ${jeuneId('x.n')}, ${mlId('x.n')}, x.at, 15 + (x.h2 % 6) * 15,
            (${types})[1 + x.h2 % ${TYPES_EVENEMENT_NATIONAUX.length}], 'DISTANCE',
            CASE WHEN x.h3 % 3 = 0 THEN ARRAY[${themeAt('x.h3')}, ${themeAt(`x.h3 + 1 + (x.h3 / ${THEMES.length}) % ${THEMES.length - 1}`)}]
                 ELSE ARRAY[${themeAt('x.h3')}] END,
            'Entretien de suivi n° ' || g, CASE WHEN x.h2 % 10 < 3 THEN repeat('Commentaire interne du conseiller. ', 4) END,
            CASE WHEN x.h3 % 7 = 0 THEN 'Partenaire ' || (x.h3 % 500) END,
            ${conseillerId('x.n')}, x.at + interval '5 minutes', ${conseillerId('x.n')}, x.at + interval '5 minutes',
            CASE WHEN x.deleted THEN x.at + interval '1 day' END, CASE WHEN x.deleted THEN ${conseillerId('x.n')} END,
            CASE WHEN x.deleted THEN 'Saisi par erreur' END
       FROM (SELECT g, ${jeuneOf('g', `(${isTarget} OR ${isTargetDeleted})`, population.jeunes)} AS n, ${instant('g', 2)} AS at,
                    ${h('g', 3)} AS h2, ${h('g', 4)} AS h3,
                    ${isTargetDeleted} OR (NOT ${isTarget} AND ${h('g', 5)} % 50 = 0) AS deleted
               FROM generate_series(${from}, ${to - 1}) g) x`,
  );
};

const seedPropositions = async (client: pg.Client) => {
  const stride = Math.floor(SUIVI.propositions / SUIVI.target.propositions);
  const isTarget = `(g % ${stride} = 0 AND g < ${SUIVI.target.propositions * stride})`;
  await client.query(
    `INSERT INTO proposition (id, jeune_id, mission_locale_id, libelle, theme, partenaire, commentaire, etat, created_at, created_by, updated_at)
     SELECT md5('suivi:proposition:' || g)::uuid, ${jeuneId('x.n')}, ${mlId('x.n')}, 'Proposition n° ' || g, ${themeAt('x.h2')},
            CASE WHEN x.h2 % 4 = 0 THEN 'Partenaire ' || (x.h2 % 500) END,
            CASE WHEN x.h2 % 10 < 3 THEN 'Commentaire interne de la proposition.' END,
            (${sqlArray(ETATS_PROPOSITION)})[1 + x.h2 % ${ETATS_PROPOSITION.length}], x.at, ${conseillerId('x.n')}, x.at
       FROM (SELECT g, ${jeuneOf('g', isTarget)} AS n, ${instant('g', 6)} AS at, ${h('g', 7)} AS h2
               FROM generate_series(0, ${SUIVI.propositions - 1}) g) x`,
  );
};

const seedActions = async (client: pg.Client) => {
  const stride = Math.floor(SUIVI.actions / SUIVI.target.actions);
  const isTarget = `(g % ${stride} = ${stride / 2} AND g < ${SUIVI.target.actions * stride})`;
  await client.query(
    `INSERT INTO action_jeune (id, jeune_id, mission_locale_id, titre, echeance, statut, createur, created_at, created_by, updated_at)
     SELECT md5('suivi:action:' || g)::uuid, ${jeuneId('x.n')}, ${mlId('x.n')}, 'Action n° ' || g, (x.at + interval '14 days')::date,
            (ARRAY['A_FAIRE', 'EN_COURS', 'TERMINEE', 'ANNULEE'])[1 + x.h2 % 4], 'CONSEILLER', x.at, ${conseillerId('x.n')}, x.at
       FROM (SELECT g, ${jeuneOf('g', isTarget)} AS n, ${instant('g', 8)} AS at, ${h('g', 9)} AS h2
               FROM generate_series(0, ${SUIVI.actions - 1}) g) x`,
  );
};

const seedSituations = async (client: pg.Client) => {
  const categories = sqlArray(CATEGORIES_SITUATION);
  await client.query(
    `INSERT INTO situation (id, jeune_id, categorie, etat, date_debut, intitule)
     SELECT md5('suivi:situation:' || n || ':' || k)::uuid, ${jeuneId('n')}, (${categories})[1 + ${h('n * 4 + k', 10)} % ${CATEGORIES_SITUATION.length}],
            (ARRAY['EN_COURS', 'PREVU', 'TERMINE'])[1 + ${h('n * 4 + k', 11)} % 3],
            date '2023-12-01' + (${h('n * 4 + k', 12)} % 1095)::int, 'Situation ' || k
       FROM generate_series(1, ${SUIVI.jeunes - 1}) n, generate_series(1, ${SUIVI.situationsPerJeune}) k
     UNION ALL
     SELECT md5('suivi:situation:0:' || k)::uuid, ${jeuneId('0')}, (${categories})[1 + k % ${CATEGORIES_SITUATION.length}],
            'TERMINE', date '2023-12-01' + k * 27, 'Situation ' || k
       FROM generate_series(1, ${SUIVI.target.situations}) k`,
  );
};

const countOf = async (client: pg.Client, sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);

/** The target dossier's items the timeline lists. */
export const targetItems = (client: pg.Client) =>
  countOf(
    client,
    `SELECT (SELECT count(*) FROM evenement WHERE jeune_id = ${TARGET_JEUNE_SQL} AND supprime_le IS NULL)
          + (SELECT count(*) FROM proposition WHERE jeune_id = ${TARGET_JEUNE_SQL})
          + (SELECT count(*) FROM action_jeune WHERE jeune_id = ${TARGET_JEUNE_SQL})
          + (SELECT count(*) FROM situation WHERE jeune_id = ${TARGET_JEUNE_SQL}) AS n`,
  );

/**
 * The timeline's database, seeded once (a few minutes) and kept: a complete one (its comment records the seed) only
 * gets the pending migrations; `force` re-seeds. Logs each step.
 */
export const ensureSuiviDatabase = async (log: (line: string) => void, force: boolean): Promise<void> => {
  const admin = await adminClient();
  try {
    const meta = await readSuiviMeta(admin);
    if (meta !== 'absent' && meta !== null && !force && meta.seedVersion === SUIVI.seedVersion && meta.evenements === SUIVI.evenements) {
      const client = await connect(SUIVI.database);
      try {
        const { rows } = await client.query<{ name: string }>('SELECT name FROM sequelize_meta');
        const hashes = migrationHashes();
        const edited = rows.map((r) => r.name).filter((name) => meta.migrations[name] !== undefined && meta.migrations[name] !== hashes[name]);
        const evenements = await countOf(client, 'SELECT count(*) AS n FROM evenement');
        if (edited.length === 0 && evenements === SUIVI.evenements) {
          const { applied, executed } = await migrate(SUIVI.database);
          if (applied.length > 0) {
            log(`${SUIVI.database}: applied pending migration(s) ${applied.join(', ')}; VACUUM ANALYZE`);
            await client.query('VACUUM (ANALYZE)');
          }
          await writeSuiviMeta(admin, { ...meta, migrations: Object.fromEntries(executed.map((m) => [m, hashes[m]!])) });
          log(`${SUIVI.database}: reused (seeded ${meta.seededAt} in ${meta.seedSeconds} s; --force re-seeds)`);
          return;
        }
        log(`${SUIVI.database}: ${edited.length > 0 ? `migration(s) edited since (${edited.join(', ')})` : `${evenements} événements`}: re-seeding`);
      } finally {
        await client.end();
      }
    }
    const started = Date.now();
    let at = Date.now();
    await admin.query(`DROP DATABASE IF EXISTS ${SUIVI.database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${SUIVI.database}`);
    const { executed } = await migrate(SUIVI.database);
    log(`created ${SUIVI.database}, ran ${executed.length} migrations: ${seconds(at)}`);
    const client = await connect(SUIVI.database);
    try {
      // A bulk load: foreign keys are right by construction (replica role skips their triggers), commits need not wait.
      await client.query("SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '512MB'");
      at = Date.now();
      await seedStructures(client);
      log(`${SUIVI.missionsLocales} Missions Locales, ${SUIVI.missionsLocales} conseillers, ${SUIVI.jeunes.toLocaleString('fr-FR')} jeunes: ${seconds(at)}`);
      // The timeline btrees, dropped for the load and rebuilt after from their own definitions.
      const { rows: indexes } = await client.query<{ name: string; def: string }>(
        `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid IN ('evenement'::regclass, 'proposition'::regclass, 'action_jeune'::regclass, 'situation'::regclass)
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      );
      for (const index of indexes) {
        await client.query(`DROP INDEX ${index.name}`);
      }
      for (let from = 0; from < SUIVI.evenements; from += SUIVI.batch) {
        at = Date.now();
        const to = Math.min(SUIVI.evenements, from + SUIVI.batch);
        await seedEvenements(client, from, to);
        log(`événements ${from.toLocaleString('fr-FR')}–${(to - 1).toLocaleString('fr-FR')}: ${seconds(at)}`);
      }
      at = Date.now();
      await seedPropositions(client);
      await seedActions(client);
      await seedSituations(client);
      log(`propositions, actions, situations: ${seconds(at)}`);
      for (const index of indexes) {
        at = Date.now();
        await client.query(index.def);
        log(`rebuilt ${index.name}: ${seconds(at)}`);
      }
      await client.query('RESET session_replication_role');
      at = Date.now();
      await client.query('VACUUM (ANALYZE)');
      log(`VACUUM ANALYZE: ${seconds(at)}`);
      const items = await targetItems(client);
      if (items !== 500) {
        throw new Error(`the target dossier holds ${items} items, not 500`);
      }
      const { rows: target } = await client.query<{ id: string }>(`SELECT ${TARGET_JEUNE_SQL}::text AS id`);
      const hashes = migrationHashes();
      await writeSuiviMeta(admin, {
        seedVersion: SUIVI.seedVersion,
        evenements: SUIVI.evenements,
        jeunes: SUIVI.jeunes,
        targetJeuneId: target[0]!.id,
        seededAt: new Date().toISOString(),
        seedSeconds: Math.round((Date.now() - started) / 1000),
        migrations: Object.fromEntries(executed.map((m) => [m, hashes[m]!])),
      });
      log(`${SUIVI.database} seeded: ${seconds(started)}`);
    } finally {
      await client.end();
    }
  } finally {
    await admin.end();
  }
};

/** Rows and sizes of the Suivi tables, one line each. */
export const describeSuivi = async (database: string): Promise<string[]> => {
  const client = await connect(database);
  try {
    const lines: string[] = [];
    for (const table of ['evenement', 'proposition', 'action_jeune', 'situation', 'jeune']) {
      const { rows } = await client.query<{ rows: string; heap: string; total: string }>(
        `SELECT (SELECT count(*) FROM ${table}) AS rows, pg_relation_size('${table}') AS heap, pg_total_relation_size('${table}') AS total`,
      );
      const { rows: index } = await client.query<{ name: string; size: string }>(
        `SELECT c.relname AS name, pg_relation_size(c.oid) AS size FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = '${table}'::regclass AND c.relname LIKE '%timeline%'`,
      );
      lines.push(
        `${table.padEnd(13)} ${Number(rows[0]!.rows).toLocaleString('fr-FR').padStart(10)} rows, heap ${formatBytes(Number(rows[0]!.heap)).padStart(9)}, ` +
          `total ${formatBytes(Number(rows[0]!.total)).padStart(9)}${index.map((i) => `; ${i.name} ${formatBytes(Number(i.size))}`).join('')}`,
      );
    }
    return lines;
  } finally {
    await client.end();
  }
};

// ---- (a) the outbox replay's database --------------------------------------------------------------------------

export const SYNC_DATABASE = 'imilo_bench_sync';
export const SYNC_PASSWORD = 'Escargot-Violet-Tambour-42';

/** What the replay writes to: a conseiller and the jeunes of their portfolio. */
export interface SyncWorld {
  readonly login: string;
  /** The dossier the outbox is replayed on (twice), the baseline's, and the warm-up's. */
  readonly jeunes: { readonly replay: string; readonly baseline: string; readonly warmup: string };
}

/**
 * Re-creates the replay's database (so that its counts start at zero), migrated with umzug, with one Mission Locale,
 * a conseiller who accepted the current CGU (argon2id password, as the product stores it) and three jeunes of their
 * portfolio. Kept after the run for inspection; dropped and re-created by the next.
 */
export const createSyncDatabase = async (): Promise<SyncWorld> => {
  const admin = await adminClient();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${SYNC_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${SYNC_DATABASE}`);
  } finally {
    await admin.end();
  }
  await migrate(SYNC_DATABASE);
  const client = await connect(SYNC_DATABASE);
  try {
    const login = 'bench.sync.conseiller';
    await client.query(`INSERT INTO region (id, code, nom) VALUES (md5('sync:region')::uuid, 'RB', 'Région du banc')`);
    await client.query(
      `INSERT INTO mission_locale (id, code_imilo, nom, region_id, code_departement, timezone)
       VALUES (md5('sync:ml')::uuid, 'B0001', 'Mission Locale du banc', md5('sync:region')::uuid, '33', 'Europe/Paris')`,
    );
    await client.query(
      `INSERT INTO site (id, mission_locale_id, nom, type, commune_insee) VALUES (md5('sync:site')::uuid, md5('sync:ml')::uuid, 'Siège', 'siege', '33063')`,
    );
    await client.query(
      `INSERT INTO utilisateur (id, login, prenom, nom, roles, bi_profils, password_hash, password_changed_at, active, activated_at)
       VALUES (md5('sync:conseiller')::uuid, $1, 'Awa', 'Diallo', ARRAY['conseiller'], '{}', $2, now(), true, now())`,
      [login, await hashSecret(SYNC_PASSWORD)],
    );
    await client.query(
      `INSERT INTO utilisateur_mission_locale (utilisateur_id, mission_locale_id, principale, site_id)
       VALUES (md5('sync:conseiller')::uuid, md5('sync:ml')::uuid, true, md5('sync:site')::uuid)`,
    );
    await client.query(
      `INSERT INTO cgu_acceptance (utilisateur_id, cgu_version_id, accepted_at)
       SELECT md5('sync:conseiller')::uuid, v.id, now() FROM cgu_version v
        WHERE v.audience = 'staff' AND v.version = (SELECT max(version) FROM cgu_version WHERE audience = 'staff')`,
    );
    const { rows } = await client.query<{ name: string; id: string }>(
      `INSERT INTO jeune (id, matricule, mission_locale_id, referent_id, nom_naissance, prenoms, sexe, date_naissance)
       SELECT gen_random_uuid(), 'B' || name, md5('sync:ml')::uuid, md5('sync:conseiller')::uuid, upper(name), 'Camille', 'F', date '2007-05-12'
         FROM unnest(ARRAY['replay', 'baseline', 'warmup']) name
       RETURNING upper(nom_naissance) AS name, id::text`,
    );
    const id = (name: string) => rows.find((row) => row.name === name.toUpperCase())!.id;
    return { login, jeunes: { replay: id('replay'), baseline: id('baseline'), warmup: id('warmup') } };
  } finally {
    await client.end();
  }
};

/** Rows written for a jeune, by kind. */
export const syncCounts = async (jeuneId: string): Promise<{ evenements: number; actions: number; propositions: number; cles: number }> => {
  const client = await connect(SYNC_DATABASE);
  try {
    const { rows } = await client.query<{ evenements: string; actions: string; propositions: string; cles: string }>(
      `SELECT (SELECT count(*) FROM evenement WHERE jeune_id = $1) AS evenements,
              (SELECT count(*) FROM action_jeune WHERE jeune_id = $1) AS actions,
              (SELECT count(*) FROM proposition WHERE jeune_id = $1) AS propositions,
              (SELECT count(*) FROM idempotency_key) AS cles`,
      [jeuneId],
    );
    return {
      evenements: Number(rows[0]!.evenements),
      actions: Number(rows[0]!.actions),
      propositions: Number(rows[0]!.propositions),
      cles: Number(rows[0]!.cles),
    };
  } finally {
    await client.end();
  }
};

/** A cookie-keeping HTTP client of the BFF, as the PWA: CSRF token echoed on writes. */
export class BffClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  private absorb(res: Response): void {
    for (const cookie of res.headers.getSetCookie()) {
      const pair = cookie.split(';')[0]!;
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      'x-xsrf-token': decodeURIComponent(this.cookies.get('XSRF-TOKEN') ?? ''),
      ...extra,
    };
  }

  /** Fetches the CSRF token, then signs in. */
  async signIn(login: string, password: string): Promise<void> {
    this.absorb(await fetch(`${this.baseUrl}/api/v1/auth/csrf`, { headers: this.headers() }));
    const res = await this.post('/api/v1/auth/login', { login, password });
    if (res.status !== 200) {
      throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }

  /** A GET; its status. */
  async get(path: string): Promise<number> {
    return (await this.read(path)).status;
  }

  /** A GET; its status and its body as text. */
  async read(path: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: this.headers() });
    this.absorb(res);
    return { status: res.status, text: await res.text() };
  }

  /** A JSON POST, with an Idempotency-Key when given; the answer's status, replay header and body. */
  async post(path: string, body: unknown, idempotencyKey?: string): Promise<{ status: number; replayed: string | null; body: unknown }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json', ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }) }),
      body: JSON.stringify(body),
    });
    this.absorb(res);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: kept as text for the error message.
    }
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: parsed };
  }
}
