// Suivi benchmark (#4): `npm run bench:sync [-- --only replay|timeline] [--runs 200] [--warmup 20] [--force]`.
//
// (a) Outbox replay. The real BFF (`npm run serve -w @imilo/bff`, as the journeys start it) on a fresh database
//     imilo_bench_sync migrated with umzug; a conseiller signs in over HTTP and replays a tablet's outbox: 500 writes
//     in order, one at a time (300 POST /jeunes/{id}/evenements, 100 …/actions, 100 …/propositions, interleaved), each
//     with its client id and an Idempotency-Key; then the same 500 again (the answers were lost), and the rows are
//     counted: no duplicate expected. Baseline, same run: the same 500 writes (new ids) without Idempotency-Key, i.e.
//     the key's cost. Goal: the first replay in 5 s at most.
// (b) Timeline. imilo_bench_suivi_2000000 (seeded once by bench/sync-data.ts, kept): 2 000 000 événements,
//     400 000 propositions, 400 000 actions, 80 000 situations over 40 000 jeunes of 50 Missions Locales, and one
//     dossier of 500 items of the four kinds, its rows scattered through the heap. The product's `readTimelinePage`
//     (apps/bff/src/features/evenements/timeline.repository.ts, imported) reads its first page (50 items), 200 timed
//     runs after 20 warm-ups; baseline, same run: the naive query (every item of the dossier in one UNION ALL, joined,
//     sorted whole, OFFSET/LIMIT). Also a page in the middle (items 251–300: keyset cursor against OFFSET 250).
//     Goal: first page p95 ≤ 20 ms. Prints EXPLAIN (ANALYZE, BUFFERS) of both first-page queries.
// Prints p50/p95/p99 and the ratios, writes it all to bench/results/sync.txt.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { QueryTypes } from 'sequelize';
import { openDatabase } from '@imilo/bff/src/db/database';
import { readTimelinePage, timelinePageSql } from '@imilo/bff/src/features/evenements/timeline.repository';
import { ACTIONS_PREDEFINIES, encodeTimelineCursor, THEMES, type TimelineKind } from '@imilo/domain';
import { BffProcess, ROOT } from '../e2e/support/bff-process';
import { adminClient, argument, flag } from './search-db';
import {
  BffClient,
  createSyncDatabase,
  describeSuivi,
  ensureSuiviDatabase,
  SUIVI,
  SYNC_DATABASE,
  SYNC_PASSWORD,
  syncCounts,
  urlOf,
} from './sync-data';
import { percentile, report } from './report';

const only = argument('only', 'all');
const RUNS = Number(argument('runs', '200'));
const WARMUP = Number(argument('warmup', '20'));
const OUTBOX = { evenements: 300, actions: 100, propositions: 100 } as const;
const OUTBOX_SIZE = OUTBOX.evenements + OUTBOX.actions + OUTBOX.propositions;
const REPLAY_GOAL_MS = 5000;
const TIMELINE_GOAL_MS = 20;

const { lines, out } = report();

const ms = (value: number) => value.toFixed(1).padStart(8);
const stats = (values: readonly number[]) => `${ms(percentile(values, 50))} ${ms(percentile(values, 95))} ${ms(percentile(values, 99))}`;
const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

// ---- the run's context ------------------------------------------------------------------------------------------

const admin = await adminClient();
const { rows: server } = await admin.query<{ version: string; shared_buffers: string; work_mem: string; jit: string }>(
  `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
          current_setting('work_mem') AS work_mem, current_setting('jit') AS jit`,
);
await admin.end();
const cpu = cpus();
const sha1 = (path: string) => createHash('sha1').update(readFileSync(join(ROOT, path))).digest('hex').slice(0, 12);
out(`npm run bench:sync   (${new Date().toISOString()})`);
out(
  `Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Linux ${release()}, Node ${process.version}; ` +
    `PostgreSQL ${server[0]!.version} (shared_buffers ${server[0]!.shared_buffers}, work_mem ${server[0]!.work_mem}, jit ${server[0]!.jit})`,
);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' / ');
out(`Load average (1 / 5 / 15 min) at start: ${load()} — other sessions share this machine: figures under load are noisier and slower`);
out(
  `Product: timeline.repository.ts sha1 ${sha1('apps/bff/src/features/evenements/timeline.repository.ts')}, ` +
    `evenements.router.ts sha1 ${sha1('apps/bff/src/features/evenements/evenements.router.ts')}, ` +
    `platform/idempotency.ts sha1 ${sha1('apps/bff/src/platform/idempotency.ts')}`,
);

// ---- (a) outbox replay ------------------------------------------------------------------------------------------

interface Entry {
  readonly kind: 'evenement' | 'action' | 'proposition';
  readonly path: string;
  readonly body: { readonly id: string } & Record<string, unknown>;
  readonly key: string;
}

/** A tablet's outbox for a dossier: 500 writes in the order they were made offline, each with its client id and key. */
const outboxFor = (jeuneId: string): Entry[] =>
  Array.from({ length: OUTBOX_SIZE }, (_, i): Entry => {
    const id = randomUUID();
    const key = randomUUID();
    // Three événements, then an action, then a proposition: what a morning of appointments leaves behind.
    const slot = i % 5;
    if (slot < 3) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const hour = String(8 + (i % 10)).padStart(2, '0');
      return {
        kind: 'evenement',
        path: `/api/v1/jeunes/${jeuneId}/evenements`,
        key,
        body: {
          id,
          date: `2026-11-${day}T${hour}:${String(i % 60).padStart(2, '0')}:00+01:00`,
          dureeMinutes: 30,
          typeCode: i % 2 === 0 ? 'ENTRETIEN_INDIVIDUEL' : 'TELEPHONE',
          lieu: { type: 'DISTANCE' },
          themes: [THEMES[i % THEMES.length]!],
          objet: `Entretien de suivi n° ${i}`,
          contexte: 'Commentaire interne saisi hors connexion.',
        },
      };
    }
    if (slot === 3) {
      return {
        kind: 'action',
        path: `/api/v1/jeunes/${jeuneId}/actions`,
        key,
        body: { id, titre: ACTIONS_PREDEFINIES[i % ACTIONS_PREDEFINIES.length]!, echeance: '2026-12-15' },
      };
    }
    return { kind: 'proposition', path: `/api/v1/jeunes/${jeuneId}/propositions`, key, body: { id, libelle: `Atelier CV n° ${i}`, theme: 'EMPLOI' } };
  });

interface Replay {
  readonly durations: number[];
  readonly totalMs: number;
  readonly answers: { status: number; replayed: string | null; id: unknown }[];
}

/** Sends the entries one after the other, in order, with their keys or without; times each and the whole. */
const replay = async (client: BffClient, entries: readonly Entry[], withKeys: boolean): Promise<Replay> => {
  const durations: number[] = [];
  const answers: Replay['answers'] = [];
  const start = process.hrtime.bigint();
  for (const entry of entries) {
    const at = process.hrtime.bigint();
    const res = await client.post(entry.path, entry.body, withKeys ? entry.key : undefined);
    durations.push(since(at));
    answers.push({ status: res.status, replayed: res.replayed, id: (res.body as { id?: unknown } | null)?.id ?? res.body });
  }
  return { durations, totalMs: since(start), answers };
};

const describeFailures = (label: string, run: Replay, expected: { status: number; replayed: string | null }): string[] =>
  run.answers.flatMap((answer, index) =>
    answer.status === expected.status && answer.replayed === expected.replayed
      ? []
      : [`${label} #${index}: ${answer.status} (Idempotent-Replayed ${answer.replayed}) ${JSON.stringify(answer.id).slice(0, 300)}`],
  );

const replayBench = async (): Promise<void> => {
  out();
  out(`(a) Outbox replay: ${OUTBOX_SIZE} writes in order, one at a time (${OUTBOX.evenements} POST /jeunes/{id}/evenements, ${OUTBOX.actions} …/actions, ${OUTBOX.propositions} …/propositions)`);
  let at = Date.now();
  const world = await createSyncDatabase();
  out(`Data: ${SYNC_DATABASE}, re-created and migrated with umzug (${((Date.now() - at) / 1000).toFixed(1)} s): 1 Mission Locale, 1 conseiller, 3 jeunes of their portfolio`);
  const dataDir = mkdtempSync(join(tmpdir(), 'imilo-bench-sync-'));
  const bff = await BffProcess.create({ DATABASE_URL: urlOf(SYNC_DATABASE), DATA_DIR: dataDir });
  at = Date.now();
  await bff.start();
  out(`BFF: npm run serve -w @imilo/bff on ${bff.baseUrl} (JOBS off, LOG_LEVEL warn, development config), up in ${((Date.now() - at) / 1000).toFixed(1)} s; client: Node fetch, keep-alive`);
  try {
    const client = new BffClient(bff.baseUrl);
    await client.signIn(world.login, SYNC_PASSWORD);

    // Warm-up (not timed): the BFF's modules, pools and plans, on a dossier of its own.
    const warmup = await replay(client, outboxFor(world.jeunes.warmup).slice(0, 50), true);
    const failures = describeFailures('warm-up', warmup, { status: 201, replayed: 'false' });
    if (failures.length > 0) {
      out(`The writes fail (are the routes of evenements.router.ts live?): ${failures.slice(0, 3).join(' | ')}`);
      out('(a) NOT MEASURED.');
      return;
    }

    // The floor of any signed-in request on this machine: session read and save, user, no write of the product's.
    const me: number[] = [];
    const meStart = process.hrtime.bigint();
    for (let i = 0; i < OUTBOX_SIZE; i++) {
      const at = process.hrtime.bigint();
      const status = await client.get('/api/v1/me');
      me.push(since(at));
      if (status !== 200) {
        throw new Error(`GET /api/v1/me answered ${status}`);
      }
    }
    const meTotal = since(meStart);

    const baselineOutbox = outboxFor(world.jeunes.baseline);
    const outbox = outboxFor(world.jeunes.replay);
    const baseline = await replay(client, baselineOutbox, false);
    const first = await replay(client, outbox, true);
    const second = await replay(client, outbox, true);
    const counts = await syncCounts(world.jeunes.replay);
    const baselineCounts = await syncCounts(world.jeunes.baseline);

    const problems = [
      ...describeFailures('baseline', baseline, { status: 201, replayed: null }),
      ...describeFailures('first replay', first, { status: 201, replayed: 'false' }),
      ...describeFailures('second replay', second, { status: 201, replayed: 'true' }),
      ...first.answers.flatMap((answer, index) => (answer.id === outbox[index]!.body.id ? [] : [`first replay #${index}: answered id ${String(answer.id)}`])),
      ...second.answers.flatMap((answer, index) =>
        answer.id === first.answers[index]!.id ? [] : [`second replay #${index}: answered ${String(answer.id)}, first ${String(first.answers[index]!.id)}`],
      ),
    ];
    const written = counts.evenements + counts.actions + counts.propositions;
    out('');
    out(`${'run'.padEnd(58)} ${'total ms'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  ratio (total ÷ baseline)`);
    out(`${'baseline: the same 500 writes without Idempotency-Key'.padEnd(58)} ${baseline.totalMs.toFixed(0).padStart(9)} ${stats(baseline.durations)}  ×1.00`);
    out(`${'first replay, each write with its Idempotency-Key'.padEnd(58)} ${first.totalMs.toFixed(0).padStart(9)} ${stats(first.durations)}  ×${(first.totalMs / baseline.totalMs).toFixed(2)}`);
    out(`${'second replay, same keys (answers lost): stored answers'.padEnd(58)} ${second.totalMs.toFixed(0).padStart(9)} ${stats(second.durations)}  ×${(second.totalMs / baseline.totalMs).toFixed(2)}`);
    out(`${'reference: 500 GET /api/v1/me (a signed-in request, no write)'.padEnd(58)} ${meTotal.toFixed(0).padStart(9)} ${stats(me)}  ×${(meTotal / baseline.totalMs).toFixed(2)}`);
    out('');
    out(
      `Rows of the replayed dossier after both replays: ${counts.evenements} événements, ${counts.actions} actions, ${counts.propositions} propositions ` +
        `(expected ${OUTBOX.evenements} / ${OUTBOX.actions} / ${OUTBOX.propositions}): ${written - OUTBOX_SIZE} duplicate(s); ` +
        `second replay answered Idempotent-Replayed: true ${second.answers.filter((a) => a.replayed === 'true').length} times out of ${OUTBOX_SIZE}, ` +
        `with the first replay's ids; idempotency keys stored: ${counts.cles} (warm-up 50 + replay ${OUTBOX_SIZE}).`,
    );
    out(`Baseline dossier: ${baselineCounts.evenements} / ${baselineCounts.actions} / ${baselineCounts.propositions}.`);
    out(problems.length === 0 ? 'Every answer as expected.' : `UNEXPECTED ANSWERS (${problems.length}): ${problems.slice(0, 5).join(' | ')}`);
    out(
      `Goal: first replay ≤ ${REPLAY_GOAL_MS / 1000} s: ${first.totalMs <= REPLAY_GOAL_MS ? 'met' : 'MISSED'} (${(first.totalMs / 1000).toFixed(2)} s); ` +
        `duplicates: ${written === OUTBOX_SIZE && problems.length === 0 ? 'none' : 'SOME'}.`,
    );
  } finally {
    await bff.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

// ---- (b) timeline -----------------------------------------------------------------------------------------------

/**
 * The naive query: every item of the dossier, each kind joined to its author (and type), one UNION ALL sorted whole,
 * then OFFSET/LIMIT. Same order, same fields as the product's.
 */
const NAIVE_SQL = `
SELECT t.kind, t.id::text AS id, to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, t.libelle, t.intitule, t.objet,
       t.partenaire, t.themes, t.type_code, t.statut, t.jour, t.auteur_prenom, t.auteur_nom
  FROM (
    SELECT 'evenement'::text AS kind, 4 AS rank, e.id, e.date_heure AS at,
           COALESCE((SELECT ty.libelle FROM type_evenement ty
                      WHERE ty.code = e.type_code AND (ty.mission_locale_id IS NULL OR ty.mission_locale_id = e.mission_locale_id)
                      ORDER BY ty.mission_locale_id NULLS LAST LIMIT 1), e.type_code) AS libelle,
           NULL::text AS intitule, e.objet, e.partenaire, e.themes, e.type_code, NULL::text AS statut, NULL::text AS jour,
           u.prenom AS auteur_prenom, u.nom AS auteur_nom
      FROM evenement e LEFT JOIN utilisateur u ON u.id = e.conseiller_id
     WHERE e.jeune_id = $jeuneId AND e.supprime_le IS NULL
    UNION ALL
    SELECT 'proposition', 3, p.id, p.created_at, p.libelle, NULL, NULL, p.partenaire, ARRAY[p.theme], NULL, p.etat, NULL, u.prenom, u.nom
      FROM proposition p LEFT JOIN utilisateur u ON u.id = p.created_by
     WHERE p.jeune_id = $jeuneId
    UNION ALL
    SELECT 'action', 2, a.id, a.created_at, a.titre, NULL, NULL, NULL, '{}', NULL, a.statut, to_char(a.echeance, 'YYYY-MM-DD'), u.prenom, u.nom
      FROM action_jeune a LEFT JOIN utilisateur u ON u.id = a.created_by
     WHERE a.jeune_id = $jeuneId
    UNION ALL
    SELECT 'situation', 1, s.id, s.date_debut::timestamp AT TIME ZONE $timezone::text, s.categorie, s.intitule, NULL, NULL, '{}', NULL, s.etat,
           to_char(s.date_fin, 'YYYY-MM-DD'), u.prenom, u.nom
      FROM situation s LEFT JOIN utilisateur u ON u.id = s.created_by
     WHERE s.jeune_id = $jeuneId
  ) t
 ORDER BY t.at DESC, t.rank DESC, t.id DESC
 OFFSET $offset LIMIT $limit`;

interface NaiveRow {
  kind: TimelineKind;
  id: string;
  at: string;
}

const timelineBench = async (): Promise<void> => {
  out();
  out('(b) Timeline: first page (50 items) of a dossier of 500 items among 2 000 000 événements');
  await ensureSuiviDatabase(out, flag('force'));
  out(`Data: ${SUIVI.database}: ${SUIVI.missionsLocales} Missions Locales, ${SUIVI.jeunes.toLocaleString('fr-FR')} jeunes; the target dossier: ` +
    `${SUIVI.target.evenements} événements (+ ${SUIVI.target.deleted} deleted), ${SUIVI.target.propositions} propositions, ${SUIVI.target.actions} actions, ` +
    `${SUIVI.target.situations} situations, scattered through the heap`);
  for (const line of await describeSuivi(SUIVI.database)) {
    out(`  ${line}`);
  }
  const database = await openDatabase({ databaseUrl: urlOf(SUIVI.database), dataDir: tmpdir(), logger: pino({ level: 'warn' }) });
  const { sequelize } = database;
  try {
    const [target] = await sequelize.query<{ id: string; timezone: string }>(
      `SELECT j.id::text AS id, ml.timezone FROM jeune j JOIN mission_locale ml ON ml.id = j.mission_locale_id WHERE j.id = md5('suivi:jeune:0')::uuid`,
      { type: QueryTypes.SELECT },
    );
    const { id: jeuneId, timezone } = target!;
    const naive = (offset: number, limit: number) =>
      sequelize.query<NaiveRow>(NAIVE_SQL, { type: QueryTypes.SELECT, bind: { jeuneId, timezone, offset, limit } });

    // The middle page's cursor: the 250th item of the whole timeline.
    const [item250] = await naive(249, 1);
    const middleCursor = { kind: item250!.kind, id: item250!.id, at: item250!.at.replace(/(\.\d{3})000Z$/, '$1Z') };
    const cases = [
      {
        label: 'first page (items 1–50)',
        product: () => readTimelinePage(sequelize, { jeuneId, timezone, limit: 50 }),
        baseline: () => naive(0, 50),
        query: { jeuneId, timezone, limit: 50 },
        offset: 0,
      },
      {
        label: 'middle page (items 251–300)',
        product: () => readTimelinePage(sequelize, { jeuneId, timezone, limit: 50, after: middleCursor }),
        baseline: () => naive(250, 50),
        query: { jeuneId, timezone, limit: 50, after: middleCursor },
        offset: 250,
      },
    ];

    out('');
    out(`Each case: ${WARMUP} warm-up then ${RUNS} timed runs, product and baseline alternating, one at a time, wall time of the call from Node (Sequelize, bind parameters).`);
    out(`${'case'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  baseline p95 ÷ product p95   same items`);
    const results: { label: string; product: number[]; baseline: number[] }[] = [];
    for (const c of cases) {
      const [page, reference] = [await c.product(), await c.baseline()];
      const same =
        JSON.stringify(page.rows.map((row) => `${row.kind}:${row.id}`)) === JSON.stringify(reference.map((row) => `${row.kind}:${row.id}`)) &&
        page.rows.length === 50;
      const product: number[] = [];
      const baseline: number[] = [];
      for (let run = 0; run < WARMUP + RUNS; run++) {
        let at = process.hrtime.bigint();
        await c.product();
        const p = since(at);
        at = process.hrtime.bigint();
        await c.baseline();
        const b = since(at);
        if (run >= WARMUP) {
          product.push(p);
          baseline.push(b);
        }
      }
      results.push({ label: c.label, product, baseline });
      const ratio = percentile(baseline, 95) / percentile(product, 95);
      out(`${`${c.label} — product (keyset)`.padEnd(44)} ${stats(product)}  ${`×${ratio.toFixed(1)}`.padStart(26)}   ${same ? 'yes' : 'NO'}`);
      out(`${`${c.label} — baseline (OFFSET ${c.offset})`.padEnd(44)} ${stats(baseline)}`);
    }
    const firstP95 = percentile(results[0]!.product, 95);
    out('');
    out(`Goal: first page p95 ≤ ${TIMELINE_GOAL_MS} ms: ${firstP95 <= TIMELINE_GOAL_MS ? 'met' : 'MISSED'} (${firstP95.toFixed(1)} ms).`);
    out(`Cursor of the first page's next page: ${encodeTimelineCursor((await cases[0]!.product()).rows.at(-1)!)}`);

    // Every run sends the same statement: its plan, replayed twice on the pool's connections, the second kept.
    for (const c of [cases[0]!]) {
      const statement = timelinePageSql(c.query)!;
      let plan: string[] = [];
      for (let pass = 0; pass < 2; pass++) {
        const rows = await sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, {
          type: QueryTypes.SELECT,
          bind: statement.bind,
        });
        plan = rows.map((row) => row['QUERY PLAN']);
      }
      out('');
      out(`EXPLAIN (ANALYZE, BUFFERS) — product, ${c.label} (the statement of every run, p95 included):`);
      for (const line of plan) {
        out(`  ${line}`);
      }
      const baselineRows = await sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${NAIVE_SQL}`, {
        type: QueryTypes.SELECT,
        bind: { jeuneId, timezone, offset: c.offset, limit: 50 },
      });
      out('');
      out(`EXPLAIN (ANALYZE, BUFFERS) — baseline, ${c.label}:`);
      for (const row of baselineRows) {
        out(`  ${row['QUERY PLAN']}`);
      }
    }
  } finally {
    await database.close();
  }
};

const started = Date.now();
if (only !== 'timeline') {
  await replayBench();
}
if (only !== 'replay') {
  await timelineBench();
}
out('');
out(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s; load average at the end: ${load()}.`);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const file = join(ROOT, 'bench/results', only === 'all' ? 'sync.txt' : `sync-${only}.txt`);
writeFileSync(file, `${lines.join('\n')}\n`);
console.log(`written to ${file}`);
