import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express, type RequestHandler, Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './app-context';
import { authRouter } from './features/auth/auth.router';
import { createPassport } from './features/auth/passport';
import { docsRouter } from './features/docs/docs.router';
import { healthRouter } from './features/health/health.router';
import { meRouter } from './features/me/me.router';
import { apiNotFoundHandler, errorHandler } from './platform/errors';
import { requireGatesPassed, requireUser } from './platform/guards';
import { loggedPath } from './platform/logger';
import { csrfProtection, sessionMiddleware, sessionTimeouts } from './platform/session';

/** Routers a feature mounts under `/api/v1`, before or after the sign-in gates. */
export interface FeatureRouters {
  /** Reachable while the password is expired or the CGU not accepted (auth, me, cgu). */
  readonly ungated: readonly Router[];
  /** Everything else: behind a session and the gates. */
  readonly gated: readonly Router[];
  /** Rate limiting of sign-in and activation. */
  readonly throttle: RequestHandler;
}

const NO_CACHE = /(?:^|\/)(?:index\.html|ngsw\.json|ngsw-worker\.js|sw\.js|safety-worker\.js|manifest\.webmanifest)$/;

/** Serves the built PWA: hashed assets cached for a year, the shell and the service worker never. */
const pwa = (dist: string): Router => {
  const router = Router();
  router.use(
    express.static(dist, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', NO_CACHE.test(path) ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    }),
  );
  router.get(/^(?!\/api(?:\/|$)).*/, (_req, res) => {
    const index = resolve(dist, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send("L'application web n'est pas construite : lancez npm run build.");
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
};

/** Builds the Express application: security headers, sessions, CSRF, the API and the PWA. */
export const createApp = (ctx: AppContext, features: FeatureRouters): Express => {
  const production = ctx.config.env === 'production';
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // Angular inserts component styles at run time; scripts stay strictly 'self'.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'worker-src': ["'self'"],
          'manifest-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
          'upgrade-insecure-requests': production ? [] : null,
        },
      },
      strictTransportSecurity: production,
    }),
  );
  // The PWA's scripts are text: compressed, the sign-in page's JS shrinks about fourfold on a jeune's phone network.
  app.use(compression());
  app.use(
    pinoHttp({
      logger: ctx.logger,
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: loggedPath(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(express.json({ limit: '100kb' }));
  app.use(cookieParser());

  app.use('/api', healthRouter(ctx), docsRouter(ctx));

  const passport = createPassport(ctx);
  const api = Router();
  api.use(sessionMiddleware({ pool: ctx.db.pool, secret: ctx.config.sessionSecret, secure: production }));
  api.use(passport.initialize());
  api.use(passport.session());
  api.use(sessionTimeouts(ctx.clock));
  api.use(csrfProtection(production));
  api.use(authRouter(ctx, passport, { throttle: features.throttle }));
  api.use(meRouter(ctx));
  for (const router of features.ungated) {
    api.use(router);
  }
  api.use(requireUser, requireGatesPassed(ctx.clock, ctx.config.passwordLifetimeDays));
  for (const router of features.gated) {
    api.use(router);
  }
  app.use('/api/v1', api);
  app.use('/api', apiNotFoundHandler);
  app.use(pwa(ctx.config.webDist));
  app.use(errorHandler(ctx.logger));
  return app;
};
