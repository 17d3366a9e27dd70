// Reminders benchmark (#5): `npm run bench:reminders [-- --messages 10000] [--processes 2]`.
//
// A fresh database imilo_bench_reminders on the local PostgreSQL, migrated with the app's umzug. Seeded: one Mission
// Locale in La Réunion, 1 000 jeunes with a C-Milo account, 10 rendez-vous each starting tomorrow, and their J-1
// reminders due now: 10 000 messages. 80 % of the jeunes have a device subscribed at a loopback push service (an HTTP
// server answering 201 and counting requests per endpoint); the other 20 % get the SMS (loopback SMS provider); one in
// ten also gets the e-mail with its .ics (loopback SMTP). The product's code does the rest: the sweep queues the due
// messages on pg-boss (MessageQueue.enqueueDue), and `--processes` BFF processes (bench/reminders-worker.ts) each run
// the product's message workers (startMessageWorkers with its default settings), each sending through dispatchMessage (real web-push encryption and
// VAPID signature, real SMS and SMTP adapters). Measured: total time from the sweep until no message is left planned,
// messages/s, duplicates (requests beyond one per message at the loopbacks, and attempts beyond one per message and
// channel in message_envoi) and late sends (after the rendez-vous' start), with the longest wait from due. Baseline,
// same run: the raw cost of encrypting 10 000 payloads of the same size with web-push (generateRequestDetails).
// Goal: 10 000 in ≤ 60 s, 0 duplicates, 0 sent late. Where the time goes, on a machine shared with other work: the CPU
// seconds the BFF processes, the PostgreSQL backends of the bench's database and this process (the loopback services)
// spent during the run, beside the wall-clock time × cores. Writes bench/results/reminders.txt.
import { fork } from 'node:child_process';
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { QueryTypes, Sequelize } from 'sequelize';
import webpush from 'web-push';
import { migrator } from '@imilo/bff/src/db/umzug';
import { loadConfig } from '@imilo/bff/src/platform/config';
import { SignedTokens } from '@imilo/bff/src/platform/signed-token';
import { startLoopbackSms } from '@imilo/bff/test/support/loopback-sms';
import { startLoopbackSmtp } from '@imilo/bff/test/support/loopback-smtp';
import { pushPayload } from '@imilo/domain';
import { ROOT } from '../e2e/support/bff-process';
import { adminClient, argument, serverUrl } from './search-db';
import { report } from './report';

const MESSAGES = Number(argument('messages', '10000'));
const PROCESSES = Number(argument('processes', '2'));
const PER_JEUNE = 10;
const JEUNES = Math.ceil(MESSAGES / PER_JEUNE);
const GOAL_MS = 60_000;
const DATABASE = 'imilo_bench_reminders';

const { lines, out } = report();
const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).replace(/,/g, ' ');

// ---- the run's context ------------------------------------------------------------------------------------------

const admin = await adminClient();
const { rows: server } = await admin.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${DATABASE}`);
await admin.end();
const url = (() => {
  const parsed = new URL(serverUrl());
  parsed.pathname = `/${DATABASE}`;
  return parsed.toString();
})();
const cpu = cpus();
out(`npm run bench:reminders   (${new Date().toISOString()})`);
out(`Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Linux ${release()}, Node ${process.version}; PostgreSQL ${server[0]!.version}`);
out(`Load average (1 / 5 / 15 min) at start: ${loadavg().map((value) => value.toFixed(2)).join(' / ')} — other sessions share this machine`);
out(`Run: ${fmt(MESSAGES)} due J-1 reminders of ${fmt(JEUNES)} jeunes; ${PROCESSES} BFF processes with the workers' default settings`);

// ---- loopback services ------------------------------------------------------------------------------------------

const pushRequests = new Map<string, number>();
const pushServer = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    pushRequests.set(req.url ?? '', (pushRequests.get(req.url ?? '') ?? 0) + 1);
    res.writeHead(201).end();
  });
});
await new Promise<void>((resolve) => pushServer.listen(0, '127.0.0.1', resolve));
const pushOrigin = `http://127.0.0.1:${(pushServer.address() as AddressInfo).port}`;
const sms = await startLoopbackSms();
const smtp = await startLoopbackSmtp();
const dataDir = mkdtempSync(join(tmpdir(), 'imilo-bench-reminders-'));

// ---- the database ---------------------------------------------------------------------------------------------

// Named, so that the CPU of its backends (migrations, seed, checks) is not counted as the BFF processes' (see below).
const HARNESS = 'imilo-bench-harness';
const sequelize = new Sequelize(url, { dialect: 'postgres', logging: false, pool: { max: 4, min: 0, idle: 10_000 }, dialectOptions: { application_name: HARNESS } });
await migrator(sequelize).up();

/** A browser's keys: the encryption needs a real P-256 point and a 16-byte secret. */
const browserKeys = () => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
};

const seedStart = process.hrtime.bigint();
const now = new Date();
const mlId = randomUUID();
const regionId = randomUUID();
const conseillerId = randomUUID();
await sequelize.query(`INSERT INTO region (id, code, nom) VALUES ($region, 'RB', 'Région bench')`, { bind: { region: regionId } });
await sequelize.query(
  `INSERT INTO mission_locale (id, code_imilo, nom, region_id, code_departement, timezone, sms_budget_mensuel)
   VALUES ($ml, 'BENCH', 'Mission Locale Bench', $region, '974', 'Indian/Reunion', 1000000)`,
  { bind: { region: regionId, ml: mlId } },
);
await sequelize.query(`INSERT INTO utilisateur (id, login, prenom, nom, roles) VALUES ($conseiller, 'bench.conseiller', 'Camille', 'Martin', '{conseiller}')`, {
  bind: { conseiller: conseillerId },
});
const jeunes = Array.from({ length: JEUNES }, (_, n) => ({
  id: randomUUID(),
  compte: randomUUID(),
  push: n % 5 !== 0,
  email: n % 10 === 1 ? `jeune${n}@example.org` : null,
  telephone: `0692${String(n).padStart(6, '0')}`,
}));
const chunk = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
for (const part of chunk(jeunes, 500)) {
  await sequelize.query(
    `INSERT INTO utilisateur (id, login, prenom, nom, roles) SELECT c, 'bench.' || c, 'Inès', 'Payet', '{jeune}' FROM unnest($comptes::uuid[]) AS c`,
    { bind: { comptes: part.map((j) => j.compte) } },
  );
  await sequelize.query(
    `INSERT INTO jeune (id, matricule, mission_locale_id, utilisateur_id, nom_naissance, prenoms, sexe, date_naissance, telephone, email,
                        consentement_push, consentement_sms, consentement_email)
     SELECT id, 'B' || id, $ml, compte, 'PAYET', 'Inès', 'F', '2006-01-01', tel, mail, true, true, mail IS NOT NULL
     FROM unnest($ids::uuid[], $comptes::uuid[], $tels::text[], $mails::text[]) AS x(id, compte, tel, mail)`,
    { bind: { ml: mlId, ids: part.map((j) => j.id), comptes: part.map((j) => j.compte), tels: part.map((j) => j.telephone), mails: part.map((j) => j.email) } },
  );
  const subscribed = part.filter((j) => j.push).map((j) => ({ ...j, keys: browserKeys() }));
  await sequelize.query(
    `INSERT INTO push_subscription (id, utilisateur_id, endpoint, p256dh, auth)
     SELECT gen_random_uuid(), compte, $origin || '/push/' || compte, p, a FROM unnest($comptes::uuid[], $p::text[], $a::text[]) AS x(compte, p, a)`,
    { bind: { origin: pushOrigin, comptes: subscribed.map((j) => j.compte), p: subscribed.map((j) => j.keys.p256dh), a: subscribed.map((j) => j.keys.auth) } },
  );
}
// Each jeune: 10 rendez-vous tomorrow and the day after, an hour apart; their J-1 reminders due a minute ago.
const rendezVous = jeunes.flatMap((jeune) =>
  Array.from({ length: PER_JEUNE }, (_, k) => ({ id: randomUUID(), jeune: jeune.id, debut: new Date(now.getTime() + 86_400_000 + k * 3_600_000).toISOString() })),
).slice(0, MESSAGES);
for (const part of chunk(rendezVous, 2000)) {
  const rows = { ml: mlId, ids: part.map((r) => r.id), jeunes: part.map((r) => r.jeune), debuts: part.map((r) => r.debut) };
  await sequelize.query(
    `INSERT INTO rendez_vous (id, mission_locale_id, jeune_id, conseiller_id, type, modalite, debut, duree_minutes, objet)
     SELECT id, $ml, jeune, $conseiller, 'ENTRETIEN_INDIVIDUEL_CONSEILLER', 'TELEPHONE', debut, 45, 'Point d’étape'
     FROM unnest($ids::uuid[], $jeunes::uuid[], $debuts::timestamptz[]) AS x(id, jeune, debut)`,
    { bind: { ...rows, conseiller: conseillerId } },
  );
  // The key planReminders gives a J-1 (the start as toISOString() writes it).
  await sequelize.query(
    `INSERT INTO message_jeune (id, cle, mission_locale_id, jeune_id, rendez_vous_id, nature, rappel, envoi_prevu_le)
     SELECT gen_random_uuid(), id || ':J-1:' || to_char(debut AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), $ml, jeune, id, 'RAPPEL', 'J-1', $due
     FROM unnest($ids::uuid[], $jeunes::uuid[], $debuts::timestamptz[]) AS x(id, jeune, debut)`,
    { bind: { ...rows, due: new Date(now.getTime() - 60_000).toISOString() } },
  );
}
out(`Seeded in ${fmt(since(seedStart) / 1000, 1)} s: ${fmt(rendezVous.length)} rendez-vous, ${fmt(jeunes.filter((j) => j.push).length)} devices subscribed`);

// ---- the run ----------------------------------------------------------------------------------------------------

const env = {
  ...process.env,
  NODE_ENV: 'development',
  DATABASE_URL: url,
  DATA_DIR: dataDir,
  JOBS: 'off',
  LOG_LEVEL: 'silent',
  SMS_PROVIDER_URL: sms.url,
  SMS_PROVIDER_TOKEN: 'bench',
  SMTP_URL: smtp.url,
};
const tokens = new SignedTokens(loadConfig(env).sessionSecret);
// Each BFF process is a process of its own (Node runs one thread of JavaScript per process), as in production; the
// loopback services stay here. The clock starts before they do: their start-up is part of the measure.
const start = process.hrtime.bigint();
const children = Array.from({ length: PROCESSES }, () =>
  fork(join(ROOT, 'bench/reminders-worker.ts'), [], { env, execArgv: ['--import', 'tsx', ...(process.env['BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
);
const startupMs = Math.max(
  ...(await Promise.all(children.map((child) => new Promise<number>((resolve) => child.once('message', () => resolve(since(start))))))),
);
const loopbackCpuAtStart = process.cpuUsage();
const planned = async () =>
  (await sequelize.query<{ n: number }>(`SELECT count(*)::int AS n FROM message_jeune WHERE statut = 'PLANIFIE'`, { type: QueryTypes.SELECT }))[0]!.n;
let left = await planned();
while (left > 0 && since(start) < 10 * GOAL_MS) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  left = await planned();
}
const totalMs = since(start);
const loopbackCpu = process.cpuUsage(loopbackCpuAtStart);

/** CPU seconds (user + system) of the PostgreSQL backends serving the bench's database, read in /proc (local server). */
const postgresCpuSeconds = async (): Promise<number | null> => {
  const backends = await sequelize.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name <> $harness', {
    type: QueryTypes.SELECT,
    bind: { harness: HARNESS },
  });
  try {
    // Fields 14 and 15 of /proc/<pid>/stat (after the command's parenthesis): utime and stime, in ticks of 1/100 s.
    const ticks = backends.map(({ pid }) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((sum, field) => sum + Number(field), 0));
    return ticks.reduce((sum, value) => sum + value, 0) / 100;
  } catch {
    return null;
  }
};
// The BFF processes' pools and pg-boss keep their connections through the run (idle timeout 10 s): their backends are
// the run's. Read before the processes stop and close them.
const postgresCpu = await postgresCpuSeconds();
const bffCpu = await Promise.all(
  children.map(
    (child) =>
      new Promise<number>((resolve) => {
        child.once('message', (message: { cpuSeconds: number }) => resolve(message.cpuSeconds));
        child.send('stop');
      }),
  ),
);
await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve())));

// ---- checks -----------------------------------------------------------------------------------------------------

const [fates] = await sequelize.query<{ envoye: number; echec: number; annule: number; planifie: number }>(
  `SELECT count(*) FILTER (WHERE statut = 'ENVOYE')::int AS envoye, count(*) FILTER (WHERE statut = 'ECHEC')::int AS echec,
          count(*) FILTER (WHERE statut = 'ANNULE')::int AS annule, count(*) FILTER (WHERE statut = 'PLANIFIE')::int AS planifie
   FROM message_jeune`,
  { type: QueryTypes.SELECT },
);
const [attempts] = await sequelize.query<{ push: number; sms: number; email: number; duplicated: number; late: number; lag_max_s: number }>(
  `SELECT count(*) FILTER (WHERE canal = 'push')::int AS push, count(*) FILTER (WHERE canal = 'sms')::int AS sms,
          count(*) FILTER (WHERE canal = 'email')::int AS email,
          (SELECT count(*)::int FROM (SELECT 1 FROM message_envoi GROUP BY message_id, canal HAVING count(*) > 1) d) AS duplicated,
          (SELECT count(*)::int FROM message_jeune m JOIN rendez_vous r ON r.id = m.rendez_vous_id
            WHERE m.statut = 'ENVOYE' AND m.traite_le >= r.debut) AS late,
          (SELECT COALESCE(max(extract(epoch FROM m.traite_le - m.envoi_prevu_le)), 0)::float FROM message_jeune m) AS lag_max_s
   FROM message_envoi`,
  { type: QueryTypes.SELECT },
);
const pushTotal = [...pushRequests.values()].reduce((sum, count) => sum + count, 0);
// Each device gets the J-1 of its 10 rendez-vous: 10 requests per endpoint is expected, more is a duplicate.
const pushBeyond = [...pushRequests.values()].reduce((sum, count) => sum + Math.max(0, count - PER_JEUNE), 0);
const smsByNumber = new Map<string, number>();
for (const request of sms.requests) {
  smsByNumber.set(String(request.body.to), (smsByNumber.get(String(request.body.to)) ?? 0) + 1);
}
const smsBeyond = [...smsByNumber.values()].reduce((sum, count) => sum + Math.max(0, count - PER_JEUNE), 0);

// ---- baseline: web-push encryption alone -----------------------------------------------------------------------

const vapid = { subject: 'mailto:bench@imilo.localhost', ...webpush.generateVAPIDKeys() };
const sample = browserKeys();
const payload = JSON.stringify(
  pushPayload({
    prenom: 'Inès',
    debut: rendezVous[0]!.debut,
    timeZone: 'Indian/Reunion',
    kind: 'J-1',
    url: `/c-milo/rendez-vous/${rendezVous[0]!.id}`,
    confirmUrl: `/api/v1/me/rendez-vous/${rendezVous[0]!.id}/confirmation?jeton=${tokens.sign('confirmation', jeunes[0]!.id, rendezVous[0]!.id, new Date(rendezVous[0]!.debut))}`,
    ackUrl: `/api/v1/push/acquittements/${randomUUID()}`,
  }),
);
const encryptStart = process.hrtime.bigint();
for (let n = 0; n < MESSAGES; n++) {
  webpush.generateRequestDetails({ endpoint: `${pushOrigin}/push/x`, keys: sample }, payload, { vapidDetails: vapid, TTL: 3600, contentEncoding: 'aes128gcm' });
}
const encryptMs = since(encryptStart);

// ---- report -----------------------------------------------------------------------------------------------------

out();
out(`Total: ${fmt(totalMs / 1000, 2)} s for ${fmt(MESSAGES)} messages — ${fmt((MESSAGES / totalMs) * 1000, 0)} messages/s (goal: ≤ ${GOAL_MS / 1000} s), the processes' start (${fmt(startupMs / 1000, 1)} s) included`);
out(`Messages: ${fmt(fates!.envoye)} sent, ${fmt(fates!.echec)} failed, ${fmt(fates!.annule)} cancelled, ${fmt(fates!.planifie)} left planned`);
out(`Attempts: ${fmt(attempts!.push)} push (${fmt(pushTotal)} requests at the loopback push service), ${fmt(attempts!.sms)} SMS (${fmt(sms.requests.length)} at the provider), ${fmt(attempts!.email)} e-mails (${fmt(smtp.received.length)} received)`);
out(`Duplicates: ${attempts!.duplicated} in message_envoi (same message and channel twice), ${pushBeyond} extra push requests, ${smsBeyond} extra SMS`);
out(
  `CPU during the run (wall-clock × ${cpu.length} cores = ${fmt((totalMs - startupMs) / 1000 * cpu.length, 1)} s): BFF processes ${bffCpu.map((seconds) => fmt(seconds, 1)).join(' + ')} s, ` +
    `PostgreSQL ${postgresCpu === null ? 'n/a (not a local server)' : `${fmt(postgresCpu, 1)} s`} (backends of the bench's database), loopback services ${fmt((loopbackCpu.user + loopbackCpu.system) / 1e6, 1)} s; ` +
    `load average at the end ${loadavg()[0]!.toFixed(2)}`,
);
out(`Late: ${attempts!.late} sent after the rendez-vous' start; longest wait from due (a minute before the run) to sent: ${fmt(attempts!.lag_max_s, 1)} s`);
out(`Baseline, same run: web-push generateRequestDetails × ${fmt(MESSAGES)} (${Buffer.byteLength(payload)} B payload): ${fmt(encryptMs / 1000, 2)} s — ${fmt((MESSAGES / encryptMs) * 1000, 0)} /s; the whole sending costs ×${(totalMs / encryptMs).toFixed(1)} the encryption alone`);

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/reminders.txt'), `${lines.join('\n')}\n`);

await new Promise<void>((resolve) => pushServer.close(() => resolve()));
await sms.close();
await smtp.close();
await sequelize.close();
rmSync(dataDir, { recursive: true, force: true });
const ok = totalMs <= GOAL_MS && attempts!.duplicated === 0 && pushBeyond === 0 && smsBeyond === 0 && attempts!.late === 0 && fates!.planifie === 0;
process.exit(ok ? 0 : 1);
