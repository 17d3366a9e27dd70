import { CAPABILITIES, can, type Capability, type Portal, type Role } from '@imilo/domain';
import { createSelector } from '@ngrx/store';
import { authFeature } from '../../features/auth/auth.feature';
import type { IconName } from '@imilo/ui';

/** One entry of the main navigation. */
export interface Destination {
  readonly path: string;
  readonly label: string;
  /** Icon beside the label. */
  readonly icon: IconName;
  /** The capability it needs beyond its portal's (none: every user of the portal). */
  readonly capability?: Capability;
}

/** Each portal's destinations: its home first, then its main screens. */
const PORTAL_DESTINATIONS: Readonly<Record<Portal, readonly Destination[]>> = {
  conseiller: [
    { path: '/conseiller', label: 'Accueil', icon: 'home' },
    { path: '/jeunes', label: 'Jeunes', icon: 'person_search' },
    // Every role of the conseiller portal holds agenda.site (#5).
    { path: '/agenda', label: 'Agenda', icon: 'calendar_month' },
    { path: '/parametres/notifications', label: 'Notifications', icon: 'tune', capability: CAPABILITIES.smsBudget },
  ],
  admin: [{ path: '/admin', label: 'Administration', icon: 'admin_panel_settings' }],
  'c-milo': [{ path: '/c-milo', label: 'Mon espace', icon: 'home' }],
};

const ACCOUNT_DESTINATION: Destination = { path: '/compte', label: 'Mon compte', icon: 'account_circle' };

/** The destinations of the portals the roles open that the roles may use, in their order, then the account. */
export const toDestinations = (portals: readonly Portal[], roles: readonly Role[] = []): Destination[] => [
  ...portals.flatMap((portal) => PORTAL_DESTINATIONS[portal]).filter(({ capability }) => capability === undefined || can(roles, capability)),
  ACCOUNT_DESTINATION,
];

export const selectDestinations = createSelector(authFeature.selectPortals, authFeature.selectRoles, toDestinations);

/** How the navigation is laid out: bottom bar on phones, rail on tablets, side list on wide screens. */
export type NavigationLayout = 'bottom' | 'rail' | 'side';

/** Media queries of the layout breakpoints (ui.md: < 600, 600–1239, ≥ 1240 px). */
export const TABLET_QUERY = '(min-width: 600px)';
export const WIDE_QUERY = '(min-width: 1240px)';
