import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { BiProfil, Role } from '@imilo/domain';
import { inScope } from '../../platform/tenancy';
import { pgArray } from '../../platform/sql';

/** A staff account as the administration sees it, with the Mission Locale it is shown under. */
export interface AdminUser {
  readonly id: string;
  readonly login: string;
  readonly prenom: string;
  readonly nom: string;
  readonly email: string | null;
  readonly roles: readonly Role[];
  readonly biProfils: readonly BiProfil[];
  readonly active: boolean;
  readonly activated: boolean;
  readonly missionLocale: { readonly id: string; readonly nom: string };
  readonly lastLoginAt: Date | null;
}

/** A Mission Locale with its sites. */
export interface AdminMissionLocale {
  readonly id: string;
  readonly nom: string;
  readonly sites: readonly { readonly id: string; readonly nom: string }[];
}

/** A staff account to create, attached to its principal Mission Locale. */
export interface NewUser {
  readonly id: string;
  readonly login: string;
  readonly prenom: string;
  readonly nom: string;
  readonly email: string | null;
  readonly roles: readonly Role[];
  readonly biProfils: readonly BiProfil[];
  readonly missionLocaleId: string;
  readonly siteId: string | null;
}

/** What an administrator may change on an account. */
export interface UserChanges {
  readonly roles?: readonly Role[];
  readonly biProfils?: readonly BiProfil[];
  readonly active?: boolean;
}

/** A published CGU version. */
export interface PublishedCgu {
  readonly id: string;
  readonly audience: 'staff' | 'jeune';
  readonly version: number;
  readonly texte: string;
  readonly publishedAt: Date;
}

interface AdminUserRow {
  id: string;
  login: string;
  prenom: string;
  nom: string;
  email: string | null;
  roles: Role[];
  bi_profils: BiProfil[];
  active: boolean;
  activated: boolean;
  mission_locale_id: string;
  mission_locale_nom: string;
  last_login_at: Date | null;
}

// Staff accounts only: jeune accounts belong to their dossier, which administrators do not read.
// Each account is shown under its principal Mission Locale, or the first one inside the caller's scope.
const ADMIN_USERS = `
  SELECT u.id, u.login, u.prenom, u.nom, u.email, u.roles, u.bi_profils, u.active,
         u.activated_at IS NOT NULL AS activated, u.last_login_at,
         ml.id AS mission_locale_id, ml.nom AS mission_locale_nom
  FROM utilisateur u
  JOIN LATERAL (
    SELECT uml.mission_locale_id FROM utilisateur_mission_locale uml
    WHERE uml.utilisateur_id = u.id AND (:scope::uuid[] IS NULL OR uml.mission_locale_id = ANY(:scope::uuid[]))
    ORDER BY uml.principale DESC, uml.mission_locale_id
    LIMIT 1
  ) shown ON true
  JOIN mission_locale ml ON ml.id = shown.mission_locale_id
  WHERE NOT ('jeune' = ANY(u.roles))`;

const toAdminUser = (row: AdminUserRow): AdminUser => ({
  id: row.id,
  login: row.login,
  prenom: row.prenom,
  nom: row.nom,
  email: row.email,
  roles: row.roles,
  biProfils: row.bi_profils,
  active: row.active,
  activated: row.activated,
  missionLocale: { id: row.mission_locale_id, nom: row.mission_locale_nom },
  lastLoginAt: row.last_login_at,
});

/** Accounts, Missions Locales and CGU versions as the administration manages them; every read is scoped. */
export class AdminRepository {
  constructor(private readonly sequelize: Sequelize) {}

  /** The staff accounts attached to a Mission Locale of the scope. */
  async listUsers(scope: readonly string[] | null): Promise<AdminUser[]> {
    const rows = await this.sequelize.query<AdminUserRow>(ADMIN_USERS, {
      type: QueryTypes.SELECT,
      replacements: { scope: pgArray(scope) },
    });
    return rows.map(toAdminUser);
  }

  /** One staff account of the scope, locked for the transaction, or null (absent, a jeune, or elsewhere). */
  async findUser(id: string, scope: readonly string[] | null, transaction: Transaction): Promise<AdminUser | null> {
    const rows = await this.sequelize.query<AdminUserRow>(`${ADMIN_USERS} AND u.id = :id FOR UPDATE OF u`, {
      type: QueryTypes.SELECT,
      replacements: { id, scope: pgArray(scope) },
      transaction,
    });
    return rows[0] ? toAdminUser(rows[0]) : null;
  }

  /** The active Missions Locales of the scope, with their sites, by name. */
  async listMissionsLocales(scope: readonly string[] | null, transaction?: Transaction): Promise<AdminMissionLocale[]> {
    return this.sequelize.query<AdminMissionLocale>(
      `SELECT ml.id, ml.nom,
              COALESCE(json_agg(json_build_object('id', s.id, 'nom', s.nom) ORDER BY s.nom) FILTER (WHERE s.id IS NOT NULL),
                       '[]'::json) AS sites
       FROM mission_locale ml
       LEFT JOIN site s ON s.mission_locale_id = ml.id
       WHERE ml.active AND (:scope::uuid[] IS NULL OR ml.id = ANY(:scope::uuid[]))
       GROUP BY ml.id, ml.nom
       ORDER BY ml.nom`,
      { type: QueryTypes.SELECT, replacements: { scope: pgArray(scope) }, transaction },
    );
  }

  /** One active Mission Locale of the scope, or null. */
  async findMissionLocale(id: string, scope: readonly string[] | null, transaction: Transaction): Promise<AdminMissionLocale | null> {
    const found = inScope(scope, id) ? await this.listMissionsLocales([id], transaction) : [];
    return found[0] ?? null;
  }

  /** Creates the account and its attachment; false when the login is taken (nothing is written then). */
  async insertUser(user: NewUser, at: Date, transaction: Transaction): Promise<boolean> {
    const inserted = await this.sequelize.query<{ id: string }>(
      `INSERT INTO utilisateur (id, login, prenom, nom, email, roles, bi_profils, created_at, updated_at)
       VALUES (:id, :login, :prenom, :nom, :email, :roles::text[], :biProfils::text[], :at, :at)
       ON CONFLICT (login) DO NOTHING
       RETURNING id`,
      {
        type: QueryTypes.SELECT,
        replacements: { ...user, roles: pgArray(user.roles), biProfils: pgArray(user.biProfils), at },
        transaction,
      },
    );
    if (inserted.length === 0) {
      return false;
    }
    await this.sequelize.query(
      `INSERT INTO utilisateur_mission_locale (utilisateur_id, mission_locale_id, principale, site_id)
       VALUES (:id, :missionLocaleId, true, :siteId)`,
      { type: QueryTypes.INSERT, replacements: { id: user.id, missionLocaleId: user.missionLocaleId, siteId: user.siteId }, transaction },
    );
    return true;
  }

  /** Applies the changes; deactivation is stamped once, reactivation clears the stamp. */
  async updateUser(id: string, changes: UserChanges, at: Date, transaction: Transaction): Promise<void> {
    await this.sequelize.query(
      `UPDATE utilisateur
       SET roles = COALESCE(:roles::text[], roles),
           bi_profils = COALESCE(:biProfils::text[], bi_profils),
           active = COALESCE(:active::boolean, active),
           deactivated_at = CASE WHEN :active::boolean IS NULL THEN deactivated_at
                                 WHEN :active::boolean THEN NULL
                                 ELSE COALESCE(deactivated_at, :at) END,
           updated_at = :at
       WHERE id = :id`,
      {
        type: QueryTypes.UPDATE,
        replacements: {
          id,
          roles: pgArray(changes.roles ?? null),
          biProfils: pgArray(changes.biProfils ?? null),
          active: changes.active ?? null,
          at,
        },
        transaction,
      },
    );
  }

  /** Publishes the next version for the audience; publications are serialised so that numbers never collide. */
  async publishCgu(
    cgu: { id: string; audience: 'staff' | 'jeune'; texte: string; publishedBy: string; at: Date },
    transaction: Transaction,
  ): Promise<PublishedCgu> {
    await this.sequelize.query('LOCK TABLE cgu_version IN SHARE ROW EXCLUSIVE MODE', { transaction });
    const rows = await this.sequelize.query<Omit<PublishedCgu, 'publishedAt'> & { published_at: Date }>(
      `INSERT INTO cgu_version (id, audience, version, texte, published_at, published_by)
       SELECT :id, :audience, COALESCE(max(version), 0) + 1, :texte, :at, :publishedBy FROM cgu_version WHERE audience = :audience
       RETURNING id, audience, version, texte, published_at`,
      { type: QueryTypes.SELECT, replacements: cgu, transaction },
    );
    const row = rows[0]!;
    return { id: row.id, audience: row.audience, version: row.version, texte: row.texte, publishedAt: row.published_at };
  }
}
