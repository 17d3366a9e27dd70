import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { DossierStore } from '../dossier.store';
import { DOSSIER_URL, provideDossierTesting, signIn, unDossier } from '../dossier.testing';
import { SituationsSection } from './situations-section';

describe('SituationsSection', () => {
  let http: HttpTestingController;

  const render = async () => {
    TestBed.configureTestingModule({ providers: [...provideDossierTesting(), DossierStore] });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    const dossier = unDossier();
    TestBed.inject(DossierStore).replace(dossier);
    const fixture = TestBed.createComponent(SituationsSection);
    fixture.componentRef.setInput('dossier', dossier);
    fixture.componentRef.setInput('editable', true);
    await fixture.whenStable();
    return { fixture, loader: TestbedHarnessEnvironment.loader(fixture), element: fixture.nativeElement as HTMLElement };
  };

  const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const today = (): string => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  };

  afterEach(() => http.verify());

  it('lists the situations, the current one first and marked', async () => {
    const { element } = await render();

    const items = Array.from(element.querySelectorAll('.situations-item'), (item) => text(item));
    expect(items).toEqual([
      'Emploi — Vendeuse Situation actuelle En cours · depuis le mardi 1 septembre 2026 · ROME D1214',
      'Formation — Bac pro Terminée · du dimanche 1 septembre 2024 au lundi 30 juin 2025',
    ]);
    expect(element.querySelector('.situations-item-current')).toBe(element.querySelector('.situations-item'));
  });

  it('when a situation is ended and another added, sends the whole list with the version', async () => {
    const { loader } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Modifier' }))).click();

    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Terminer la situation 1"]' }))).click();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Ajouter une situation/ }))).click();
    const categorie = (await loader.getAllHarnesses(MatSelectHarness))[0];
    await categorie?.open();
    await categorie?.clickOptions({ text: 'Formation' });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();

    const patch = http.expectOne({ method: 'PATCH', url: DOSSIER_URL });
    expect(patch.request.body).toEqual({
      version: 3,
      situations: [
        { categorie: 'FORMATION', etat: 'EN_COURS', dateDebut: today(), dateFin: null, intitule: null, romeCode: null },
        {
          id: '0a0b0c0d-1111-4222-8333-444455556666',
          categorie: 'EMPLOI',
          etat: 'TERMINE',
          dateDebut: '2026-09-01',
          dateFin: today(),
          intitule: 'Vendeuse',
          romeCode: 'D1214',
        },
        {
          id: '1a1b1c1d-2222-4333-8444-555566667777',
          categorie: 'FORMATION',
          etat: 'TERMINE',
          dateDebut: '2024-09-01',
          dateFin: '2025-06-30',
          intitule: 'Bac pro',
          romeCode: null,
        },
      ],
    });
    patch.flush(unDossier({ version: 4 }));
  });
});
