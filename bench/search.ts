// Search benchmark of the Dossiers univers: `npm run bench:search [-- --size 100000|1000000] [--runs 200] [--warmup 20]`.
//
// Measures the product's own `searchJeunes` (apps/bff/src/features/dossiers/jeune-search.repository.ts) on the
// database of `npm run bench:seed`, on queries drawn at random from the seeded dossiers plus the planted needles:
//   (a) one-box search scoped to the drawn dossier's Mission Locale, accent-less ("elodie lefevre");
//   (b) the same with one typo in the surname ("lefebre");
//   (c) national (scope null), accent-less and with a typo;
//   (d) the cross-ML duplicate check (`findDuplicateCandidates` of jeune-duplicates.repository.ts): national, same
//       birth date, the names in capitals without accents and one typo in the surname;
//   (e) the multi-criteria search without text (`searchJeunesByCriteres` of jeune-criteres.repository.ts): an age
//       range, a completeness level, a current situation's catégorie and QPV yes/no, drawn at random, in the drawn
//       dossier's Mission Locale, the exact count and page 1 in name order.
// In the same run, the baseline: the naive way, one `ILIKE '%word%'` per typed word on the raw columns (no unaccent,
// no trigram index; for (d), on the jeunes of the same birth date; for (e), the age and the current situation computed
// per row, from the birth date and the `situation` rows, instead of the stored columns), on the same queries. Prints p50/p95/p99, the ratio of p95s, a relevance check on the needles
// and the plan (EXPLAIN ANALYZE) of each case's p95 query; writes it all to bench/results/search-<size>.txt.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { QueryTypes, type Sequelize } from 'sequelize';
import { openDatabase } from '@imilo/bff/src/db/database';
import { migrator } from '@imilo/bff/src/db/umzug';
import type { Criteres } from '@imilo/bff/src/features/dossiers/jeune-criteres';
import { searchJeunesByCriteres } from '@imilo/bff/src/features/dossiers/jeune-criteres.repository';
import { findDuplicateCandidates } from '@imilo/bff/src/features/dossiers/jeune-duplicates.repository';
import { searchJeunes } from '@imilo/bff/src/features/dossiers/jeune-search.repository';
import { CATEGORIES_SITUATION } from '@imilo/domain';
import { ROOT } from '../e2e/support/bff-process';
import { accentless, benchId, type DuplicateInput, NEEDLE_QUERIES, type NeedleQuery, NEEDLES, prng } from './search-data';
import { adminClient, argument, benchUrl, changedMigrations, databaseName, describeSizes, readMeta, sizeArgument } from './search-db';
import { percentileOf, report } from './report';

const size = sizeArgument();
const RUNS = Number(argument('runs', '200'));
const WARMUP = Number(argument('warmup', '20'));
const PAGE_SIZE = 20;
/** One timed run in NEEDLE_EVERY is the case's needle query. */
const NEEDLE_EVERY = 20;

const { lines, out } = report();

// ---- the database -------------------------------------------------------------------------------------------

const admin = await adminClient();
const meta = await readMeta(admin, size);
const { rows: server } = await admin.query<{ version: string; shared_buffers: string; work_mem: string; jit: string; parallel: string }>(
  `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
          current_setting('work_mem') AS work_mem, current_setting('jit') AS jit,
          current_setting('max_parallel_workers_per_gather') AS parallel`,
);
await admin.end();
if (meta === 'absent' || meta === null) {
  console.error(`${databaseName(size)} is ${meta === 'absent' ? 'missing' : 'incomplete'}: run  npm run bench:seed -- --size ${size}`);
  process.exit(1);
}

const database = await openDatabase({ databaseUrl: benchUrl(size), dataDir: tmpdir(), logger: pino({ level: 'warn' }) });
const sequelize: Sequelize = database.sequelize;
const umzug = migrator(sequelize);
const pending = (await umzug.pending()).map((m) => m.name);
const changed = changedMigrations(meta, (await umzug.executed()).map((m) => m.name));
if (pending.length > 0 || changed.length > 0) {
  console.error(
    `${databaseName(size)} is behind the migrations (${[...pending.map((m) => `pending ${m}`), ...changed.map((m) => `edited ${m}`)].join(', ')}): ` +
      `run  npm run bench:seed -- --size ${size}`,
  );
  await database.close();
  process.exit(1);
}

// ---- the queries --------------------------------------------------------------------------------------------

type CaseKey = NeedleQuery['case'];
interface Query {
  /** What is typed in the one-box search; for the duplicate check, a label of its input. */
  readonly q: string;
  readonly scope: readonly string[] | null;
  /** The duplicate check's input: set for case (d) only. */
  readonly duplicate?: DuplicateInput;
  /** The criteria of case (e) (no text): set for it only. */
  readonly criteres?: Criteres;
  /** The dossier the query was drawn from (null: a needle query, checked separately). */
  readonly target: string | null;
}

interface Drawn {
  id: string;
  mission_locale_id: string;
  nom_naissance: string;
  prenoms: string;
  date_naissance: string;
}

const random = prng(size + 2026);

/** One slip of the keyboard in the longest word of the surname: a letter dropped, swapped, changed or doubled. */
const typo = (nom: string): string => {
  const words = accentless(nom).split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const at = 1 + Math.floor(random() * Math.max(1, longest.length - 2));
  const letters = 'aeioubcdfglmnprstv';
  let slipped = longest;
  for (let attempt = 0; slipped === longest && attempt < 10; attempt++) {
    const op = longest.length >= 5 ? Math.floor(random() * 4) : 3;
    slipped =
      op === 0
        ? longest.slice(0, at) + longest.slice(at + 1)
        : op === 1 && at + 1 < longest.length
          ? longest.slice(0, at) + longest[at + 1] + longest[at] + longest.slice(at + 2)
          : op === 2
            ? longest.slice(0, at) + letters[Math.floor(random() * letters.length)] + longest.slice(at + 1)
            : longest.slice(0, at) + longest[at] + longest.slice(at);
  }
  return words.map((w) => (w === longest ? slipped : w)).join(' ');
};

const firstPrenom = (prenoms: string) => accentless(prenoms).split(' ')[0]!;

const draw = async (count: number): Promise<Drawn[]> => {
  const ids = Array.from({ length: count }, () => benchId(`jeune:${Math.floor(random() * meta.randomRows)}`));
  const rows = await sequelize.query<Drawn>(
    "SELECT id, mission_locale_id, nom_naissance, prenoms, to_char(date_naissance, 'YYYY-MM-DD') AS date_naissance FROM jeune WHERE id IN (:ids)",
    { type: QueryTypes.SELECT, replacements: { ids } },
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
};

const scopeOf = (which: 'A' | 'national') => (which === 'A' ? [meta.needleMissionsLocales.A] : null);

const needleQuery = (needle: NeedleQuery): Query => ({ q: needle.q, scope: scopeOf(needle.scope), duplicate: needle.duplicate, target: null });

/** A dossier registered again elsewhere, as some Missions Locales type it: capitals, no accents, a slip in the surname. */
const duplicateOf = (row: Drawn): Query => {
  const duplicate = {
    dateNaissance: row.date_naissance,
    nomNaissance: typo(row.nom_naissance).toUpperCase(),
    nomUsage: null,
    prenoms: accentless(row.prenoms).toUpperCase(),
  };
  return { q: `${duplicate.prenoms} ${duplicate.nomNaissance} ${duplicate.dateNaissance}`, scope: null, duplicate, target: row.id };
};

const queriesFor = async (key: CaseKey): Promise<Query[]> => {
  const needle = NEEDLE_QUERIES.find((n) => n.case === key)!;
  const drawn = await draw(WARMUP + RUNS);
  return drawn.map((row, i) => {
    if (i >= WARMUP && (i - WARMUP) % NEEDLE_EVERY === NEEDLE_EVERY - 1) {
      return needleQuery(needle);
    }
    if (key === 'duplicate') {
      return duplicateOf(row);
    }
    const nom = key.endsWith('typo') ? typo(row.nom_naissance) : accentless(row.nom_naissance);
    return { q: `${firstPrenom(row.prenoms)} ${nom}`, scope: key.startsWith('scoped') ? [row.mission_locale_id] : null, target: row.id };
  });
};

/** Case (e): criteria drawn at random, in the drawn dossier's Mission Locale; `q` is only their label. */
const criteriaQueries = async (): Promise<Query[]> => {
  const drawn = await draw(WARMUP + RUNS);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return drawn.map((row) => {
    const ageMin = 16 + Math.floor(random() * 5);
    const criteres: Criteres = {
      ageMin,
      ageMax: Math.min(25, ageMin + 2 + Math.floor(random() * 4)),
      completude: pick(['partiel', 'complet', 'justifie'] as const),
      situationCategorie: pick(['DEMANDEUR_EMPLOI', 'EMPLOI', 'FORMATION', 'CONTRAT_ALTERNANCE'] as const),
      qpv: pick(['oui', 'non'] as const),
      statut: 'actif',
    };
    const label = `${criteres.ageMin}–${criteres.ageMax} ans, ${criteres.completude}, ${criteres.situationCategorie}, QPV ${criteres.qpv}`;
    return { q: label, scope: [row.mission_locale_id], criteres, target: null };
  });
};

// ---- the two ways of searching -------------------------------------------------------------------------------

/** The count each way gave for a query of case (e), to check that both agree. */
const totals = { product: new Map<Query, number>(), baseline: new Map<Query, number>() };
// Any user: the drawn criteria never say `referent=moi`.
const BENCH_CALLER = '00000000-0000-4000-8000-000000000000';

type Search = (query: Query) => Promise<string[]>;

const productCriteria = async (query: Query & { criteres: Criteres }): Promise<string[]> => {
  const { rows, total } = await searchJeunesByCriteres(sequelize, {
    scope: query.scope,
    callerId: BENCH_CALLER,
    now: new Date(),
    criteres: query.criteres,
    page: 1,
    size: PAGE_SIZE,
  });
  totals.product.set(query, total ?? -1);
  return rows.map((r) => r.id);
};

const product: Search = async (query) =>
  query.criteres
    ? productCriteria({ ...query, criteres: query.criteres })
    : query.duplicate
      ? (await findDuplicateCandidates(sequelize, query.duplicate)).map((r) => r.id)
      : (await searchJeunes(sequelize, { scope: query.scope, q: query.q, page: 1, size: PAGE_SIZE })).rows.map((r) => r.id);

/**
 * Case (e) the naive way: the age from the birth date on the Mission Locale's day and the current situation from the
 * `situation` rows (the first EN_COURS in the catégories' order, the latest begun first: the domain's rule), row by
 * row, where the product reads stored, indexed columns and bounds the birth date; completeness and QPV from their
 * columns as the product. Same scope, same count and page 1 in name order, the two statements in parallel as well.
 */
const baselineCriteria = async (query: Query & { criteres: Criteres }): Promise<string[]> => {
  const { criteres } = query;
  const filtered = `
    SELECT j.id, j.search_text
      FROM jeune j
      JOIN mission_locale ml ON ml.id = j.mission_locale_id
      LEFT JOIN LATERAL (
        SELECT s.categorie FROM situation s
         WHERE s.jeune_id = j.id AND s.etat = 'EN_COURS'
         ORDER BY array_position(:categories::text[], s.categorie), s.date_debut DESC
         LIMIT 1
      ) courante ON true
     WHERE j.mission_locale_id IN (:scope) AND j.statut_dossier = 'actif'
       AND date_part('year', age((now() AT TIME ZONE ml.timezone)::date, j.date_naissance)) BETWEEN :ageMin AND :ageMax
       AND j.completude = :completude
       AND courante.categorie = :categorie
       AND (j.qpv_code IS NOT NULL) = :qpv`;
  const replacements = {
    scope: query.scope ?? [],
    categories: `{${CATEGORIES_SITUATION.join(',')}}`,
    ageMin: criteres.ageMin,
    ageMax: criteres.ageMax,
    completude: criteres.completude,
    categorie: criteres.situationCategorie,
    qpv: criteres.qpv === 'oui',
  };
  const [rows, counted] = await Promise.all([
    sequelize.query<{ id: string }>(
      `SELECT j.id, j.matricule, j.nom_usage, j.nom_naissance, j.prenoms, j.sexe, to_char(j.date_naissance, 'YYYY-MM-DD') AS date_naissance,
              j.commune_insee, j.statut_dossier, j.mission_locale_id, ml.timezone, r.id AS referent_id, r.prenom AS referent_prenom,
              r.nom AS referent_nom, j.completude, j.situation_courante_categorie, j.situation_courante_etat, j.dernier_contact_le
         FROM (${filtered} ORDER BY j.search_text, j.id LIMIT :limit) page
         JOIN jeune j ON j.id = page.id
         JOIN mission_locale ml ON ml.id = j.mission_locale_id
         LEFT JOIN utilisateur r ON r.id = j.referent_id
        ORDER BY j.search_text, j.id`,
      { type: QueryTypes.SELECT, replacements: { ...replacements, limit: PAGE_SIZE + 1 } },
    ),
    sequelize.query<{ total: number }>(`SELECT count(*)::int AS total FROM (${filtered}) f`, { type: QueryTypes.SELECT, replacements }),
  ]);
  totals.baseline.set(query, counted[0]!.total);
  return rows.slice(0, PAGE_SIZE).map((r) => r.id);
};

/**
 * The naive search: every typed word somewhere in the names, as stored (accents and all), ordered by name; for the
 * duplicate check, among the jeunes of the same birth date.
 */
const baseline: Search = async (query) => {
  if (query.criteres) {
    return baselineCriteria({ ...query, criteres: query.criteres });
  }
  const typed = query.duplicate ? `${query.duplicate.nomUsage ?? ''} ${query.duplicate.nomNaissance} ${query.duplicate.prenoms}` : query.q;
  const words = typed.trim().split(/\s+/).filter(Boolean);
  const likes = words.map((_, i) => `(coalesce(j.nom_usage || ' ', '') || j.nom_naissance || ' ' || j.prenoms) ILIKE :w${i}`);
  const rows = await sequelize.query<{ id: string }>(
    `SELECT j.id, j.matricule, j.nom_usage, j.nom_naissance, j.prenoms, j.sexe, to_char(j.date_naissance, 'YYYY-MM-DD') AS date_naissance,
            j.commune_insee, j.statut_dossier, j.mission_locale_id, ml.timezone, r.id AS referent_id, r.prenom AS referent_prenom,
            r.nom AS referent_nom
       FROM jeune j
       JOIN mission_locale ml ON ml.id = j.mission_locale_id
       LEFT JOIN utilisateur r ON r.id = j.referent_id
      WHERE ${query.scope ? 'j.mission_locale_id IN (:scope) AND ' : ''}${query.duplicate ? 'j.date_naissance = :dateNaissance::date AND ' : ''}${likes.join(' AND ')}
      ORDER BY j.nom_naissance, j.prenoms, j.id
      LIMIT :limit`,
    {
      type: QueryTypes.SELECT,
      replacements: {
        ...Object.fromEntries(words.map((w, i) => [`w${i}`, `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`])),
        scope: query.scope ?? [],
        dateNaissance: query.duplicate?.dateNaissance ?? null,
        limit: PAGE_SIZE + 1,
      },
    },
  );
  return rows.slice(0, PAGE_SIZE).map((r) => r.id);
};

// ---- timing ---------------------------------------------------------------------------------------------------

interface Timed {
  readonly query: Query;
  readonly ms: number;
  readonly ids: string[];
}

const time = async (search: Search, queries: readonly Query[]): Promise<Timed[]> => {
  const timed: Timed[] = [];
  for (const [i, query] of queries.entries()) {
    const start = process.hrtime.bigint();
    const ids = await search(query);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= WARMUP) {
      timed.push({ query, ms, ids });
    }
  }
  return timed;
};

/** Nearest-rank percentile. */
const percentile = (timed: readonly Timed[], p: number): Timed => percentileOf(timed, p, (item) => item.ms);

/** Share of the drawn queries whose dossier is on the first page. */
const found = (timed: readonly Timed[]) => {
  const drawn = timed.filter((t) => t.query.target !== null);
  return drawn.filter((t) => t.ids.includes(t.query.target!)).length / drawn.length;
};

// ---- the plan of a query, replayed from what the product sent -------------------------------------------------

interface Sent {
  readonly text: string;
  readonly values: unknown[] | undefined;
}
const sent: Sent[] = [];
let capturing = false;
const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (capturing && typeof args[0] === 'string') {
    sent.push({ text: args[0], values: Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined });
  }
  return clientQuery.apply(this, args);
};

/** EXPLAIN (ANALYZE, BUFFERS) of the statements one call sent, in one transaction rolled back. */
const explain = async (search: Search, query: Query): Promise<string[]> => {
  sent.length = 0;
  capturing = true;
  try {
    await search(query);
  } finally {
    capturing = false;
  }
  const client = new pg.Client({ connectionString: benchUrl(size) });
  await client.connect();
  let plan: string[] = [];
  try {
    // Twice on the same connection, the second kept: the first plans with a cold catalog cache.
    for (let pass = 0; pass < 2; pass++) {
      plan = [];
      await client.query('BEGIN');
      for (const statement of sent) {
        const text = statement.text.trim();
        if (/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(text)) {
          continue;
        }
        if (/^(SELECT|WITH)/i.test(text)) {
          const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, statement.values);
          plan.push(...rows.map((r) => r['QUERY PLAN']));
        } else {
          await client.query(text, statement.values);
          plan.push(`-- ${text}`);
        }
      }
      await client.query('ROLLBACK');
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
  return plan;
};

// ---- the run --------------------------------------------------------------------------------------------------

const CASES: readonly { key: CaseKey; label: string }[] = [
  { key: 'scoped-exact', label: '(a) scoped to 1 ML, accent-less' },
  { key: 'scoped-typo', label: '(b) scoped to 1 ML, one typo' },
  { key: 'national-exact', label: '(c) national, accent-less' },
  { key: 'national-typo', label: '(c) national, one typo' },
  { key: 'duplicate', label: '(d) duplicate check, one typo' },
];

const started = Date.now();
const { rows: mlSize } = await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM jeune WHERE mission_locale_id = $1', [
  meta.needleMissionsLocales.A,
]);
const sizes = await (async () => {
  const client = new pg.Client({ connectionString: benchUrl(size) });
  await client.connect();
  try {
    return await describeSizes(client);
  } finally {
    await client.end();
  }
})();

out(`npm run bench:search -- --size ${size}   (${new Date().toISOString()})`);
out(
  `Data: ${databaseName(size)}, ${size.toLocaleString('fr-FR')} jeunes over ${meta.mls} Missions Locales (seeded ${meta.seededAt}); ` +
    `needle ML A holds ${Number(mlSize[0]!.n).toLocaleString('fr-FR')} jeunes`,
);
for (const line of sizes) {
  out(line);
}
const cpu = cpus();
out(
  `Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Linux ${release()}, Node ${process.version}; ` +
    `PostgreSQL ${server[0]!.version} (shared_buffers ${server[0]!.shared_buffers}, work_mem ${server[0]!.work_mem}, jit ${server[0]!.jit}, ` +
    `parallel workers per gather ${server[0]!.parallel})`,
);
const sha1Of = (file: string) => createHash('sha1').update(readFileSync(join(ROOT, file))).digest('hex').slice(0, 12);
const productFile = 'apps/bff/src/features/dossiers/jeune-search.repository.ts';
const duplicatesFile = 'apps/bff/src/features/dossiers/jeune-duplicates.repository.ts';
const productCriteriaFile = 'apps/bff/src/features/dossiers/jeune-criteres.repository.ts';
out(
  `Product: searchJeunes of ${productFile} (sha1 ${sha1Of(productFile)}); ` +
    `findDuplicateCandidates of ${duplicatesFile} (sha1 ${sha1Of(duplicatesFile)})`,
);
out(
  `Method: ${RUNS} timed runs per case after ${WARMUP} warm-ups, one at a time, wall time of the call from Node (Sequelize, ` +
    `its transaction and SET LOCAL included); page 1 of ${PAGE_SIZE}; queries "<first prénom> <surname>" of dossiers drawn ` +
    `at random (seeded), 1 run in ${NEEDLE_EVERY} the needle query; (d): the drawn dossier's birth date, prénoms and surname ` +
    `with one typo, in capitals without accents (at most 20 candidates); (e): ageMin 16–20, ageMax 2–5 years above (at most 25), ` +
    `completude, a current situation's catégorie among the 4 commonest and QPV oui/non, drawn at random, in the drawn dossier's ` +
    `ML, statut actif, count + page 1 by name (${productCriteriaFile}, sha1 ${sha1Of(productCriteriaFile)}). Baseline: ILIKE ` +
    `'%word%' per word on the raw columns, same queries; for (e), age and current situation computed per row.`,
);
out();

interface Result {
  readonly label: string;
  readonly product: Timed[];
  readonly baseline: Timed[];
}
const results: Result[] = [];
for (const { key, label } of CASES) {
  const queries = await queriesFor(key);
  const productTimes = await time(product, queries);
  const baselineTimes = await time(baseline, queries);
  results.push({ label, product: productTimes, baseline: baselineTimes });
  console.log(`  measured ${label}`);
}
const criteriaLabel = '(e) 4 criteria, count + page 1';
{
  const queries = await criteriaQueries();
  const productTimes = await time(product, queries);
  const baselineTimes = await time(baseline, queries);
  results.push({ label: criteriaLabel, product: productTimes, baseline: baselineTimes });
  console.log(`  measured ${criteriaLabel}`);
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1)).padStart(7);
const header = `${'case'.padEnd(50)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  p95 baseline ÷ product  drawn dossier on page 1`;
out(header);
out('-'.repeat(header.length));
/** Case (e): share of the queries whose count and page agree with the baseline's (else the "on page 1" share). */
const agreement = (r: Result, side: 'product' | 'baseline') => {
  if (r.label !== criteriaLabel) {
    return `${(found(r[side]) * 100).toFixed(0)} %`;
  }
  const same = r.product.filter(
    (t, i) => totals.product.get(t.query) === totals.baseline.get(t.query) && t.ids.join() === r.baseline[i]!.ids.join(),
  ).length;
  return side === 'product' ? `same as baseline ${same}/${r.product.length}` : '';
};
for (const r of results) {
  const p95 = percentile(r.product, 95).ms;
  out(
    `${`${r.label} — product`.padEnd(50)} ${ms(percentile(r.product, 50).ms)} ${ms(p95)} ${ms(percentile(r.product, 99).ms)}  ` +
      `${`×${(percentile(r.baseline, 95).ms / p95).toFixed(1)}`.padStart(22)}  ${agreement(r, 'product').padStart(23)}`,
  );
  out(
    `${`${r.label} — baseline ${r.label === criteriaLabel ? 'per row' : 'ILIKE'}`.padEnd(50)} ${ms(percentile(r.baseline, 50).ms)} ${ms(percentile(r.baseline, 95).ms)} ${ms(percentile(r.baseline, 99).ms)}  ` +
      `${''.padStart(22)}  ${agreement(r, 'baseline').padStart(23)}`,
  );
}
out();

// ---- relevance --------------------------------------------------------------------------------------------------

const nameOf = new Map<string, string>(NEEDLES.map((n) => [n.id, `${n.prenoms} ${n.nom} (${n.ml})`]));
const describe = async (ids: readonly string[]) => {
  if (ids.length === 0) {
    return [];
  }
  const rows = await sequelize.query<{ id: string; name: string }>(
    "SELECT id, prenoms || ' ' || nom_naissance AS name FROM jeune WHERE id IN (:ids)",
    { type: QueryTypes.SELECT, replacements: { ids } },
  );
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.map((id) => nameOf.get(id) ?? byId.get(id) ?? id);
};

out('Relevance: rank of the expected dossier(s) on page 1 (product; the baseline in brackets, — = absent)');
let relevant = true;
for (const needle of NEEDLE_QUERIES) {
  const query = needleQuery(needle);
  const got = await product(query);
  const naive = await baseline(query);
  const rankIn = (ids: readonly string[]) => needle.expected.map((id) => (ids.includes(id) ? String(ids.indexOf(id) + 1) : '—'));
  const ranks = rankIn(got);
  const ok = needle.expected.every((id) => got.indexOf(id) >= 0 && got.indexOf(id) < needle.expected.length);
  relevant &&= ok;
  out(
    `  ${needle.label.padEnd(30)} rank ${ranks.join(', ').padEnd(6)} [${rankIn(naive).join(', ')}]  ${ok ? 'OK' : 'WRONG'}  ` +
      `top 3: ${(await describe(got.slice(0, 3))).join(' · ')}`,
  );
}
out(relevant ? 'Relevance: every needle comes first.' : 'Relevance: FAILED, see above.');
out();

// ---- plans --------------------------------------------------------------------------------------------------------

out("Plans: EXPLAIN (ANALYZE, BUFFERS) of each case's p95 query (product), replayed from the statements it sent");
for (const r of results) {
  const at95 = percentile(r.product, 95);
  out();
  const matches = totals.product.get(at95.query);
  out(
    `## ${r.label}: ${at95.query.criteres ? 'criteria' : 'q'} = "${at95.query.q}", scope ${at95.query.scope ? '1 ML' : 'national'}` +
      `${matches === undefined ? '' : ` (${matches} matches)`}, timed ${at95.ms.toFixed(1)} ms`,
  );
  for (const line of await explain(product, at95.query)) {
    out(line);
  }
}
out();
out(`Total bench time ${((Date.now() - started) / 1000).toFixed(0)} s`);

await database.close();
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const file = join(ROOT, 'bench/results', `search-${size}.txt`);
writeFileSync(file, `${lines.join('\n')}\n`);
console.log(`written ${file}`);
process.exitCode = relevant ? 0 : 1;
