import type { ChampSensible, ProblemFieldError } from '@imilo/domain';
import type { DataCipher } from '../../platform/crypto';
import { invalidFields } from '../../platform/errors';
import { communeName } from './communes';

/**
 * 400 on each INSEE code that names no current commune (@etalab/decoupage-administratif): the schema only checks
 * the shape. `codes` are the field paths and the codes there (null: none sent).
 */
export const checkCommunes = (codes: readonly (readonly [string, string | null | undefined])[]): void => {
  const errors: ProblemFieldError[] = codes
    .filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string' && communeName(entry[1]) === null)
    .map(([path]) => ({ path, message: "Ce code INSEE ne correspond à aucune commune (vérifiez-le sur l'avis d'imposition ou la CNI)." }));
  if (errors.length > 0) {
    throw invalidFields(errors);
  }
};

const COLUMNS: Readonly<Record<ChampSensible, string>> = { nir: 'jeune.nir_enc', pieceIdentiteNumero: 'jeune.piece_identite_num_enc' };

/** What a sensitive value is sealed for: its column and its dossier, so a copied ciphertext opens nowhere else. */
export const sensitiveContext = (champ: ChampSensible, jeuneId: string): string => `${COLUMNS[champ]}:${jeuneId}`;

/** Seals a sensitive value of a dossier; `null` stays null. */
export const sealSensitive = (crypto: DataCipher, champ: ChampSensible, jeuneId: string, value: string | null): Buffer | null =>
  value === null ? null : crypto.encrypt(value, sensitiveContext(champ, jeuneId));

/** Opens a sensitive value of a dossier; `null` stays null. */
export const openSensitive = (crypto: DataCipher, champ: ChampSensible, jeuneId: string, sealed: Buffer | null): string | null =>
  sealed === null ? null : crypto.decrypt(sealed, sensitiveContext(champ, jeuneId));
