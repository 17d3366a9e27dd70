import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { CommuneField, type CommuneChoisie, COMMUNE_DEBOUNCE_MS, COMMUNE_EN_SAISIE_MESSAGE, communeEnSaisie } from './commune-field';
import { answerCommunes, chooseCommune, communeInput, typeCommune, uneCommune } from './communes.testing';

@Component({
  selector: 'app-host',
  imports: [ReactiveFormsModule, CommuneField],
  template: `
    <form [formGroup]="form">
      <app-commune-field formControlName="commune" label="Commune de naissance" (chosen)="chosen = $event" />
    </form>
  `,
})
class Host {
  readonly form = new FormGroup({ commune: new FormControl('', { nonNullable: true }) });
  chosen: CommuneChoisie | null = null;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const options = () => Array.from(document.querySelectorAll('mat-option'), (option) => text(option));

describe('CommuneField', () => {
  let http: HttpTestingController;

  const render = async (initial = '') => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.form.setValue({ commune: initial });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return {
      fixture,
      element,
      host: fixture.componentInstance,
      control: fixture.componentInstance.form.controls.commune,
      input: communeInput(element, 'commune'),
      stable: () => fixture.whenStable(),
    };
  };

  afterEach(() => http.verify());

  it('shows its label and says how to fill it in', async () => {
    const { element } = await render();

    expect(text(element.querySelector('mat-label'))).toBe('Commune de naissance');
    expect(text(element.querySelector('mat-hint'))).toBe('Tapez le nom ou le code postal, puis choisissez dans la liste.');
  });

  it('when typing fast, asks the communes once the typing pauses, with the last text, and lists them', async () => {
    const { input, stable } = await render();

    typeCommune(input, 'bo');
    typeCommune(input, 'bor');
    typeCommune(input, 'bord');
    await pause(COMMUNE_DEBOUNCE_MS - 100);
    http.expectNone('/api/v1/communes');
    await pause(150);

    const requests = http.match((request) => request.url === '/api/v1/communes');
    expect(requests.map((request) => request.request.params.get('q'))).toEqual(['bord']);
    requests[0]!.flush([uneCommune(), uneCommune({ insee: '33394', nom: 'Saint-Émilion', codesPostaux: ['33330'] })]);
    await stable();

    expect(options()).toEqual(['Bordeaux — 33000, 33100… (33)', 'Saint-Émilion — 33330 (33)']);
  });

  it('when fewer than 2 characters are typed, asks nothing', async () => {
    const { input } = await render();

    typeCommune(input, 'b');
    await pause(COMMUNE_DEBOUNCE_MS + 50);

    http.expectNone('/api/v1/communes');
  });

  it('when a commune is chosen, the control holds its INSEE code and the field shows its name', async () => {
    const { input, control, host, stable } = await render();

    await chooseCommune(input, http, stable, '33000', uneCommune());

    expect(control.value).toBe('33063');
    expect(control.valid).toBeTrue();
    expect(control.dirty).toBeTrue();
    expect(input.value).toBe('Bordeaux (33)');
    expect(host.chosen).toEqual({ commune: uneCommune(), codePostal: '33000' });
  });

  it('when the control holds a code, shows the name of its commune without changing the control', async () => {
    const { input, control, stable } = await render('33063');

    answerCommunes(http, '33063', [uneCommune()]);
    await stable();

    expect(input.value).toBe('Bordeaux (33)');
    expect(control.value).toBe('33063');
    expect(control.pristine).toBeTrue();
  });

  it('when a code names no current commune, shows the code as it is', async () => {
    const { input, stable } = await render('69387');

    answerCommunes(http, '69387', []);
    await stable();

    expect(input.value).toBe('69387');
  });

  it('when nothing matches, says so in the list', async () => {
    const { input, stable } = await render();

    typeCommune(input, 'xyzzy');
    await pause(COMMUNE_DEBOUNCE_MS + 50);
    answerCommunes(http, 'xyzzy', []);
    await stable();

    expect(options()).toEqual(['Aucune commune trouvée']);
  });

  it('when a text is typed and no commune chosen, the control holds no code and says to choose once left', async () => {
    const { element, input, control, stable } = await render();
    await chooseCommune(input, http, stable, 'bordeaux', uneCommune());

    typeCommune(input, 'Bordeaux (3');
    input.dispatchEvent(new Event('blur'));
    control.markAsTouched();
    await stable();

    expect(control.value).toBe('');
    expect(communeEnSaisie(control)).toBeTrue();
    expect(text(element.querySelector('mat-error'))).toBe(COMMUNE_EN_SAISIE_MESSAGE);
    await pause(COMMUNE_DEBOUNCE_MS + 50);
    answerCommunes(http, 'Bordeaux (3', [uneCommune()]);
  });

  it('when the text is cleared, the field is empty and valid', async () => {
    const { input, control, stable } = await render();
    typeCommune(input, 'bx');
    typeCommune(input, '');
    await stable();

    expect(control.value).toBe('');
    expect(control.valid).toBeTrue();
    await pause(COMMUNE_DEBOUNCE_MS + 50);
    http.expectNone('/api/v1/communes');
  });

  it('shows the errors of the parent control once touched', async () => {
    const { element, control, stable } = await render();

    control.setErrors({ server: "Ce code INSEE ne correspond à aucune commune (vérifiez-le sur l'avis d'imposition ou la CNI)." });
    control.markAsTouched();
    await stable();

    expect(text(element.querySelector('mat-error'))).toBe(
      "Ce code INSEE ne correspond à aucune commune (vérifiez-le sur l'avis d'imposition ou la CNI).",
    );
    expect(element.querySelector('input')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('when the search fails, says what to do in the list', async () => {
    const { input, stable } = await render();

    typeCommune(input, 'lyon');
    await pause(COMMUNE_DEBOUNCE_MS + 50);
    http
      .expectOne((request) => request.url === '/api/v1/communes')
      .flush(null, { status: 0, statusText: 'Unknown Error' });
    await stable();

    expect(options()).toEqual(["La recherche des communes n'a pas abouti : vérifiez la connexion, puis tapez à nouveau."]);
  });
});
