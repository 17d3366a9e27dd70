import type {
  AccessCodeIssuedDto,
  AdminMissionLocaleDto,
  AdminUserDto,
  CguDto,
  CreateUserDto,
  PublishCguDto,
} from '@imilo/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { RequestFailure } from '../../core/http/problem';

export const UsersPageActions = createActionGroup({
  source: 'Users Page',
  events: {
    Opened: emptyProps(),
    'Create Submitted': props<{ user: CreateUserDto }>(),
    'Active Toggled': props<{ user: AdminUserDto; active: boolean }>(),
    'Access Code Requested': props<{ user: AdminUserDto }>(),
    'Issued Code Dismissed': emptyProps(),
  },
});

export const CguPublishPageActions = createActionGroup({
  source: 'CGU Publish Page',
  events: { Opened: emptyProps(), Submitted: props<{ cgu: PublishCguDto }>() },
});

export const AdminApiActions = createActionGroup({
  source: 'Admin API',
  events: {
    'Users Loaded': props<{ users: AdminUserDto[]; missionsLocales: AdminMissionLocaleDto[] }>(),
    'Users Load Failed': props<{ failure: RequestFailure }>(),
    'User Created': props<{ user: AdminUserDto; accessCode: AccessCodeIssuedDto }>(),
    'User Updated': props<{ user: AdminUserDto }>(),
    'Access Code Issued': props<{ user: AdminUserDto; accessCode: AccessCodeIssuedDto }>(),
    'Write Failed': props<{ failure: RequestFailure }>(),
    'Cgu Published': props<{ cgu: CguDto }>(),
  },
});
