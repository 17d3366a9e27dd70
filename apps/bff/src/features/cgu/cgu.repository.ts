import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { CguAudience } from '@imilo/domain';

/** The CGU version in force for an audience, and when a given user accepted it. */
export interface CurrentCgu {
  readonly id: string;
  readonly version: number;
  readonly audience: CguAudience;
  readonly texte: string;
  readonly publishedAt: Date;
  readonly acceptedAt: Date | null;
}

/** CGU versions and their acceptances. */
export class CguRepository {
  constructor(private readonly sequelize: Sequelize) {}

  /** The highest version published for the audience, with the user's acceptance of it; null when none is. */
  async currentFor(audience: CguAudience, utilisateurId: string): Promise<CurrentCgu | null> {
    const rows = await this.sequelize.query<{
      id: string;
      version: number;
      audience: CguAudience;
      texte: string;
      published_at: Date;
      accepted_at: Date | null;
    }>(
      `SELECT v.id, v.version, v.audience, v.texte, v.published_at, a.accepted_at
       FROM cgu_version v
       LEFT JOIN cgu_acceptance a ON a.cgu_version_id = v.id AND a.utilisateur_id = :utilisateurId
       WHERE v.audience = :audience
       ORDER BY v.version DESC LIMIT 1`,
      { type: QueryTypes.SELECT, replacements: { audience, utilisateurId } },
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          version: row.version,
          audience: row.audience,
          texte: row.texte,
          publishedAt: row.published_at,
          acceptedAt: row.accepted_at,
        }
      : null;
  }

  /** Records the acceptance; false when the user had already accepted this version. */
  async recordAcceptance(utilisateurId: string, cguVersionId: string, at: Date, transaction: Transaction): Promise<boolean> {
    const rows = await this.sequelize.query(
      `INSERT INTO cgu_acceptance (utilisateur_id, cgu_version_id, accepted_at) VALUES (:utilisateurId, :cguVersionId, :at)
       ON CONFLICT (utilisateur_id, cgu_version_id) DO NOTHING
       RETURNING utilisateur_id`,
      { type: QueryTypes.SELECT, replacements: { utilisateurId, cguVersionId, at }, transaction },
    );
    return rows.length === 1;
  }
}
