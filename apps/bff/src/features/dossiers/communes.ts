import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface Commune {
  readonly code: string;
  readonly nom: string;
  readonly type: string;
}

const require = createRequire(import.meta.url);
let names: ReadonlyMap<string, string> | null = null;

/** The name of a current commune by INSEE code, or null (read once: the file is 8 MB). */
export const communeName = (insee: string): string | null => {
  names ??= new Map(
    (JSON.parse(readFileSync(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8')) as Commune[])
      .filter((commune) => commune.type === 'commune-actuelle')
      .map((commune) => [commune.code, commune.nom]),
  );
  return names.get(insee) ?? null;
};
