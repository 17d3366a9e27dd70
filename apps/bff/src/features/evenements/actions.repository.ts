import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { CreateurAction, Personne, StatutAction } from '@imilo/domain';

// The jeune's actions in SQL (#4).

interface Options {
  readonly transaction: Transaction;
}

/** An action as stored. */
export interface ActionRecord {
  readonly id: string;
  readonly jeuneId: string;
  readonly missionLocaleId: string;
  readonly evenementId: string | null;
  readonly titre: string;
  readonly description: string | null;
  /** `YYYY-MM-DD`, like `closeLe`. */
  readonly echeance: string;
  readonly statut: StatutAction;
  readonly createur: CreateurAction;
  readonly creePar: Personne | null;
  readonly createdAt: Date;
  readonly closeLe: string | null;
  readonly version: number;
  readonly updatedAt: Date;
}

interface ActionRow {
  id: string;
  jeune_id: string;
  mission_locale_id: string;
  evenement_id: string | null;
  titre: string;
  description: string | null;
  echeance: string;
  statut: StatutAction;
  createur: CreateurAction;
  cree_par_id: string | null;
  cree_par_prenom: string | null;
  cree_par_nom: string | null;
  created_at: Date;
  close_le: string | null;
  version: number;
  updated_at: Date;
}

const ACTION_SELECT = `
  SELECT a.id, a.jeune_id, a.mission_locale_id, a.evenement_id, a.titre, a.description,
         to_char(a.echeance, 'YYYY-MM-DD') AS echeance, a.statut, a.createur,
         c.id AS cree_par_id, c.prenom AS cree_par_prenom, c.nom AS cree_par_nom,
         a.created_at, to_char(a.close_le, 'YYYY-MM-DD') AS close_le, a.version, a.updated_at
  FROM action_jeune a
  LEFT JOIN utilisateur c ON c.id = a.created_by`;

const toAction = (row: ActionRow): ActionRecord => ({
  id: row.id,
  jeuneId: row.jeune_id,
  missionLocaleId: row.mission_locale_id,
  evenementId: row.evenement_id,
  titre: row.titre,
  description: row.description,
  echeance: row.echeance,
  statut: row.statut,
  createur: row.createur,
  creePar: row.cree_par_id === null ? null : { id: row.cree_par_id, prenom: row.cree_par_prenom ?? '', nom: row.cree_par_nom ?? '' },
  createdAt: row.created_at,
  closeLe: row.close_le,
  version: row.version,
  updatedAt: row.updated_at,
});

/** An action inside a scope (`null`: every Mission Locale), or null; `forUpdate` locks its row. */
export const findAction = async (
  sequelize: Sequelize,
  id: string,
  options: Options & { readonly scope: readonly string[] | null; readonly forUpdate?: boolean },
): Promise<ActionRecord | null> => {
  const [row] = await sequelize.query<ActionRow>(
    `${ACTION_SELECT}
     WHERE a.id = $id AND ($scope::uuid[] IS NULL OR a.mission_locale_id = ANY($scope::uuid[]))
     ${options.forUpdate ? 'FOR UPDATE OF a' : ''}`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { id, scope: options.scope === null ? null : [...options.scope] } },
  );
  return row ? toAction(row) : null;
};

/** A jeune's actions: the open ones first, by échéance; then the closed ones, latest closed first. */
export const listActions = async (sequelize: Sequelize, jeuneId: string, options: Options): Promise<ActionRecord[]> => {
  const rows = await sequelize.query<ActionRow>(
    `${ACTION_SELECT}
     WHERE a.jeune_id = $jeuneId
     ORDER BY (a.statut IN ('TERMINEE', 'ANNULEE')),
              CASE WHEN a.statut IN ('TERMINEE', 'ANNULEE') THEN NULL ELSE a.echeance END,
              a.close_le DESC NULLS LAST, a.updated_at DESC, a.id DESC
     LIMIT 500`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { jeuneId } },
  );
  return rows.map(toAction);
};

/** Inserts an action "à faire"; false when a row already has its id. */
export const insertAction = async (
  sequelize: Sequelize,
  action: {
    readonly id: string;
    readonly jeuneId: string;
    readonly missionLocaleId: string;
    readonly evenementId: string | null;
    readonly titre: string;
    readonly description: string | null;
    readonly echeance: string;
    readonly createur: CreateurAction;
    readonly by: string;
    readonly at: Date;
  },
  options: Options,
): Promise<boolean> => {
  const inserted = await sequelize.query(
    `INSERT INTO action_jeune (id, jeune_id, mission_locale_id, evenement_id, titre, description, echeance, statut, createur,
                               created_at, created_by, updated_at)
     VALUES ($id, $jeuneId, $missionLocaleId, $evenementId, $titre, $description, $echeance, 'A_FAIRE', $createur, $at, $by, $at)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ...action } },
  );
  return inserted.length > 0;
};

/** Replaces an action's values, next version. */
export const updateAction = async (
  sequelize: Sequelize,
  id: string,
  values: {
    readonly titre: string;
    readonly description: string | null;
    readonly echeance: string;
    readonly statut: StatutAction;
    readonly closeLe: string | null;
  },
  meta: { readonly by: string; readonly at: Date },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `UPDATE action_jeune SET titre = $titre, description = $description, echeance = $echeance, statut = $statut, close_le = $closeLe,
            version = version + 1, updated_by = $by, updated_at = $at
     WHERE id = $id`,
    { transaction: options.transaction, bind: { id, ...values, ...meta } },
  );
};
