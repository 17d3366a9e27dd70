import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

// The per-user calendar feeds in SQL (#5): one row per user, the secret's SHA-256 only; revoking deletes the row.

interface Options {
  readonly transaction?: Transaction;
}

/** A user's feed as stored. */
export interface FluxRecord {
  readonly afficherNoms: boolean;
  readonly createdAt: Date;
}

/** The caller's feed, or null. */
export const findFluxOf = async (sequelize: Sequelize, userId: string, options: Options = {}): Promise<FluxRecord | null> => {
  const [row] = await sequelize.query<{ afficher_noms: boolean; created_at: Date }>(
    'SELECT afficher_noms, created_at FROM flux_calendrier WHERE utilisateur_id = $userId',
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { userId } },
  );
  return row ? { afficherNoms: row.afficher_noms, createdAt: row.created_at } : null;
};

/** Sets the user's feed to a new secret (the previous one stops working). */
export const upsertFlux = async (
  sequelize: Sequelize,
  flux: { readonly userId: string; readonly jetonHash: string; readonly afficherNoms: boolean; readonly at: Date },
  options: Options,
): Promise<void> => {
  await sequelize.query(
    `INSERT INTO flux_calendrier (utilisateur_id, jeton_hash, afficher_noms, created_at) VALUES ($userId, $jetonHash, $afficherNoms, $at)
     ON CONFLICT (utilisateur_id) DO UPDATE SET jeton_hash = EXCLUDED.jeton_hash, afficher_noms = EXCLUDED.afficher_noms, created_at = EXCLUDED.created_at`,
    { transaction: options.transaction, bind: { ...flux } },
  );
};

/** Revokes the user's feed. */
export const deleteFlux = async (sequelize: Sequelize, userId: string, options: Options): Promise<void> => {
  await sequelize.query('DELETE FROM flux_calendrier WHERE utilisateur_id = $userId', { transaction: options.transaction, bind: { userId } });
};

/** The owner of a live feed: an active user, with their Missions Locales (principal first). */
export interface FluxOwner {
  readonly userId: string;
  readonly afficherNoms: boolean;
  readonly missionLocaleIds: string[];
}

/** The active owner of the feed whose secret hashes to this, or null. */
export const findFluxOwner = async (sequelize: Sequelize, jetonHash: string, options: Options = {}): Promise<FluxOwner | null> => {
  const [row] = await sequelize.query<{ utilisateur_id: string; afficher_noms: boolean; mission_locale_ids: string[] }>(
    `SELECT f.utilisateur_id, f.afficher_noms,
            ARRAY(SELECT uml.mission_locale_id::text FROM utilisateur_mission_locale uml
                  WHERE uml.utilisateur_id = f.utilisateur_id ORDER BY uml.principale DESC, uml.mission_locale_id) AS mission_locale_ids
     FROM flux_calendrier f JOIN utilisateur u ON u.id = f.utilisateur_id
     WHERE f.jeton_hash = $jetonHash AND u.active`,
    { type: QueryTypes.SELECT, transaction: options.transaction, bind: { jetonHash } },
  );
  return row ? { userId: row.utilisateur_id, afficherNoms: row.afficher_noms, missionLocaleIds: row.mission_locale_ids } : null;
};
