import { homePortal, type MeDto, type Role } from '@imilo/domain';

/** A step the BFF requires before anything else: change the password, then accept the CGU. */
export type Gate = 'password' | 'cgu';

/** Where each gate is passed. */
export const GATE_URLS: Readonly<Record<Gate, string>> = { password: '/mot-de-passe', cgu: '/cgu' };

/** Sign-in page, where an ended session leads. */
export const SIGN_IN_URL = '/connexion';

/** Page for accounts whose roles open no portal: they can still manage their account. */
export const ACCOUNT_URL = '/compte';

/** The gate the user must pass first, or null when none is closed. */
export const gateOf = (me: MeDto | null): Gate | null =>
  me?.mustChangePassword ? 'password' : me?.mustAcceptCgu ? 'cgu' : null;

/** The home of the first portal the roles open (portal names are also their paths). */
export const homeUrlFor = (roles: readonly Role[]): string => {
  const portal = homePortal(roles);
  return portal === null ? ACCOUNT_URL : `/${portal}`;
};

/** Where a user lands once signed in: the first closed gate, otherwise their home. */
export const landingUrlFor = (me: MeDto): string => {
  const gate = gateOf(me);
  return gate === null ? homeUrlFor(me.roles) : GATE_URLS[gate];
};
