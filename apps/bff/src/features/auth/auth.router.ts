import { type Request, type RequestHandler, type Response, Router } from 'express';
import { loginSchema, PROBLEM_CODES } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { AppError, unauthenticated } from '../../platform/errors';
import { newCsrfToken, SESSION_COOKIE, XSRF_COOKIE } from '../../platform/session';
import type { SessionUser } from '../../platform/session-user';
import { principalMissionLocaleId } from '../../platform/tenancy';
import { validateBody } from '../../platform/validate';
import { toMe } from '../me/me.service';
import type { PassportInstance, SignInRefusal } from './passport';

const INVALID_CREDENTIALS = 'Identifiant ou mot de passe incorrect, ou compte temporairement bloqué.';

/**
 * Opens a session for the user: passport regenerates the session id (no fixation), then a new CSRF token
 * and the session clocks are set, and the `/me` view is answered.
 */
export const openSession = async (ctx: AppContext, req: Request, res: Response, user: SessionUser): Promise<void> => {
  await new Promise<void>((resolve, reject) => req.login(user, (err) => (err ? reject(err) : resolve())));
  const now = ctx.clock.now().getTime();
  req.session.createdAt = now;
  req.session.lastSeenAt = now;
  req.session.csrfToken = newCsrfToken();
  res.cookie(XSRF_COOKIE, req.session.csrfToken, { httpOnly: false, sameSite: 'lax', secure: ctx.config.env === 'production', path: '/' });
  res.json(toMe(user, ctx.clock, ctx.config.passwordLifetimeDays));
};

/** The audit fields of a request made by (or about) a user. */
export const auditActor = (req: Request, user: Pick<SessionUser, 'id'> | null) => ({
  actorId: user?.id ?? null,
  missionLocaleId: principalMissionLocaleId(req),
  ...requestOrigin(req),
});

/** Sign-in, sign-out and the CSRF bootstrap. */
export const authRouter = (ctx: AppContext, passport: PassportInstance, hooks: { throttle: RequestHandler }): Router => {
  const router = Router();

  // The PWA calls this once at start so that its first POST carries a token.
  router.get('/auth/csrf', (_req, res) => {
    res.status(204).end();
  });

  router.post('/auth/login', hooks.throttle, validateBody(loginSchema), async (req, res) => {
    const outcome = await new Promise<SessionUser | SignInRefusal>((resolve, reject) => {
      passport.authenticate('local', { session: false }, (err: unknown, user: SessionUser | false, refusal: SignInRefusal) =>
        err ? reject(err) : resolve(user || refusal),
      )(req, res, reject);
    });
    if ('reason' in outcome) {
      await ctx.audit.record({
        action: 'auth.login',
        outcome: 'failure',
        ...auditActor(req, outcome.userId ? { id: outcome.userId } : null),
        targetType: 'utilisateur',
        targetId: outcome.userId ?? undefined,
        details: { reason: outcome.reason },
      });
      throw new AppError(PROBLEM_CODES.invalidCredentials, 401, INVALID_CREDENTIALS);
    }
    await ctx.audit.record({
      action: 'auth.login',
      outcome: 'success',
      ...auditActor(req, outcome),
      targetType: 'utilisateur',
      targetId: outcome.id,
    });
    await openSession(ctx, req, res, outcome);
  });

  router.post('/auth/logout', async (req, res) => {
    const user = req.user;
    if (!user) {
      throw unauthenticated();
    }
    await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
    await ctx.audit.record({ action: 'auth.logout', outcome: 'success', ...auditActor(req, user), targetType: 'utilisateur', targetId: user.id });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(XSRF_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return router;
};
