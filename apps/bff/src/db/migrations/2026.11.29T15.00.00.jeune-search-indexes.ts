import type { Migration } from '../umzug';

/** Hex digits that end a Mission Locale's uuid: one partial trigram index each. */
const SEARCH_BUCKETS = [...'0123456789abcdef'];

// Search at scale (#3, bench/README.md). At 1 000 000 jeunes a conseiller's search inside their Mission Locale cost
// as much as a national one (p95 198 ms): a GIN scan decodes the posting lists of every trigram typed, and the
// single trigram index held the whole country's.
// - The trigram index is therefore also split by the last hex digit of the Mission Locale's uuid (random: about a
//   sixteenth of the jeunes each), in partial indexes that a search inside one Mission Locale uses, ANDed with the
//   (mission_locale_id, …) btree: its cost follows its sixteenth of the country. The digit is read from the uuid's
//   text, which no PostgreSQL version can change, unlike a hash function. The whole index stays for national
//   searches and for scopes spread over several digits.
//   A GIN index on (Mission Locale, trigrams), with `btree_gin` or the Mission Locale as a one-element array, was
//   tried (bench/README.md): it halves the scan but still decodes national lists (about 20 ms for a big Mission
//   Locale), and the planner then misjudges the Mission Locale key used alone.
// - The search states the digit beside the Mission Locale, which it follows from. Without the dependency recorded,
//   the planner multiplies both selectivities, expects a sixteenth of the Mission Locale's rows and reads all of
//   them from the heap rather than through the trigram index (70 ms for 10 000 jeunes).
// - The cross-Mission-Locale duplicate check reads the few hundred jeunes born on one day nationwide: a btree on the
//   birth date finds them without any trigram scan.
export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    ${SEARCH_BUCKETS.map(
      (digit) => `
    CREATE INDEX jeune_search_text_trgm_${digit}_idx ON jeune USING gin (search_text gin_trgm_ops)
      WHERE right(mission_locale_id::text, 1) = '${digit}';`,
    ).join('')}
    CREATE STATISTICS jeune_mission_locale_bucket_stats (dependencies) ON mission_locale_id, (right(mission_locale_id::text, 1)) FROM jeune;
    CREATE INDEX jeune_date_naissance_idx ON jeune (date_naissance);
  `);
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    DROP INDEX jeune_date_naissance_idx;
    DROP STATISTICS jeune_mission_locale_bucket_stats;
    DROP INDEX ${SEARCH_BUCKETS.map((digit) => `jeune_search_text_trgm_${digit}_idx`).join(', ')};
  `);
};
