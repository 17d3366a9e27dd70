// Lighthouse (mobile preset) on the sign-in page and the conseiller home, against a bare static page measured in
// the same run as the baseline. Data: the demo seed (2 Missions Locales, ~600 jeunes). Prints the median of RUNS
// runs per page and writes the raw reports under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { BffProcess, prepareDatabase, ROOT, runBffScript } from '../e2e/support/bff-process';

const { findChromium } = createRequire(import.meta.url)('../scripts/find-chromium.cjs') as { findChromium(): string | null };
const RUNS = 3;
const DEBUG_PORT = 9333;

interface Figures {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  jsKb: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const signInCookie = async (baseUrl: string, login: string): Promise<string> => {
  const csrf = await fetch(`${baseUrl}/api/v1/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const token = decodeURIComponent(cookies.find((c) => c.startsWith('XSRF-TOKEN='))!.split('=')[1]!);
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-xsrf-token': token, cookie: cookies.join('; ') },
    body: JSON.stringify({ login, password: 'Demo-imilo-2026!' }),
  });
  if (!res.ok) {
    throw new Error(`sign-in failed: ${res.status}`);
  }
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
};

const measure = async (name: string, url: string, cookie?: string): Promise<Figures> => {
  const runs: Figures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await lighthouse(url, {
      port: DEBUG_PORT,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    if (!result) {
      throw new Error(`no Lighthouse result for ${url}`);
    }
    const { lhr, report } = result;
    if (i === 0) {
      writeFileSync(join(ROOT, 'bench/results', `lighthouse-${name}.json`), Array.isArray(report) ? report[0]! : report);
    }
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    const scripts = (lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
    runs.push({
      score: Math.round((lhr.categories['performance']?.score ?? 0) * 100),
      fcp: audit('first-contentful-paint'),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      jsKb: scripts.filter((r) => r.resourceType === 'Script').reduce((t, r) => t + (r.transferSize ?? 0), 0) / 1024,
    });
  }
  const pick = (key: keyof Figures) => median(runs.map((r) => r[key]));
  return { score: pick('score'), fcp: pick('fcp'), lcp: pick('lcp'), tbt: pick('tbt'), cls: pick('cls'), jsKb: pick('jsKb') };
};

const baselineServer = () =>
  new Promise<{ url: string; close(): void }>((done) => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html lang="fr"><head><meta name="viewport" content="width=device-width"><title>Base</title></head><body><h1>Page de référence</h1></body></html>');
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done({ url: `http://localhost:${typeof address === 'object' && address ? address.port : 0}/`, close: () => server.close() });
    });
  });

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const database = await prepareDatabase();
const env = { ...database.env, WEB_DIST: join(ROOT, 'dist/web/browser') };
runBffScript('db:migrate', env);
runBffScript('db:seed', env);
const bff = await BffProcess.create(env);
await bff.start();
const baseline = await baselineServer();
const browser = await chromium.launch({
  executablePath: findChromium() ?? undefined,
  headless: true,
  args: ['--no-sandbox', `--remote-debugging-port=${DEBUG_PORT}`],
});
try {
  const base = await measure('baseline', baseline.url);
  const signIn = await measure('sign-in', `${bff.baseUrl}/connexion`);
  const home = await measure('conseiller-home', `${bff.baseUrl}/conseiller`, await signInCookie(bff.baseUrl, 'demo.conseiller'));
  const row = (name: string, f: Figures) =>
    `${name.padEnd(16)} score ${String(f.score).padStart(3)}  FCP ${f.fcp.toFixed(0).padStart(5)} ms  LCP ${f.lcp.toFixed(0).padStart(5)} ms  ` +
    `TBT ${f.tbt.toFixed(0).padStart(4)} ms  CLS ${f.cls.toFixed(3)}  JS ${f.jsKb.toFixed(1)} KB  LCP ratio ×${(f.lcp / base.lcp).toFixed(2)}`;
  console.log(`Lighthouse 12 mobile preset, median of ${RUNS} runs; data: demo seed; database: ${database.label}`);
  console.log(row('baseline page', base));
  console.log(row('sign-in', signIn));
  console.log(row('conseiller home', home));
} finally {
  await browser.close();
  baseline.close();
  await bff.stop();
  await database.drop();
}
