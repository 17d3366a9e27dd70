import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults are argon2id with the OWASP parameters (m=19 MiB, t=2, p=1).

/** Hashes a secret (password or access code) with argon2id. */
export const hashSecret = (secret: string): Promise<string> => hash(secret);

/** Whether the secret matches the hash. */
export const verifySecret = (secretHash: string, secret: string): Promise<boolean> => verify(secretHash, secret);

// Verified against when the login is unknown, so that the answer takes as long as for a real account.
let decoyHash: Promise<string> | null = null;

/** Spends the time a real verification would take, for logins that do not exist. */
export const verifyDecoy = async (secret: string): Promise<void> => {
  decoyHash ??= hash('imilo-decoy-password');
  await verify(await decoyHash, secret);
};
