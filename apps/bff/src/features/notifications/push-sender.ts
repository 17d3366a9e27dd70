import webpush from 'web-push';
import { PUSH_PAYLOAD_MAX_BYTES } from '@imilo/domain';
import type { PushOptions, PushResult, PushSender, PushTarget } from './channels.port';

/** The VAPID identity the messages are signed with (RFC 8292). */
export interface VapidDetails {
  readonly publicKey: string;
  readonly privateKey: string;
  /** `mailto:` or https contact of the sender, for the push services. */
  readonly subject: string;
}

/** A push service that does not answer within this is counted as failed (the job retries later). */
export const PUSH_TIMEOUT_MS = 10_000;

/** RFC 8030 §5.4: a topic is at most 32 characters of the URL-safe base64 alphabet. */
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

/** How long a VAPID JWT is valid (web-push's own default; RFC 8292 §2 allows at most 24 hours). */
export const VAPID_VALIDITY_SECONDS = 12 * 3600;
/** A signed VAPID header is reused while more than this is left of its validity: signed again every 6 hours. */
const VAPID_RENEW_BEFORE_SECONDS = VAPID_VALIDITY_SECONDS / 2;

// web-push gives numbers (TTL, Content-Length); fetch computes the length of the body itself.
const headersOf = (headers: Readonly<Record<string, string | number>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-length').map(([name, value]) => [name, String(value)]));

/**
 * Sends web-push messages: web-push encrypts the payload (RFC 8291, aes128gcm) and signs the VAPID JWT; the request
 * itself goes through fetch, because web-push's own `sendNotification` only speaks https (so a loopback push service
 * in tests would need a trusted certificate) and has no overall deadline, only a socket idle timeout.
 *
 * The VAPID header is signed once per push service (its origin is the JWT's audience) and reused for half its
 * validity: an ES256 signature per message cost as much as the encryption itself in a burst of reminders, and
 * nothing in the JWT is about the message (RFC 8292 §2: the push services accept a token for many requests).
 */
export class WebPushSender implements PushSender {
  readonly publicKey: string;
  private readonly authorizations = new Map<string, { readonly header: string; readonly expiresAt: number }>();

  constructor(
    private readonly vapid: VapidDetails,
    private readonly timeoutMs = PUSH_TIMEOUT_MS,
  ) {
    this.publicKey = vapid.publicKey;
  }

  async send(target: PushTarget, payload: string, options: PushOptions): Promise<PushResult> {
    if (Buffer.byteLength(payload, 'utf8') > PUSH_PAYLOAD_MAX_BYTES) {
      return { ok: false, gone: false, status: null, reason: 'payload-too-large' };
    }
    if (options.topic !== undefined && !TOPIC.test(options.topic)) {
      throw new RangeError('a push topic is 1 to 32 base64url characters');
    }
    let request: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      // Without vapidDetails, web-push signs nothing and keeps the Authorization given among the headers.
      request = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { ...target.keys } }, payload, {
        headers: { Authorization: this.authorizationFor(new URL(target.endpoint).origin) },
        TTL: options.ttlSeconds,
        urgency: options.urgency ?? 'normal',
        ...(options.topic === undefined ? {} : { topic: options.topic }),
        contentEncoding: 'aes128gcm',
      });
    } catch {
      // web-push refuses keys that are not a P-256 point / 16-byte secret: the subscription can never work.
      return { ok: false, gone: true, status: null, reason: 'invalid-subscription' };
    }
    try {
      const response = await fetch(request.endpoint, {
        method: 'POST',
        headers: headersOf(request.headers),
        body: request.body === null ? null : new Uint8Array(request.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // The push service's answer body is of no use and may be large: released unread.
      await response.body?.cancel();
      if (response.ok) {
        return { ok: true, status: response.status };
      }
      const gone = response.status === 404 || response.status === 410;
      return { ok: false, gone, status: response.status, reason: gone ? 'subscription-gone' : `http-${response.status}` };
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return { ok: false, gone: false, status: null, reason: timedOut ? 'timeout' : 'network-error' };
    }
  }

  /** The `vapid t=…, k=…` header for a push service's origin, signed again when half its validity is gone. */
  private authorizationFor(audience: string): string {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const cached = this.authorizations.get(audience);
    if (cached && cached.expiresAt - nowSeconds > VAPID_RENEW_BEFORE_SECONDS) {
      return cached.header;
    }
    const expiresAt = nowSeconds + VAPID_VALIDITY_SECONDS;
    const { Authorization } = webpush.getVapidHeaders(audience, this.vapid.subject, this.vapid.publicKey, this.vapid.privateKey, 'aes128gcm', expiresAt);
    this.authorizations.set(audience, { header: Authorization, expiresAt });
    return Authorization;
  }
}
