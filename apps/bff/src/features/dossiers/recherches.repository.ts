import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { CriteresRecherche } from '@imilo/domain';

/** A saved search as stored: its criteria were validated by the shared schema before they were written. */
export interface RechercheSauvegardee {
  readonly id: string;
  readonly nom: string;
  readonly criteres: CriteresRecherche;
  readonly creeeLe: Date;
}

interface Row {
  id: string;
  nom: string;
  criteres: CriteresRecherche;
  created_at: Date;
}

const toRecherche = (row: Row): RechercheSauvegardee => ({ id: row.id, nom: row.nom, criteres: row.criteres, creeeLe: row.created_at });

/** The saved searches of each user: nobody reads, counts or deletes another user's. */
export class RecherchesRepository {
  constructor(private readonly sequelize: Sequelize) {}

  /** The user's saved searches, in no particular order. */
  async listOf(utilisateurId: string): Promise<RechercheSauvegardee[]> {
    const rows = await this.sequelize.query<Row>(
      'SELECT id, nom, criteres, created_at FROM recherche_sauvegardee WHERE utilisateur_id = :utilisateurId',
      { type: QueryTypes.SELECT, replacements: { utilisateurId } },
    );
    return rows.map(toRecherche);
  }

  /**
   * Locks the user's row until the transaction ends, so that two saves of the same user (two tabs, an outbox replay)
   * see each other's count and names. NO KEY UPDATE: rows that only reference the user (audit, sessions) still pass.
   */
  async lockOwner(utilisateurId: string, transaction: Transaction): Promise<void> {
    await this.sequelize.query('SELECT id FROM utilisateur WHERE id = :utilisateurId FOR NO KEY UPDATE', {
      type: QueryTypes.SELECT,
      replacements: { utilisateurId },
      transaction,
    });
  }

  /** How many searches the user has saved, and whether one already bears this name. */
  async countOf(utilisateurId: string, nom: string, transaction: Transaction): Promise<{ total: number; nomPris: boolean }> {
    const [row] = await this.sequelize.query<{ total: number; nom_pris: boolean }>(
      `SELECT count(*)::int AS total, coalesce(bool_or(nom = :nom), false) AS nom_pris
       FROM recherche_sauvegardee WHERE utilisateur_id = :utilisateurId`,
      { type: QueryTypes.SELECT, replacements: { utilisateurId, nom }, transaction },
    );
    return { total: row?.total ?? 0, nomPris: row?.nom_pris ?? false };
  }

  async insert(
    recherche: RechercheSauvegardee & { readonly utilisateurId: string },
    transaction: Transaction,
  ): Promise<void> {
    await this.sequelize.query(
      `INSERT INTO recherche_sauvegardee (id, utilisateur_id, nom, criteres, created_at)
       VALUES (:id, :utilisateurId, :nom, :criteres::jsonb, :creeeLe)`,
      {
        type: QueryTypes.INSERT,
        replacements: { ...recherche, criteres: JSON.stringify(recherche.criteres) },
        transaction,
      },
    );
  }

  /** Deletes the user's saved search; false when the user has none with this id (absent, or someone else's). */
  async delete(id: string, utilisateurId: string, transaction: Transaction): Promise<boolean> {
    const deleted = await this.sequelize.query<{ id: string }>(
      'DELETE FROM recherche_sauvegardee WHERE id = :id AND utilisateur_id = :utilisateurId RETURNING id',
      { type: QueryTypes.SELECT, replacements: { id, utilisateurId }, transaction },
    );
    return deleted.length > 0;
  }
}
