import type { AdminUserDto } from '@imilo/domain';
import { aMe } from '../auth/auth.testing';
import { AdminApiActions, UsersPageActions } from './admin.actions';
import { adminFeature, assignableRoles, initialAdminState, toAdminUserVm } from './admin.feature';

const aUser = (overrides: Partial<AdminUserDto> = {}): AdminUserDto => ({
  id: 'u-1',
  login: 'louis.martin',
  prenom: 'Louis',
  nom: 'Martin',
  email: null,
  roles: ['conseiller'],
  biProfils: [],
  active: true,
  activated: false,
  missionLocale: { id: 'ml-1', nom: 'Mission Locale de Lyon' },
  lastLoginAt: null,
  ...overrides,
});

const accessCode = { code: 'K7PM-2QXD', expiresAt: '2026-12-07T14:30:00Z' };

describe('adminFeature', () => {
  it('when a user is created, lists them and shows the access code once', () => {
    const user = aUser();

    const created = adminFeature.reducer(
      { ...initialAdminState, pending: true },
      AdminApiActions.userCreated({ user, accessCode }),
    );
    const dismissed = adminFeature.reducer(created, UsersPageActions.issuedCodeDismissed());

    expect(created.ids).toEqual(['u-1']);
    expect(created.pending).toBeFalse();
    expect(created.issuedCode).toEqual({ user, accessCode });
    expect(dismissed.issuedCode).toBeNull();
  });

  it('when a user is deactivated, the list shows the new status', () => {
    const loaded = adminFeature.reducer(
      initialAdminState,
      AdminApiActions.usersLoaded({ users: [aUser({ activated: true })], missionsLocales: [] }),
    );

    const state = adminFeature.reducer(loaded, AdminApiActions.userUpdated({ user: aUser({ active: false }) }));

    expect(state.entities['u-1']?.active).toBeFalse();
  });

  it('when listed, users are sorted by name and their status is spelled out', () => {
    const state = adminFeature.reducer(
      initialAdminState,
      AdminApiActions.usersLoaded({
        users: [
          aUser({ id: 'a', nom: 'Roux', prenom: 'Inès', active: false }),
          aUser({ id: 'b', activated: true, roles: ['conseiller', 'direction'] }),
        ],
        missionsLocales: [],
      }),
    );

    const vms = adminFeature.selectUserVms({
      [adminFeature.name]: state,
      auth: { me: aMe({ roles: ['admin_ml'] }) },
    });

    expect(vms.map((vm) => [vm.fullName, vm.roleLabels, vm.status])).toEqual([
      ['Louis Martin', 'Conseiller, Direction', 'active'],
      ['Inès Roux', 'Conseiller', 'inactive'],
    ]);
    expect(toAdminUserVm(aUser(), aMe({ roles: ['admin_ml'] })).status).toBe('not-activated');
  });

  it('when an admin_ml creates a user, offers neither administrator roles nor jeune', () => {
    expect(assignableRoles(['admin_ml'])).toEqual(['conseiller', 'charge_accueil', 'direction']);
    expect(assignableRoles(['admin_national'])).toContain('admin_national');
  });

  it('when administrators look at their own account, they cannot deactivate it', () => {
    const admin = aMe({ id: 'u-1', roles: ['admin_ml'] });

    const own = toAdminUserVm(aUser({ id: 'u-1', roles: ['admin_ml'] }), admin);
    const colleague = toAdminUserVm(aUser({ id: 'u-2' }), admin);

    expect(own.canDeactivate).toBeFalse();
    expect(colleague.canDeactivate).toBeTrue();
  });

  it("when an admin_ml looks at another administrator's account, cannot manage it", () => {
    const vm = toAdminUserVm(aUser({ id: 'u-2', roles: ['admin_ml'] }), aMe({ id: 'u-1', roles: ['admin_ml'] }));

    expect(vm.canManage).toBeFalse();
  });
});
