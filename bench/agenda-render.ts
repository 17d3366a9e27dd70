// Agenda benchmark (#5, « Fast: a week with 60 items renders without jank »): `npm run bench:agenda [-- --runs 5]`.
//
// The production build served by the BFF (as `npm start` does) on a fresh database of the local PostgreSQL with the
// demo seed. demo.conseiller's week (the one of today, in the Mission Locale's zone) first holds only what the seed
// put there: that is the baseline, measured in the same run. Then rendez-vous are created through the real API
// (POST /api/v1/rendez-vous) until the week holds 60 items (rendez-vous and collective sessions: the cards of the week
// grid; the mémos show in the day view only), and the same runs are measured again.
//
// A tablet profile (1180×820, touch) signs in once and waits for its service worker (the installed PWA). One run: a new
// page of that profile, under the CPU throttling of the configuration (×1, and ×4 for a mid-range tablet), opens
// /agenda (the day view) and taps: « Semaine » (the week renders), a rendez-vous card (its detail opens; Escape closes
// it), « Jour », « Semaine », « Semaine suivante », « Semaine précédente ». A PerformanceObserver collects the long
// tasks and the event timings (the latency of each tap up to the next paint, as INP counts it); each view counts as
// rendered at the first frame painted with its range title, all its cards and no progress bar. RUNS runs per
// configuration; p95 of 5 runs is the slowest run. Writes bench/results/agenda.txt.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Locator } from 'playwright-core';
import {
  type AgendaDto,
  instantOfLocalTime,
  type JeuneSearchResultDto,
  localDateIn,
  MODALITES_RENDEZ_VOUS,
  type ModaliteRendezVous,
  rendezVousCreationSchema,
  type SiteDto,
} from '@imilo/domain';
import { BffProcess, prepareDatabase, ROOT, runBffScript } from '../e2e/support/bff-process';
import { launchBrowser, newDeviceContext, signInAs } from '../e2e/support/browser';
import { argument } from './search-db';
import { percentile, report } from './report';

const RUNS = Number(argument('runs', '5'));
const ITEMS = 60;
const LOGIN = 'demo.conseiller';
const THROTTLES = [1, 4] as const;
/** Time left after each view is painted for its trailing work (announcer, ripples, deferred tasks) to land in its window. */
const SETTLE_MS = 800;
/** The criteria: a long task blocks input beyond 50 ms (TBT); jank a user notices, 100 ms; INP « good », ≤ 200 ms. */
const LONG_TASK_MS = 50;
const JANK_MS = 100;
const INP_GOOD_MS = 200;

const { lines, out } = report();
const load = () => loadavg().map((value) => value.toFixed(2)).join(' / ');

// ---- in the page --------------------------------------------------------------------------------------------------

// Installed before the app's scripts; a string, so that the bench's TypeScript transform never touches it.
// `arm(cards, columns, titleChange)` watches for the next view: the frame where the range title changed (when asked),
// the grid shows `columns` columns and `cards` cards, and no progress bar is left; `done` resolves with the time just
// after that frame. `armDialog()` does the same for the rendez-vous detail.
const PROBE = `(() => {
  const bench = { longtasks: [], events: [], taps: [], done: null };
  window.__agendaBench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId > 0) bench.events.push({ name: e.name, start: e.startTime, duration: e.duration, interactionId: e.interactionId });
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  addEventListener('pointerdown', (e) => bench.taps.push(e.timeStamp), { capture: true });
  const title = () => document.querySelector('.agenda-range')?.textContent ?? null;
  const watch = (ready) => {
    bench.done = new Promise((resolve) => {
      const frame = () => (ready() ? setTimeout(() => resolve(performance.now()), 0) : requestAnimationFrame(frame));
      requestAnimationFrame(frame);
    });
  };
  bench.arm = (cards, columns, titleChange) => {
    const before = title();
    watch(() =>
      (!titleChange || (title() !== null && title() !== before)) &&
      document.querySelectorAll('.agenda-grid-column').length === columns &&
      document.querySelectorAll('.agenda-grid-card').length === cards &&
      document.querySelector('mat-progress-bar') === null);
  };
  bench.armDialog = () => watch(() => document.querySelector('#rendez-vous-detail-title') !== null);
})()`;

interface Probe {
  readonly longtasks: readonly { readonly start: number; readonly duration: number }[];
  readonly events: readonly { readonly name: string; readonly start: number; readonly duration: number; readonly interactionId: number }[];
}

// ---- the API, as the signed-in tablet ----------------------------------------------------------------------------

/** The BFF's API with the tablet's session cookie, writes carrying the CSRF token as the PWA sends it. */
const apiOf = (context: BrowserContext, baseUrl: string) => {
  const request: APIRequestContext = context.request;
  return {
    async get<T>(path: string): Promise<{ body: T; bytes: number }> {
      const res = await request.get(`${baseUrl}${path}`);
      if (!res.ok()) {
        throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
      }
      const text = await res.text();
      return { body: JSON.parse(text) as T, bytes: Buffer.byteLength(text) };
    },
    async post(path: string, data: unknown): Promise<void> {
      const xsrf = (await context.cookies(baseUrl)).find(({ name }) => name === 'XSRF-TOKEN')?.value ?? '';
      const res = await request.post(`${baseUrl}${path}`, { data, headers: { 'x-xsrf-token': decodeURIComponent(xsrf) } });
      if (!res.ok()) {
        throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
      }
    },
  };
};
type Api = ReturnType<typeof apiOf>;

/** `YYYY-MM-DD` shifted by whole days. */
const shift = (jour: string, days: number): string => {
  const [year, month, day] = jour.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
};

/** The Monday of a day's week. */
const mondayOf = (jour: string): string => shift(jour, -((new Date(`${jour}T00:00:00Z`).getUTCDay() + 6) % 7));

const cardsIn = async (api: Api, from: string, to: string) => {
  const { body, bytes } = await api.get<AgendaDto>(`/api/v1/agenda?from=${from}&to=${to}`);
  return { count: body.rendezVous.length + body.sessions.length, bytes, timezone: body.timezone };
};

const OBJETS = ['Point mensuel', 'Relance des candidatures', 'Préparation d’un entretien d’embauche', 'Bilan du parcours', 'Projet logement', 'Suivi de la formation'];
const DUREES = [30, 45, 60];

/**
 * `count` rendez-vous from Monday to Friday, 8 h 30 onwards every 50 minutes, lasting 30, 45 or 60 minutes (so that
 * some overlap and share a column in lanes, as double bookings do), with the conseiller's jeunes, every modalité.
 */
const createRendezVous = async (api: Api, monday: string, timezone: string, count: number): Promise<void> => {
  const jeunes = (await api.get<JeuneSearchResultDto>('/api/v1/jeunes?referent=moi&size=50')).body.items;
  const [site] = (await api.get<SiteDto[]>('/api/v1/sites')).body;
  for (let index = 0; index < count; index++) {
    const [year, month, day] = shift(monday, index % 5).split('-').map(Number) as [number, number, number];
    const minutes = 8 * 60 + 30 + Math.floor(index / 5) * 50;
    const modalite: ModaliteRendezVous = MODALITES_RENDEZ_VOUS[index % MODALITES_RENDEZ_VOUS.length]!;
    const body = rendezVousCreationSchema.parse({
      jeuneId: jeunes[index % jeunes.length]!.id,
      modalite,
      debut: instantOfLocalTime({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, timezone).toISOString(),
      dureeMinutes: DUREES[index % DUREES.length],
      objet: OBJETS[index % OBJETS.length],
      siteId: modalite === 'PRESENTIEL_SITE' ? site!.id : null,
      adresse: modalite === 'AUTRE_LIEU' ? '12 avenue de la République' : null,
    });
    await api.post('/api/v1/rendez-vous', body);
  }
};

// ---- one run ------------------------------------------------------------------------------------------------------

/** What the views hold: cards of today, of the week and of the next week. */
interface Expected {
  readonly day: number;
  readonly week: number;
  readonly next: number;
}

interface Step {
  readonly name: string;
  /** Tap → painted (ms). */
  readonly render: number;
  /** The tap's latency up to the next paint (the longest event of its interaction); null: every event under 16 ms. */
  readonly latency: number | null;
  readonly tbt: number;
  readonly longest: number;
}

interface Run {
  /** Navigation start → the day view painted, the app's start included. */
  readonly navigation: number;
  readonly navigationTbt: number;
  readonly navigationLongest: number;
  /** Navigation start → the week's cards painted (the « Semaine » tap made as soon as the day view is painted). */
  readonly navigationToWeek: number;
  readonly steps: readonly Step[];
  /** From the first tap to the end: every interaction with the agenda. */
  readonly tbt: number;
  readonly longest: number;
  readonly domNodes: number;
}

const TAP_EVENTS = new Set(['pointerdown', 'pointerup', 'click']);

const blocking = (tasks: Probe['longtasks']) => ({
  tbt: tasks.reduce((sum, { duration }) => sum + Math.max(0, duration - LONG_TASK_MS), 0),
  longest: tasks.reduce((max, { duration }) => Math.max(max, duration), 0),
});

/**
 * A signed-in tablet whose service worker is active, like the installed PWA a conseiller opens every day. Signed in
 * once: the BFF lets 20 sign-ins per address in 15 minutes, fewer than the runs; each run opens a page of its own.
 */
const signedInTablet = async (browser: Browser, baseUrl: string): Promise<BrowserContext> => {
  const context = await newDeviceContext(browser, 'tablet');
  const page = await context.newPage();
  await signInAs(page, baseUrl, LOGIN);
  await page.waitForURL('**/conseiller');
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  await page.close();
  await context.addInitScript({ content: PROBE });
  return context;
};

const measureRun = async (context: BrowserContext, baseUrl: string, expected: Expected, throttle: number): Promise<Run> => {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const bench = (expression: string) => page.evaluate(`window.__agendaBench.${expression}`);
    const painted = async () => Number(await bench('done'));

    await page.goto(`${baseUrl}/agenda`, { waitUntil: 'domcontentloaded' });
    await bench(`arm(${expected.day}, 1, false)`);
    const navigation = await painted();

    const steps: { name: string; render: number; tap: number }[] = [];
    const tap = async (name: string, target: Locator, arm: string, after?: () => Promise<void>) => {
      await bench(arm);
      await target.tap();
      const end = await painted();
      const at = Number(await bench('taps.at(-1)'));
      steps.push({ name, render: end - at, tap: at });
      await page.waitForTimeout(SETTLE_MS);
      await after?.();
    };
    const radio = (name: string) => page.getByRole('radio', { name, exact: true });
    const week = `arm(${expected.week}, 7, true)`;
    await tap('jour → semaine', radio('Semaine'), week);
    const weekPainted = steps[0]!.tap + steps[0]!.render;
    const domNodes = Number(await page.evaluate('document.getElementsByTagName("*").length'));
    await tap(
      'carte → détail',
      page.locator('.agenda-grid-card').filter({ hasNot: page.locator('.agenda-card-session') }).first(),
      'armDialog()',
      async () => {
        await page.keyboard.press('Escape');
        await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
        await page.waitForTimeout(SETTLE_MS);
      },
    );
    await tap('semaine → jour', radio('Jour'), `arm(${expected.day}, 1, true)`);
    await tap('jour → semaine (2)', radio('Semaine'), week);
    await tap('semaine suivante', page.getByRole('button', { name: 'Semaine suivante' }), `arm(${expected.next}, 7, true)`);
    await tap('semaine précédente', page.getByRole('button', { name: 'Semaine précédente' }), week);

    const probe = (await page.evaluate('({ longtasks: window.__agendaBench.longtasks, events: window.__agendaBench.events })')) as Probe;
    const firstTap = steps[0]!.tap;
    const nav = blocking(probe.longtasks.filter(({ start }) => start < firstTap));
    const all = blocking(probe.longtasks.filter(({ start }) => start >= firstTap));
    return {
      navigation,
      navigationTbt: nav.tbt,
      navigationLongest: nav.longest,
      navigationToWeek: weekPainted,
      steps: steps.map(({ name, render, tap: at }, index) => {
        const until = steps[index + 1]?.tap ?? Infinity;
        // The interaction of this tap: the first pointer one whose events start at it (a few ms of rounding allowed);
        // the Escape that closes the detail is an interaction of its own.
        const own = probe.events.filter(({ name: event, start }) => TAP_EVENTS.has(event) && start >= at - 8 && start < until);
        const interaction = own[0]?.interactionId;
        const durations = own.filter(({ interactionId }) => interactionId === interaction).map(({ duration }) => duration);
        return {
          name,
          render,
          latency: durations.length === 0 ? null : Math.max(...durations),
          ...blocking(probe.longtasks.filter(({ start }) => start >= at && start < until)),
        };
      }),
      tbt: all.tbt,
      longest: all.longest,
      domNodes,
    };
  } finally {
    await page.close();
  }
};

// ---- figures ------------------------------------------------------------------------------------------------------

const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;
const p50p95 = (values: readonly number[]) => `p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}`;
/** A latency under the 16 ms the event timing reports from counts as 16 (an upper bound). */
const latencyOf = (step: Step) => step.latency ?? 16;

interface Summary {
  readonly label: string;
  readonly runs: readonly Run[];
}

const stepValues = (runs: readonly Run[], name: string, pick: (step: Step) => number) =>
  runs.map((run) => pick(run.steps.find((step) => step.name === name)!));

const printSummary = ({ label, runs }: Summary) => {
  out(`  ${label}`);
  out(`    navigation → day view painted      ${p50p95(runs.map((r) => r.navigation))}   (TBT p50 ${ms(percentile(runs.map((r) => r.navigationTbt), 50))}, longest p50 ${ms(percentile(runs.map((r) => r.navigationLongest), 50))}: the app's start)`);
  out(`    navigation → week's cards painted  ${p50p95(runs.map((r) => r.navigationToWeek))}`);
  out(`    week render (tap « Semaine »)      ${p50p95(stepValues(runs, 'jour → semaine', (s) => s.render))}`);
  out(`    week render (back from next week)  ${p50p95(stepValues(runs, 'semaine précédente', (s) => s.render))}`);
  out(`    week render: TBT                   ${p50p95(stepValues(runs, 'jour → semaine', (s) => s.tbt))}   longest task ${p50p95(stepValues(runs, 'jour → semaine', (s) => s.longest))}`);
  out(`    all 6 taps: TBT                    ${p50p95(runs.map((r) => r.tbt))}   longest task ${p50p95(runs.map((r) => r.longest))}`);
  out(`    worst tap latency (INP-like)       ${p50p95(runs.map((r) => Math.max(...r.steps.map(latencyOf))))}`);
  for (const name of runs[0]!.steps.map((step) => step.name)) {
    out(`      ${name.padEnd(20)} latency ${p50p95(stepValues(runs, name, latencyOf))}   render ${p50p95(stepValues(runs, name, (s) => s.render))}   longest task ${p50p95(stepValues(runs, name, (s) => s.longest))}`);
  }
};

const rawRun = (run: Run, index: number) =>
  `    run ${index + 1}: nav ${run.navigation.toFixed(0)} ms (TBT ${run.navigationTbt.toFixed(0)}, longest ${run.navigationLongest.toFixed(0)}), ` +
  `nav→week ${run.navigationToWeek.toFixed(0)} ms, taps TBT ${run.tbt.toFixed(0)} ms, longest ${run.longest.toFixed(0)} ms, DOM ${run.domNodes} nodes; ` +
  run.steps.map((s) => `${s.name}: ${s.render.toFixed(0)}/${s.latency?.toFixed(0) ?? '<16'}/${s.longest.toFixed(0)}`).join('; ');

// ---- the run ------------------------------------------------------------------------------------------------------

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const cpu = cpus();
out(`npm run bench:agenda   (${new Date().toISOString()})`);
out(`Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, Linux ${release()}, Node ${process.version}; load average (1 / 5 / 15 min) at start: ${load()}`);
const database = await prepareDatabase();
const env = { ...database.env, WEB_DIST: join(ROOT, 'dist/web/browser') };
const bff = await BffProcess.create(env);
let browser: Browser | null = null;
try {
  runBffScript('db:migrate', env);
  runBffScript('db:seed', env);
  await bff.start();
  const chromium = await launchBrowser();
  browser = chromium;
  out(`Chromium ${chromium.version()} headless, tablet 1180×820 touch; BFF ${bff.baseUrl}; ${database.label}; demo seed`);
  const tablet = await signedInTablet(chromium, bff.baseUrl);
  const api = apiOf(tablet, bff.baseUrl);
  const { timezone } = await cardsIn(api, new Date().toISOString().slice(0, 10), new Date().toISOString().slice(0, 10));
  const today = localDateIn(new Date(), timezone);
  const monday = mondayOf(today);
  const range = { week: [monday, shift(monday, 6)], next: [shift(monday, 7), shift(monday, 13)] } as const;
  const expectedNow = async (): Promise<Expected & { bytes: number }> => {
    const week = await cardsIn(api, ...range.week);
    return { day: (await cardsIn(api, today, today)).count, week: week.count, next: (await cardsIn(api, ...range.next)).count, bytes: week.bytes };
  };
  const measureAll = async (name: string, expected: Expected): Promise<Summary[]> => {
    const summaries: Summary[] = [];
    for (const throttle of THROTTLES) {
      const runs: Run[] = [];
      const before = load();
      for (let index = 0; index < RUNS; index++) {
        runs.push(await measureRun(tablet, bff.baseUrl, expected, throttle));
      }
      const label = `${name}, CPU ×${throttle} (load average ${before} → ${load()})`;
      lines.push(`  raw: ${label} — per tap: render/latency/longest task (ms)`, ...runs.map(rawRun));
      summaries.push({ label, runs });
    }
    return summaries;
  };

  // A first run, not counted: the BFF's and PostgreSQL's caches warm up.
  const seeded = await expectedNow();
  await measureRun(tablet, bff.baseUrl, seeded, 1);
  out(`Week of ${range.week[0]} to ${range.week[1]} (${timezone}), today ${today}: ${seeded.week} seeded items (${seeded.day} today, ${seeded.next} next week); agenda JSON ${(seeded.bytes / 1024).toFixed(1)} KiB`);
  const baseline = await measureAll(`baseline: ${seeded.week} items`, seeded);

  await createRendezVous(api, monday, timezone, ITEMS - seeded.week);
  const loadedExpected = await expectedNow();
  out(`Then ${ITEMS - seeded.week} rendez-vous created through POST /api/v1/rendez-vous: ${loadedExpected.week} items that week (${loadedExpected.day} today); agenda JSON ${(loadedExpected.bytes / 1024).toFixed(1)} KiB`);
  const loaded = await measureAll(`${loadedExpected.week} items`, loadedExpected);

  out();
  out(`Figures: p50 and p95 of ${RUNS} runs (p95 of ${RUNS} = the slowest run)`);
  for (const [index, throttle] of THROTTLES.entries()) {
    out();
    out(`CPU ×${throttle}`);
    printSummary(baseline[index]!);
    printSummary(loaded[index]!);
    const ratio = (pick: (runs: readonly Run[]) => number[]) =>
      (percentile(pick(loaded[index]!.runs), 50) / Math.max(1, percentile(pick(baseline[index]!.runs), 50))).toFixed(2);
    out(`  ratio ${loadedExpected.week} items ÷ baseline (p50): week render ×${ratio((runs) => stepValues(runs, 'jour → semaine', (s) => s.render))}, ` +
      `week render TBT ×${ratio((runs) => stepValues(runs, 'jour → semaine', (s) => s.tbt))}, all taps' TBT ×${ratio((runs) => runs.map((r) => r.tbt))}`);
    const runs = loaded[index]!.runs;
    const longest = percentile(runs.map((r) => r.longest), 95);
    const worst = percentile(runs.map((r) => Math.max(...r.steps.map(latencyOf))), 95);
    out(`  criteria at ×${throttle}, ${loadedExpected.week} items, p95: longest task during the taps ${longest.toFixed(0)} ms ` +
      `(> ${LONG_TASK_MS} ms: ${longest > LONG_TASK_MS ? 'yes' : 'no'}; ≤ ${JANK_MS} ms: ${longest <= JANK_MS ? 'yes' : 'NO'}), ` +
      `worst tap latency ${worst.toFixed(0)} ms (≤ ${INP_GOOD_MS} ms INP « good »: ${worst <= INP_GOOD_MS ? 'yes' : 'NO'})`);
  }
  out(`Load average at the end: ${load()}`);
} finally {
  await browser?.close();
  await bff.stop();
  await database.drop();
}
writeFileSync(join(ROOT, 'bench/results/agenda.txt'), `${lines.join('\n')}\n`);
