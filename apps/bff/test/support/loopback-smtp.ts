import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One e-mail the loopback SMTP server accepted, parsed as a mail client would. */
export interface ReceivedMail {
  /** The SMTP envelope (RCPT TO). */
  readonly recipients: readonly string[];
  /** The login the client authenticated with, or null. */
  readonly user: string | null;
  readonly subject: string;
  readonly from: string;
  /** The To header's addresses. */
  readonly to: readonly string[];
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly { readonly filename: string | null; readonly contentType: string; readonly content: string }[];
  /** The whole MIME message, for what parsing hides (the `text/calendar; method=…` alternative). */
  readonly raw: string;
}

/** Credentials the loopback server accepts (any other is refused with 535). */
export const SMTP_TEST_USER = { user: 'imilo', pass: 'loopback-secret' };

const addresses = (field: ParsedMail['to']): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((address) => address.address ?? ''));

/**
 * A real SMTP server (smtp-server) on 127.0.0.1, plain text (no TLS), accepting the test credentials: the e-mails
 * nodemailer sends are received, parsed (mailparser) and kept for the test to read. A message is in `received`
 * before the server answers 250, so before the sender's promise resolves.
 */
export const startLoopbackSmtp = async () => {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_TEST_USER.user && auth.password === SMTP_TEST_USER.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Identifiants refusés'), { responseCode: 535 }));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            received.push({
              recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              user: typeof session.user === 'string' ? session.user : null,
              subject: mail.subject ?? '',
              from: mail.from?.text ?? '',
              to: addresses(mail.to),
              text: mail.text ?? '',
              html: mail.html || '',
              attachments: mail.attachments.map((attachment) => ({
                filename: attachment.filename ?? null,
                contentType: attachment.contentType,
                content: attachment.content.toString('utf8'),
              })),
              raw: raw.toString('utf8'),
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    /** SMTP_URL for the BFF's configuration. */
    url: `smtp://${SMTP_TEST_USER.user}:${SMTP_TEST_USER.pass}@127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** A running loopback SMTP server. */
export type LoopbackSmtp = Awaited<ReturnType<typeof startLoopbackSmtp>>;
