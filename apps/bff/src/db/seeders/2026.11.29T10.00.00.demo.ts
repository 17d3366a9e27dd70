import { fakerFR as faker } from '@faker-js/faker';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { hashSecret } from '../../features/auth/password-hasher';
import type { Migration } from '../umzug';
import {
  aDemoJeune,
  aNom,
  aPrenom,
  communesOf,
  DEMO_ACCOUNTS,
  DEMO_JEUNE_REFERENT,
  DEMO_MISSIONS_LOCALES,
  DEMO_PASSWORD,
  DEMO_REGIONS,
  type DemoAccount,
  type DemoMissionLocale,
  demoId,
  EXTRA_CONSEILLERS_PER_MISSION_LOCALE,
  JEUNES_PER_MISSION_LOCALE,
  toIdentifiantPart,
} from './demo.data';

// Demo data for development and demonstrations (cli.ts refuses it in production): two Missions Locales,
// a walkthrough account per situation, 300 dossiers each. The CGU come from the migrations, not from here.

const DAY_MS = 86_400_000;

const missionLocaleOf = (key: DemoMissionLocale['key']): DemoMissionLocale => DEMO_MISSIONS_LOCALES.find((ml) => ml.key === key)!;

const insertStructures = async (sequelize: Sequelize, transaction: Transaction): Promise<void> => {
  for (const region of DEMO_REGIONS) {
    await sequelize.query('INSERT INTO region (id, code, nom) VALUES (:id, :code, :nom)', { replacements: region, transaction });
  }
  for (const ml of DEMO_MISSIONS_LOCALES) {
    await sequelize.query(
      `INSERT INTO mission_locale (id, code_imilo, nom, region_id, code_departement, timezone)
       VALUES (:id, :codeImilo, :nom, :regionId, :codeDepartement, :timezone)`,
      { replacements: { ...ml }, transaction },
    );
    for (const site of ml.sites) {
      await sequelize.query(
        `INSERT INTO site (id, mission_locale_id, nom, type, commune_insee) VALUES (:id, :missionLocaleId, :nom, :type, :communeInsee)`,
        { replacements: { ...site, missionLocaleId: ml.id }, transaction },
      );
    }
  }
};

/** Extra conseillers with names of their generation and territory, spread over the sites, so that référents vary. */
const extraConseillers = (ml: DemoMissionLocale, taken: Set<string>): DemoAccount[] =>
  Array.from({ length: EXTRA_CONSEILLERS_PER_MISSION_LOCALE }, (_, index) => {
    const prenom = aPrenom(faker, 'adultes', ml);
    const nom = aNom(faker, ml);
    let login = `${toIdentifiantPart(prenom)}.${toIdentifiantPart(nom)}`;
    while (taken.has(login)) {
      login = `${login}${faker.number.int(9)}`;
    }
    taken.add(login);
    return { login, prenom, nom, roles: ['conseiller'], missionLocale: ml.key, site: ml.sites[index % ml.sites.length]!.key };
  });

/** Inserts an activated account (password, CGU as the account says) and returns its id. */
const insertAccount = async (sequelize: Sequelize, account: DemoAccount, seededAt: Date, transaction: Transaction): Promise<string> => {
  const id = demoId(`utilisateur:${account.login}`);
  const ml = missionLocaleOf(account.missionLocale);
  await sequelize.query(
    `INSERT INTO utilisateur (id, login, prenom, nom, email, roles, bi_profils, password_hash, password_changed_at, activated_at)
     VALUES (:id, :login, :prenom, :nom, :email, :roles::text[], :biProfils::text[], :hash, :changedAt, :seededAt)`,
    {
      replacements: {
        id,
        login: account.login,
        prenom: account.prenom,
        nom: account.nom,
        email: `${account.login}@example.org`,
        roles: `{${account.roles.join(',')}}`,
        biProfils: `{${(account.biProfils ?? []).join(',')}}`,
        hash: await hashSecret(DEMO_PASSWORD),
        changedAt: new Date(seededAt.getTime() - (account.passwordAgeDays ?? 0) * DAY_MS),
        seededAt,
      },
      transaction,
    },
  );
  await sequelize.query(
    `INSERT INTO utilisateur_mission_locale (utilisateur_id, mission_locale_id, principale, site_id) VALUES (:id, :mlId, true, :siteId)`,
    { replacements: { id, mlId: ml.id, siteId: ml.sites.find((site) => site.key === account.site)?.id ?? null }, transaction },
  );
  if (account.cguAccepted ?? true) {
    await sequelize.query(
      `INSERT INTO cgu_acceptance (utilisateur_id, cgu_version_id, accepted_at)
       SELECT :id, v.id, :seededAt FROM cgu_version v
       WHERE v.audience = :audience AND v.version = (SELECT max(version) FROM cgu_version WHERE audience = :audience)`,
      { replacements: { id, seededAt, audience: account.roles.includes('jeune') ? 'jeune' : 'staff' }, transaction },
    );
  }
  return id;
};

export const up: Migration = async ({ context: { sequelize } }) => {
  faker.seed(2026);
  const seededAt = new Date();
  await sequelize.transaction(async (transaction) => {
    await insertStructures(sequelize, transaction);
    const taken = new Set(DEMO_ACCOUNTS.map((account) => account.login));
    const accounts = [...DEMO_ACCOUNTS, ...DEMO_MISSIONS_LOCALES.flatMap((ml) => extraConseillers(ml, taken))];
    const ids = new Map<string, string>();
    for (const account of accounts) {
      ids.set(account.login, await insertAccount(sequelize, account, seededAt, transaction));
    }

    const demoJeune = DEMO_ACCOUNTS.find((account) => account.roles.includes('jeune'))!;
    for (const ml of DEMO_MISSIONS_LOCALES) {
      const referentIds = accounts
        .filter((account) => account.missionLocale === ml.key && account.roles.includes('conseiller'))
        .map((account) => ids.get(account.login)!);
      const context = { referentIds, communes: communesOf(ml.codeDepartement), seededAt };
      const jeunes = Array.from({ length: JEUNES_PER_MISSION_LOCALE }, (_, index) => aDemoJeune(faker, ml, index + 1, context));
      if (ml.key === demoJeune.missionLocale) {
        // demo.jeune's own dossier, followed by demo.conseiller: C-Milo shows it, the conseiller finds it in their portfolio.
        jeunes[0] = {
          ...jeunes[0]!,
          utilisateur_id: ids.get(demoJeune.login)!,
          referent_id: ids.get(DEMO_JEUNE_REFERENT)!,
          prenoms: demoJeune.prenom,
          nom_naissance: demoJeune.nom,
          sexe: 'F',
          email: `${demoJeune.login}@example.org`,
        };
      }
      await sequelize.getQueryInterface().bulkInsert('jeune', jeunes, { transaction });
    }
  });
};

export const down: Migration = async ({ context: { sequelize } }) => {
  const mls = DEMO_MISSIONS_LOCALES.map((ml) => ml.id);
  await sequelize.transaction(async (transaction) => {
    const attached = await sequelize.query<{ id: string }>(
      'SELECT DISTINCT utilisateur_id AS id FROM utilisateur_mission_locale WHERE mission_locale_id IN (:mls)',
      { type: QueryTypes.SELECT, replacements: { mls }, transaction },
    );
    const replacements = { mls, users: attached.map((row) => row.id), regions: DEMO_REGIONS.map((region) => region.id) };
    const run = (sql: string) => sequelize.query(sql, { replacements, transaction });
    await run('DELETE FROM jeune WHERE mission_locale_id IN (:mls) OR utilisateur_id IN (:users) OR referent_id IN (:users)');
    await run('UPDATE cgu_version SET published_by = NULL WHERE published_by IN (:users)');
    await run('DELETE FROM access_code WHERE utilisateur_id IN (:users) OR issued_by IN (:users)');
    await run('DELETE FROM utilisateur WHERE id IN (:users)');
    await run('DELETE FROM utilisateur_mission_locale WHERE mission_locale_id IN (:mls)');
    await run('DELETE FROM site WHERE mission_locale_id IN (:mls)');
    await run('DELETE FROM mission_locale WHERE id IN (:mls)');
    await run('DELETE FROM region WHERE id IN (:regions)');
  });
};
