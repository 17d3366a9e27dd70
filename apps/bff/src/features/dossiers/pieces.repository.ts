import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { MimePiece, StatutPiece, TypePiece } from '@imilo/domain';
import { pgArray } from '../../platform/sql';

// Pièces justificatives in SQL (#3). The bytes are read by `findContenu` only; every other query leaves them in TOAST.
// Every query takes the transaction it runs in when there is one: PGlite (the embedded default) has a single session.

/** A staff member as a pièce names them. */
export interface Auteur {
  readonly id: string;
  readonly prenom: string;
  readonly nom: string;
}

/** A jeune a pièce request is about, found inside the caller's scope. */
export interface JeuneCible {
  readonly id: string;
  readonly missionLocaleId: string;
  readonly referentId: string | null;
}

/** A pièce's metadata, never its bytes. */
export interface Piece {
  readonly id: string;
  readonly type: TypePiece;
  readonly nomFichier: string;
  readonly mime: MimePiece;
  readonly taille: number;
  readonly statut: StatutPiece;
  readonly motifRefus: string | null;
  readonly deposeeLe: Date;
  readonly deposeePar: Auteur | null;
  readonly decideeLe: Date | null;
  readonly decideePar: Auteur | null;
}

/** A pièce to store. */
export interface NouvellePiece {
  readonly id: string;
  readonly jeuneId: string;
  readonly type: TypePiece;
  readonly nomFichier: string;
  readonly mime: MimePiece;
  readonly contenu: Buffer;
  readonly sha256: string;
  readonly deposeeLe: Date;
  readonly deposeePar: string;
}

/** A decision on a pièce. */
export interface Decision {
  readonly statut: Exclude<StatutPiece, 'A_VALIDER'>;
  readonly motifRefus: string | null;
  readonly decideeLe: Date;
  readonly decideePar: string;
}

/** What the download sends. */
export interface ContenuPiece {
  readonly type: TypePiece;
  readonly nomFichier: string;
  readonly mime: MimePiece;
  readonly taille: number;
  readonly sha256: string;
  readonly contenu: Buffer;
}

interface PieceRow {
  id: string;
  type: TypePiece;
  nom_fichier: string;
  mime: MimePiece;
  taille: number;
  statut: StatutPiece;
  motif_refus: string | null;
  deposee_le: Date;
  depose_id: string | null;
  depose_prenom: string | null;
  depose_nom: string | null;
  decidee_le: Date | null;
  decide_id: string | null;
  decide_prenom: string | null;
  decide_nom: string | null;
}

const PIECE_SELECT = `
  SELECT p.id, p.type, p.nom_fichier, p.mime, p.taille, p.statut, p.motif_refus, p.deposee_le, p.decidee_le,
         d.id AS depose_id, d.prenom AS depose_prenom, d.nom AS depose_nom,
         v.id AS decide_id, v.prenom AS decide_prenom, v.nom AS decide_nom
  FROM piece_justificative p
  LEFT JOIN utilisateur d ON d.id = p.deposee_par
  LEFT JOIN utilisateur v ON v.id = p.decidee_par`;

const auteur = (id: string | null, prenom: string | null, nom: string | null): Auteur | null =>
  id === null ? null : { id, prenom: prenom ?? '', nom: nom ?? '' };

const toPiece = (row: PieceRow): Piece => ({
  id: row.id,
  type: row.type,
  nomFichier: row.nom_fichier,
  mime: row.mime,
  taille: row.taille,
  statut: row.statut,
  motifRefus: row.motif_refus,
  deposeeLe: row.deposee_le,
  deposeePar: auteur(row.depose_id, row.depose_prenom, row.depose_nom),
  decideeLe: row.decidee_le,
  decideePar: auteur(row.decide_id, row.decide_prenom, row.decide_nom),
});

/** The pièces of jeunes' dossiers, always reached through their jeune. */
export class PiecesRepository {
  constructor(private readonly sequelize: Sequelize) {}

  /**
   * The jeune inside the scope (`null`: every Mission Locale), or null when absent, elsewhere or anonymised (kept
   * for statistics only). `lock` holds the row until the transaction ends, so that two writes on one dossier's
   * pièces compute its completeness one after the other.
   */
  async findJeune(
    id: string,
    scope: readonly string[] | null,
    options: { readonly transaction?: Transaction; readonly lock?: boolean } = {},
  ): Promise<JeuneCible | null> {
    const rows = await this.sequelize.query<{ id: string; mission_locale_id: string; referent_id: string | null }>(
      `SELECT j.id, j.mission_locale_id, j.referent_id FROM jeune j
       WHERE j.id = :id
         AND (:scope::uuid[] IS NULL OR j.mission_locale_id = ANY(:scope::uuid[]))
         AND j.statut_dossier <> 'anonymise'
       ${options.lock ? 'FOR NO KEY UPDATE' : ''}`,
      { type: QueryTypes.SELECT, replacements: { id, scope: pgArray(scope) }, transaction: options.transaction },
    );
    return rows[0] ? { id: rows[0].id, missionLocaleId: rows[0].mission_locale_id, referentId: rows[0].referent_id } : null;
  }

  /** The jeune's pièces, latest first. */
  async listOf(jeuneId: string, transaction?: Transaction): Promise<Piece[]> {
    const rows = await this.sequelize.query<PieceRow>(`${PIECE_SELECT} WHERE p.jeune_id = :jeuneId ORDER BY p.deposee_le DESC, p.id`, {
      type: QueryTypes.SELECT,
      transaction,
      replacements: { jeuneId },
    });
    return rows.map(toPiece);
  }

  /** One pièce of the jeune, or null (absent, or another jeune's). */
  async find(jeuneId: string, pieceId: string, transaction?: Transaction): Promise<Piece | null> {
    const rows = await this.sequelize.query<PieceRow>(`${PIECE_SELECT} WHERE p.id = :pieceId AND p.jeune_id = :jeuneId`, {
      type: QueryTypes.SELECT,
      replacements: { jeuneId, pieceId },
      transaction,
    });
    return rows[0] ? toPiece(rows[0]) : null;
  }

  /** One pièce of the jeune with its bytes, or null (absent, or another jeune's). */
  async findContenu(jeuneId: string, pieceId: string): Promise<ContenuPiece | null> {
    const rows = await this.sequelize.query<{
      type: TypePiece;
      nom_fichier: string;
      mime: MimePiece;
      taille: number;
      sha256: string;
      contenu: Buffer;
    }>(
      `SELECT type, nom_fichier, mime, taille, sha256, contenu FROM piece_justificative
       WHERE id = :pieceId AND jeune_id = :jeuneId`,
      { type: QueryTypes.SELECT, replacements: { jeuneId, pieceId } },
    );
    const row = rows[0];
    return row
      ? { type: row.type, nomFichier: row.nom_fichier, mime: row.mime, taille: row.taille, sha256: row.sha256, contenu: row.contenu }
      : null;
  }

  async insert(piece: NouvellePiece, transaction: Transaction): Promise<void> {
    // Bound, not replaced: the bytes travel as one binary parameter rather than as an escaped literal twice their size.
    await this.sequelize.query(
      `INSERT INTO piece_justificative (id, jeune_id, type, nom_fichier, mime, taille, sha256, contenu, statut, deposee_le, deposee_par)
       VALUES ($id, $jeuneId, $type, $nomFichier, $mime, $taille, $sha256, $contenu, 'A_VALIDER', $deposeeLe, $deposeePar)`,
      {
        type: QueryTypes.INSERT,
        bind: {
          id: piece.id,
          jeuneId: piece.jeuneId,
          type: piece.type,
          nomFichier: piece.nomFichier,
          mime: piece.mime,
          taille: piece.contenu.length,
          sha256: piece.sha256,
          contenu: piece.contenu,
          deposeeLe: piece.deposeeLe,
          deposeePar: piece.deposeePar,
        },
        transaction,
      },
    );
  }

  /** Records a decision, replacing any earlier one (a conseiller may correct it; the audit keeps the history). */
  async decide(pieceId: string, decision: Decision, transaction: Transaction): Promise<void> {
    await this.sequelize.query(
      `UPDATE piece_justificative
       SET statut = :statut, motif_refus = :motifRefus, decidee_le = :decideeLe, decidee_par = :decideePar
       WHERE id = :pieceId`,
      { type: QueryTypes.UPDATE, replacements: { pieceId, ...decision }, transaction },
    );
  }
}
