import { Authenticator } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { AppContext } from '../../app-context';
import { signIn, type SignInOutcome } from './auth.service';

/** Why passport-local refused a sign-in, passed to the route as its `info`. */
export type SignInRefusal = Extract<SignInOutcome, { ok: false }> & { readonly message: string };

/** A passport instance (not the global one) with the local strategy; only the user id enters the session. */
/** The passport instance type. */
export type PassportInstance = InstanceType<typeof Authenticator>;

export const createPassport = (ctx: AppContext): PassportInstance => {
  const passport: PassportInstance = new Authenticator();
  passport.use(
    new LocalStrategy({ usernameField: 'login', passwordField: 'password', session: true }, (login, password, done) => {
      signIn(ctx, login, password)
        .then(async (outcome) => {
          if (!outcome.ok) {
            done(null, false, { message: outcome.reason, ...outcome });
            return;
          }
          const user = await ctx.utilisateurs.findSessionUser(outcome.userId);
          const refusal: SignInRefusal = { message: 'inactive', ok: false, userId: outcome.userId, reason: 'inactive' };
          done(null, user ?? false, user ? undefined : refusal);
        })
        .catch((err: unknown) => done(err));
    }),
  );
  passport.serializeUser<string>((user, done) => done(null, user.id));
  passport.deserializeUser<string>((id, done) => {
    // A deactivated or deleted user resolves to no user: the session no longer signs anyone in.
    ctx.utilisateurs.findSessionUser(id).then((user) => done(null, user ?? false), done);
  });
  return passport;
};
