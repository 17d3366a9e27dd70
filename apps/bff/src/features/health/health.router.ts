import { Router } from 'express';
import type { AppContext } from '../../app-context';

/** `GET /api/health`: for load balancers and monitors; 503 when the database does not answer. */
export const healthRouter = (ctx: AppContext): Router => {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const db = await ctx.db.sequelize.query('SELECT 1').then(
      () => 'ok' as const,
      (err: unknown) => {
        ctx.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'health: database unreachable');
        return 'down' as const;
      },
    );
    res.status(db === 'ok' ? 200 : 503).json({ status: db === 'ok' ? 'ok' : 'degraded', db, version: ctx.config.version });
  });
  return router;
};
