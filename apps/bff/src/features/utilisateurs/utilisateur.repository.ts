import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { BiProfil, Role } from '@imilo/domain';
import type { SessionUser, UserMissionLocale } from '../../platform/session-user';

/** A user's credentials and sign-in counters, as the auth service needs them. */
export interface Credentials {
  readonly id: string;
  readonly login: string;
  readonly passwordHash: string | null;
  readonly active: boolean;
  readonly failedAttempts: number;
  readonly lastFailureAt: Date | null;
}

interface UserRow {
  id: string;
  login: string;
  prenom: string;
  nom: string;
  roles: Role[];
  bi_profils: BiProfil[];
  password_changed_at: Date | null;
  missions_locales: UserMissionLocale[];
  must_accept_cgu: boolean;
}

/** Users, their Missions Locales and credentials. */
export class UtilisateurRepository {
  constructor(private readonly sequelize: Sequelize) {}

  /** The session view of an active user, or null (unknown or deactivated). */
  async findSessionUser(id: string): Promise<SessionUser | null> {
    const rows = await this.sequelize.query<UserRow>(
      `SELECT u.id, u.login, u.prenom, u.nom, u.roles, u.bi_profils, u.password_changed_at,
              COALESCE((
                SELECT json_agg(json_build_object(
                         'id', ml.id, 'nom', ml.nom, 'timezone', ml.timezone, 'principale', uml.principale,
                         'site', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'nom', s.nom) END)
                       ORDER BY uml.principale DESC, ml.nom)
                FROM utilisateur_mission_locale uml
                JOIN mission_locale ml ON ml.id = uml.mission_locale_id
                LEFT JOIN site s ON s.id = uml.site_id
                WHERE uml.utilisateur_id = u.id), '[]'::json) AS missions_locales,
              NOT EXISTS (
                SELECT 1 FROM cgu_acceptance a
                JOIN cgu_version v ON v.id = a.cgu_version_id
                WHERE a.utilisateur_id = u.id
                  AND v.audience = CASE WHEN 'jeune' = ANY(u.roles) THEN 'jeune' ELSE 'staff' END
                  AND v.version = (SELECT max(version) FROM cgu_version c
                                   WHERE c.audience = CASE WHEN 'jeune' = ANY(u.roles) THEN 'jeune' ELSE 'staff' END)
              ) AS must_accept_cgu
       FROM utilisateur u
       WHERE u.id = :id AND u.active`,
      { type: QueryTypes.SELECT, replacements: { id } },
    );
    const row = rows[0];
    if (!row) {
      return null;
    }
    return {
      id: row.id,
      login: row.login,
      prenom: row.prenom,
      nom: row.nom,
      roles: row.roles,
      biProfils: row.bi_profils,
      missionsLocales: row.missions_locales,
      passwordChangedAt: row.password_changed_at,
      mustAcceptCgu: row.must_accept_cgu,
    };
  }

  /** The credentials of a login, or null. */
  async findCredentials(login: string, transaction?: Transaction): Promise<Credentials | null> {
    const rows = await this.sequelize.query<{
      id: string;
      login: string;
      password_hash: string | null;
      active: boolean;
      failed_attempts: number;
      last_failure_at: Date | null;
    }>(
      `SELECT id, login, password_hash, active, failed_attempts, last_failure_at FROM utilisateur WHERE login = :login`,
      { type: QueryTypes.SELECT, replacements: { login }, transaction },
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          login: row.login,
          passwordHash: row.password_hash,
          active: row.active,
          failedAttempts: row.failed_attempts,
          lastFailureAt: row.last_failure_at,
        }
      : null;
  }

  /** Counts one more consecutive failure. */
  async recordFailure(id: string, at: Date): Promise<void> {
    await this.sequelize.query(
      'UPDATE utilisateur SET failed_attempts = failed_attempts + 1, last_failure_at = :at WHERE id = :id',
      { type: QueryTypes.UPDATE, replacements: { id, at } },
    );
  }

  /** Resets the failure counter and stamps the sign-in. */
  async recordSuccess(id: string, at: Date): Promise<void> {
    await this.sequelize.query(
      'UPDATE utilisateur SET failed_attempts = 0, last_failure_at = NULL, last_login_at = :at WHERE id = :id',
      { type: QueryTypes.UPDATE, replacements: { id, at } },
    );
  }
}
