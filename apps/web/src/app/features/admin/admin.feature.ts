import type {
  AccessCodeIssuedDto,
  AdminMissionLocaleDto,
  AdminUserDto,
  CguDto,
  MeDto,
  ProblemFieldError,
  Role,
} from '@imilo/domain';
import { can, CAPABILITIES, judgeAccountManagement, judgeRolesGranted, judgeUserUpdate, ROLE_LABELS, ROLES } from '@imilo/domain';
import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { authFeature } from '../auth/auth.feature';
import { AdminApiActions, CguPublishPageActions, UsersPageActions } from './admin.actions';

/** An access code just issued, with the person it was issued for: shown once. */
export interface IssuedAccessCode {
  readonly user: AdminUserDto;
  readonly accessCode: AccessCodeIssuedDto;
}

export interface AdminState extends EntityState<AdminUserDto> {
  readonly loadStatus: 'idle' | 'loading' | 'loaded' | 'failed';
  readonly loadError: string | null;
  readonly missionsLocales: readonly AdminMissionLocaleDto[];
  /** Whether a write (creation, change, code, publication) is in flight. */
  readonly pending: boolean;
  readonly error: string | null;
  readonly fieldErrors: readonly ProblemFieldError[];
  readonly issuedCode: IssuedAccessCode | null;
  readonly publishedCgu: CguDto | null;
}

const adapter = createEntityAdapter<AdminUserDto>({
  sortComparer: (a, b) => a.nom.localeCompare(b.nom, 'fr') || a.prenom.localeCompare(b.prenom, 'fr'),
});

export const initialAdminState: AdminState = adapter.getInitialState({
  loadStatus: 'idle',
  loadError: null,
  missionsLocales: [],
  pending: false,
  error: null,
  fieldErrors: [],
  issuedCode: null,
  publishedCgu: null,
});

const reducer = createReducer(
  initialAdminState,
  on(UsersPageActions.opened, (state): AdminState => ({ ...state, loadStatus: 'loading', loadError: null, error: null })),
  on(CguPublishPageActions.opened, (state): AdminState => ({ ...state, error: null, fieldErrors: [], publishedCgu: null })),
  on(AdminApiActions.usersLoaded, (state, { users, missionsLocales }): AdminState =>
    adapter.setAll(users, { ...state, missionsLocales, loadStatus: 'loaded' }),
  ),
  on(AdminApiActions.usersLoadFailed, (state, { failure }): AdminState => ({
    ...state,
    loadStatus: 'failed',
    loadError: failure.message,
  })),
  on(
    UsersPageActions.createSubmitted,
    UsersPageActions.activeToggled,
    UsersPageActions.accessCodeRequested,
    CguPublishPageActions.submitted,
    (state): AdminState => ({ ...state, pending: true, error: null, fieldErrors: [] }),
  ),
  on(
    AdminApiActions.userCreated,
    AdminApiActions.accessCodeIssued,
    (state, { user, accessCode }): AdminState =>
      adapter.upsertOne(user, { ...state, pending: false, issuedCode: { user, accessCode } }),
  ),
  on(AdminApiActions.userUpdated, (state, { user }): AdminState => adapter.upsertOne(user, { ...state, pending: false })),
  on(AdminApiActions.writeFailed, (state, { failure }): AdminState => ({
    ...state,
    pending: false,
    error: failure.message,
    fieldErrors: failure.fieldErrors,
  })),
  on(UsersPageActions.issuedCodeDismissed, (state): AdminState => ({ ...state, issuedCode: null })),
  on(AdminApiActions.cguPublished, (state, { cgu }): AdminState => ({ ...state, pending: false, publishedCgu: cgu })),
);

/** One user as the list shows it. */
export interface AdminUserVm {
  readonly user: AdminUserDto;
  readonly fullName: string;
  readonly roleLabels: string;
  readonly status: 'active' | 'inactive' | 'not-activated';
  /** Whether the signed-in administrator may manage this account (new access code, reactivation). */
  readonly canManage: boolean;
  /** Whether they may deactivate it (never their own account). */
  readonly canDeactivate: boolean;
}

export const toAdminUserVm = (user: AdminUserDto, admin: MeDto | null): AdminUserVm => {
  const actor = { id: admin?.id ?? '', roles: admin?.roles ?? [] };
  return {
    user,
    fullName: `${user.prenom} ${user.nom}`,
    roleLabels: user.roles.map((role) => ROLE_LABELS[role]).join(', '),
    status: !user.active ? 'inactive' : user.activated ? 'active' : 'not-activated',
    canManage: judgeAccountManagement(actor, user).ok,
    canDeactivate: judgeUserUpdate(actor, user, { active: false }).ok,
  };
};

/** Roles the administrator may give to a new user (the BFF applies the same rule). */
export const assignableRoles = (adminRoles: readonly Role[]): Role[] =>
  ROLES.filter((role) => judgeRolesGranted(adminRoles, [role]).ok);

export const adminFeature = createFeature({
  name: 'admin',
  reducer,
  extraSelectors: ({ selectAdminState }) => {
    const { selectAll } = adapter.getSelectors(selectAdminState);
    return {
      selectUserVms: createSelector(selectAll, authFeature.selectMe, (users, admin) =>
        users.map((user) => toAdminUserVm(user, admin)),
      ),
      selectAssignableRoles: createSelector(authFeature.selectRoles, assignableRoles),
    };
  },
});

/** Whether the signed-in administrator may publish CGU (administrateur national). */
export const selectCanPublishCgu = createSelector(authFeature.selectRoles, (roles) =>
  can(roles, CAPABILITIES.cguPublish),
);
