import { judgeAccountManagement, judgeRolesGranted, judgeUserUpdate } from './admin.rules';

const anAdminMl = { id: 'admin-ml', roles: ['admin_ml'] as const };
const aNationalAdmin = { id: 'admin-national', roles: ['admin_national'] as const };
const aConseiller = { id: 'conseiller', roles: ['conseiller'] as const };

describe('administration rules', () => {
  it('when an admin_ml gives conseiller and direction roles, it is allowed', () => {
    expect(judgeRolesGranted(['admin_ml'], ['conseiller', 'direction']).ok).toBeTrue();
  });

  it('when an admin_ml gives an admin role, it is forbidden; a national administrator may', () => {
    const refused = judgeRolesGranted(['admin_ml'], ['admin_ml']);
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: "Seul un administrateur national peut attribuer un rôle d'administrateur." } });
    expect(judgeRolesGranted(['admin_national'], ['admin_ml']).ok).toBeTrue();
  });

  it('when a role list keeps an admin role the user already holds, nothing is granted', () => {
    expect(judgeRolesGranted(['admin_ml'], ['admin_ml', 'conseiller'], ['admin_ml']).ok).toBeTrue();
  });

  it('when anyone gives the jeune role, it is invalid: jeune accounts come from the dossier', () => {
    const refused = judgeRolesGranted(['admin_national'], ['jeune']);
    expect(refused.ok).toBeFalse();
    expect(!refused.ok && refused.error.code).toBe('validation-failed');
  });

  it("when an admin_ml changes another administrator's account, it is forbidden; their own is theirs", () => {
    expect(judgeAccountManagement(anAdminMl, { id: 'other', roles: ['admin_ml'] }).ok).toBeFalse();
    expect(judgeAccountManagement(anAdminMl, anAdminMl).ok).toBeTrue();
    expect(judgeAccountManagement(aNationalAdmin, anAdminMl).ok).toBeTrue();
    expect(judgeAccountManagement(anAdminMl, aConseiller).ok).toBeTrue();
  });

  it('when an administrator deactivates their own account, it is a conflict', () => {
    const refused = judgeUserUpdate(anAdminMl, anAdminMl, { active: false });
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: 'Vous ne pouvez pas désactiver votre propre compte.' } });
  });

  it('when an administrator drops their own admin role, it is a conflict; adding a role to themself is fine', () => {
    expect(judgeUserUpdate(aNationalAdmin, aNationalAdmin, { roles: ['conseiller'] }).ok).toBeFalse();
    expect(judgeUserUpdate(aNationalAdmin, aNationalAdmin, { roles: ['admin_national', 'conseiller'] }).ok).toBeTrue();
  });

  it('when an administrator deactivates a conseiller, it is allowed', () => {
    expect(judgeUserUpdate(anAdminMl, aConseiller, { active: false }).ok).toBeTrue();
  });
});
