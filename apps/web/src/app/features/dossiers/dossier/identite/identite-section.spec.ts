import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { DossierDto } from '@imilo/domain';
import { COMMUNE_EN_SAISIE_MESSAGE } from '../../communes/commune-field';
import { answerCommunes, chooseCommune, communeInput, LYON, typeCommune, uneCommune } from '../../communes/communes.testing';
import { DossierStore } from '../dossier.store';
import { DOSSIER_URL, provideDossierTesting, signIn, unDossier } from '../dossier.testing';
import { IdentiteSection, REVELATION_DUREE_MS } from './identite-section';

describe('IdentiteSection', () => {
  let http: HttpTestingController;

  const render = async (options: { canReveal?: boolean; dossier?: DossierDto } = {}) => {
    TestBed.configureTestingModule({ providers: [...provideDossierTesting(), DossierStore] });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    const dossier = options.dossier ?? unDossier();
    TestBed.inject(DossierStore).replace(dossier);
    const fixture = TestBed.createComponent(IdentiteSection);
    fixture.componentRef.setInput('dossier', dossier);
    fixture.componentRef.setInput('editable', true);
    fixture.componentRef.setInput('canReveal', options.canReveal ?? true);
    await fixture.whenStable();
    return { fixture, loader: TestbedHarnessEnvironment.loader(fixture), element: fixture.nativeElement as HTMLElement };
  };

  const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const row = (element: HTMLElement, label: string) =>
    Array.from(element.querySelectorAll('.section-entries-row')).find((entry) => text(entry.querySelector('dt')) === label);
  const nirRow = (element: HTMLElement) => row(element, 'NIR');
  const value = (element: HTMLElement, label: string) => text(row(element, label)?.querySelector('dd'));

  afterEach(() => {
    http.verify();
    // Torn down before the mock clock goes: the masking timer is cleared by the clock that set it.
    TestBed.resetTestingModule();
    jasmine.clock().uninstall();
  });

  it('shows the identity with French labels and dates, sensitive numbers masked', async () => {
    const { element } = await render();

    expect(value(element, 'Nom de naissance')).toBe('DUPONT');
    expect(value(element, "Nom d'usage")).toBe('MARTIN');
    expect(value(element, 'Date de naissance')).toBe('lundi 14 mai 2007');
    expect(value(element, 'Commune de naissance')).toBe('Lyon (69123)');
    expect(value(element, "Pièce d'identité")).toBe("Carte nationale d'identité");
    expect(value(element, 'JDC effectuée')).toBe('Non renseigné');
    expect(text(nirRow(element)?.querySelector('dd'))).toContain('••••••••••••123');
  });

  it('when the NIR is revealed, shows it, says the consultation is recorded, and masks it again after 30 s', async () => {
    const { fixture, loader, element } = await render();

    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Afficher le NIR"]' }))).click();
    const reveal = http.expectOne({ method: 'POST', url: `${DOSSIER_URL}/revelation` });
    expect(reveal.request.body).toEqual({ champ: 'nir' });
    jasmine.clock().install();
    reveal.flush({ champ: 'nir', valeur: '207056912345630' });
    fixture.detectChanges();

    expect(text(nirRow(element)?.querySelector('.identite-revealed'))).toBe('207056912345630');
    expect(text(nirRow(element))).toContain('Cette consultation est enregistrée.');

    jasmine.clock().tick(REVELATION_DUREE_MS - 1);
    fixture.detectChanges();
    expect(nirRow(element)?.querySelector('.identite-revealed')).not.toBeNull();

    jasmine.clock().tick(1);
    fixture.detectChanges();
    expect(nirRow(element)?.querySelector('.identite-revealed')).toBeNull();
    expect(text(nirRow(element)?.querySelector('dd'))).toContain('••••••••••••123');
  });

  it('when the user may not reveal (chargé d’accueil), offers no "Afficher"', async () => {
    const { loader } = await render({ canReveal: false });

    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Afficher/ }))).toHaveSize(0);
  });

  it('when saved without touching the NIR, does not send it; a new one replaces it; "Effacer" sends null', async () => {
    const { fixture, loader } = await render();
    const save = async () => {
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
      const patch = http.expectOne({ method: 'PATCH', url: DOSSIER_URL });
      const body = patch.request.body;
      patch.flush(unDossier());
      await fixture.whenStable();
      return body;
    };

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Modifier' }))).click();
    answerCommunes(http, '69123', [LYON]);
    const untouched = await save();
    expect(untouched.version).toBe(3);
    expect('nir' in untouched.identite).toBeFalse();
    expect('pieceIdentiteNumero' in untouched.identite).toBeFalse();
    expect(untouched.identite.nomUsage).toBe('MARTIN');
    expect(untouched.identite.communeNaissanceInsee).toBe('69123');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Modifier' }))).click();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="nir"]' }))).setValue('2 07 05 69 123 456 30');
    expect((await save()).identite.nir).toBe('207056912345630');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Modifier' }))).click();
    await (await loader.getHarness(MatCheckboxHarness.with({ label: 'Effacer le NIR enregistré' }))).check();
    expect((await save()).identite.nir).toBeNull();
  });

  it('when editing, shows the birth commune by name; a commune chosen in the list is sent as its INSEE code', async () => {
    const { fixture, loader, element } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Modifier' }))).click();
    answerCommunes(http, '69123', [LYON]);
    await fixture.whenStable();
    const commune = communeInput(element, 'communeNaissanceInsee');
    expect(commune.value).toBe('Lyon (69)');

    await chooseCommune(commune, http, () => fixture.whenStable(), 'bordeaux', uneCommune());
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();

    const patch = http.expectOne({ method: 'PATCH', url: DOSSIER_URL });
    expect(patch.request.body.identite.communeNaissanceInsee).toBe('33063');
    patch.flush(unDossier());
    await fixture.whenStable();
  });

  it('when a birth commune is typed but not chosen, says to choose it and keeps the stored one', async () => {
    const { fixture, loader, element } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Modifier' }))).click();
    answerCommunes(http, '69123', [LYON]);
    await fixture.whenStable();

    typeCommune(communeInput(element, 'communeNaissanceInsee'), 'Villeurb');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();

    http.expectNone({ method: 'PATCH', url: DOSSIER_URL });
    expect(text(element)).toContain(COMMUNE_EN_SAISIE_MESSAGE);
    // The search the typing started, answered so that nothing is left pending.
    await new Promise((resolve) => setTimeout(resolve, 300));
    answerCommunes(http, 'Villeurb', []);
  });
});
