import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/platform/config';
import { DataCipher, type DataKey } from '../../src/platform/crypto';
import { productionEnv } from '../support/production-env';

const NIR = '108023306304265';
const CONTEXT = 'jeune.nir_enc:7a1c3e52-4f0b-4a55-9b8e-0d6c1f2a3b4c';
const aKey = (id: number): DataKey => ({ id, key: randomBytes(32) });

describe('encryption of sensitive fields at rest (platform/crypto.ts)', () => {
  it('when a value is sealed, it opens again with the same context, and the ciphertext is key id | iv | tag | body', () => {
    const cipher = new DataCipher(aKey(7));

    const sealed = cipher.encrypt(NIR, CONTEXT);

    expect(cipher.decrypt(sealed, CONTEXT)).toBe(NIR);
    expect(sealed[0]).toBe(7);
    expect(sealed.length).toBe(1 + 12 + 16 + NIR.length);
    expect(sealed.toString('latin1')).not.toContain(NIR);
  });

  it('when the same value is sealed twice, the ciphertexts differ (a fresh iv each time)', () => {
    const cipher = new DataCipher(aKey(1));

    expect(cipher.encrypt(NIR, CONTEXT).equals(cipher.encrypt(NIR, CONTEXT))).toBeFalse();
  });

  it('when a ciphertext is altered, moved to another row or column, or cut short, it does not open', () => {
    const cipher = new DataCipher(aKey(1));
    const sealed = cipher.encrypt(NIR, CONTEXT);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;

    expect(() => cipher.decrypt(flipped, CONTEXT)).toThrow();
    expect(() => cipher.decrypt(sealed, 'jeune.nir_enc:00000000-0000-4000-8000-000000000000')).toThrow();
    expect(() => cipher.decrypt(sealed, CONTEXT.replace('nir_enc', 'piece_identite_num_enc'))).toThrow();
    expect(() => cipher.decrypt(sealed.subarray(0, 20), CONTEXT)).toThrow();
  });

  it('when the key rotates, old values still open with the retired key, new ones use the new key, and an unknown key id is refused', () => {
    const oldKey = aKey(1);
    const before = new DataCipher(oldKey).encrypt(NIR, CONTEXT);
    const rotated = new DataCipher(aKey(2), [oldKey]);

    const after = rotated.encrypt(NIR, CONTEXT);

    expect(rotated.decrypt(before, CONTEXT)).toBe(NIR);
    expect(after[0]).toBe(2);
    expect(rotated.currentKeyId).toBe(2);
    expect(() => new DataCipher(aKey(3)).decrypt(after, CONTEXT)).toThrowError(/data key 2/);
  });

  it('when a key is not 32 bytes or its id not 1–255, the cipher refuses it', () => {
    expect(() => new DataCipher({ id: 1, key: randomBytes(16) })).toThrow();
    expect(() => new DataCipher({ id: 0, key: randomBytes(32) })).toThrow();
    expect(() => new DataCipher(aKey(1), [{ id: 256, key: randomBytes(32) }])).toThrow();
  });

  describe('configuration', () => {
    let dataDir: string;

    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'imilo-crypto-'));
    });

    afterEach(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('when in production without DATA_ENCRYPTION_KEY, the configuration is refused', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATA_DIR: dataDir })).toThrowError(/DATA_ENCRYPTION_KEY/);
    });

    it('when DATA_ENCRYPTION_KEY is not the base64 of 32 bytes, the configuration is refused without echoing it', () => {
      const short = randomBytes(16).toString('base64');

      expect(() => loadConfig({ DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: short })).toThrowError(/DATA_ENCRYPTION_KEY/);
      try {
        loadConfig({ DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: short });
      } catch (error) {
        expect((error as Error).message).not.toContain(short);
      }
    });

    it('when keys are given, the current one and the retired ones are read; a retired key may not reuse the current id', () => {
      const current = randomBytes(32);
      const retired = randomBytes(32);

      const config = loadConfig({
        ...productionEnv(),
        DATA_DIR: dataDir,
        DATA_ENCRYPTION_KEY: current.toString('base64'),
        DATA_ENCRYPTION_KEY_ID: '3',
        DATA_ENCRYPTION_RETIRED_KEYS: `2:${retired.toString('base64')}`,
      });

      expect(config.dataKeys.current).toEqual({ id: 3, key: current });
      expect(config.dataKeys.retired).toEqual([{ id: 2, key: retired }]);
      expect(() =>
        loadConfig({ DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: current.toString('base64'), DATA_ENCRYPTION_RETIRED_KEYS: `1:${retired.toString('base64')}` }),
      ).toThrowError(/reuses/);
    });

    it('when in development without a key, one is generated once under DATA_DIR (owner-only) and kept for later runs', () => {
      const first = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
      const second = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
      const file = join(dataDir, 'data-encryption-key');

      expect(first.dataKeys.current.key.length).toBe(32);
      expect(second.dataKeys.current.key.equals(first.dataKeys.current.key)).toBeTrue();
      expect(Buffer.from(readFileSync(file, 'utf8'), 'base64').equals(first.dataKeys.current.key)).toBeTrue();
      expect(statSync(file).mode & 0o777).toBe(0o600);
    });
  });
});
