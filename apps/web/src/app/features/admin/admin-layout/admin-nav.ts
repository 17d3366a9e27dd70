import { CAPABILITIES, can, type Capability, type Role } from '@imilo/domain';
import type { IconName } from '@imilo/ui';

/** One screen of the Admin portal, as its navigation offers it. */
export interface AdminDestination {
  /** Relative to the portal (`''`: its home). */
  readonly path: string;
  readonly label: string;
  readonly icon: IconName;
  /** The capability that opens it; the portal's own screens need none beyond the portal. */
  readonly capability: Capability | null;
}

const ADMIN_DESTINATIONS: readonly AdminDestination[] = [
  { path: '', label: 'Accueil', icon: 'admin_panel_settings', capability: null },
  { path: 'utilisateurs', label: 'Utilisateurs', icon: 'group', capability: CAPABILITIES.usersManage },
  { path: 'referentiels', label: 'Référentiels du suivi', icon: 'tune', capability: CAPABILITIES.referentielsLocal },
  { path: 'sms', label: 'Boîte SMS', icon: 'inbox', capability: CAPABILITIES.outboxMissionLocale },
  { path: 'cgu', label: 'CGU', icon: 'gavel', capability: CAPABILITIES.cguPublish },
];

/** The Admin portal's screens these roles open, in the order its navigation shows them. */
export const adminDestinations = (roles: readonly Role[]): AdminDestination[] =>
  ADMIN_DESTINATIONS.filter(({ capability }) => capability === null || can(roles, capability));
