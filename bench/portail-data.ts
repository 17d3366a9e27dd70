// The Portail benchmark's data (bench/portail.ts): the search seed's 1 000 000 jeunes over 400 Missions Locales
// (imilo_bench_1000000, copied as a template, so that the search bench keeps its own database), 2 000 000 événements
// written by the Suivi seed's own statement (bench/sync-data.ts seedEvenements) over those jeunes, and what the
// Portail's widgets read: portfolios of about 140 active jeunes per conseiller, several sites in the big Missions
// Locales, C-Milo accounts and push devices, titres de séjour, RQTH, situations ending, premiers accueils over two
// years, 200 000 rendez-vous, collective sessions with registrations, internal offers proposed this month and mémos.
// Seeded once and kept (the database's comment records it): a second run only applies pending migrations, and
// re-writes the rows that depend on the day (rendez-vous, sessions, mémos, propositions) when the day changed.
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { openDatabase } from '@imilo/bff/src/db/database';
import { migrator } from '@imilo/bff/src/db/umzug';
import { hashSecret } from '@imilo/bff/src/features/auth/password-hasher';
import { ETATS_PROPOSITION } from '@imilo/domain';
import { ROOT } from '../e2e/support/bff-process';
import { adminClient, databaseName, migrationHashes, readMeta, SEED_VERSION } from './search-db';
import { h, migrate, seedEvenements, SUIVI, SYNC_PASSWORD, urlOf } from './sync-data';

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export const PORTAIL = {
  database: 'imilo_bench_portail',
  /** Bumped when the data changes shape: an older database is then re-seeded. 2: uuid-shaped ids, recent contacts; 3: the sièges' too. */
  seedVersion: 3,
  /** The search seed's database this one starts from. */
  template: databaseName(1_000_000),
  jeunes: 1_000_000,
  evenements: SUIVI.evenements,
  rendezVous: 200_000,
  /** Active jeunes per conseiller. */
  portefeuille: 140,
  /** A Mission Locale has one site per this many jeunes (at least one). */
  jeunesParSite: 6_000,
  /** A conseiller's rendez-vous: 8 today, 8 tomorrow, 3 later this week, the rest in the 60 days before. */
  creneaux: ['09:00', '09:45', '10:30', '11:15', '14:00', '14:45', '15:30', '16:15'],
  memosParConseiller: 10,
  sessionsParMissionLocale: 36,
  password: SYNC_PASSWORD,
} as const;

/** The migrations whose tables the seed leaves empty: one edited since it ran is replayed (down, up), not re-seeded. */
const REPLAYABLE = ['2026.11.29T19.00.00.portail.ts'];

/** What the bench signs in as, and what the seed recorded. */
export interface PortailMeta {
  readonly seedVersion: number;
  /** The Mission Locale's local day the day-relative rows were written for. */
  readonly jour: string;
  readonly missionLocale: { readonly id: string; readonly nom: string; readonly jeunes: number; readonly actifs: number; readonly conseillers: number };
  readonly sites: readonly { readonly id: string; readonly nom: string }[];
  readonly conseiller: { readonly id: string; readonly login: string; readonly portefeuille: number };
  readonly direction: { readonly id: string; readonly login: string };
  readonly counts: Record<string, number>;
  readonly seededAt: string;
  readonly seedSeconds: number;
  readonly migrations: Record<string, string>;
}

const connect = async (): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: urlOf(PORTAIL.database) });
  await client.connect();
  return client;
};

const readPortailMeta = async (admin: pg.Client): Promise<PortailMeta | null | 'absent'> => {
  const { rows } = await admin.query<{ comment: string | null }>(
    "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
    [PORTAIL.database],
  );
  if (rows.length === 0) {
    return 'absent';
  }
  try {
    return rows[0]!.comment ? (JSON.parse(rows[0]!.comment) as PortailMeta) : null;
  } catch {
    return null;
  }
};

const writePortailMeta = async (admin: pg.Client, meta: PortailMeta): Promise<void> => {
  await admin.query(`COMMENT ON DATABASE ${PORTAIL.database} IS '${JSON.stringify(meta).replace(/'/g, "''")}'`);
};

/**
 * A stable id from a name, shaped as a version-4 uuid (md5 with the version and variant digits set): the BFF's
 * validation takes only RFC 9562 uuids in a URL (`?site=`), which a bare `md5(…)::uuid` is not.
 */
const uuidOf = (name: string) => `(overlay(overlay(md5(${name}) placing '4' from 13) placing '8' from 17)::uuid)`;

/** A uniform draw in [0, 1) from a row's key (stream k), as the search seed draws its situations. */
const u = (key: string, k: number) => `((hashtext((${key})::text || ':portail:${k}')::bigint + 2147483648)::float8 / 4294967296)`;
const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
const count = async (client: pg.Client, sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);

/** Secondary indexes of these tables (not those behind a constraint), to drop during a load and rebuild after. */
const secondaryIndexes = async (client: pg.Client, tables: readonly string[]) =>
  (
    await client.query<{ name: string; def: string }>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [tables],
    )
  ).rows;

/**
 * Missions Locales (numbered by code), their sites (one per 6 000 jeunes), conseillers (one per 140 active jeunes,
 * spread over the sites), a direction account each, and the six internal offers of each. The search seed's référents
 * stay, with the archived dossiers (staff who left).
 */
const seedStructures = async (client: pg.Client) => {
  // The search seed's sièges get uuid-shaped ids, so that the direction may filter on them (`?site=`).
  await client.query(`
    UPDATE site s SET id = ${uuidOf(`'imilo-bench:portail:site:' || m.code_imilo || ':0'`)} FROM mission_locale m WHERE m.id = s.mission_locale_id;
    UPDATE utilisateur_mission_locale uml SET site_id = s.id FROM site s WHERE s.mission_locale_id = uml.mission_locale_id AND uml.site_id IS NOT NULL;
  `);
  await client.query(`
    DROP SCHEMA IF EXISTS bench_portail CASCADE;
    CREATE SCHEMA bench_portail;
    CREATE TABLE bench_portail.ml AS
      SELECT (row_number() OVER (ORDER BY m.code_imilo) - 1)::int AS idx, m.id, m.code_imilo, m.timezone, s.id AS siege,
             s.commune_insee, t.jeunes, t.actifs,
             greatest(2, round(t.actifs / ${PORTAIL.portefeuille}.0))::int AS nconseillers,
             (1 + t.jeunes / ${PORTAIL.jeunesParSite})::int AS nsites
        FROM mission_locale m JOIN site s ON s.mission_locale_id = m.id
        JOIN (SELECT mission_locale_id, count(*)::int AS jeunes, (count(*) FILTER (WHERE statut_dossier = 'actif'))::int AS actifs
                FROM jeune GROUP BY mission_locale_id) t ON t.mission_locale_id = m.id;
    CREATE TABLE bench_portail.site AS
      SELECT m.idx AS ml_idx, 0 AS s, m.siege AS id FROM bench_portail.ml m
      UNION ALL
      SELECT m.idx, s, ${uuidOf(`'imilo-bench:portail:site:' || m.code_imilo || ':' || s`)} FROM bench_portail.ml m, generate_series(1, m.nsites - 1) s;
    CREATE TABLE bench_portail.conseiller AS
      SELECT (row_number() OVER (ORDER BY m.idx, k) - 1)::int AS num, m.idx AS ml_idx, m.id AS ml, m.timezone AS tz, k,
             ${uuidOf(`'imilo-bench:portail:conseiller:' || m.code_imilo || ':' || k`)} AS id,
             'conseiller.' || lower(m.code_imilo) || '.' || k AS login, st.id AS site
        FROM bench_portail.ml m, generate_series(0, m.nconseillers - 1) k, bench_portail.site st
       WHERE st.ml_idx = m.idx AND st.s = k % m.nsites;
    ALTER TABLE bench_portail.ml ADD PRIMARY KEY (idx);
    ALTER TABLE bench_portail.conseiller ADD PRIMARY KEY (num);
    CREATE UNIQUE INDEX ON bench_portail.conseiller (ml_idx, k);
  `);
  await client.query(`
    INSERT INTO site (id, mission_locale_id, nom, type, commune_insee)
    SELECT st.id, m.id, 'Antenne ' || st.s, 'antenne', m.commune_insee FROM bench_portail.site st JOIN bench_portail.ml m ON m.idx = st.ml_idx WHERE st.s > 0`);
  await client.query(`
    INSERT INTO utilisateur (id, login, prenom, nom, email, roles, active)
    SELECT id, login, 'Conseiller', 'Portail ' || k, login || '@example.org', '{conseiller}'::text[], true FROM bench_portail.conseiller
    UNION ALL
    SELECT ${uuidOf(`'imilo-bench:portail:direction:' || code_imilo`)}, 'direction.' || lower(code_imilo), 'Direction', code_imilo,
           'direction.' || lower(code_imilo) || '@example.org', '{direction}'::text[], true FROM bench_portail.ml`);
  await client.query(`
    INSERT INTO utilisateur_mission_locale (utilisateur_id, mission_locale_id, principale, site_id)
    SELECT id, ml, true, site FROM bench_portail.conseiller
    UNION ALL
    SELECT ${uuidOf(`'imilo-bench:portail:direction:' || code_imilo`)}, id, true, siege FROM bench_portail.ml`);
  const offres = [
    ['ATELIER_CV', 'Atelier CV et lettre de motivation', 'EMPLOI', 'ATELIER'],
    ['ATELIER_ENTRETIEN', 'Préparer un entretien d’embauche', 'EMPLOI', 'ATELIER'],
    ['IC_CEJ', 'Information collective Contrat d’engagement jeune', 'PROJET_PROFESSIONNEL', 'INFORMATION_COLLECTIVE'],
    ['PRESTA_MOBILITE', 'Prestation mobilité', 'MOBILITE', 'PRESTATION'],
    ['ATELIER_NUMERIQUE', 'Atelier numérique', 'FORMATION', 'ATELIER'],
    ['IC_APPRENTISSAGE', 'Information collective apprentissage', 'FORMATION', 'INFORMATION_COLLECTIVE'],
  ] as const;
  await client.query(
    `INSERT INTO offre_interne (id, mission_locale_id, code, libelle, theme, type)
     SELECT ${uuidOf(`'imilo-bench:portail:offre:' || m.code_imilo || ':' || o.k`)}, m.id, o.code, o.libelle, o.theme, o.type
       FROM bench_portail.ml m, unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS o(code, libelle, theme, type, k)`,
    [offres.map((o) => o[0]), offres.map((o) => o[1]), offres.map((o) => o[2]), offres.map((o) => o[3])],
  );
};

/**
 * The dossiers as the widgets read them: active ones shared among the conseillers of their Mission Locale; 20 % of
 * active jeunes with a C-Milo account (80 % of those with a push device); a last contact within four months for the
 * active ones (13 % more than 90 days ago: the search seed's, drawn over 18 months, would flag most of a portfolio
 * "sans contact"); premier accueil within two years (archived
 * ones two to four years ago); 6 % HORS_UE with a titre de séjour expiring from a month ago to a year ahead; 3 %
 * RQTH; a third of current situations with an end date, from ten days ago to half a year ahead. The jeune table's
 * secondary indexes are dropped for the update and rebuilt after a VACUUM FULL (the update would leave half of the
 * heap dead).
 */
const seedDossiers = async (client: pg.Client, log: (line: string) => void) => {
  let at = Date.now();
  const actif = "j.statut_dossier = 'actif'";
  const cmilo = `(${actif} AND ${u('j.id', 1)} < 0.2)`;
  await client.query(`
    INSERT INTO utilisateur (id, login, prenom, nom, roles, active, activated_at)
    SELECT ${uuidOf(`'imilo-bench:portail:cmilo:' || j.id`)}, 'cmilo.' || lower(j.matricule), split_part(j.prenoms, ' ', 1), j.nom_naissance,
           '{jeune}'::text[], true, j.created_at
      FROM jeune j WHERE ${cmilo}`);
  await client.query(`
    INSERT INTO push_subscription (id, utilisateur_id, endpoint, p256dh, auth, appareil, created_at, derniere_reussite_le)
    SELECT ${uuidOf(`'imilo-bench:portail:push:' || j.id`)}, j.utilisateur_id, 'https://push.example.org/' || j.id, 'p256dh-' || j.id, 'auth',
           'Android', j.created_at, now() - interval '2 days'
      FROM (SELECT ${uuidOf(`'imilo-bench:portail:cmilo:' || j.id`)} AS utilisateur_id, j.id, j.created_at FROM jeune j WHERE ${cmilo}) j
     WHERE ${u('j.id', 2)} < 0.8`);
  log(`C-Milo accounts and push devices: ${seconds(at)}`);
  at = Date.now();
  const indexes = await secondaryIndexes(client, ['jeune']);
  for (const index of indexes) {
    await client.query(`DROP INDEX ${index.name}`);
  }
  await client.query(`
    UPDATE jeune j SET
      referent_id = CASE WHEN ${actif} THEN c.id ELSE j.referent_id END,
      utilisateur_id = CASE WHEN ${cmilo} THEN ${uuidOf(`'imilo-bench:portail:cmilo:' || j.id`)} END,
      date_premier_accueil = CASE WHEN ${actif} THEN current_date - floor(${u('j.id', 3)} * 730)::int
                                  ELSE current_date - 730 - floor(${u('j.id', 3)} * 730)::int END,
      nationalite = CASE WHEN ${u('j.id', 4)} < 0.06 THEN 'HORS_UE' WHEN ${u('j.id', 4)} < 0.09 THEN 'UE' ELSE 'FRANCAISE' END,
      titre_sejour_expire_le = CASE WHEN ${u('j.id', 4)} < 0.06 THEN current_date - 30 + floor(${u('j.id', 5)} * 395)::int END,
      rqth = ${u('j.id', 6)} < 0.03,
      dernier_contact_le = CASE WHEN ${actif} THEN current_date - floor(${u('j.id', 10)} ^ 2 * 120)::int ELSE j.dernier_contact_le END
    FROM bench_portail.ml m, bench_portail.conseiller c
    WHERE m.id = j.mission_locale_id AND c.ml_idx = m.idx AND c.k = floor(${u('j.id', 7)} * m.nconseillers)::int`);
  log(`jeunes: référents, accounts, premier accueil, titre de séjour, RQTH: ${seconds(at)}`);
  at = Date.now();
  await client.query('VACUUM FULL jeune');
  log(`VACUUM FULL jeune: ${seconds(at)}`);
  for (const index of indexes) {
    await client.query(index.def);
  }
  log(`rebuilt ${indexes.length} indexes of jeune: ${seconds(at)}`);
  at = Date.now();
  await client.query(`
    UPDATE situation s SET date_fin = greatest(s.date_debut, current_date - 10 + floor(${u('s.id', 9)} * 190)::int)
     WHERE s.etat = 'EN_COURS' AND ${u('s.id', 8)} < 0.33`);
  log(`situations ending: ${seconds(at)}`);
  // Lookups for the rows below: each conseiller's portfolio, each Mission Locale's active jeunes, jeune n of the seed.
  at = Date.now();
  await client.query(`
    CREATE TABLE bench_portail.portefeuille AS
      SELECT referent_id AS conseiller, (row_number() OVER (PARTITION BY referent_id ORDER BY id) - 1)::int AS k, id AS jeune
        FROM jeune WHERE statut_dossier = 'actif';
    ALTER TABLE bench_portail.portefeuille ADD PRIMARY KEY (conseiller, k);
    ALTER TABLE bench_portail.conseiller ADD COLUMN taille int;
    UPDATE bench_portail.conseiller c SET taille = (SELECT count(*) FROM bench_portail.portefeuille p WHERE p.conseiller = c.id);
    CREATE TABLE bench_portail.ml_jeune AS
      SELECT m.idx AS ml_idx, (row_number() OVER (PARTITION BY m.idx ORDER BY j.id) - 1)::int AS k, j.id AS jeune, j.referent_id
        FROM jeune j JOIN bench_portail.ml m ON m.id = j.mission_locale_id WHERE j.statut_dossier = 'actif';
    ALTER TABLE bench_portail.ml_jeune ADD PRIMARY KEY (ml_idx, k);
    CREATE TABLE bench_portail.jeune_n AS
      SELECT g AS n, j.mission_locale_id AS ml, j.referent_id AS conseiller
        FROM generate_series(0, (SELECT count(*) FROM jeune WHERE matricule !~ '-N') - 1) g JOIN jeune j ON j.id = md5('imilo-bench:jeune:' || g)::uuid;
    ALTER TABLE bench_portail.jeune_n ADD PRIMARY KEY (n);
    ANALYZE bench_portail.portefeuille, bench_portail.ml_jeune, bench_portail.jeune_n, bench_portail.conseiller;
  `);
  log(`portfolios and lookups: ${seconds(at)}`);
};

/** 2 000 000 événements by the Suivi seed's statement, over the search seed's jeunes (numbered as it numbers them). */
const seedAllEvenements = async (client: pg.Client, log: (line: string) => void) => {
  const jeunes = await count(client, 'SELECT count(*) AS n FROM bench_portail.jeune_n');
  const population = {
    jeunes,
    jeuneId: (n: string) => `md5('imilo-bench:jeune:' || ${n})::uuid`,
    mlId: (n: string) => `(SELECT ml FROM bench_portail.jeune_n WHERE n = ${n})`,
    conseillerId: (n: string) => `(SELECT conseiller FROM bench_portail.jeune_n WHERE n = ${n})`,
  };
  const indexes = await secondaryIndexes(client, ['evenement']);
  for (const index of indexes) {
    await client.query(`DROP INDEX ${index.name}`);
  }
  for (let from = 0; from < PORTAIL.evenements; from += SUIVI.batch) {
    const at = Date.now();
    const to = Math.min(PORTAIL.evenements, from + SUIVI.batch);
    await seedEvenements(client, from, to, population);
    log(`événements ${from.toLocaleString('fr-FR')}–${(to - 1).toLocaleString('fr-FR')}: ${seconds(at)}`);
  }
  const at = Date.now();
  for (const index of indexes) {
    await client.query(index.def);
  }
  log(`rebuilt ${indexes.map((i) => i.name).join(', ')}: ${seconds(at)}`);
};

/**
 * The rows that depend on the day, written for the Mission Locale's local today (re-written when the day changed):
 * 200 000 rendez-vous (per conseiller 8 today, 8 tomorrow, 3 within the week, the rest over the 60 days before:
 * 62 % closed présent, 13 % absent, 5 % excusé, 8 % cancelled, 12 % never closed), 36 collective sessions per Mission
 * Locale over twelve weeks (8 past, 4 ahead; a fifth of the past ones not closed) with their registrations, the
 * internal offers proposed to a tenth of the active jeunes over 60 days, and 10 mémos per conseiller.
 */
const seedAgenda = async (client: pg.Client, log: (line: string) => void) => {
  let at = Date.now();
  await client.query('DELETE FROM inscription_session; DELETE FROM session_collective; DELETE FROM rendez_vous; DELETE FROM memo; DELETE FROM proposition');
  const conseillers = await count(client, 'SELECT count(*) AS n FROM bench_portail.conseiller');
  const today = `(now() AT TIME ZONE c.tz)::date`;
  const creneau = (index: string) => `(${sqlArray(PORTAIL.creneaux)})[1 + (${index})]::time`;
  await client.query(`
    INSERT INTO rendez_vous (id, mission_locale_id, jeune_id, conseiller_id, type, modalite, site_id, debut, duree_minutes, objet,
                             statut, presence, reponse_jeune, reponse_jeune_le, motif_annulation, annule_le, annule_par, clos_le, clos_par,
                             created_at, created_by, updated_at)
    SELECT ${uuidOf(`'imilo-bench:portail:rdv:' || x.g`)}, c.ml, p.jeune, c.id,
           CASE WHEN x.h1 % 10 < 8 THEN 'ENTRETIEN_INDIVIDUEL_CONSEILLER' ELSE 'RENDEZ_VOUS_MILO' END,
           CASE WHEN x.h2 % 20 < 16 THEN 'PRESENTIEL_SITE' WHEN x.h2 % 20 < 19 THEN 'TELEPHONE' ELSE 'VISIO' END,
           CASE WHEN x.h2 % 20 < 16 THEN c.site END, x.debut, 30 + (x.h1 % 3) * 15, 'Entretien de suivi',
           x.statut, x.presence,
           CASE WHEN x.statut = 'PLANIFIE' AND x.jour >= 0 AND x.h3 % 10 < 4 THEN 'CONFIRME' END,
           CASE WHEN x.statut = 'PLANIFIE' AND x.jour >= 0 AND x.h3 % 10 < 4 THEN x.debut - interval '1 day' END,
           CASE WHEN x.statut = 'ANNULE' THEN 'Empêchement du jeune' END,
           CASE WHEN x.statut = 'ANNULE' THEN x.debut - interval '1 day' END, CASE WHEN x.statut = 'ANNULE' THEN c.id END,
           CASE WHEN x.statut = 'CLOS' THEN x.debut + interval '1 hour' END, CASE WHEN x.statut = 'CLOS' THEN c.id END,
           x.debut - interval '14 days', c.id, x.debut - interval '14 days'
      FROM (SELECT y.*, ((${today} + y.jour) + ${creneau('y.creneau')}) AT TIME ZONE c.tz AS debut,
                   CASE WHEN y.jour >= 0 THEN (CASE WHEN y.h3 % 100 < 5 THEN 'ANNULE' ELSE 'PLANIFIE' END)
                        WHEN y.h3 % 100 < 80 THEN 'CLOS' WHEN y.h3 % 100 < 88 THEN 'ANNULE' ELSE 'PLANIFIE' END AS statut,
                   CASE WHEN y.jour < 0 AND y.h3 % 100 < 62 THEN 'PRESENT' WHEN y.jour < 0 AND y.h3 % 100 < 75 THEN 'ABSENT'
                        WHEN y.jour < 0 AND y.h3 % 100 < 80 THEN 'EXCUSE' END AS presence
              FROM (SELECT g, g % ${conseillers} AS num, ${h('g', 21)} AS h1, ${h('g', 22)} AS h2, ${h('g', 23)} AS h3, ${h('g', 24)} AS h4,
                           CASE WHEN g / ${conseillers} < 8 THEN 0 WHEN g / ${conseillers} < 16 THEN 1
                                WHEN g / ${conseillers} < 19 THEN 2 + ${h('g', 25)} % 5 ELSE -(1 + ${h('g', 25)} % 60) END AS jour,
                           CASE WHEN g / ${conseillers} < 16 THEN (g / ${conseillers}) % 8 ELSE ${h('g', 26)} % 8 END AS creneau
                      FROM generate_series(0, ${PORTAIL.rendezVous - 1}) g) y
              JOIN bench_portail.conseiller c ON c.num = y.num) x
      JOIN bench_portail.conseiller c ON c.num = x.num
      JOIN bench_portail.portefeuille p ON p.conseiller = c.id AND p.k = x.h4 % c.taille`);
  log(`rendez-vous: ${seconds(at)}`);
  at = Date.now();
  const s = PORTAIL.sessionsParMissionLocale;
  await client.query(`
    INSERT INTO session_collective (id, mission_locale_id, offre_id, titre, debut, duree_minutes, site_id, animateur_id, places,
                                    date_limite_inscription, statut, clos_le, clos_par, created_at, created_by, updated_at)
    SELECT x.id, m.id, o.id, o.libelle, x.debut, 120, st.id, an.id, x.places, (x.debut AT TIME ZONE m.timezone)::date - 1,
           CASE WHEN x.jour < 0 AND x.h % 5 > 0 THEN 'CLOTUREE' ELSE 'A_VENIR' END,
           CASE WHEN x.jour < 0 AND x.h % 5 > 0 THEN x.debut + interval '3 hours' END,
           CASE WHEN x.jour < 0 AND x.h % 5 > 0 THEN an.id END, x.debut - interval '30 days', an.id, x.debut - interval '30 days'
      FROM (SELECT m.idx, i, ${uuidOf(`'imilo-bench:portail:session:' || m.code_imilo || ':' || i`)} AS id, ${h('m.idx * 100 + i', 31)} AS h,
                   -56 + (i * 84) / ${s} AS jour, 8 + ${h('m.idx * 100 + i', 32)} % 8 AS places,
                   (((now() AT TIME ZONE m.timezone)::date - 56 + (i * 84) / ${s}) + time '14:00') AT TIME ZONE m.timezone AS debut
              FROM bench_portail.ml m, generate_series(0, ${s - 1}) i) x
      JOIN bench_portail.ml m ON m.idx = x.idx
      JOIN offre_interne o ON o.mission_locale_id = m.id AND o.code = (${sqlArray(['ATELIER_CV', 'ATELIER_ENTRETIEN', 'IC_CEJ', 'PRESTA_MOBILITE', 'ATELIER_NUMERIQUE', 'IC_APPRENTISSAGE'])})[1 + x.i % 6]
      JOIN bench_portail.site st ON st.ml_idx = m.idx AND st.s = x.i % m.nsites
      JOIN bench_portail.conseiller an ON an.ml_idx = m.idx AND an.k = x.h % m.nconseillers`);
  // Registrations: 40 % to 110 % of the seats (beyond them, the waiting list); closed sessions have their presences.
  await client.query(`
    INSERT INTO inscription_session (id, session_id, jeune_id, mission_locale_id, statut, inscrit_le, par, updated_at)
    SELECT ${uuidOf(`'imilo-bench:portail:inscription:' || sc.id || ':' || r`)}, sc.id, mj.jeune, sc.mission_locale_id,
           CASE WHEN r >= sc.places THEN 'ATTENTE' WHEN sc.statut = 'CLOTUREE' THEN (CASE WHEN r % 5 = 0 THEN 'ABSENT' ELSE 'PRESENT' END)
                ELSE 'INSCRIT' END,
           sc.created_at + r * interval '1 hour', sc.animateur_id, sc.created_at
      FROM session_collective sc JOIN bench_portail.ml m ON m.id = sc.mission_locale_id
      CROSS JOIN generate_series(0, 20) r
      JOIN LATERAL (SELECT jeune FROM bench_portail.ml_jeune WHERE ml_idx = m.idx
                       AND k = (hashtext(sc.id::text)::bigint + 2147483648 + r * 7919) % m.actifs) mj ON true
     WHERE r < floor(sc.places * (0.4 + 0.7 * ${u('sc.id', 11)}))
    ON CONFLICT (session_id, jeune_id) DO NOTHING`);
  log(`sessions and registrations: ${seconds(at)}`);
  at = Date.now();
  // The internal offers proposed this month and last, to a tenth of the active jeunes (the first offers most often).
  await client.query(`
    INSERT INTO proposition (id, jeune_id, mission_locale_id, offre_id, libelle, theme, etat, created_at, created_by, updated_at)
    SELECT ${uuidOf(`'imilo-bench:portail:proposition:' || mj.jeune`)}, mj.jeune, m.id, o.id, o.libelle, o.theme,
           (${sqlArray(ETATS_PROPOSITION)})[1 + floor(${u('mj.jeune', 13)} * ${ETATS_PROPOSITION.length})::int],
           now() - ${u('mj.jeune', 14)} * interval '60 days', mj.referent_id, now() - ${u('mj.jeune', 14)} * interval '60 days'
      FROM bench_portail.ml_jeune mj JOIN bench_portail.ml m ON m.idx = mj.ml_idx
      JOIN offre_interne o ON o.mission_locale_id = m.id
           AND o.code = (${sqlArray(['ATELIER_CV', 'ATELIER_ENTRETIEN', 'IC_CEJ', 'PRESTA_MOBILITE', 'ATELIER_NUMERIQUE', 'IC_APPRENTISSAGE'])})[1 + floor(${u('mj.jeune', 15)} ^ 2 * 6)::int]
     WHERE ${u('mj.jeune', 12)} < 0.1`);
  log(`propositions of internal offers: ${seconds(at)}`);
  at = Date.now();
  // Mémos: 2 due today, 3 overdue, 2 ahead, 1 without date, 1 done, 1 more due today (for the team, from one
  // conseiller in 20); 6 in 10 about a jeune.
  const n = PORTAIL.memosParConseiller;
  await client.query(`
    INSERT INTO memo (id, mission_locale_id, auteur_id, portee, jeune_id, texte, echeance, fait_le, created_at, updated_at)
    SELECT ${uuidOf(`'imilo-bench:portail:memo:' || c.id || ':' || i`)}, c.ml, c.id, CASE WHEN i = 9 AND c.k % 20 = 0 THEN 'EQUIPE' ELSE 'MOI' END,
           CASE WHEN i % 5 < 3 THEN p.jeune END, 'Rappeler pour le dossier n° ' || i,
           ${today} + (ARRAY[0, 0, -1, -3, -10, 2, 7, NULL, -5, 0])[1 + i],
           CASE WHEN i = 8 THEN now() - interval '4 days' END, now() - interval '20 days', now() - interval '20 days'
      FROM bench_portail.conseiller c CROSS JOIN generate_series(0, ${n - 1}) i
      JOIN LATERAL (SELECT jeune FROM bench_portail.portefeuille WHERE conseiller = c.id AND k = (i * 13) % c.taille) p ON true`);
  log(`mémos: ${seconds(at)}`);
};

const chosen = async (client: pg.Client) => {
  // The biggest Mission Locale by active jeunes, its first conseiller and its direction.
  const { rows } = await client.query<{
    idx: number; id: string; nom: string; jeunes: number; actifs: number; nconseillers: number; code: string; conseiller: string; login: string; taille: number;
  }>(
    `SELECT m.idx, m.id, ml.nom, m.jeunes, m.actifs, m.nconseillers, m.code_imilo AS code, c.id AS conseiller, c.login, c.taille
       FROM bench_portail.ml m JOIN mission_locale ml ON ml.id = m.id JOIN bench_portail.conseiller c ON c.ml_idx = m.idx AND c.k = 0
      ORDER BY m.actifs DESC LIMIT 1`,
  );
  const ml = rows[0]!;
  const { rows: sites } = await client.query<{ id: string; nom: string }>('SELECT id, nom FROM site WHERE mission_locale_id = $1 ORDER BY nom', [ml.id]);
  const { rows: direction } = await client.query<{ id: string; login: string }>(
    `SELECT id, login FROM utilisateur WHERE login = 'direction.' || lower($1)`,
    [ml.code],
  );
  return { ml, sites, direction: direction[0]! };
};

/** The two accounts the bench signs in as: a password (argon2id, as the product stores it) and the current CGU accepted. */
const enableSignIn = async (client: pg.Client, ids: readonly string[]) => {
  await client.query('UPDATE utilisateur SET password_hash = $2, password_changed_at = now(), activated_at = now() WHERE id = ANY($1::uuid[])', [
    ids,
    await hashSecret(PORTAIL.password),
  ]);
  await client.query(
    `INSERT INTO cgu_acceptance (utilisateur_id, cgu_version_id, accepted_at)
     SELECT u.id, v.id, now() FROM unnest($1::uuid[]) u(id), cgu_version v
      WHERE v.audience = 'staff' AND v.version = (SELECT max(version) FROM cgu_version WHERE audience = 'staff')
     ON CONFLICT DO NOTHING`,
    [ids],
  );
};

const todayOf = async (client: pg.Client, missionLocaleId: string) =>
  (await client.query<{ d: string }>("SELECT to_char((now() AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS d FROM mission_locale WHERE id = $1", [missionLocaleId]))
    .rows[0]!.d;

/** The Mission Locale's local day, now. */
export const localToday = async (missionLocaleId: string): Promise<string> => {
  const client = await connect();
  try {
    return await todayOf(client, missionLocaleId);
  } finally {
    await client.end();
  }
};

const counts = async (client: pg.Client): Promise<Record<string, number>> => {
  const tables = ['jeune', 'evenement', 'rendez_vous', 'session_collective', 'inscription_session', 'memo', 'proposition', 'push_subscription', 'situation', 'utilisateur', 'site'];
  const result: Record<string, number> = {};
  for (const table of tables) {
    result[table] = await count(client, `SELECT count(*) AS n FROM ${table}`);
  }
  return result;
};

/** Applies the pending migrations, and replays (down, up) those edited since they ran whose tables the seed leaves empty. */
const catchUpMigrations = async (
  meta: PortailMeta,
  log: (line: string) => void,
): Promise<{ migrations: Record<string, string>; changed: boolean } | 'reseed'> => {
  const hashes = migrationHashes();
  const db = await openDatabase({ databaseUrl: urlOf(PORTAIL.database), dataDir: tmpdir(), logger: pino({ level: 'warn' }) });
  try {
    const umzug = migrator(db.sequelize);
    const executed = (await umzug.executed()).map((m) => m.name);
    const edited = executed.filter((name) => meta.migrations[name] !== undefined && meta.migrations[name] !== hashes[name]);
    if (edited.some((name) => !REPLAYABLE.includes(name))) {
      log(`${PORTAIL.database}: migration(s) edited since the seed (${edited.join(', ')}): re-seeding`);
      return 'reseed';
    }
    if (edited.length > 0) {
      await umzug.down({ to: edited.sort()[0]! });
      log(`${PORTAIL.database}: migration(s) edited since the seed, replayed: ${edited.join(', ')}`);
    }
    const applied = (await umzug.up()).map((m) => m.name);
    if (applied.length > 0) {
      log(`${PORTAIL.database}: applied ${applied.join(', ')}`);
    }
    return {
      migrations: Object.fromEntries((await umzug.executed()).map((m) => [m.name, hashes[m.name]!])),
      changed: edited.length + applied.length > 0,
    };
  } finally {
    await db.close();
  }
};

/**
 * The Portail's database: reused when complete (pending migrations applied, the day's rows re-written on another
 * day), else copied from the search seed's (seeded first when missing: `bench/search-seed.ts`) and completed.
 */
export const ensurePortailDatabase = async (log: (line: string) => void, force: boolean): Promise<PortailMeta> => {
  const admin = await adminClient();
  try {
    const meta = await readPortailMeta(admin);
    if (meta !== 'absent' && meta !== null && !force && meta.seedVersion === PORTAIL.seedVersion) {
      const caughtUp = await catchUpMigrations(meta, log);
      if (caughtUp !== 'reseed') {
        const client = await connect();
        try {
          let current: PortailMeta = { ...meta, migrations: caughtUp.migrations };
          const jour = await todayOf(client, meta.missionLocale.id);
          if (jour !== meta.jour) {
            log(`${PORTAIL.database}: rows of ${meta.jour} re-written for ${jour}`);
            await seedAgenda(client, log);
            await client.query('VACUUM (ANALYZE) rendez_vous, session_collective, inscription_session, memo, proposition');
            current = { ...current, jour, counts: await counts(client) };
          }
          if (caughtUp.changed) {
            await client.query('ANALYZE');
          }
          await writePortailMeta(admin, current);
          log(`${PORTAIL.database}: reused (seeded ${meta.seededAt} in ${meta.seedSeconds} s; --force re-seeds)`);
          return current;
        } finally {
          await client.end();
        }
      }
    }
    const started = Date.now();
    log(`${PORTAIL.template}: the search seed (skipped when complete)`);
    execFileSync('npx', ['tsx', 'bench/search-seed.ts', '--size', String(PORTAIL.jeunes)], { cwd: ROOT, stdio: 'inherit' });
    const template = await readMeta(admin, PORTAIL.jeunes);
    if (template === 'absent' || template === null || template.seedVersion !== SEED_VERSION) {
      throw new Error(`${PORTAIL.template} is not complete`);
    }
    let at = Date.now();
    await admin.query(`DROP DATABASE IF EXISTS ${PORTAIL.database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PORTAIL.database} TEMPLATE ${PORTAIL.template}`);
    const { executed } = await migrate(PORTAIL.database);
    log(`${PORTAIL.database} copied from ${PORTAIL.template}: ${seconds(at)}`);
    const client = await connect();
    try {
      // A bulk load: foreign keys are right by construction (replica role skips their triggers), commits need not wait.
      await client.query("SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'");
      at = Date.now();
      await seedStructures(client);
      log(`sites, conseillers, directions, internal offers: ${seconds(at)}`);
      await seedDossiers(client, log);
      await seedAllEvenements(client, log);
      await seedAgenda(client, log);
      const { ml, sites, direction } = await chosen(client);
      await enableSignIn(client, [ml.conseiller, direction.id]);
      await client.query('RESET session_replication_role');
      at = Date.now();
      await client.query('VACUUM (ANALYZE)');
      log(`VACUUM ANALYZE: ${seconds(at)}`);
      const hashes = migrationHashes();
      const result: PortailMeta = {
        seedVersion: PORTAIL.seedVersion,
        jour: await todayOf(client, ml.id),
        missionLocale: { id: ml.id, nom: ml.nom, jeunes: ml.jeunes, actifs: ml.actifs, conseillers: ml.nconseillers },
        sites,
        conseiller: { id: ml.conseiller, login: ml.login, portefeuille: ml.taille },
        direction,
        counts: await counts(client),
        seededAt: new Date().toISOString(),
        seedSeconds: Math.round((Date.now() - started) / 1000),
        migrations: Object.fromEntries(executed.map((m) => [m, hashes[m]!])),
      };
      await writePortailMeta(admin, result);
      log(`${PORTAIL.database} seeded: ${seconds(started)}`);
      return result;
    } finally {
      await client.end();
    }
  } finally {
    await admin.end();
  }
};
