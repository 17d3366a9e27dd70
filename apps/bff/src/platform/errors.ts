import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { loggedPath } from './logger';
import { type DomainError, PROBLEM_CODES, type ProblemCode, type ProblemFieldError } from '@imilo/domain';

/** An error the BFF expects and maps to an HTTP problem; anything else is a 500. Built by `problem` (below). */
export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly httpStatus: number,
    message: string,
    readonly errors?: readonly ProblemFieldError[],
    readonly headers: Readonly<Record<string, string>> = {},
    /** RFC 9457 extension members sent beside the standard ones (a 409's `current` state, a duplicate's candidates). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** How a problem code reads over HTTP. */
interface HttpMapping {
  /** Its status. */
  readonly status: number;
  /** Its status when it is about a field the caller names (then listed under `errors`); absent: the field is not named. */
  readonly fieldStatus?: 400;
  /** The `detail` of a problem whose message belongs to its field only. */
  readonly detail?: string;
}

const INVALID_FIELDS = 'Certaines informations sont invalides.';

/**
 * The HTTP answer of every problem code, domain failures and platform refusals alike: the one place where codes
 * meet statuses. The docs spec checks the OpenAPI document against it.
 */
const PROBLEM_HTTP: Readonly<Record<ProblemCode, HttpMapping>> = {
  [PROBLEM_CODES.validation]: { status: 400, fieldStatus: 400, detail: INVALID_FIELDS },
  [PROBLEM_CODES.weakPassword]: { status: 400, fieldStatus: 400 },
  [PROBLEM_CODES.passwordReused]: { status: 400, fieldStatus: 400 },
  // Refused on a form field of a signed-in user (the current password), a 401 would tell the PWA the session is gone.
  [PROBLEM_CODES.invalidCredentials]: { status: 401, fieldStatus: 400 },
  [PROBLEM_CODES.accessCodeExpired]: { status: 401 },
  [PROBLEM_CODES.accessCodeUsed]: { status: 401 },
  [PROBLEM_CODES.unauthenticated]: { status: 401 },
  [PROBLEM_CODES.forbidden]: { status: 403 },
  [PROBLEM_CODES.csrf]: { status: 403 },
  [PROBLEM_CODES.accessReasonRequired]: { status: 403 },
  [PROBLEM_CODES.passwordExpired]: { status: 403 },
  [PROBLEM_CODES.cguNotAccepted]: { status: 403 },
  [PROBLEM_CODES.notFound]: { status: 404 },
  [PROBLEM_CODES.conflict]: { status: 409 },
  [PROBLEM_CODES.idempotencyKeyReused]: { status: 409 },
  [PROBLEM_CODES.payloadTooLarge]: { status: 413 },
  [PROBLEM_CODES.unsupportedMediaType]: { status: 415 },
  [PROBLEM_CODES.tooManyRequests]: { status: 429 },
  [PROBLEM_CODES.internal]: { status: 500 },
};

/** The statuses a problem code may be answered with. */
export const statusesOf = (code: ProblemCode): number[] => {
  const { status, fieldStatus } = PROBLEM_HTTP[code];
  return [...new Set([status, ...(fieldStatus === undefined ? [] : [fieldStatus])])];
};

/**
 * The error answering a problem code, with its status from the table. Named by the caller, `field` is what the
 * problem is about: a 400 lists it under `errors` (`(corps)`: the body as a whole).
 */
export const problem = (
  code: ProblemCode,
  message: string,
  options: {
    readonly field?: string;
    readonly headers?: Readonly<Record<string, string>>;
    /** Extension members of the problem document; never personal data the caller may not read. */
    readonly extensions?: Readonly<Record<string, unknown>>;
  } = {},
): AppError => {
  const mapping = PROBLEM_HTTP[code];
  const status = options.field !== undefined && mapping.fieldStatus !== undefined ? mapping.fieldStatus : mapping.status;
  const errors = status === 400 ? [{ path: options.field ?? '(corps)', message }] : undefined;
  return new AppError(code, status, mapping.detail ?? message, errors, options.headers, options.extensions);
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Introuvable',
  409: 'Conflit',
  413: 'Requête trop volumineuse',
  415: 'Format non pris en charge',
  429: 'Trop de tentatives',
  500: 'Erreur interne',
  503: 'Service indisponible',
};

/** Sends the RFC 9457 problem document of an error, with its headers. */
const sendProblem = (res: Response, error: AppError): void => {
  for (const [name, value] of Object.entries(error.headers)) {
    res.setHeader(name, value);
  }
  const { code, httpStatus: status, message: detail, errors, extensions } = error;
  res
    .status(status)
    .type('application/problem+json')
    .json({
      ...extensions,
      type: `https://imilo.fr/problemes/${code}`,
      title: TITLES[status] ?? 'Erreur',
      status,
      detail,
      code,
      ...(errors ? { errors } : {}),
    });
};

/** Shorthands for the errors routes raise. */
export const notFound = (detail = "Cette ressource n'existe pas.") => problem(PROBLEM_CODES.notFound, detail);
export const forbidden = (detail = "Vous n'avez pas les droits nécessaires pour cette action.") => problem(PROBLEM_CODES.forbidden, detail);
export const unauthenticated = (detail = 'Veuillez vous connecter.') => problem(PROBLEM_CODES.unauthenticated, detail);
export const conflict = (detail: string) => problem(PROBLEM_CODES.conflict, detail);
export const invalidField = (path: string, message: string) => problem(PROBLEM_CODES.validation, message, { field: path });

/** The 400 of a request part that failed its schema, one entry per failing field. */
export const invalidFields = (errors: readonly ProblemFieldError[], detail = INVALID_FIELDS): AppError =>
  new AppError(PROBLEM_CODES.validation, PROBLEM_HTTP[PROBLEM_CODES.validation].status, detail, errors);

/**
 * The problem for a failure a domain rule returned: its code is kept, and a failure about a form field names it
 * (a 400 without one is about the body as a whole).
 */
export const fromDomainError = (error: DomainError, field?: string): AppError => problem(error.code, error.message, { field });

/** 404 for any `/api` URL no router answered. */
export const apiNotFoundHandler: RequestHandler = (_req, res) => {
  sendProblem(res, notFound("Cette adresse de l'API n'existe pas."));
};

interface HttpishError {
  status?: number;
  type?: string;
}

/** The last middleware: logs and answers a problem document; never a stack or SQL. */
export const errorHandler = (logger: Logger): ErrorRequestHandler => (err: unknown, req, res, _next) => {
  if (err instanceof AppError) {
    sendProblem(res, err);
    return;
  }
  // body-parser signals malformed or oversized bodies through these fields.
  const httpish = err as HttpishError;
  if (httpish.type === 'entity.too.large') {
    sendProblem(res, problem(PROBLEM_CODES.payloadTooLarge, 'Le contenu envoyé est trop volumineux.'));
    return;
  }
  if (httpish.type === 'entity.parse.failed') {
    sendProblem(res, invalidFields([], "Le contenu envoyé n'est pas un JSON valide."));
    return;
  }
  logger.error({ err, method: req.method, url: loggedPath(req.originalUrl) }, 'unhandled error');
  sendProblem(res, problem(PROBLEM_CODES.internal, 'Une erreur inattendue est survenue. Réessayez plus tard.'));
};
