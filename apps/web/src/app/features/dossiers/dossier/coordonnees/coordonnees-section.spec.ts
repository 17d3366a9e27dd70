import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { DossierDto } from '@imilo/domain';
import { aProblemBody } from '../../../auth/auth.testing';
import { answerCommunes, chooseCommune, communeInput, uneCommune } from '../../communes/communes.testing';
import { DossierStore } from '../dossier.store';
import { aConflictBody, DOSSIER_URL, provideDossierTesting, signIn, unDossier } from '../dossier.testing';
import { CoordonneesSection } from './coordonnees-section';

describe('CoordonneesSection', () => {
  let http: HttpTestingController;

  const render = async (dossier: DossierDto = unDossier()) => {
    TestBed.configureTestingModule({ providers: [...provideDossierTesting(), DossierStore] });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    const store = TestBed.inject(DossierStore);
    store.replace(dossier);
    const fixture = TestBed.createComponent(CoordonneesSection);
    fixture.componentRef.setInput('dossier', dossier);
    fixture.componentRef.setInput('editable', true);
    await fixture.whenStable();
    return {
      fixture,
      store,
      loader: TestbedHarnessEnvironment.loader(fixture),
      rootLoader: TestbedHarnessEnvironment.documentRootLoader(fixture),
      element: fixture.nativeElement as HTMLElement,
    };
  };

  const input = (loader: ReturnType<typeof TestbedHarnessEnvironment.loader>, name: string) =>
    loader.getHarness(MatInputHarness.with({ selector: `[formControlName="${name}"]` }));
  const button = (loader: ReturnType<typeof TestbedHarnessEnvironment.loader>, text: string) =>
    loader.getHarness(MatButtonHarness.with({ text }));
  const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  const startEditing = async (loader: ReturnType<typeof TestbedHarnessEnvironment.loader>) => {
    await (await button(loader, 'Modifier')).click();
    // The field asks the name of the address's commune (a municipal arrondissement: not in the list).
    answerCommunes(http, '69387', []);
    await (await input(loader, 'telephone')).setValue('07 11 22 33 44');
  };

  afterEach(() => http.verify());

  it('shows the coordonnées, the consents and the previous addresses', async () => {
    const { element } = await render();

    expect(text(element)).toContain('Téléphone06 12 34 56 78');
    expect(text(element)).toContain('12 rue Victor Hugo, 69007 Lyon 7e Arrondissement');
    expect(text(element)).toContain('Contact par SMSAccepté');
    expect(text(element)).toContain('Adresses précédentes');
    expect(text(element)).toContain(
      '3 place Bellecour, 69002 Lyon 2e Arrondissement — du jeudi 1 juin 2023 au jeudi 9 janvier 2025',
    );
  });

  it('when the section is saved, sends the whole section with the version read and confirms', async () => {
    const { fixture, loader, rootLoader, element, store } = await render();
    await startEditing(loader);
    await (await loader.getHarness(MatSlideToggleHarness.with({ label: 'E-mail' }))).check();

    await (await button(loader, 'Enregistrer')).click();
    const patch = http.expectOne({ method: 'PATCH', url: DOSSIER_URL });
    expect(patch.request.body).toEqual({
      version: 3,
      coordonnees: {
        telephone: '0711223344',
        email: 'lea.martin@exemple.fr',
        consentements: { sms: true, email: true, push: false },
        adresse: { ligne1: '12 rue Victor Hugo', ligne2: null, codePostal: '69007', communeInsee: '69387', qpvCode: null },
      },
    });
    const saved = unDossier({ version: 4, coordonnees: { ...unDossier().coordonnees, telephone: '0711223344' } });
    patch.flush(saved);
    fixture.componentRef.setInput('dossier', store.dossier());
    await fixture.whenStable();

    expect(store.dossier()?.version).toBe(4);
    expect(await (await rootLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('Section enregistrée');
    expect(element.querySelector('form')).toBeNull();
    expect(text(element)).toContain('Téléphone07 11 22 33 44');
  });

  it('when someone saved meanwhile (409), shows what differs field by field, keeps the input, and "Garder ma saisie" resends over the new version', async () => {
    const { fixture, loader, element } = await render();
    await startEditing(loader);
    await (await button(loader, 'Enregistrer')).click();
    const current = unDossier({
      version: 5,
      modifieLe: '2026-11-29T13:45:00.000Z',
      modifiePar: { id: 'u-2', prenom: 'Karim', nom: 'Benali' },
      coordonnees: { ...unDossier().coordonnees, telephone: '0699999999', email: 'lea@exemple.fr' },
    });
    http.expectOne({ method: 'PATCH', url: DOSSIER_URL }).flush(aConflictBody(current), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();

    const conflict = element.querySelector('[role="alert"]');
    expect(text(conflict)).toContain('par Karim Benali');
    const rows = Array.from(conflict?.querySelectorAll('tbody tr') ?? [], (row) =>
      Array.from(row.children, (cell) => text(cell)),
    );
    expect(rows).toEqual([
      ['Téléphone', '07 11 22 33 44', '06 99 99 99 99'],
      ['E-mail', 'lea.martin@exemple.fr', 'lea@exemple.fr'],
    ]);
    expect(await (await input(loader, 'telephone')).getValue()).toBe('07 11 22 33 44');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Enregistrer' }))).toHaveSize(0);

    await (await button(loader, 'Garder ma saisie')).click();
    const retry = http.expectOne({ method: 'PATCH', url: DOSSIER_URL });
    expect(retry.request.body.version).toBe(5);
    expect(retry.request.body.coordonnees.telephone).toBe('0711223344');
    expect(retry.request.body.coordonnees.email).toBe('lea.martin@exemple.fr');
    retry.flush(unDossier({ version: 6 }));
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(element.querySelector('form')).toBeNull();
  });

  it('when the user takes the stored version after a 409, shows it and drops the input', async () => {
    const { fixture, loader, store } = await render();
    await startEditing(loader);
    await (await button(loader, 'Enregistrer')).click();
    const current = unDossier({ version: 5, coordonnees: { ...unDossier().coordonnees, telephone: '0699999999' } });
    http.expectOne({ method: 'PATCH', url: DOSSIER_URL }).flush(aConflictBody(current), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();

    await (await button(loader, 'Reprendre la version enregistrée')).click();

    expect(store.dossier()?.version).toBe(5);
    expect(store.dossier()?.coordonnees.telephone).toBe('0699999999');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Garder ma saisie' }))).toHaveSize(0);
  });

  it('when the BFF refuses fields (400), shows its messages on those fields and keeps the input', async () => {
    const { fixture, loader } = await render();
    await startEditing(loader);
    await (await button(loader, 'Enregistrer')).click();
    http.expectOne({ method: 'PATCH', url: DOSSIER_URL }).flush(
      aProblemBody(400, 'validation-failed', 'Certaines informations sont invalides.', [
        { path: 'coordonnees.adresse.communeInsee', message: "Cette commune n'existe pas." },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    const commune = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Commune' }));
    expect(await commune.getTextErrors()).toEqual(["Cette commune n'existe pas."]);
    expect(await (await input(loader, 'telephone')).getValue()).toBe('07 11 22 33 44');
  });

  it('when a field is invalid, says so on the field with the domain message and sends nothing', async () => {
    const { loader } = await render();
    await (await button(loader, 'Modifier')).click();
    answerCommunes(http, '69387', []);
    await (await input(loader, 'email')).setValue('lea.martin@');

    await (await button(loader, 'Enregistrer')).click();

    const email = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'E-mail' }));
    expect(await email.getTextErrors()).toEqual(["L'e-mail n'est pas valide (ex. prenom.nom@exemple.fr)."]);
    http.expectNone({ method: 'PATCH', url: DOSSIER_URL });
  });

  it('when a commune is chosen for a new address, its postal code fills the empty one and its INSEE code is sent', async () => {
    const { fixture, loader, element } = await render(
      unDossier({ coordonnees: { ...unDossier().coordonnees, adresse: null, adressesPrecedentes: [] } }),
    );
    await (await button(loader, 'Modifier')).click();
    await (await input(loader, 'ligne1')).setValue('1 cours de l’Intendance');

    await chooseCommune(communeInput(element, 'communeInsee'), http, () => fixture.whenStable(), 'bordeaux', uneCommune());

    expect(await (await input(loader, 'codePostal')).getValue()).toBe('33000');
    await (await button(loader, 'Enregistrer')).click();
    const patch = http.expectOne({ method: 'PATCH', url: DOSSIER_URL });
    expect(patch.request.body.coordonnees.adresse).toEqual({
      ligne1: '1 cours de l’Intendance',
      ligne2: null,
      codePostal: '33000',
      communeInsee: '33063',
      qpvCode: null,
    });
    patch.flush(unDossier());
    await fixture.whenStable();
  });
});
