import type { Request, RequestHandler } from 'express';
import { can, type Capability, isPasswordExpired, PROBLEM_CODES } from '@imilo/domain';
import type { Clock } from './clock';
import { forbidden, problem, unauthenticated } from './errors';
import type { SessionUser } from './session-user';

/** The signed-in user; routes behind `requireUser` may rely on it. */
export const currentUser = (req: Request): SessionUser => {
  if (!req.user) {
    throw unauthenticated();
  }
  return req.user;
};

/** 401 without a session. */
export const requireUser: RequestHandler = (req, _res, next) => {
  currentUser(req);
  next();
};

/** Whether the user's password must be changed now. */
export const mustChangePassword = (user: SessionUser, clock: Clock, lifetimeDays: number): boolean =>
  isPasswordExpired(user.passwordChangedAt, clock.now(), lifetimeDays);

/**
 * 403 gating: while the password is expired or the current CGU not accepted, nothing but those two
 * steps is allowed. Mounted after the routes that serve them (auth, me, cgu).
 */
export const requireGatesPassed =
  (clock: Clock, lifetimeDays: number): RequestHandler =>
  (req, _res, next) => {
    const user = currentUser(req);
    if (mustChangePassword(user, clock, lifetimeDays)) {
      throw problem(PROBLEM_CODES.passwordExpired, 'Votre mot de passe a expiré : choisissez-en un nouveau.');
    }
    if (user.mustAcceptCgu) {
      throw problem(PROBLEM_CODES.cguNotAccepted, "Vous devez accepter les conditions générales d'utilisation.");
    }
    next();
  };

/** A guard that carries the capability it checks, so that tests can read the live router's matrix. */
export type CapabilityGuard = RequestHandler & { readonly capability: Capability };

/** 403 unless one of the user's roles grants the capability. */
export const requireCapability = (capability: Capability): CapabilityGuard =>
  Object.assign<RequestHandler, { capability: Capability }>(
    (req, _res, next) => {
      if (!can(currentUser(req).roles, capability)) {
        throw forbidden();
      }
      next();
    },
    { capability },
  );

/** A guard that accepts any of several capabilities; `capability` is the first, for readers of the route walk. */
export type AnyCapabilityGuard = CapabilityGuard & { readonly capabilities: readonly [Capability, ...Capability[]] };

/**
 * 403 unless one of the user's roles grants one of the capabilities: a route whose content depends on which one
 * (the whole dossier, or its identity part only) checks the detail itself.
 */
export const requireAnyCapability = (...capabilities: [Capability, ...Capability[]]): AnyCapabilityGuard =>
  Object.assign<RequestHandler, { capability: Capability; capabilities: readonly [Capability, ...Capability[]] }>(
    (req, _res, next) => {
      const { roles } = currentUser(req);
      if (!capabilities.some((capability) => can(roles, capability))) {
        throw forbidden();
      }
      next();
    },
    { capability: capabilities[0], capabilities },
  );
