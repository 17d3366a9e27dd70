/**
 * A list of uuids or other values with nothing to quote (ids, hex digits, codes) as a PostgreSQL array literal,
 * bound as one replacement and cast in SQL (`:ids::uuid[]`); `null` (e.g. no scope limit) stays null.
 */
export const pgArray = (values: readonly string[] | null): string | null => (values === null ? null : `{${values.join(',')}}`);
