import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { MailMessage, MailResult, MailSender } from './channels.port';

/** An SMTP server that does not answer within this is counted as failed (the job retries later). */
const SMTP_TIMEOUT_MS = 10_000;

type Envelope = Parameters<ReturnType<typeof nodemailer.createTransport>['sendMail']>[0];

/**
 * The message as nodemailer composes it: text and HTML alternatives; the .ics, when there is one, both as a
 * `text/calendar; method=…` alternative (calendar clients offer "add" / "remove" from it) and as the attachment
 * `invitation.ics` (for the clients that only look at attachments).
 */
const envelopeOf = (from: string, message: MailMessage): Envelope => ({
  from,
  to: message.to,
  subject: message.subject,
  text: message.text,
  html: message.html,
  ...(message.ics ? { icalEvent: { method: message.ics.method, filename: 'invitation.ics', content: message.ics.content } } : {}),
});

/** Sends e-mails over SMTP (`smtp://user:pass@host:port`, or `smtps://`). */
export class SmtpMailSender implements MailSender {
  private readonly transport;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
  }

  async send(message: MailMessage): Promise<MailResult> {
    try {
      const info = await this.transport.sendMail(envelopeOf(this.from, message));
      return { ok: true, messageId: info.messageId };
    } catch (error) {
      // The SMTP reply code is enough to tell a refusal from an outage; the server's text may quote the address.
      const code = (error as { responseCode?: unknown; code?: unknown }).responseCode ?? (error as { code?: unknown }).code;
      return { ok: false, reason: typeof code === 'number' || typeof code === 'string' ? `smtp-${code}` : 'smtp-error' };
    }
  }
}

/**
 * The development mail adapter: each e-mail is composed exactly as it would be sent and written as an .eml file
 * under `DATA_DIR/mails` (any mail client opens it). Logged by its file id only.
 */
export class FileMailSender implements MailSender {
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(
    private readonly directory: string,
    private readonly from: string,
    private readonly logger: Logger,
  ) {}

  async send(message: MailMessage): Promise<MailResult> {
    const info = await this.transport.sendMail(envelopeOf(this.from, message));
    const id = randomUUID();
    await mkdir(this.directory, { recursive: true });
    await writeFile(resolve(this.directory, `${id}.eml`), info.message as Buffer, { mode: 0o600 });
    this.logger.info({ mailId: id }, 'e-mail written to the development mail folder');
    return { ok: true, messageId: info.messageId };
  }
}
