import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the loopback provider answers `POST /messages`: accepted (201 with an id), refused (400), down (503), or
 * never (the request hangs until the server closes).
 */
export type SmsProviderMode = 'success' | 'failure' | 'server-error' | 'timeout';

/** One request the provider received. */
export interface SmsProviderRequest {
  readonly path: string;
  readonly authorization: string | null;
  readonly contentType: string | null;
  readonly body: { readonly to?: unknown; readonly text?: unknown; readonly sender?: unknown };
}

/** The SMS provider API of features/notifications/sms-sender.ts, served on 127.0.0.1 (a fresh port). */
export const startLoopbackSms = async (initialMode: SmsProviderMode = 'success') => {
  let mode = initialMode;
  const requests: SmsProviderRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        path: `${req.method} ${req.url}`,
        authorization: req.headers.authorization ?? null,
        contentType: req.headers['content-type'] ?? null,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as SmsProviderRequest['body'],
      });
      switch (mode) {
        case 'success':
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sms-${randomUUID()}` }));
          return;
        case 'failure':
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid number' }));
          return;
        case 'server-error':
          res.writeHead(503).end();
          return;
        case 'timeout':
          hanging.push(res);
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    /** SMS_PROVIDER_URL for the BFF's configuration. */
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    setMode(next: SmsProviderMode): void {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        hanging.splice(0).forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** A running loopback SMS provider. */
export type LoopbackSms = Awaited<ReturnType<typeof startLoopbackSms>>;
