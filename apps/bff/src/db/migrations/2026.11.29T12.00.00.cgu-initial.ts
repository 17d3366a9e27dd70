import { INITIAL_CGU } from '../seeders/cgu-texts.data';
import type { Migration } from '../umzug';

// Without a CGU version nobody could pass the CGU gate: every database starts with version 1 of each audience.
// A database where a version was already published keeps its own.
export const up: Migration = async ({ context: { sequelize } }) => {
  for (const cgu of INITIAL_CGU) {
    await sequelize.query(
      `INSERT INTO cgu_version (id, audience, version, texte, published_at)
       SELECT :id, :audience, 1, :texte, now()
       WHERE NOT EXISTS (SELECT 1 FROM cgu_version WHERE audience = :audience)`,
      { replacements: { ...cgu } },
    );
  }
};

export const down: Migration = async ({ context: { sequelize } }) => {
  const ids = INITIAL_CGU.map((cgu) => cgu.id);
  await sequelize.query('DELETE FROM cgu_acceptance WHERE cgu_version_id IN (:ids)', { replacements: { ids } });
  await sequelize.query('DELETE FROM cgu_version WHERE id IN (:ids)', { replacements: { ids } });
};
