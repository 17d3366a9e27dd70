import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { type DomainError, PROBLEM_CODES, type ProblemFieldError } from '@imilo/domain';

/** An error the BFF expects and maps to an HTTP problem; anything else is a 500. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    readonly errors?: readonly ProblemFieldError[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Introuvable',
  409: 'Conflit',
  410: 'Expiré',
  413: 'Requête trop volumineuse',
  415: 'Format non pris en charge',
  429: 'Trop de tentatives',
  500: 'Erreur interne',
  503: 'Service indisponible',
};

/** Sends an RFC 9457 problem document. */
export const sendProblem = (
  res: Response,
  status: number,
  code: string,
  detail: string,
  errors?: readonly ProblemFieldError[],
): void => {
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: `https://imilo.fr/problemes/${code}`, title: TITLES[status] ?? 'Erreur', status, detail, code, ...(errors ? { errors } : {}) });
};

/** Shorthands for the errors routes raise. */
export const notFound = (detail = "Cette ressource n'existe pas.") => new AppError(PROBLEM_CODES.notFound, 404, detail);
export const forbidden = (detail = "Vous n'avez pas les droits nécessaires pour cette action.") =>
  new AppError(PROBLEM_CODES.forbidden, 403, detail);
export const unauthenticated = (detail = 'Veuillez vous connecter.') => new AppError(PROBLEM_CODES.unauthenticated, 401, detail);
export const conflict = (detail: string) => new AppError(PROBLEM_CODES.conflict, 409, detail);
export const invalidField = (path: string, message: string) =>
  new AppError(PROBLEM_CODES.validation, 400, 'Certaines informations sont invalides.', [{ path, message }]);

/** The HTTP status of each failure code a domain rule may return: the one place rules meet HTTP. */
const DOMAIN_STATUS: Readonly<Record<string, number>> = {
  [PROBLEM_CODES.validation]: 400,
  [PROBLEM_CODES.forbidden]: 403,
  [PROBLEM_CODES.notFound]: 404,
  [PROBLEM_CODES.conflict]: 409,
};

/** The problem for a failure a domain rule returned; a 400 names the field it is about. */
export const fromDomainError = (error: DomainError, field = '(corps)'): AppError => {
  const status = DOMAIN_STATUS[error.code];
  if (status === undefined) {
    throw new Error(`domain failure code without an HTTP status: ${error.code}`);
  }
  return status === 400 ? invalidField(field, error.message) : new AppError(error.code, status, error.message);
};

/** 404 for any `/api` URL no router answered. */
export const apiNotFoundHandler: RequestHandler = (_req, res) => {
  sendProblem(res, 404, PROBLEM_CODES.notFound, "Cette adresse de l'API n'existe pas.");
};

interface HttpishError {
  status?: number;
  type?: string;
}

/** The last middleware: logs and answers a problem document; never a stack or SQL. */
export const errorHandler = (logger: Logger): ErrorRequestHandler => (err: unknown, req, res, _next) => {
  if (err instanceof AppError) {
    for (const [name, value] of Object.entries(err.headers)) {
      res.setHeader(name, value);
    }
    sendProblem(res, err.httpStatus, err.code, err.message, err.errors);
    return;
  }
  // body-parser signals malformed or oversized bodies through these fields.
  const httpish = err as HttpishError;
  if (httpish.type === 'entity.too.large') {
    sendProblem(res, 413, PROBLEM_CODES.payloadTooLarge, 'Le contenu envoyé est trop volumineux.');
    return;
  }
  if (httpish.type === 'entity.parse.failed') {
    sendProblem(res, 400, PROBLEM_CODES.validation, "Le contenu envoyé n'est pas un JSON valide.", []);
    return;
  }
  logger.error({ err, method: req.method, url: req.originalUrl.split('?')[0] }, 'unhandled error');
  sendProblem(res, 500, PROBLEM_CODES.internal, 'Une erreur inattendue est survenue. Réessayez plus tard.');
};
