import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { MemoDto, PorteeMemo } from '@imilo/domain';
import { pgArray } from '../../platform/sql';

// Mémos in SQL (#5). A mémo for oneself (MOI) is its author's only; a team mémo (EQUIPE) is every staff member's of
// its Mission Locale: the visibility is part of every read, so that another's MOI mémo is simply not found.

interface Options {
  readonly transaction?: Transaction;
}

/** Who reads mémos, and when (which says whether one is overdue, on its Mission Locale's local day). */
export interface MemoReader {
  readonly userId: string;
  /** The Missions Locales whose mémos the reader sees (`null`: every one). */
  readonly scope: readonly string[] | null;
  readonly now: Date;
}

/** A mémo as stored, with its Mission Locale. */
export interface MemoRecord extends MemoDto {
  readonly missionLocaleId: string;
}

interface MemoRow {
  id: string;
  mission_locale_id: string;
  texte: string;
  portee: PorteeMemo;
  auteur_id: string;
  auteur_prenom: string;
  auteur_nom: string;
  jeune_id: string | null;
  jeune_prenom: string | null;
  jeune_nom: string | null;
  echeance: string | null;
  fait: boolean;
  en_retard: boolean;
  version: number;
  created_at: Date;
}

const MEMO_SELECT = `
  SELECT m.id, m.mission_locale_id, m.texte, m.portee, m.auteur_id, a.prenom AS auteur_prenom, a.nom AS auteur_nom,
         m.jeune_id, j.prenoms AS jeune_prenom, COALESCE(j.nom_usage, j.nom_naissance) AS jeune_nom,
         to_char(m.echeance, 'YYYY-MM-DD') AS echeance, m.fait_le IS NOT NULL AS fait,
         (m.echeance IS NOT NULL AND m.fait_le IS NULL AND m.echeance < ($now::timestamptz AT TIME ZONE ml.timezone)::date) AS en_retard,
         m.version, m.created_at
  FROM memo m
  JOIN utilisateur a ON a.id = m.auteur_id
  JOIN mission_locale ml ON ml.id = m.mission_locale_id
  LEFT JOIN jeune j ON j.id = m.jeune_id`;

const VISIBLE = `($scope::uuid[] IS NULL OR m.mission_locale_id = ANY($scope::uuid[]))
  AND ((m.portee = 'MOI' AND m.auteur_id = $userId) OR m.portee = 'EQUIPE')`;

const readerBind = (reader: MemoReader) => ({ userId: reader.userId, scope: pgArray(reader.scope), now: reader.now });

const toRecord = (row: MemoRow): MemoRecord => ({
  id: row.id,
  missionLocaleId: row.mission_locale_id,
  texte: row.texte,
  portee: row.portee,
  auteur: { id: row.auteur_id, prenom: row.auteur_prenom, nom: row.auteur_nom },
  jeune: row.jeune_id === null ? null : { id: row.jeune_id, prenom: row.jeune_prenom ?? '', nom: row.jeune_nom ?? '' },
  echeance: row.echeance,
  fait: row.fait,
  enRetard: row.en_retard,
  version: row.version,
  creeLe: row.created_at.toISOString(),
});

/** A mémo the reader sees, or null; `lock` holds its row until the transaction ends. */
export const findMemo = async (sequelize: Sequelize, id: string, reader: MemoReader, options: Options & { readonly lock?: boolean } = {}): Promise<MemoRecord | null> => {
  const [row] = await sequelize.query<MemoRow>(`${MEMO_SELECT} WHERE m.id = $id AND ${VISIBLE} ${options.lock ? 'FOR UPDATE OF m' : ''}`, {
    type: QueryTypes.SELECT,
    transaction: options.transaction,
    bind: { id, ...readerBind(reader) },
  });
  return row ? toRecord(row) : null;
};

/** Filters of a list of mémos. */
export interface MemosFilter {
  /** Due on this day or before (undone overdue ones included). */
  readonly echeanceAu?: string;
  /** With `echeanceAu`: a done mémo due before this day is left out (the agenda shows a range, and what is still late). */
  readonly echeanceDu?: string;
  readonly jeuneId?: string;
  readonly fait?: boolean;
  readonly limit: number;
}

/** The mémos the reader sees, soonest due first (without a due date last), then oldest first. */
export const listMemos = async (sequelize: Sequelize, reader: MemoReader, filter: MemosFilter, options: Options = {}): Promise<MemoRecord[]> => {
  const rows = await sequelize.query<MemoRow>(
    `${MEMO_SELECT}
     WHERE ${VISIBLE}
       AND ($jeuneId::uuid IS NULL OR m.jeune_id = $jeuneId::uuid)
       AND ($fait::boolean IS NULL OR (m.fait_le IS NOT NULL) = $fait::boolean)
       AND ($au::date IS NULL OR m.echeance <= $au::date)
       AND ($du::date IS NULL OR m.echeance >= $du::date OR m.fait_le IS NULL)
     ORDER BY m.echeance NULLS LAST, m.created_at, m.id
     LIMIT $limit`,
    {
      type: QueryTypes.SELECT,
      transaction: options.transaction,
      bind: {
        ...readerBind(reader),
        jeuneId: filter.jeuneId ?? null,
        fait: filter.fait ?? null,
        au: filter.echeanceAu ?? null,
        du: filter.echeanceDu ?? null,
        limit: filter.limit,
      },
    },
  );
  return rows.map(toRecord);
};

/** The columns of a mémo its form sets. */
export interface MemoValues {
  readonly texte: string;
  readonly portee: PorteeMemo;
  readonly jeuneId: string | null;
  readonly echeance: string | null;
}

/** Inserts a mémo under its id; false when a row already has that id (a client-chosen id reused). */
export const insertMemo = async (
  sequelize: Sequelize,
  memo: MemoValues & { readonly id: string; readonly missionLocaleId: string; readonly auteurId: string; readonly at: Date },
  options: Options,
): Promise<boolean> => {
  const inserted = await sequelize.query(
    `INSERT INTO memo (id, mission_locale_id, auteur_id, portee, jeune_id, texte, echeance, created_at, updated_at)
     VALUES ($id, $missionLocaleId, $auteurId, $portee, $jeuneId, $texte, $echeance::date, $at, $at)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ...memo } },
  );
  return inserted.length > 0;
};

/** Replaces a mémo's values, done or not (the day it was done is kept while it stays done), next version. */
export const updateMemo = async (sequelize: Sequelize, id: string, values: MemoValues & { readonly fait: boolean }, at: Date, options: Options): Promise<void> => {
  await sequelize.query(
    `UPDATE memo SET texte = $texte, portee = $portee, jeune_id = $jeuneId, echeance = $echeance::date,
            fait_le = CASE WHEN $fait::boolean THEN COALESCE(fait_le, $at) END, version = version + 1, updated_at = $at
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, ...values, at } },
  );
};

/** Deletes a mémo. */
export const deleteMemo = async (sequelize: Sequelize, id: string, options: Options): Promise<void> => {
  await sequelize.query('DELETE FROM memo WHERE id = $id', { transaction: options.transaction, bind: { id } });
};
