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

// web-push gives numbers (TTL, Content-Length); fetch computes the length of the body itself.
const headersOf = (headers: Readonly<Record<string, string | number>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-length').map(([name, value]) => [name, String(value)]));

/**
 * Sends web-push messages: web-push encrypts the payload (RFC 8291, aes128gcm) and signs the VAPID JWT; the request
 * itself goes through fetch, because web-push's own `sendNotification` only speaks https (so a loopback push service
 * in tests would need a trusted certificate) and has no overall deadline, only a socket idle timeout.
 */
export class WebPushSender implements PushSender {
  readonly publicKey: string;

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
      request = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { ...target.keys } }, payload, {
        vapidDetails: { ...this.vapid },
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
}
