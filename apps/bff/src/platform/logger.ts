import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Paths never written to the logs: credentials, access codes, session ids, NIR and the like
 * (décret 2015-59: logs must not become a second copy of personal data).
 */
export const REDACTED_PATHS = [
  'password', 'newPassword', 'currentPassword', 'code', 'accessCode', 'nir', 'pieceIdentiteNumero', 'valeur', 'token',
  '*.password', '*.newPassword', '*.currentPassword', '*.code', '*.accessCode', '*.nir', '*.pieceIdentiteNumero', '*.valeur',
  '*.token',
  'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-xsrf-token"]',
  'res.headers["set-cookie"]', 'req.body', 'req.query',
];

/**
 * A request's path as logged: never its query (search terms about jeunes), and a calendar feed's secret masked (the
 * path of `/api/v1/ics/<token>.ics` is the credential, #5).
 */
export const loggedPath = (url: string): string => url.split('?')[0]!.replace(/\/ics\/[^/]+\.ics$/, '/ics/…ics');

/** Builds the structured logger; tests pass a destination to read what was written. */
export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino({ level, redact: { paths: REDACTED_PATHS, censor: '[caché]' } }, destination);
