import { type Request, type RequestHandler, type Response, Router } from 'express';
import { activateSchema, changePasswordSchema, loginSchema, PROBLEM_CODES } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { problem } from '../../platform/errors';
import { currentUser, requireUser } from '../../platform/guards';
import { newCsrfToken, SESSION_COOKIE, XSRF_COOKIE } from '../../platform/session';
import type { SessionUser } from '../../platform/session-user';
import { principalMissionLocaleId } from '../../platform/tenancy';
import { validateBody } from '../../platform/validate';
import { toMe } from '../me/me.service';
import { activateAccount } from './activation.service';
import { logOutEverywhere, onOwnAccount } from './auth.service';
import { CredentialsRepository } from './credentials.repository';
import type { PassportInstance, SignInRefusal } from './passport';
import { changePassword } from './password.service';

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

/** Ends the request's session: passport forgets the user, the stored session goes, the browser drops the cookies. */
const endSession = async (req: Request, res: Response): Promise<void> => {
  await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
  await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
  res.clearCookie(SESSION_COOKIE, { path: '/' });
  res.clearCookie(XSRF_COOKIE, { path: '/' });
};

/** The audit fields of a request made by (or about) a user. */
export const auditActor = (req: Request, user: Pick<SessionUser, 'id'> | null) => ({
  actorId: user?.id ?? null,
  missionLocaleId: principalMissionLocaleId(req),
  ...requestOrigin(req),
});

/**
 * Sign-in, activation, password change, sign-out (here or everywhere) and the CSRF bootstrap; mounted before the
 * gates, since an expired password is changed here.
 */
export const authRouter = (ctx: AppContext, passport: PassportInstance, hooks: { throttle: RequestHandler }): Router => {
  const router = Router();
  const credentials = new CredentialsRepository(ctx.db.sequelize);

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
      throw problem(PROBLEM_CODES.invalidCredentials, INVALID_CREDENTIALS);
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

  // Shares the sign-in throttle: guessing codes costs the same attempts as guessing passwords.
  router.post('/auth/activate', hooks.throttle, validateBody(activateSchema), async (req, res) => {
    const user = await activateAccount(ctx, credentials, req.body, requestOrigin(req), req.sessionID);
    await openSession(ctx, req, res, user);
  });

  router.post('/auth/password', requireUser, validateBody(changePasswordSchema), async (req, res) => {
    const user = await changePassword(ctx, credentials, currentUser(req), req.body, requestOrigin(req), req.sessionID);
    res.json(toMe(user, ctx.clock, ctx.config.passwordLifetimeDays));
  });

  router.post('/auth/logout', requireUser, async (req, res) => {
    const user = currentUser(req);
    await endSession(req, res);
    await ctx.audit.record({ action: 'auth.logout', outcome: 'success', ...onOwnAccount(user, requestOrigin(req)) });
    res.status(204).end();
  });

  router.post('/auth/logout-all', requireUser, async (req, res) => {
    await logOutEverywhere(ctx, currentUser(req), requestOrigin(req));
    await endSession(req, res);
    res.status(204).end();
  });

  return router;
};
