import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A data-encryption key and the id (1–255) its ciphertexts carry. */
export interface DataKey {
  readonly id: number;
  /** 32 bytes. */
  readonly key: Buffer;
}

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/**
 * Encrypts the sensitive fields stored at rest (NIR, identity-document numbers) with AES-256-GCM.
 *
 * A ciphertext is `key id (1 byte) | iv (12 bytes) | tag (16 bytes) | ciphertext`: new values are sealed with the
 * current key, and a value sealed with a retired key still opens as long as that key is configured, so keys rotate
 * without a flag day (re-encrypting old rows is a backfill). The `context` (table, column and row) is authenticated
 * with the value: a ciphertext copied to another row or column does not open.
 */
export class DataCipher {
  private readonly keys: ReadonlyMap<number, Buffer>;

  constructor(
    private readonly current: DataKey,
    retired: readonly DataKey[] = [],
  ) {
    for (const key of [current, ...retired]) {
      if (!Number.isInteger(key.id) || key.id < 1 || key.id > 255) {
        throw new Error(`data key id ${key.id}: an integer from 1 to 255`);
      }
      if (key.key.length !== KEY_BYTES) {
        throw new Error(`data key ${key.id}: ${KEY_BYTES} bytes expected`);
      }
    }
    this.keys = new Map([...retired, current].map((key) => [key.id, key.key]));
  }

  /** Seals a value for the context it is stored in. */
  encrypt(plaintext: string, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([this.current.id]), iv, cipher.getAuthTag(), body]);
  }

  /** Opens a value sealed for this context; throws when the key is unknown or the value or context was altered. */
  decrypt(sealed: Buffer, context: string): string {
    if (sealed.length < HEADER_BYTES) {
      throw new Error('ciphertext too short');
    }
    const keyId = sealed[0]!;
    const key = this.keys.get(keyId);
    if (!key) {
      throw new Error(`ciphertext sealed with data key ${keyId}, which is not configured`);
    }
    const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, HEADER_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
  }

  /** The id of the key new values are sealed with. */
  get currentKeyId(): number {
    return this.current.id;
  }
}
