import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { provideRouter } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideStore } from '@ngrx/store';
import * as authEffects from '../auth.effects';
import { authFeature } from '../auth.feature';
import { aProblemBody } from '../auth.testing';
import { PasswordEstimator } from '../new-password/password-estimator';
import { Activation } from './activation';

describe('Activation', () => {
  let http: HttpTestingController;
  let estimatedScore: number;

  const render = async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideStore({ [authFeature.name]: authFeature.reducer }),
        provideEffects(authEffects),
        // zxcvbn's dictionaries are the estimator's business; here only its verdict matters.
        {
          provide: PasswordEstimator,
          useValue: {
            estimate: (password: string) =>
              Promise.resolve({ password, score: estimatedScore, feedback: ['Ajoutez des mots moins courants.'] }),
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Activation);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    return { fixture, loader, element: fixture.nativeElement as HTMLElement };
  };

  const field = async (loader: Awaited<ReturnType<typeof render>>['loader'], label: string) =>
    loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));

  const fill = async (loader: Awaited<ReturnType<typeof render>>['loader'], values: Record<string, string>) => {
    for (const [label, value] of Object.entries(values)) {
      const control = await (await field(loader, label)).getControl();
      await (control as { setValue(value: string): Promise<void> }).setValue(value);
    }
  };

  /** Lets the debounced estimate arrive and be rendered. */
  const settle = async (fixture: Awaited<ReturnType<typeof render>>['fixture']) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await fixture.whenStable();
  };

  beforeEach(() => (estimatedScore = 4));
  afterEach(() => http.verify());

  it('when a password is typed, shows how strong it is, in words', async () => {
    estimatedScore = 1;
    const { fixture, loader, element } = await render();

    await fill(loader, { 'Nouveau mot de passe': 'soleil2024' });
    await settle(fixture);

    expect(element.querySelector('ui-password-strength')?.textContent).toContain('Faible');
    expect(element.querySelector('ui-password-strength')?.textContent).toContain('Ajoutez des mots moins courants.');
  });

  it('when the password is too easy to guess, refuses it before sending', async () => {
    estimatedScore = 1;
    const { fixture, loader } = await render();
    await fill(loader, {
      Identifiant: 'awa.diallo',
      "Code d'accès": 'K7PM-2QXD',
      'Nouveau mot de passe': 'soleilsoleil',
      'Confirmation du nouveau mot de passe': 'soleilsoleil',
    });
    await settle(fixture);

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Activer mon compte' }))).click();

    expect(await (await field(loader, 'Nouveau mot de passe')).getTextErrors()).toEqual([
      'Ce mot de passe est trop facile à deviner. Ajoutez des mots peu courants, des chiffres ou des symboles.',
    ]);
  });

  it('when the confirmation differs, says so next to it', async () => {
    const { loader } = await render();
    await fill(loader, {
      'Nouveau mot de passe': 'cheval agrafe batterie',
      'Confirmation du nouveau mot de passe': 'cheval agrafe baterie',
    });

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Activer mon compte' }))).click();

    expect(await (await field(loader, 'Confirmation du nouveau mot de passe')).getTextErrors()).toEqual([
      'Les deux mots de passe ne sont pas identiques.',
    ]);
  });

  it('when the BFF rejects a field, shows its message next to that field', async () => {
    const { fixture, loader, element } = await render();
    await fill(loader, {
      Identifiant: 'awa.diallo',
      "Code d'accès": 'k7pm-2qxd',
      'Nouveau mot de passe': 'cheval agrafe batterie',
      'Confirmation du nouveau mot de passe': 'cheval agrafe batterie',
    });
    await settle(fixture);

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Activer mon compte' }))).click();
    const request = http.expectOne({ method: 'POST', url: '/api/v1/auth/activate' });
    expect(request.request.body).toEqual({ login: 'awa.diallo', code: 'K7PM-2QXD', password: 'cheval agrafe batterie' });
    request.flush(
      aProblemBody(400, 'weak-password', 'Le mot de passe ne convient pas.', [
        { path: 'password', message: 'Ce mot de passe figure dans une liste de mots de passe divulgués.' },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Le mot de passe ne convient pas.');
    expect(await (await field(loader, 'Nouveau mot de passe')).getTextErrors()).toEqual([
      'Ce mot de passe figure dans une liste de mots de passe divulgués.',
    ]);
  });
});
