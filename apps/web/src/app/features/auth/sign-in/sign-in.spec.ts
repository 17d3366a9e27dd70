import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideStore, Store } from '@ngrx/store';
import * as authEffects from '../auth.effects';
import { authFeature } from '../auth.feature';
import { aMe, aProblemBody } from '../auth.testing';
import { SignIn } from './sign-in';

@Component({ template: '' })
class Destination {}

describe('SignIn', () => {
  let http: HttpTestingController;

  const render = async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: Destination }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideStore({ [authFeature.name]: authFeature.reducer }),
        provideEffects(authEffects),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SignIn);
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    return { fixture, loader, element: fixture.nativeElement as HTMLElement };
  };

  afterEach(() => http.verify());

  it('when submitted empty, says in French what is missing and sends nothing', async () => {
    const { loader } = await render();

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Se connecter' }))).click();

    const errors = await Promise.all(
      (await loader.getAllHarnesses(MatFormFieldHarness)).map((field) => field.getTextErrors()),
    );
    expect(errors).toEqual([["L'identifiant est obligatoire."], ['Le mot de passe est obligatoire.']]);
  });

  it('when the BFF refuses the credentials, shows its message and no HTTP code', async () => {
    const { fixture, loader, element } = await render();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="login"]' }))).setValue(
      ' Awa.Diallo ',
    );
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="password"]' }))).setValue(
      'mauvais mot de passe',
    );

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Se connecter' }))).click();
    const request = http.expectOne({ method: 'POST', url: '/api/v1/auth/login' });
    expect(request.request.body).toEqual({ login: 'awa.diallo', password: 'mauvais mot de passe' });
    request.flush(aProblemBody(401, 'invalid-credentials', 'Identifiant ou mot de passe incorrect.'), {
      status: 401,
      statusText: 'Unauthorized',
    });
    await fixture.whenStable();

    const alert = element.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Identifiant ou mot de passe incorrect.');
    expect(alert?.textContent).not.toContain('401');
  });

  it('when too many attempts were made, says when to try again', async () => {
    const { fixture, loader, element } = await render();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="login"]' }))).setValue('awa.diallo');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="password"]' }))).setValue('x');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Se connecter' }))).click();
    http.expectOne('/api/v1/auth/login').flush(null, {
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'Retry-After': '600' },
    });
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Réessayez dans 10 minutes.');
  });

  it('when the credentials are accepted, the user is signed in and lands on their home', async () => {
    const { fixture, loader } = await render();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="login"]' }))).setValue('awa.diallo');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="password"]' }))).setValue('secret');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Se connecter' }))).click();
    const me = aMe();
    http.expectOne('/api/v1/auth/login').flush(me);
    await fixture.whenStable();

    expect(TestBed.inject(Store).selectSignal(authFeature.selectStatus)()).toBe('signed-in');
    expect(TestBed.inject(Router).url).toBe('/conseiller');
  });
});
