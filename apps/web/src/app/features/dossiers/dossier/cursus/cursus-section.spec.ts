import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { DossierStore } from '../dossier.store';
import { DOSSIER_URL, provideDossierTesting, signIn, unDossier } from '../dossier.testing';
import { CursusSection } from './cursus-section';

describe('CursusSection', () => {
  let http: HttpTestingController;

  const render = async () => {
    TestBed.configureTestingModule({ providers: [...provideDossierTesting(), DossierStore] });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    const dossier = unDossier();
    TestBed.inject(DossierStore).replace(dossier);
    const fixture = TestBed.createComponent(CursusSection);
    fixture.componentRef.setInput('dossier', dossier);
    fixture.componentRef.setInput('editable', true);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    return { loader, element: fixture.nativeElement as HTMLElement };
  };

  const button = (loader: ReturnType<typeof TestbedHarnessEnvironment.loader>, text: string | RegExp) =>
    loader.getHarness(MatButtonHarness.with({ text }));

  afterEach(() => http.verify());

  it('reads diplomas and languages as sentences with French dates', async () => {
    const { element } = await render();

    expect(element.textContent).toContain('Baccalauréat professionnel commerce · Niveau 4 (Bac, BP) · obtenu le vendredi 4 juillet 2025');
    expect(element.textContent).toContain('Anglais · B1 (intermédiaire)');
  });

  it('when rows are added and removed, sends the lists as they are in the form', async () => {
    const { loader } = await render();
    await (await button(loader, 'Modifier')).click();

    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Retirer le diplôme 1"]' }))).click();
    await (await button(loader, /Ajouter une expérience/)).click();
    const experience = loader.getChildLoader('fieldset');
    await (await (await experience).getHarness(MatInputHarness.with({ selector: '[formControlName="intitule"]' }))).setValue(
      'Vendeuse en boulangerie',
    );
    await (await (await experience).getHarness(MatInputHarness.with({ selector: '[formControlName="romeCode"]' }))).setValue('d1102');
    await (await button(loader, 'Enregistrer')).click();

    const patch = http.expectOne({ method: 'PATCH', url: DOSSIER_URL });
    expect(patch.request.body.cursus.diplomes).toEqual([]);
    expect(patch.request.body.cursus.experiences).toEqual([
      { intitule: 'Vendeuse en boulangerie', romeCode: 'D1102', employeur: null, dateDebut: null, dateFin: null },
    ]);
    expect(patch.request.body.cursus.langues).toEqual([{ langue: 'Anglais', niveau: 'B1' }]);
    patch.flush(unDossier({ version: 4 }));
  });

  it('when a row misses its title, shows the domain message on that row and sends nothing', async () => {
    const { loader } = await render();
    await (await button(loader, 'Modifier')).click();
    await (await button(loader, /Ajouter un diplôme/)).click();

    await (await button(loader, 'Enregistrer')).click();

    const intitules = await loader.getAllHarnesses(MatFormFieldHarness.with({ floatingLabelText: 'Intitulé' }));
    expect(await intitules[1]?.getTextErrors()).toEqual(["L'intitulé du diplôme : à renseigner."]);
    http.expectNone({ method: 'PATCH', url: DOSSIER_URL });
  });
});
