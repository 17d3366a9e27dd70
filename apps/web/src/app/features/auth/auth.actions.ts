import type { ActivateDto, ChangePasswordDto, LoginDto, MeDto } from '@imilo/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { RequestFailure } from '../../core/http/problem';
import type { Gate } from './auth.navigation';

export const AuthGuardActions = createActionGroup({
  source: 'Auth Guard',
  events: { 'Session Check Requested': emptyProps() },
});

export const SignInPageActions = createActionGroup({
  source: 'Sign-in Page',
  events: { Opened: emptyProps(), Submitted: props<{ credentials: LoginDto }>() },
});

export const ActivationPageActions = createActionGroup({
  source: 'Activation Page',
  events: { Opened: emptyProps(), Submitted: props<{ activation: ActivateDto }>() },
});

export const PasswordPageActions = createActionGroup({
  source: 'Password Page',
  events: {
    Opened: emptyProps(),
    Submitted: props<{ change: ChangePasswordDto }>(),
    'Sign Out Clicked': emptyProps(),
  },
});

export const CguPageActions = createActionGroup({
  source: 'CGU Page',
  events: { Opened: emptyProps(), 'Accept Clicked': props<{ version: number }>(), 'Sign Out Clicked': emptyProps() },
});

export const AccountPageActions = createActionGroup({
  source: 'Account Page',
  events: { 'Sign Out Clicked': emptyProps(), 'Sign Out Everywhere Clicked': emptyProps() },
});

export const AuthApiActions = createActionGroup({
  source: 'Auth API',
  events: {
    'Session Loaded': props<{ me: MeDto }>(),
    'Session Absent': emptyProps(),
    'Signed In': props<{ me: MeDto }>(),
    'Account Activated': props<{ me: MeDto }>(),
    'Password Changed': props<{ me: MeDto }>(),
    'Cgu Accepted': props<{ me: MeDto }>(),
    'Submit Failed': props<{ failure: RequestFailure }>(),
    'Signed Out': emptyProps(),
    'Sign Out Failed': props<{ failure: RequestFailure }>(),
  },
});

/** Reported by the HTTP layer when the BFF answers that the session is over or a gate is closed. */
export const AuthHttpActions = createActionGroup({
  source: 'Auth HTTP',
  events: { 'Session Ended': emptyProps(), 'Gate Reached': props<{ gate: Gate }>() },
});
