import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { DispositionItem, Home } from '@imilo/domain';
import { pgArray } from '../../platform/sql';

// What the Portail stores (#6): each user's disposition, the alerts marked « traitée », when a jeune last read their
// notifications. Bind parameters only.

interface Options {
  readonly transaction?: Transaction;
}

/** A user's stored disposition and the home it was saved for. */
export interface DispositionRecord {
  readonly home: Home;
  readonly widgets: readonly DispositionItem[];
}

/** The user's stored disposition, or null (the default applies). */
export const findDisposition = async (sequelize: Sequelize, utilisateurId: string, options: Options = {}): Promise<DispositionRecord | null> => {
  const [row] = await sequelize.query<{ home: Home; widgets: DispositionItem[] }>(
    'SELECT home, widgets FROM portail_disposition WHERE utilisateur_id = $utilisateurId',
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { utilisateurId } },
  );
  return row ?? null;
};

/** Stores the user's disposition (replacing any). */
export const saveDisposition = async (
  sequelize: Sequelize,
  utilisateurId: string,
  disposition: DispositionRecord & { readonly at: Date },
  options: Options = {},
): Promise<void> => {
  await sequelize.query(
    `INSERT INTO portail_disposition (utilisateur_id, home, widgets, updated_at) VALUES ($utilisateurId, $home, $widgets::jsonb, $at)
     ON CONFLICT (utilisateur_id) DO UPDATE SET home = EXCLUDED.home, widgets = EXCLUDED.widgets, updated_at = EXCLUDED.updated_at`,
    {
      transaction: options.transaction,
      bind: { utilisateurId, home: disposition.home, widgets: JSON.stringify(disposition.widgets), at: disposition.at },
    },
  );
};

/** Forgets the user's disposition: the default applies again. */
export const deleteDisposition = async (sequelize: Sequelize, utilisateurId: string, options: Options = {}): Promise<void> => {
  await sequelize.query('DELETE FROM portail_disposition WHERE utilisateur_id = $utilisateurId', {
    transaction: options.transaction,
    bind: { utilisateurId },
  });
};

/** A live dossier inside a scope with its référent, or null. */
export const findJeuneEtReferent = async (
  sequelize: Sequelize,
  jeuneId: string,
  scope: readonly string[] | null,
  options: Options = {},
): Promise<{ readonly id: string; readonly missionLocaleId: string; readonly referentId: string | null } | null> => {
  const [row] = await sequelize.query<{ id: string; mission_locale_id: string; referent_id: string | null }>(
    `SELECT id, mission_locale_id, referent_id FROM jeune
     WHERE id = $jeuneId AND ($scope::uuid[] IS NULL OR mission_locale_id = ANY($scope::uuid[])) AND statut_dossier <> 'anonymise'`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { jeuneId, scope: pgArray(scope) } },
  );
  return row ? { id: row.id, missionLocaleId: row.mission_locale_id, referentId: row.referent_id } : null;
};

/** Records an alert as treated; false when it already was (nothing changes then). */
export const insertAlerteTraitee = async (
  sequelize: Sequelize,
  alerte: { readonly missionLocaleId: string; readonly cle: string; readonly jeuneId: string; readonly par: string; readonly at: Date },
  options: Options = {},
): Promise<boolean> => {
  const inserted = await sequelize.query(
    `INSERT INTO alerte_traitee (mission_locale_id, cle, jeune_id, traitee_par, traitee_le) VALUES ($missionLocaleId, $cle, $jeuneId, $par, $at)
     ON CONFLICT (mission_locale_id, cle) DO NOTHING
     RETURNING cle`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { ...alerte } },
  );
  return inserted.length > 0;
};

/** Notes that the user read their notifications at this instant. */
export const markNotificationsLues = async (sequelize: Sequelize, utilisateurId: string, at: Date, options: Options = {}): Promise<void> => {
  await sequelize.query('UPDATE utilisateur SET notifications_lues_le = $at WHERE id = $utilisateurId', {
    transaction: options.transaction,
    bind: { utilisateurId, at },
  });
};
