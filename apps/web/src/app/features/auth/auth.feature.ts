import type { ProblemFieldError, MeDto } from '@imilo/domain';
import { portalsFor, ROLE_LABELS } from '@imilo/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import {
  AccountPageActions,
  ActivationPageActions,
  AuthApiActions,
  AuthGuardActions,
  AuthHttpActions,
  CguPageActions,
  PasswordPageActions,
  SignInPageActions,
} from './auth.actions';
import { gateOf, homeUrlFor } from './auth.navigation';

/** What the app knows of the session. */
export type AuthStatus = 'unknown' | 'loading' | 'signed-in' | 'signed-out';

export interface AuthState {
  readonly me: MeDto | null;
  readonly status: AuthStatus;
  /** Whether a sign-in, activation, password, CGU or sign-out request is in flight. */
  readonly pending: boolean;
  /** French message of the last failed request, shown above the form. */
  readonly error: string | null;
  /** Failing fields of the last failed request, shown next to the fields. */
  readonly fieldErrors: readonly ProblemFieldError[];
}

export const initialAuthState: AuthState = { me: null, status: 'unknown', pending: false, error: null, fieldErrors: [] };

/** Who and where the signed-in person is, as the portal homes show it. */
export interface IdentityVm {
  readonly prenom: string;
  readonly fullName: string;
  readonly roleLabels: readonly string[];
  readonly missionLocale: string | null;
  readonly site: string | null;
}

export const toIdentityVm = (me: MeDto | null): IdentityVm | null => {
  if (me === null) {
    return null;
  }
  const missionLocale = me.missionsLocales.find((ml) => ml.principale) ?? me.missionsLocales[0] ?? null;
  return {
    prenom: me.prenom,
    fullName: `${me.prenom} ${me.nom}`,
    roleLabels: me.roles.map((role) => ROLE_LABELS[role]),
    missionLocale: missionLocale?.nom ?? null,
    site: missionLocale?.site?.nom ?? null,
  };
};

const signedIn = (state: AuthState, { me }: { me: MeDto }): AuthState => ({
  ...state,
  me,
  status: 'signed-in',
  pending: false,
  error: null,
  fieldErrors: [],
});

const reducer = createReducer(
  initialAuthState,
  on(AuthGuardActions.sessionCheckRequested, (state): AuthState => ({ ...state, status: 'loading' })),
  on(
    AuthApiActions.sessionLoaded,
    AuthApiActions.signedIn,
    AuthApiActions.accountActivated,
    AuthApiActions.passwordChanged,
    AuthApiActions.cguAccepted,
    signedIn,
  ),
  on(
    AuthApiActions.sessionAbsent,
    AuthApiActions.signedOut,
    AuthHttpActions.sessionEnded,
    (): AuthState => ({ ...initialAuthState, status: 'signed-out' }),
  ),
  on(
    SignInPageActions.opened,
    ActivationPageActions.opened,
    PasswordPageActions.opened,
    CguPageActions.opened,
    (state): AuthState => ({ ...state, error: null, fieldErrors: [] }),
  ),
  on(
    SignInPageActions.submitted,
    ActivationPageActions.submitted,
    PasswordPageActions.submitted,
    CguPageActions.acceptClicked,
    AccountPageActions.signOutClicked,
    AccountPageActions.signOutEverywhereClicked,
    PasswordPageActions.signOutClicked,
    CguPageActions.signOutClicked,
    (state): AuthState => ({ ...state, pending: true, error: null, fieldErrors: [] }),
  ),
  on(
    AuthApiActions.submitFailed,
    AuthApiActions.signOutFailed,
    (state, { failure }): AuthState => ({
      ...state,
      pending: false,
      error: failure.message,
      fieldErrors: failure.fieldErrors,
    }),
  ),
  on(AuthHttpActions.gateReached, (state, { gate }): AuthState =>
    state.me === null
      ? state
      : {
          ...state,
          me: {
            ...state.me,
            mustChangePassword: state.me.mustChangePassword || gate === 'password',
            mustAcceptCgu: state.me.mustAcceptCgu || gate === 'cgu',
          },
        },
  ),
);

export const authFeature = createFeature({
  name: 'auth',
  reducer,
  extraSelectors: ({ selectMe }) => {
    const selectRoles = createSelector(selectMe, (me) => me?.roles ?? []);
    return {
      selectRoles,
      selectPortals: createSelector(selectRoles, portalsFor),
      selectHomeUrl: createSelector(selectRoles, homeUrlFor),
      selectGate: createSelector(selectMe, gateOf),
      selectIdentity: createSelector(selectMe, toIdentityVm),
    };
  },
});
