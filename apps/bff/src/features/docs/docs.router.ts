import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { buildOpenApiDocument } from '../../platform/openapi';

/** `GET /api/docs`: the OpenAPI document, public like the API's shape (no data). */
export const docsRouter = (ctx: AppContext): Router => {
  const document = buildOpenApiDocument(ctx.config.version);
  const router = Router();
  router.get('/docs', (_req, res) => {
    res.json(document);
  });
  return router;
};
