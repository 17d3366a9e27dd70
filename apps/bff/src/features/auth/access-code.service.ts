import { randomInt, randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import { accessCodeExpiresAt, type AccessCodeIssuedDto } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { hashSecret } from './password-hasher';

// No 0/O, 1/I/L: the code is read aloud or copied from a screen by the référent.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** A new human-friendly code: three groups of four, about 59 bits of entropy. */
export const generateAccessCode = (): string =>
  Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')).join('-');

/** Normalises what a user typed: case and dashes do not matter. */
export const normaliseAccessCode = (typed: string): string => typed.replace(/[^A-Za-z0-9]/g, '').toUpperCase();

/**
 * Issues a single-use access code for the user, revoking any previous one; only its hash is stored.
 * The clear code is returned once, for the référent to hand over.
 */
export const issueAccessCode = async (
  ctx: AppContext,
  utilisateurId: string,
  issuedBy: string,
  transaction?: Transaction,
): Promise<AccessCodeIssuedDto> => {
  const code = generateAccessCode();
  const issuedAt = ctx.clock.now();
  const expiresAt = accessCodeExpiresAt(issuedAt);
  await ctx.db.sequelize.query(
    'UPDATE access_code SET revoked_at = :issuedAt WHERE utilisateur_id = :utilisateurId AND used_at IS NULL AND revoked_at IS NULL',
    { type: QueryTypes.UPDATE, replacements: { utilisateurId, issuedAt }, transaction },
  );
  await ctx.db.sequelize.query(
    `INSERT INTO access_code (id, utilisateur_id, code_hash, issued_at, expires_at, issued_by)
     VALUES (:id, :utilisateurId, :codeHash, :issuedAt, :expiresAt, :issuedBy)`,
    {
      type: QueryTypes.INSERT,
      replacements: { id: randomUUID(), utilisateurId, codeHash: await hashSecret(normaliseAccessCode(code)), issuedAt, expiresAt, issuedBy },
      transaction,
    },
  );
  return { code, expiresAt: expiresAt.toISOString() };
};
