import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { MeDto } from '@imilo/domain';
import { provideStore } from '@ngrx/store';
import { routes } from './app.routes';
import { type AuthState, authFeature, initialAuthState } from './features/auth/auth.feature';
import { aMe } from './features/auth/auth.testing';

describe('app routes', () => {
  const open = async (url: string, auth: AuthState) => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(routes),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideStore({ [authFeature.name]: authFeature.reducer }, { initialState: { [authFeature.name]: auth } }),
      ],
    });
    const harness = await RouterTestingHarness.create(url);
    return { url: TestBed.inject(Router).url, text: harness.routeNativeElement?.textContent ?? '' };
  };
  const signedIn = (me: MeDto): AuthState => ({ ...initialAuthState, me, status: 'signed-in' });

  it('when nobody is signed in, any page leads to the sign-in page', async () => {
    const { url, text } = await open('/conseiller', { ...initialAuthState, status: 'signed-out' });

    expect(url).toBe('/connexion');
    expect(text).toContain('Connexion à imilo');
  });

  it('when an administrator opens /, lands on the admin portal', async () => {
    const { url, text } = await open('/', signedIn(aMe({ roles: ['admin_ml'] })));

    expect(url).toBe('/admin');
    expect(text).toContain('Que souhaitez-vous faire ?');
  });

  it('when a jeune opens the admin portal, the page is not found', async () => {
    const { url, text } = await open('/admin/utilisateurs', signedIn(aMe({ roles: ['jeune'] })));

    expect(url).toBe('/admin/utilisateurs');
    expect(text).toContain('Page introuvable');
  });

  it('when the address is unknown, says so in French', async () => {
    const { text } = await open('/dossiers-inexistants', signedIn(aMe()));

    expect(text).toContain("Cette adresse ne correspond à aucune page d'imilo.");
  });

  it('when a chargé d\'accueil opens /jeunes, lands on the dossier search', async () => {
    const { url, text } = await open('/jeunes', signedIn(aMe({ roles: ['charge_accueil'] })));

    expect(url).toBe('/jeunes');
    expect(text).toContain('Saisissez au moins 2 caractères ou choisissez des critères.');
  });

  it('when an administrator opens /jeunes, the page is not found: administrators do not read dossiers', async () => {
    const { text } = await open('/jeunes', signedIn(aMe({ roles: ['admin_ml'] })));

    expect(text).toContain('Page introuvable');
  });

  it('when the CGU are pending, the conseiller home leads to them', async () => {
    const { url } = await open('/conseiller', signedIn(aMe({ mustAcceptCgu: true })));

    expect(url).toBe('/cgu');
  });
});
