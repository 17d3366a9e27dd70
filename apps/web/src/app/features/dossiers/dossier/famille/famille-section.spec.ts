import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { DossierDto } from '@imilo/domain';
import { DossierStore } from '../dossier.store';
import { DOSSIER_URL, provideDossierTesting, signIn, unDossier } from '../dossier.testing';
import { FamilleSection } from './famille-section';

describe('FamilleSection', () => {
  let http: HttpTestingController;

  const render = async (dossier: DossierDto) => {
    TestBed.configureTestingModule({ providers: [...provideDossierTesting(), DossierStore] });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(DossierStore).replace(dossier);
    const fixture = TestBed.createComponent(FamilleSection);
    fixture.componentRef.setInput('dossier', dossier);
    fixture.componentRef.setInput('editable', true);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Modifier' }))).click();
    return { loader, element: fixture.nativeElement as HTMLElement };
  };

  afterEach(() => http.verify());

  it('when the jeune is an adult without representative, does not ask for one', async () => {
    const { element } = await render(unDossier());

    expect(element.textContent).not.toContain('Représentants légaux');
  });

  it('when the jeune is a minor, adds a legal representative row and sends it with the section', async () => {
    const { loader } = await render(unDossier({ age: 16 }));

    await (await loader.getHarness(MatButtonHarness.with({ text: /Ajouter un représentant légal/ }))).click();
    const field = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formControlName="${name}"]` }));
    await (await field('nom')).setValue('Dupont');
    await (await field('prenom')).setValue('Sophie');
    await (await field('lien')).setValue('Mère');
    await (await field('telephone')).setValue('06 98 76 54 32');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();

    const patch = http.expectOne({ method: 'PATCH', url: DOSSIER_URL });
    expect(patch.request.body).toEqual({
      version: 3,
      famille: {
        situationFamiliale: 'CELIBATAIRE',
        enfantsACharge: 0,
        modeGarde: 'SANS_OBJET',
        representantsLegaux: [{ nom: 'DUPONT', prenom: 'Sophie', lien: 'Mère', telephone: '0698765432', email: null }],
      },
    });
    patch.flush(unDossier({ age: 16 }));
  });
});
