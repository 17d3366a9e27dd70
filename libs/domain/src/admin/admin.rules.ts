import { can, CAPABILITIES } from '../roles/permissions';
import type { Role } from '../roles/roles';
import { PROBLEM_CODES } from '../shared/problem';
import { failure, type Result, success } from '../shared/result';
import type { UpdateUserDto } from './admin.schema';

/** Roles that administer accounts; only a national administrator hands them out or manages their holders. */
export const ADMIN_ROLES: readonly Role[] = ['admin_ml', 'admin_national'];

/** A user as the administration rules see them. */
export interface AccountHolder {
  readonly id: string;
  readonly roles: readonly Role[];
}

const isAdminRole = (role: Role): boolean => ADMIN_ROLES.includes(role);

const managesAdministrators = (roles: readonly Role[]): boolean => can(roles, CAPABILITIES.usersManageAllMissionsLocales);

/**
 * Whether an administrator may give these roles to a user who holds `currentRoles` (none at creation):
 * new admin roles need a national administrator; jeune accounts come from the dossier, never from here.
 */
export const judgeRolesGranted = (
  actorRoles: readonly Role[],
  roles: readonly Role[],
  currentRoles: readonly Role[] = [],
): Result<void> => {
  const granted = roles.filter((role) => isAdminRole(role) && !currentRoles.includes(role));
  if (granted.length > 0 && !managesAdministrators(actorRoles)) {
    return failure(PROBLEM_CODES.forbidden, "Seul un administrateur national peut attribuer un rôle d'administrateur.");
  }
  if (roles.includes('jeune')) {
    return failure(PROBLEM_CODES.validation, "Les comptes jeunes se créent depuis le dossier du jeune, pas depuis l'administration.");
  }
  return success(undefined);
};

/** Whether the actor may change the target's account at all: an administrator's account is a national matter. */
export const judgeAccountManagement = (actor: AccountHolder, target: AccountHolder): Result<void> =>
  actor.id !== target.id && target.roles.some(isAdminRole) && !managesAdministrators(actor.roles)
    ? failure(PROBLEM_CODES.forbidden, "Seul un administrateur national peut gérer le compte d'un administrateur.")
    : success(undefined);

/**
 * Whether the actor may apply the update to the target: management rights, granted roles, and no administrator
 * locking themself out (deactivating their own account or dropping their own admin role).
 */
export const judgeUserUpdate = (actor: AccountHolder, target: AccountHolder, update: UpdateUserDto): Result<void> => {
  const management = judgeAccountManagement(actor, target);
  if (!management.ok) {
    return management;
  }
  if (update.roles) {
    const grant = judgeRolesGranted(actor.roles, update.roles, target.roles);
    if (!grant.ok) {
      return grant;
    }
  }
  if (actor.id !== target.id) {
    return success(undefined);
  }
  if (update.active === false) {
    return failure(PROBLEM_CODES.conflict, 'Vous ne pouvez pas désactiver votre propre compte.');
  }
  const newRoles = update.roles;
  if (newRoles && target.roles.some((role) => isAdminRole(role) && !newRoles.includes(role))) {
    return failure(PROBLEM_CODES.conflict, "Vous ne pouvez pas retirer votre propre rôle d'administrateur.");
  }
  return success(undefined);
};
