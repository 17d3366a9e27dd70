import { createDecipheriv, createECDH, createHmac, createPublicKey, type ECDH, randomBytes, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// A push service on loopback that does what Mozilla's and Google's do with a request, and what the browser then
// does with the message: checks the VAPID authorization (RFC 8292) and decrypts the aes128gcm body (RFC 8188 with
// the key derivation of RFC 8291) with the subscription's private key. Written from the RFCs with node:crypto only,
// so that it proves the sender's real encryption rather than agreeing with the library that produced it.

/** A subscription as the browser hands it to the page (`PushSubscription.toJSON()`). */
export interface BrowserSubscription {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

/** One request the push service received. */
export interface PushDelivery {
  readonly subscriptionId: string;
  /** What was wrong with the request (empty when it was a valid web-push message). */
  readonly problems: readonly string[];
  /** The decrypted payload, when decryption succeeded. */
  readonly plaintext: string | null;
  readonly headers: { readonly ttl: string | null; readonly urgency: string | null; readonly topic: string | null; readonly contentEncoding: string | null };
  /** The VAPID JWT (`t`), its claims and the public key (`k`) it came with. */
  readonly vapid: { readonly jwt: string | null; readonly claims: Record<string, unknown> | null; readonly publicKey: string | null };
  /** What the service answered. */
  readonly status: number;
}

const b64url = (buffer: Buffer): string => buffer.toString('base64url');

const hmac = (key: Buffer, data: Buffer): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 5869 HKDF-Expand for one block (≤ 32 bytes), all RFC 8291 needs. */
const expand = (prk: Buffer, info: Buffer, length: number): Buffer => hmac(prk, Buffer.concat([info, Buffer.from([1])])).subarray(0, length);

/** The browser's side of RFC 8291 + RFC 8188: one record (push messages are at most 4 KB). */
const decryptAes128gcm = (body: Buffer, receiver: ECDH, authSecret: Buffer): string => {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body.readUInt8(20);
  const senderPublicKey = body.subarray(21, 21 + keyIdLength);
  const record = body.subarray(21 + keyIdLength);
  if (keyIdLength !== 65 || record.length > recordSize) {
    throw new Error(`unexpected header: keyid of ${keyIdLength} bytes, record of ${record.length} / ${recordSize}`);
  }
  const ecdhSecret = receiver.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiver.getPublicKey(), senderPublicKey]);
  const ikm = expand(hmac(authSecret, ecdhSecret), keyInfo, 32);
  const prk = hmac(salt, ikm);
  const cek = expand(prk, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = expand(prk, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 followed by zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) {
    end--;
  }
  if (padded[end] !== 2) {
    throw new Error('no last-record delimiter');
  }
  return padded.subarray(0, end).toString('utf8');
};

/** Checks `Authorization: vapid t=<jwt>, k=<key>`: ES256 signature by k, aud = the endpoint's origin, exp ahead. */
const checkVapid = (authorization: string | undefined, origin: string, problems: string[]): PushDelivery['vapid'] => {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match) {
    problems.push('no VAPID authorization');
    return { jwt: null, claims: null, publicKey: null };
  }
  const [, jwt, k] = match as unknown as [string, string, string];
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) {
    problems.push('k is not an uncompressed P-256 point');
    return { jwt, claims, publicKey: k };
  }
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) }, format: 'jwk' });
  const signed = verify('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!signed) {
    problems.push('the JWT signature does not verify with k');
  }
  if ((JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string }).alg !== 'ES256') {
    problems.push('the JWT is not ES256');
  }
  if (claims['aud'] !== origin) {
    problems.push(`aud ${String(claims['aud'])} is not ${origin}`);
  }
  const now = Date.now() / 1000;
  if (typeof claims['exp'] !== 'number' || claims['exp'] <= now || claims['exp'] > now + 24 * 3600) {
    problems.push('exp is not within the next 24 hours');
  }
  if (typeof claims['sub'] !== 'string' || !/^(mailto:|https:)/.test(claims['sub'])) {
    problems.push('sub is not a mailto: or https: contact');
  }
  return { jwt, claims, publicKey: k };
};

const bodyOf = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

interface Subscriber {
  readonly ecdh: ECDH;
  readonly auth: Buffer;
  answer: number;
}

/** Starts the loopback push service on 127.0.0.1 (a fresh port). */
export const startLoopbackPush = async () => {
  const subscribers = new Map<string, Subscriber>();
  const deliveries: PushDelivery[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const id = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1] ?? '';
      const subscriber = subscribers.get(id);
      const body = await bodyOf(req);
      if (req.method !== 'POST' || !subscriber) {
        res.writeHead(404).end();
        return;
      }
      const problems: string[] = [];
      const vapid = checkVapid(req.headers.authorization, origin, problems);
      if (req.headers['content-encoding'] !== 'aes128gcm') {
        problems.push(`Content-Encoding ${req.headers['content-encoding']}`);
      }
      if (req.headers['ttl'] === undefined) {
        problems.push('no TTL');
      }
      let plaintext: string | null = null;
      try {
        plaintext = decryptAes128gcm(body, subscriber.ecdh, subscriber.auth);
      } catch (error) {
        problems.push(`cannot decrypt: ${(error as Error).message}`);
      }
      const status = problems.length > 0 ? 400 : subscriber.answer;
      deliveries.push({
        subscriptionId: id,
        problems,
        plaintext,
        headers: {
          ttl: req.headers['ttl']?.toString() ?? null,
          urgency: req.headers['urgency']?.toString() ?? null,
          topic: req.headers['topic']?.toString() ?? null,
          contentEncoding: req.headers['content-encoding'] ?? null,
        },
        vapid,
        status,
      });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? '' : 'push service answer');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    deliveries,
    /**
     * What a browser does on `pushManager.subscribe()`: a P-256 key pair and a 16-byte auth secret, kept by the
     * "browser" (here, the service) to decrypt; the page gets the endpoint and the public parts, base64url.
     * `answer`: what the service answers to messages for it (201; 404 or 410 for a subscription that is gone).
     */
    aBrowserSubscription(answer = 201): BrowserSubscription & { readonly id: string } {
      const id = randomUUID();
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      subscribers.set(id, { ecdh, auth, answer });
      return { id, endpoint: `${origin}/push/${id}`, keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) } };
    },
    /** Changes what the service answers for a subscription (the user revoked it: 410). */
    answer(subscriptionId: string, status: number): void {
      subscribers.get(subscriptionId)!.answer = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** A running loopback push service. */
export type LoopbackPush = Awaited<ReturnType<typeof startLoopbackPush>>;
