// The three ways a message reaches a jeune (or a conseiller), each behind an interface: the real adapters (web-push,
// an HTTP SMS provider, nodemailer over SMTP) and the development ones (SMS outbox, mails as files) implement them;
// the notifier only ever sees these.

/** A browser's push subscription, as stored. */
export interface PushTarget {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

/** What the push service answered: `gone` (404/410) means the subscription is dead and must be deleted. */
export type PushResult =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly gone: boolean; readonly status: number | null; readonly reason: string };

export interface PushOptions {
  /** How long the push service keeps an undelivered message. */
  readonly ttlSeconds: number;
  readonly urgency?: 'low' | 'normal' | 'high';
  /** A newer message with the same topic replaces an undelivered older one. */
  readonly topic?: string;
}

/** Sends one encrypted (RFC 8291) web-push message signed with the VAPID key (RFC 8292). */
export interface PushSender {
  /** The VAPID public key (base64url) browsers subscribe with. */
  readonly publicKey: string;
  send(target: PushTarget, payload: string, options: PushOptions): Promise<PushResult>;
}

/** One SMS: the text is already GSM-7 (toGsm7). */
export interface SmsMessage {
  readonly missionLocaleId: string;
  /** E.164 (`+33612345678`, `+262692123456`). */
  readonly to: string;
  readonly text: string;
}

/** What the SMS provider answered; `retryable` for timeouts and 5xx. */
export type SmsResult =
  | { readonly ok: true; readonly providerRef: string }
  | { readonly ok: false; readonly reason: string; readonly retryable: boolean };

/** Sends SMS through the configured provider (or the development outbox). */
export interface SmsSender {
  send(message: SmsMessage): Promise<SmsResult>;
}

/** One e-mail, in French, as text and HTML, with an optional calendar attachment. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** An .ics (RFC 5545 text) sent as `text/calendar; method=…` so calendar clients offer to add / remove it. */
  readonly ics?: { readonly method: 'REQUEST' | 'CANCEL'; readonly content: string };
}

export type MailResult = { readonly ok: true; readonly messageId: string } | { readonly ok: false; readonly reason: string };

/** Sends e-mails over SMTP (or writes them as files in development). */
export interface MailSender {
  send(message: MailMessage): Promise<MailResult>;
}

/** The channels as the notifier receives them. */
export interface Channels {
  readonly push: PushSender;
  readonly sms: SmsSender;
  readonly mail: MailSender;
}
