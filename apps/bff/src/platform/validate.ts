import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { invalidFields } from './errors';

/** Turns zod issues into the problem's `errors` list. */
export const toFieldErrors = (error: z.ZodError) =>
  error.issues.map((issue) => ({
    path: issue.path.join('.') || '(corps)',
    message: issue.code === 'unrecognized_keys' ? `Champ(s) inconnu(s) : ${issue.keys.join(', ')}.` : issue.message,
  }));

// PostgreSQL text and jsonb refuse the NUL character, and jsonb an unpaired surrogate (`"\ud800"` is valid JSON):
// such a string would fail the INSERT with a 500. Nobody types them; a 400 names the field instead, on every route.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const unstorablePaths = (value: unknown, path: readonly string[]): string[] => {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value) ? [path.join('.') || '(corps)'] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => unstorablePaths(item, [...path, String(index)]));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => unstorablePaths(item, [...path, key]));
  }
  return [];
};

/**
 * Parses one request part with a shared schema, replacing it with the parsed value, or answers 400 (also when a
 * string holds a character the database cannot store, before the schema runs).
 */
const validate =
  (part: 'body' | 'params' | 'query') =>
  (schema: z.ZodType): RequestHandler =>
  (req, _res, next) => {
    const input: unknown = part === 'body' ? (req.body ?? {}) : req[part];
    const unstorable = unstorablePaths(input, []);
    if (unstorable.length > 0) {
      throw invalidFields(unstorable.map((path) => ({ path, message: 'Ce texte contient un caractère non autorisé.' })));
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      throw invalidFields(toFieldErrors(parsed.error));
    }
    if (part === 'body') {
      req.body = parsed.data;
    } else {
      validatedParts(req)[part] = parsed.data;
    }
    next();
  };

// Express 5 makes req.query a read-only getter, so parsed params and query are kept beside the request.
const validatedParts = (req: Parameters<RequestHandler>[0]): Record<string, unknown> => {
  const holder = req as unknown as { validated?: Record<string, unknown> };
  holder.validated ??= {};
  return holder.validated;
};

/** Validates the JSON body. */
export const validateBody = validate('body');
/** Validates the route parameters. */
export const validateParams = validate('params');
/** Validates the query string. */
export const validateQuery = validate('query');

/** The value a `validateParams`/`validateQuery` step parsed. */
export const validated = <T>(req: Parameters<RequestHandler>[0], part: 'params' | 'query'): T =>
  validatedParts(req)[part] as T;
