// Portail benchmark (#6): `npm run bench:portail [-- --runs 200] [--warmup 20] [--widget-runs 30] [--force]`.
//
// The home's one call, `GET /api/v1/portail`, at data scale: 1 000 000 jeunes over 400 Missions Locales, 2 000 000
// événements, 200 000 rendez-vous, sessions, mémos, C-Milo accounts and push devices (bench/portail-data.ts, database
// imilo_bench_portail, seeded once and kept). The real BFF is started as the journeys start it (`npm run serve -w
// @imilo/bff`, JOBS off) on that database; a conseiller of the biggest Mission Locale and its direction sign in over
// HTTP (session cookie), and each home is read `--runs` times one at a time after `--warmup` untimed reads:
//   (a) the conseiller's home, default disposition (7 widgets);
//   (b) the direction's home, default disposition (5 figures), periode=mois;
//   (c) the same filtered on one site.
// Baseline, same run, alternating with the product call: the sum, per iteration, of the existing list endpoints the
// widgets would otherwise call one after the other (listed in the output, with what they cannot give).
// Goals: p95 ≤ 60 ms for the conseiller, ≤ 120 ms for the direction. Then, where the time goes: each widget computed
// alone by the product's builder in this process, with the plans of its statements (EXPLAIN (ANALYZE, BUFFERS)).
// Prints p50/p95/p99/max and writes everything, plans included, to bench/results/portail.txt.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { AppContext } from '@imilo/bff/src/app-context';
import { openDatabase } from '@imilo/bff/src/db/database';
import { CONSEILLER_WIDGETS } from '@imilo/bff/src/features/portail/conseiller.widgets';
import { DIRECTION_WIDGETS } from '@imilo/bff/src/features/portail/direction.widgets';
import { type PortailCaller, type WidgetContext, widgetContextOf } from '@imilo/bff/src/features/portail/portail-access';
import type { SessionUser } from '@imilo/bff/src/platform/session-user';
import { lundiDe, plusJours, portailSchema, type Role } from '@imilo/domain';
import { BffProcess, ROOT } from '../e2e/support/bff-process';
import { captureStatements, explainStatements } from './plan-capture';
import { ensurePortailDatabase, localToday, PORTAIL } from './portail-data';
import { adminClient, argument, flag } from './search-db';
import { BffClient, urlOf } from './sync-data';
import { percentile, report } from './report';

const RUNS = Number(argument('runs', '200'));
const WARMUP = Number(argument('warmup', '20'));
const GOALS_MS = { conseiller: 60, direction: 120 } as const;

const { lines, out } = report();

const ms = (value: number) => value.toFixed(1).padStart(8);
const stats = (values: readonly number[]) =>
  `${ms(percentile(values, 50))} ${ms(percentile(values, 95))} ${ms(percentile(values, 99))} ${ms(Math.max(...values))}`;
const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' / ');

// ---- the run's context ------------------------------------------------------------------------------------------

const admin = await adminClient();
const { rows: server } = await admin.query<{ version: string; shared_buffers: string; work_mem: string; jit: string }>(
  `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
          current_setting('work_mem') AS work_mem, current_setting('jit') AS jit`,
);
await admin.end();
const cpu = cpus();
out(`npm run bench:portail   (${new Date().toISOString()})`);
out(
  `Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Linux ${release()}, Node ${process.version}; ` +
    `PostgreSQL ${server[0]!.version} (shared_buffers ${server[0]!.shared_buffers}, work_mem ${server[0]!.work_mem}, jit ${server[0]!.jit})`,
);
out(`Load average (1 / 5 / 15 min) at start: ${load()} — other sessions share these 2 cores: figures under load are slower and noisier`);
const featureDir = join(ROOT, 'apps/bff/src/features/portail');
const sha1 = (path: string) => createHash('sha1').update(readFileSync(path)).digest('hex').slice(0, 12);
const product = readdirSync(featureDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
out(`Product: ${product.map((f) => `${f} sha1 ${sha1(join(featureDir, f))}`).join(', ')}`);

// ---- the data ---------------------------------------------------------------------------------------------------

const meta = await ensurePortailDatabase((line) => out(`  ${line}`), flag('force'));
const c = meta.counts;
const n = (value: number | undefined) => (value ?? 0).toLocaleString('fr-FR');
out(
  `Data: ${PORTAIL.database}: ${n(c['jeune'])} jeunes over 400 Missions Locales, ${n(c['evenement'])} événements, ${n(c['rendez_vous'])} rendez-vous, ` +
    `${n(c['session_collective'])} sessions (${n(c['inscription_session'])} registrations), ${n(c['memo'])} mémos, ${n(c['proposition'])} propositions of internal offers, ` +
    `${n(c['push_subscription'])} push devices, ${n(c['situation'])} situations, ${n(c['utilisateur'])} users, ${n(c['site'])} sites`,
);
out(
  `Mission Locale: ${meta.missionLocale.nom} (the biggest: ${n(meta.missionLocale.jeunes)} jeunes, ${n(meta.missionLocale.actifs)} active, ` +
    `${meta.missionLocale.conseillers} conseillers, ${meta.sites.length} sites); conseiller ${meta.conseiller.login} (portfolio of ` +
    `${meta.conseiller.portefeuille} active jeunes); direction ${meta.direction.login}`,
);

// ---- where the time goes: each widget alone, in this process -----------------------------------------------------

/**
 * Each widget of the two homes computed alone by the product's own builders (conseiller.widgets.ts,
 * direction.widgets.ts), one after the other in this process, on the BFF's own database layer: p50/p95 over `WIDGET_RUNS`
 * runs, then EXPLAIN (ANALYZE, BUFFERS) of the statements one run sent. The plans go to the results file only.
 */
const WIDGET_RUNS = Number(argument('widget-runs', '30'));

const widgetCosts = async (today: string): Promise<void> => {
  const database = await openDatabase({ databaseUrl: urlOf(PORTAIL.database), dataDir: tmpdir(), logger: pino({ level: 'warn' }) });
  try {
    const ctx = { db: database, clock: { now: () => new Date() }, logger: pino({ level: 'warn' }) } as unknown as AppContext;
    const { rows: ml } = await database.pool.query<{ nom: string; timezone: string }>('SELECT nom, timezone FROM mission_locale WHERE id = $1', [
      meta.missionLocale.id,
    ]);
    const userOf = async (id: string, roles: Role[]): Promise<SessionUser> => {
      const { rows } = await database.pool.query<{ login: string; site_id: string | null }>(
        'SELECT u.login, uml.site_id FROM utilisateur u JOIN utilisateur_mission_locale uml ON uml.utilisateur_id = u.id WHERE u.id = $1',
        [id],
      );
      const site = meta.sites.find((candidate) => candidate.id === rows[0]!.site_id) ?? null;
      return {
        id,
        login: rows[0]!.login,
        prenom: '',
        nom: '',
        roles,
        biProfils: [],
        missionsLocales: [{ id: meta.missionLocale.id, nom: ml[0]!.nom, timezone: ml[0]!.timezone, principale: true, site }],
        passwordChangedAt: null,
        mustAcceptCgu: false,
      };
    };
    const origin = { ip: '127.0.0.1', userAgent: 'bench' } as unknown as PortailCaller['origin'];
    const callerOf = async (id: string, roles: Role[]): Promise<PortailCaller> => ({ user: await userOf(id, roles), scope: [meta.missionLocale.id], origin });
    const conseiller = await callerOf(meta.conseiller.id, ['conseiller']);
    const direction = await callerOf(meta.direction.id, ['direction']);
    const site = meta.sites.find((s) => s.nom.startsWith('Antenne')) ?? meta.sites[0]!;
    const builders: { home: string; caller: PortailCaller; siteId: string | null; widgets: Record<string, (w: WidgetContext) => Promise<unknown>> }[] = [
      { home: 'conseiller', caller: conseiller, siteId: null, widgets: CONSEILLER_WIDGETS },
      {
        home: 'direction',
        caller: direction,
        siteId: null,
        widgets: Object.fromEntries(Object.entries(DIRECTION_WIDGETS).filter(([id]) => id !== 'comptes')),
      },
      {
        home: `direction, site « ${site.nom} »`,
        caller: direction,
        siteId: site.id,
        widgets: Object.fromEntries(Object.entries(DIRECTION_WIDGETS).filter(([id]) => id !== 'comptes')),
      },
    ];
    out();
    out(`Where the time goes: each widget alone, the product's builder called in this process (${WIDGET_RUNS} runs after 5, one at a time; today ${today}).`);
    out('Execution: PostgreSQL\'s own time per statement of one run (EXPLAIN ANALYZE, second pass); plans in bench/results/portail.txt.');
    out(`${'widget'.padEnd(58)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}   statements: execution ms`);
    const plans: string[] = [];
    for (const { home, caller, siteId, widgets } of builders) {
      for (const [id, build] of Object.entries(widgets)) {
        const context = (): WidgetContext => widgetContextOf(ctx, caller, { periode: 'mois', siteId });
        const durations: number[] = [];
        for (let i = 0; i < 5 + WIDGET_RUNS; i++) {
          const start = process.hrtime.bigint();
          await build(context());
          if (i >= 5) {
            durations.push(since(start));
          }
        }
        const statements = await captureStatements(() => build(context()));
        const explained = await explainStatements(urlOf(PORTAIL.database), statements);
        out(`${`${home}: ${id}`.padEnd(58)} ${stats(durations)}   ${explained.map((e) => (e.executionMs ?? 0).toFixed(1)).join(' + ')}`);
        for (const [index, e] of explained.entries()) {
          plans.push('', `---- ${home}: ${id}, statement ${index + 1} of ${explained.length}`, e.text, ...e.plan);
        }
      }
    }
    lines.push('', 'Plans (EXPLAIN (ANALYZE, BUFFERS), second pass on one connection):', ...plans);
  } finally {
    await database.close();
  }
};

// ---- the BFF and the calls --------------------------------------------------------------------------------------

const dataDir = mkdtempSync(join(tmpdir(), 'imilo-bench-portail-'));
const bff = await BffProcess.create({ DATABASE_URL: urlOf(PORTAIL.database), DATA_DIR: dataDir });
const at = Date.now();
await bff.start();
out(`BFF: npm run serve -w @imilo/bff on ${bff.baseUrl} (JOBS off, LOG_LEVEL warn), up in ${((Date.now() - at) / 1000).toFixed(1)} s; client: Node fetch, keep-alive`);

interface Case {
  readonly label: string;
  readonly goal: number;
  readonly client: BffClient;
  readonly path: string;
  /** The separate calls the widgets would otherwise make, and what each stands for. */
  readonly baseline: readonly { readonly path: string; readonly pour: string }[];
}

try {
  const conseiller = new BffClient(bff.baseUrl);
  await conseiller.signIn(meta.conseiller.login, PORTAIL.password);
  const direction = new BffClient(bff.baseUrl);
  await direction.signIn(meta.direction.login, PORTAIL.password);

  const today = await localToday(meta.missionLocale.id);
  const site = meta.sites.find((s) => s.nom.startsWith('Antenne')) ?? meta.sites[0]!;
  const agenda = (from: string, to: string, extra = '') => `/api/v1/agenda?from=${from}&to=${to}${extra}`;
  const premierDuMois = `${today.slice(0, 8)}01`;
  const moisPrecedent = (() => {
    const d = new Date(`${premierDuMois}T12:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - 1);
    return d.toISOString().slice(0, 10);
  })();

  // No route counts événements, premiers accueils or distinct jeunes: the direction's baseline covers the other two
  // figures only, the completeness by three counted searches, the rendez-vous by the site agendas of both periods.
  const directionBaseline = (sites: readonly { id: string; nom: string }[]) => [
    { path: `/api/v1/jeunes?completude=partiel&size=1`, pour: 'dossiers par complétude: partiel (counted total)' },
    { path: `/api/v1/jeunes?completude=complet&size=1`, pour: 'dossiers par complétude: complet' },
    { path: `/api/v1/jeunes?completude=justifie&size=1`, pour: 'dossiers par complétude: justifié' },
    ...sites.flatMap((s) => [
      { path: agenda(premierDuMois, today, `&site=${s.id}`), pour: `rendez-vous tenus, this month so far: agenda of « ${s.nom} »` },
      { path: agenda(moisPrecedent, plusJours(moisPrecedent, Number(today.slice(8)) - 1), `&site=${s.id}`), pour: 'the same, previous period' },
    ]),
  ];
  const cases: Case[] = [
    {
      label: '(a) conseiller, default disposition',
      goal: GOALS_MS.conseiller,
      client: conseiller,
      path: '/api/v1/portail',
      baseline: [
        { path: agenda(today, plusJours(today, 1)), pour: 'rendez-vous du jour: today and tomorrow' },
        { path: agenda(plusJours(today, -41), today), pour: 'à clôturer: the last 42 days (the agenda’s widest range), filtered in the PWA' },
        { path: '/api/v1/jeunes?referent=moi&size=50&page=1', pour: 'alertes: the portfolio, page 1 of 3 (the list lacks the alert facts)' },
        { path: '/api/v1/jeunes?referent=moi&size=50&page=2', pour: 'alertes: page 2' },
        { path: '/api/v1/jeunes?referent=moi&size=50&page=3', pour: 'alertes: page 3' },
        { path: '/api/v1/jeunes?referent=moi&completude=partiel&size=5', pour: 'dossiers à compléter (without what is missing)' },
        { path: `/api/v1/memos?echeanceAu=${today}&fait=false`, pour: 'mémos due today or overdue' },
        { path: `/api/v1/sessions?from=${today}&to=${plusJours(today, 27)}`, pour: 'offre de service: the next four weeks’ sessions' },
        { path: agenda(lundiDe(today), plusJours(lundiDe(today), 6)), pour: 'mon activité: this week’s rendez-vous (no route counts événements)' },
      ],
    },
    {
      label: '(b) direction, default disposition, periode=mois',
      goal: GOALS_MS.direction,
      client: direction,
      path: '/api/v1/portail?periode=mois',
      baseline: directionBaseline(meta.sites),
    },
    {
      label: `(c) direction, periode=mois, site « ${site.nom} »`,
      goal: GOALS_MS.direction,
      client: direction,
      path: `/api/v1/portail?periode=mois&site=${site.id}`,
      baseline: directionBaseline([site]),
    },
  ];

  // Each call must answer before anything is timed: a failing route would time its error page.
  for (const kase of cases) {
    for (const path of [kase.path, ...kase.baseline.map((b) => b.path)]) {
      const res = await kase.client.read(path);
      if (res.status !== 200) {
        out(`${kase.label}: GET ${path} answered ${res.status}: ${res.text.slice(0, 400)}`);
        out('NOT MEASURED.');
        throw new Error('a call fails');
      }
    }
    const answer = portailSchema.parse(JSON.parse((await kase.client.read(kase.path)).text));
    const widgets = Object.entries(answer.widgets).map(([id, etat]) => {
      if (etat === undefined || etat.statut !== 'ok') {
        return `${id}: ${etat?.statut ?? 'absent'}`;
      }
      const donnees = etat.donnees as Record<string, unknown>;
      const figure = ['total', 'valeur'].find((k) => typeof donnees[k] === 'number');
      const indicateur = donnees['indicateur'] as { valeur: number; precedente: number | null } | undefined;
      return `${id}: ${
        indicateur ? `${indicateur.valeur} (previous ${indicateur.precedente})` : figure ? `${String(donnees[figure])}` : 'ok'
      }`;
    });
    out(`${kase.label}: home ${answer.home}, ${answer.disposition.widgets.length} widgets — ${widgets.join('; ')}`);
  }

  out();
  out(`${RUNS} timed iterations per case after ${WARMUP} untimed, one call at a time; each iteration times the portail call,`);
  out('then the baseline calls one after the other (their sum). Wall time from Node fetch to the last byte, in ms.');
  const results: { kase: Case; product: number[]; baseline: number[]; startLoad: string; endLoad: string }[] = [];
  for (const kase of cases) {
    const product: number[] = [];
    const baseline: number[] = [];
    const startLoad = load();
    for (let i = 0; i < WARMUP + RUNS; i++) {
      let start = process.hrtime.bigint();
      await kase.client.get(kase.path);
      const p = since(start);
      start = process.hrtime.bigint();
      for (const call of kase.baseline) {
        await kase.client.get(call.path);
      }
      const b = since(start);
      if (i >= WARMUP) {
        product.push(p);
        baseline.push(b);
      }
    }
    results.push({ kase, product, baseline, startLoad, endLoad: load() });
  }
  // The floor of any signed-in request on this machine (session, user, no widget), measured the same way.
  const me: number[] = [];
  const meLoad = load();
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = process.hrtime.bigint();
    await conseiller.get('/api/v1/me');
    if (i >= WARMUP) {
      me.push(since(start));
    }
  }

  out();
  out(`${'case'.padEnd(58)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}   goal     load at start / end`);
  for (const r of results) {
    const p95 = percentile(r.product, 95);
    out(
      `${`${r.kase.label} — GET /portail`.padEnd(58)} ${stats(r.product)}   ${p95 <= r.kase.goal ? 'met' : 'MISSED'} (p95 ≤ ${r.kase.goal})  ${r.startLoad} → ${r.endLoad}`,
    );
    out(`${`   baseline: ${r.kase.baseline.length} separate calls, summed`.padEnd(58)} ${stats(r.baseline)}   ×${(percentile(r.baseline, 95) / p95).toFixed(1)} the portail's p95`);
  }
  out(`${'reference: GET /api/v1/me (the signed-in floor)'.padEnd(58)} ${stats(me)}   load ${meLoad} → ${load()}`);
  out();
  out('Baseline calls:');
  for (const kase of cases) {
    out(`${kase.label}:`);
    for (const call of kase.baseline) {
      out(`  GET ${call.path}  — ${call.pour}`);
    }
  }
  out(`Load average at end: ${load()}`);
  await widgetCosts(today);
} finally {
  await bff.stop();
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/portail.txt'), `${lines.join('\n')}\n`);
  console.log('written: bench/results/portail.txt');
}
