import type { Migration } from '../umzug';

// The multi-criteria search (#3, bench/README.md, case (e)): at 1 000 000 jeunes, a search in a big Mission Locale
// read every dossier of it from the heap to test the criteria, count and sort (49 ms for four criteria in one of
// 31 196 jeunes, 80–100 ms for one broad criterion, the heap being larger than shared_buffers).
// - One btree leads with the Mission Locale and holds the criteria the BFF stores on `jeune`, equality ones first:
//   a criterion on any of its columns is tested inside the index, so that only the matches reach the heap. Not one
//   index per criterion: PostgreSQL ANDs at most one bitmap per condition, and every such index would share the
//   Mission Locale's; measured, the planner then took the national birth-date btree of T15 instead (39 ms).
//   INCLUDE: the id (what the page and every EXISTS criterion — situations, later dispositifs — join on), the
//   creation time and the search text (the sort keys), so that with the criteria it holds, the count and the choice
//   of a page are index-only scans whatever the sort. 141 MB at 1 000 000 jeunes; the price on writes: changing one
//   of these columns (a contact, a situation, the completeness) is no longer a HOT update.
// - Situations by état then catégorie: "a formation planned" reads the few matching rows of the country, hashed
//   against the Mission Locale's ids from the index above (110–370 → 24 ms in the biggest Mission Locale). An état
//   alone ("a finished situation": 400 000 rows nationally) stays near 130 ms there.
// The référent criterion keeps `jeune_referent_idx`, a portfolio being small.
export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    CREATE INDEX jeune_criteres_idx ON jeune (mission_locale_id, statut_dossier, completude, situation_courante_categorie,
      date_naissance, qpv_code, dernier_contact_le, sexe, niveau_formation, commune_insee) INCLUDE (id, created_at, search_text);
    CREATE INDEX situation_etat_categorie_idx ON situation (etat, categorie, jeune_id);
  `);
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query('DROP INDEX situation_etat_categorie_idx, jeune_criteres_idx');
};
