// The field-by-field comparison of an offline edit with the server's record (#4): what I changed, what somebody else
// changed meanwhile, and where both changed the same field differently — the conflicts the conseiller resolves.

/** A record's fields by dotted path (`identite.nomUsage`); arrays are one field each (a list is replaced whole). */
export type FieldMap = Readonly<Record<string, unknown>>;

/** Flattens a JSON-like record into its fields; `ignore` drops paths that are not the user's data (version, ids…). */
export const flattenFields = (record: unknown, ignore: readonly string[] = [], prefix = ''): Record<string, unknown> => {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return prefix === '' ? {} : { [prefix]: record };
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (ignore.includes(path) || value === undefined) {
      continue;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(fields, flattenFields(value, ignore, path));
    } else {
      fields[path] = value;
    }
  }
  return fields;
};

/** A canonical text of a value: the same data with keys in any order compare equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  ) ?? 'undefined';

/** Whether two field values are the same data. */
export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** One field both sides changed, differently. */
export interface FieldConflict {
  readonly path: string;
  /** The value both started from. */
  readonly base: unknown;
  readonly mine: unknown;
  readonly theirs: unknown;
}

/** The comparison of my edit and theirs, each from the same base. */
export interface ThreeWayDiff {
  /** Fields I changed that they did not (or changed the same way): mine apply without a question. */
  readonly mineOnly: readonly string[];
  /** Fields they changed that I did not: theirs stay. */
  readonly theirsOnly: readonly string[];
  readonly conflicts: readonly FieldConflict[];
}

/** Compares my edit and the server's current record with the record I started from, field by field. */
export const threeWayDiff = (base: FieldMap, mine: FieldMap, theirs: FieldMap): ThreeWayDiff => {
  const paths = [...new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)])].sort();
  const mineOnly: string[] = [];
  const theirsOnly: string[] = [];
  const conflicts: FieldConflict[] = [];
  for (const path of paths) {
    const iChanged = !sameValue(mine[path], base[path]);
    const theyChanged = !sameValue(theirs[path], base[path]);
    if (iChanged && theyChanged && !sameValue(mine[path], theirs[path])) {
      conflicts.push({ path, base: base[path], mine: mine[path], theirs: theirs[path] });
    } else if (iChanged) {
      mineOnly.push(path);
    } else if (theyChanged) {
      theirsOnly.push(path);
    }
  }
  return { mineOnly, theirsOnly, conflicts };
};

/** The conseiller's choice for each conflicting field. */
export type ConflictChoices = Readonly<Record<string, 'mine' | 'theirs'>>;

/**
 * The fields to send after the conseiller chose: theirs, with my changes that nobody contradicted, and mine where I
 * chose mine. Refuses (null) while a conflict has no choice: never a silent overwrite.
 */
export const resolveFields = (diff: ThreeWayDiff, mine: FieldMap, theirs: FieldMap, choices: ConflictChoices): Record<string, unknown> | null => {
  if (diff.conflicts.some((conflict) => choices[conflict.path] === undefined)) {
    return null;
  }
  const resolved: Record<string, unknown> = { ...theirs };
  const fromMine = [...diff.mineOnly, ...diff.conflicts.filter((conflict) => choices[conflict.path] === 'mine').map((conflict) => conflict.path)];
  for (const path of fromMine) {
    if (mine[path] === undefined) {
      delete resolved[path];
    } else {
      resolved[path] = mine[path];
    }
  }
  return resolved;
};

const define = (node: Record<string, unknown>, key: string, value: unknown): unknown => {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
};

/** Rebuilds a record from its fields (the inverse of `flattenFields`). */
export const unflattenFields = (fields: FieldMap): Record<string, unknown> => {
  const record: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(fields)) {
    const keys = path.split('.');
    let node = record;
    for (const key of keys.slice(0, -1)) {
      // Own keys only, defined rather than assigned: a `__proto__` key from JSON data must not reach Object.prototype.
      const child = Object.hasOwn(node, key) ? node[key] : undefined;
      node = define(node, key, child !== null && typeof child === 'object' && !Array.isArray(child) ? child : {}) as Record<string, unknown>;
    }
    define(node, keys.at(-1) as string, value);
  }
  return record;
};
