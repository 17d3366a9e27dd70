import { PROBLEM_CODES } from '@imilo/domain';
import {
  AuthApiActions,
  AuthGuardActions,
  AuthHttpActions,
  PasswordPageActions,
  SignInPageActions,
} from './auth.actions';
import { type AuthState, authFeature, initialAuthState } from './auth.feature';
import { aMe } from './auth.testing';

const { reducer } = authFeature;

const signedInState = (overrides: Partial<AuthState> = {}): AuthState => ({
  ...initialAuthState,
  me: aMe(),
  status: 'signed-in',
  ...overrides,
});

describe('authFeature reducer', () => {
  it('when the guards ask for the session, the status becomes loading', () => {
    const state = reducer(initialAuthState, AuthGuardActions.sessionCheckRequested());

    expect(state.status).toBe('loading');
  });

  it('when the session is loaded, the user is signed in', () => {
    const me = aMe();

    const state = reducer({ ...initialAuthState, status: 'loading' }, AuthApiActions.sessionLoaded({ me }));

    expect(state).toEqual({ ...initialAuthState, me, status: 'signed-in' });
  });

  it('when nobody is signed in, the status becomes signed-out', () => {
    const state = reducer({ ...initialAuthState, status: 'loading' }, AuthApiActions.sessionAbsent());

    expect(state.status).toBe('signed-out');
    expect(state.me).toBeNull();
  });

  it('when a form is submitted, it is pending and the previous error is cleared', () => {
    const before: AuthState = { ...initialAuthState, status: 'signed-out', error: 'Ancienne erreur' };

    const state = reducer(before, SignInPageActions.submitted({ credentials: { login: 'awa.diallo', password: 'x' } }));

    expect(state.pending).toBeTrue();
    expect(state.error).toBeNull();
  });

  it('when a submit fails, keeps the French message and the failing fields', () => {
    const failure = {
      code: PROBLEM_CODES.weakPassword,
      message: 'Ce mot de passe est trop facile à deviner.',
      fieldErrors: [{ path: 'newPassword', message: 'Ce mot de passe est trop facile à deviner.' }],
    };

    const state = reducer(signedInState({ pending: true }), AuthApiActions.submitFailed({ failure }));

    expect(state.pending).toBeFalse();
    expect(state.error).toBe('Ce mot de passe est trop facile à deviner.');
    expect(state.fieldErrors).toEqual(failure.fieldErrors);
  });

  it('when a page opens, the error of another page is not shown there', () => {
    const state = reducer(signedInState({ error: 'Erreur précédente' }), PasswordPageActions.opened());

    expect(state.error).toBeNull();
  });

  it('when the BFF says the session is over, forgets the user', () => {
    const state = reducer(signedInState(), AuthHttpActions.sessionEnded());

    expect(state).toEqual({ ...initialAuthState, status: 'signed-out' });
  });

  it('when the BFF says the password expired, the user must change it', () => {
    const state = reducer(signedInState(), AuthHttpActions.gateReached({ gate: 'password' }));

    expect(state.me?.mustChangePassword).toBeTrue();
    expect(state.me?.mustAcceptCgu).toBeFalse();
  });

  it('when a gate is reached while nobody is signed in, nothing changes', () => {
    const before: AuthState = { ...initialAuthState, status: 'signed-out' };

    expect(reducer(before, AuthHttpActions.gateReached({ gate: 'cgu' }))).toBe(before);
  });
});

describe('authFeature selectors', () => {
  it('when a conseiller is also admin, both portals open, conseiller first', () => {
    expect(authFeature.selectPortals.projector(['admin_ml', 'conseiller'])).toEqual(['conseiller', 'admin']);
  });

  it('when a jeune signs in, home is C-Milo; a direction user, the conseiller portal', () => {
    expect(authFeature.selectHomeUrl.projector(['jeune'])).toBe('/c-milo');
    expect(authFeature.selectHomeUrl.projector(['direction'])).toBe('/conseiller');
  });

  it('when the roles open no portal, home is the account page', () => {
    expect(authFeature.selectHomeUrl.projector([])).toBe('/compte');
  });

  it('when both the password and the CGU are pending, the password comes first', () => {
    expect(authFeature.selectGate.projector(aMe({ mustChangePassword: true, mustAcceptCgu: true }))).toBe('password');
    expect(authFeature.selectGate.projector(aMe({ mustAcceptCgu: true }))).toBe('cgu');
    expect(authFeature.selectGate.projector(aMe())).toBeNull();
  });

  it('when the user belongs to several Missions Locales, shows the principal one and its site', () => {
    const me = aMe({
      roles: ['conseiller', 'direction'],
      missionsLocales: [
        { id: 'a', nom: 'Mission Locale de Vienne', timezone: 'Europe/Paris', principale: false, site: null },
        { id: 'b', nom: 'Mission Locale de Lyon', timezone: 'Europe/Paris', principale: true, site: { id: 's', nom: 'Lyon 8e' } },
      ],
    });

    expect(authFeature.selectIdentity.projector(me)).toEqual({
      prenom: 'Awa',
      fullName: 'Awa Diallo',
      roleLabels: ['Conseiller', 'Direction'],
      missionLocale: 'Mission Locale de Lyon',
      site: 'Lyon 8e',
    });
  });
});
