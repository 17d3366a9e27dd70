import type { z } from 'zod';
import { type Capability, PROBLEM_CODES, type ProblemCode } from '@imilo/domain';

// The vocabulary of the OpenAPI document, shared by platform/openapi.ts and the features that describe their own
// operations next to their routers.

/** Who may call an operation: anyone, any signed-in user, or the holders of a capability. */
export type Access = 'public' | 'session' | Capability;

/** The extension that carries an operation's access, so that tests can compare it with the live router's guards. */
export const ACCESS_EXTENSION = 'x-imilo-access';

/** The extension listing every capability an operation accepts, when it accepts several (`x-imilo-access` is the first). */
export const ACCESS_ANY_EXTENSION = 'x-imilo-access-any';

/** The extension of a problem answer that lists the `code`s it may carry, so that tests can check them. */
export const CODES_EXTENSION = 'x-imilo-codes';

export const PROBLEMS = {
  400: 'Requête invalide : `errors` liste les champs en cause.',
  401: 'Non authentifié : pas de session, session expirée, ou identifiants refusés.',
  403: 'Accès refusé.',
  404: "Introuvable, ou hors des Missions Locales de l'utilisateur.",
  409: "Conflit avec l'état actuel.",
  413: 'Contenu trop volumineux.',
  415: 'Format de fichier non pris en charge (reconnu à son contenu, pas à son nom).',
  429: 'Trop de tentatives depuis cet appareil (en-tête `Retry-After`).',
} as const;

export type ProblemStatus = keyof typeof PROBLEMS;
export const STATUSES = Object.keys(PROBLEMS).map(Number) as ProblemStatus[];

/** The problem answers of an operation: each status with the codes it carries there. */
export type Problems = Readonly<Partial<Record<ProblemStatus, readonly ProblemCode[]>>>;

/** The union of problem answers: the codes of a status shared by several are listed once. */
export const problems = (...all: Problems[]): Problems =>
  Object.fromEntries(
    STATUSES.map((status) => [status, [...new Set(all.flatMap((answers) => answers[status] ?? []))]] as const).filter(
      ([, codes]) => codes.length > 0,
    ),
  );

export const C = PROBLEM_CODES;
/** A body or parameters checked by a shared schema. */
export const invalid: Problems = { 400: [C.validation] };
/** Any signed-in route: 401 without a session (or after it timed out). */
export const session: Problems = { 401: [C.unauthenticated] };
/** Every POST/PATCH: 403 without the CSRF token. */
export const csrf: Problems = { 403: [C.csrf] };
/** Routes behind the sign-in gates and a capability. */
export const gated: Problems = { 403: [C.passwordExpired, C.cguNotAccepted, C.forbidden] };
/** Sign-in and activation share a per-address throttle. */
export const throttled: Problems = { 429: [C.tooManyRequests] };

export interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  /** Other capabilities that also open the operation (the guard accepts any of them). */
  readonly alsoAccess?: readonly Capability[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** How the body travels; JSON unless told. */
  readonly bodyType?: 'multipart/form-data';
  readonly success: {
    readonly status: number;
    readonly description: string;
    readonly schema?: z.ZodType;
    /** The media types of the answer; JSON unless told. */
    readonly mediaTypes?: readonly string[];
  };
  readonly problems: Problems;
  /** Whether the write accepts an `Idempotency-Key` header (replayed once, answered as the first time). */
  readonly idempotent?: boolean;
}

/** How a schema gets its component name in the document. */
export type Named = <T extends z.ZodType>(name: string, schema: T) => T;

