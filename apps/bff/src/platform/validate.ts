import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { invalidFields } from './errors';

/** Turns zod issues into the problem's `errors` list. */
export const toFieldErrors = (error: z.ZodError) =>
  error.issues.map((issue) => ({
    path: issue.path.join('.') || '(corps)',
    message: issue.code === 'unrecognized_keys' ? `Champ(s) inconnu(s) : ${issue.keys.join(', ')}.` : issue.message,
  }));

/** Parses one request part with a shared schema, replacing it with the parsed value, or answers 400. */
const validate =
  (part: 'body' | 'params' | 'query') =>
  (schema: z.ZodType): RequestHandler =>
  (req, _res, next) => {
    const parsed = schema.safeParse(part === 'body' ? (req.body ?? {}) : req[part]);
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
