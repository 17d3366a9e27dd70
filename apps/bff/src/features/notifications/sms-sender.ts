import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import { smsSegments, toGsm7 } from '@imilo/domain';
import type { SmsMessage, SmsResult, SmsSender } from './channels.port';

/** Where and how the HTTP provider is reached (from the configuration). */
export interface SmsProvider {
  readonly url: string;
  readonly token: string;
  readonly sender: string | null;
  readonly timeoutMs: number;
}

/**
 * The SMS provider's API, as this adapter speaks it (a provider is plugged in by exposing it, or through a small
 * gateway that does):
 *
 *   POST {SMS_PROVIDER_URL}/messages
 *   Authorization: Bearer {SMS_PROVIDER_TOKEN}
 *   Content-Type: application/json
 *   { "to": "+33612345678", "text": "…GSM-7…", "sender": "MissionLoc" | null }
 *
 *   200 or 201 { "id": "<the provider's reference>" }  accepted;
 *   4xx                                             refused (bad number, bad text, bad token): not retried;
 *   5xx, no answer within SMS_PROVIDER_TIMEOUT_MS   the job retries later.
 *
 * Neither the number nor the text is ever logged or put in a reason.
 */
export class HttpSmsSender implements SmsSender {
  constructor(private readonly provider: SmsProvider) {}

  async send(message: SmsMessage): Promise<SmsResult> {
    let response: Response;
    try {
      response = await fetch(`${this.provider.url}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.provider.token}`, 'content-type': 'application/json', accept: 'application/json' },
        // The notifier hands GSM-7 already; a stray character must not switch the whole SMS to UCS-2 (billed 2-3×).
        body: JSON.stringify({ to: message.to, text: toGsm7(message.text).text, sender: this.provider.sender }),
        signal: AbortSignal.timeout(this.provider.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return { ok: false, reason: timedOut ? 'timeout' : 'network-error', retryable: true };
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      return { ok: false, reason: `http-${response.status}`, retryable: true };
    }
    if (response.status !== 200 && response.status !== 201) {
      await response.body?.cancel();
      return { ok: false, reason: `http-${response.status}`, retryable: false };
    }
    const body = (await response.json().catch(() => null)) as { id?: unknown } | null;
    if (typeof body?.id !== 'string' || body.id === '') {
      // Accepted without a reference: sent, but the delivery log cannot follow it; retrying would send it twice.
      return { ok: false, reason: 'no-provider-id', retryable: false };
    }
    return { ok: true, providerRef: body.id };
  }
}

/**
 * The development SMS adapter: the message lands in the Mission Locale's outbox (table sms_boite_dev, shown in the
 * Admin portal) instead of a phone. Logged by its id only.
 */
export class DevOutboxSmsSender implements SmsSender {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly logger: Logger,
  ) {}

  async send(message: SmsMessage): Promise<SmsResult> {
    const id = randomUUID();
    const text = toGsm7(message.text).text;
    await this.sequelize.query(
      `INSERT INTO sms_boite_dev (id, mission_locale_id, destinataire, texte, segments) VALUES ($1, $2, $3, $4, $5)`,
      { bind: [id, message.missionLocaleId, message.to, text, smsSegments(text).segments] },
    );
    this.logger.info({ smsId: id }, 'SMS written to the development outbox');
    return { ok: true, providerRef: `dev-${id}` };
  }
}
