import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** An access code as activation checks it (only its hash is stored). */
export interface AccessCode {
  readonly id: string;
  readonly codeHash: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

/** Access codes, passwords and their history (ordered by insertion: the order in which passwords were set). */
export class CredentialsRepository {
  constructor(private readonly sequelize: Sequelize) {}

  /** The user's latest access code that was not revoked, used or not; null when none was issued. */
  async latestAccessCode(utilisateurId: string): Promise<AccessCode | null> {
    const rows = await this.sequelize.query<{ id: string; code_hash: string; expires_at: Date; used_at: Date | null }>(
      `SELECT id, code_hash, expires_at, used_at FROM access_code
       WHERE utilisateur_id = :utilisateurId AND revoked_at IS NULL
       ORDER BY issued_at DESC LIMIT 1`,
      { type: QueryTypes.SELECT, replacements: { utilisateurId } },
    );
    const row = rows[0];
    return row ? { id: row.id, codeHash: row.code_hash, expiresAt: row.expires_at, usedAt: row.used_at } : null;
  }

  /** Marks the code used; false when a concurrent activation spent it first. */
  async spendAccessCode(id: string, at: Date, transaction: Transaction): Promise<boolean> {
    const rows = await this.sequelize.query(
      'UPDATE access_code SET used_at = :at WHERE id = :id AND used_at IS NULL RETURNING id',
      { type: QueryTypes.SELECT, replacements: { id, at }, transaction },
    );
    return rows.length === 1;
  }

  /** The hashes of the user's last `count` passwords, the current one included. */
  async lastPasswordHashes(utilisateurId: string, count: number): Promise<string[]> {
    const rows = await this.sequelize.query<{ password_hash: string }>(
      `SELECT password_hash FROM (
         SELECT password_hash, 0 AS rank, NULL::bigint AS id FROM utilisateur WHERE id = :utilisateurId AND password_hash IS NOT NULL
         UNION ALL
         SELECT password_hash, 1, id FROM password_history WHERE utilisateur_id = :utilisateurId
       ) AS known
       ORDER BY rank, id DESC
       LIMIT :limit`,
      // One more than asked: the current hash is normally also the newest history row.
      { type: QueryTypes.SELECT, replacements: { utilisateurId, limit: count + 1 } },
    );
    return [...new Set(rows.map((row) => row.password_hash))].slice(0, count);
  }

  /**
   * Replaces the password: stamps the change (and the activation, the first time), clears the failure counter,
   * and appends it to the history, of which only the last `keep` entries are kept.
   */
  async savePassword(utilisateurId: string, passwordHash: string, at: Date, keep: number, transaction: Transaction): Promise<void> {
    const replacements = { utilisateurId, passwordHash, at, keep };
    // Accounts whose password was set before the history existed (seeds, imports): keep the outgoing one too.
    await this.sequelize.query(
      `INSERT INTO password_history (utilisateur_id, password_hash, created_at)
       SELECT u.id, u.password_hash, COALESCE(u.password_changed_at, :at) FROM utilisateur u
       WHERE u.id = :utilisateurId AND u.password_hash IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM password_history h WHERE h.utilisateur_id = u.id AND h.password_hash = u.password_hash)`,
      { type: QueryTypes.INSERT, replacements, transaction },
    );
    await this.sequelize.query(
      `UPDATE utilisateur
       SET password_hash = :passwordHash, password_changed_at = :at, activated_at = COALESCE(activated_at, :at),
           failed_attempts = 0, last_failure_at = NULL, updated_at = :at
       WHERE id = :utilisateurId`,
      { type: QueryTypes.UPDATE, replacements, transaction },
    );
    await this.sequelize.query(
      'INSERT INTO password_history (utilisateur_id, password_hash, created_at) VALUES (:utilisateurId, :passwordHash, :at)',
      { type: QueryTypes.INSERT, replacements, transaction },
    );
    await this.sequelize.query(
      `DELETE FROM password_history WHERE utilisateur_id = :utilisateurId AND id NOT IN (
         SELECT id FROM password_history WHERE utilisateur_id = :utilisateurId ORDER BY id DESC LIMIT :keep)`,
      { type: QueryTypes.DELETE, replacements, transaction },
    );
  }
}
