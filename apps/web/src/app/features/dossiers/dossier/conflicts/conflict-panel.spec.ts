import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { anOutboxEntry, FakeOutbox, settle } from '../../../../core/offline/offline.testing';
import { DossierStore } from '../dossier.store';
import { aConflictBody, JEUNE_ID, provideDossierTesting, signIn, unDossier } from '../dossier.testing';
import { DossierConflicts } from './dossier-conflicts';

describe('DossierConflicts', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<DossierConflicts>;

  const base = unDossier();
  const current = unDossier({
    version: 5,
    modifiePar: { id: 'u-2', prenom: 'Basile', nom: 'Morel' },
    logement: { situation: 'AUTONOME', difficulte: false },
    mobilite: { permis: ['B'], vehicule: true, moyensTransport: ['TRANSPORTS_COMMUN'] },
  });
  /** Offline I changed the logement (situation and difficulty); meanwhile the situation and the vehicle were changed. */
  const entry = anOutboxEntry({
    id: 'conflit-1',
    kind: 'dossier',
    method: 'PATCH',
    url: `/api/v1/jeunes/${JEUNE_ID}`,
    jeuneId: JEUNE_ID,
    label: 'Modification : Logement',
    status: 'conflict',
    body: { version: 3, logement: { situation: 'FAMILLE_AMIS', difficulte: true } },
    base,
    problem: aConflictBody(current),
  });

  const render = async (entries = [entry]) => {
    TestBed.configureTestingModule({ providers: [...provideDossierTesting(), DossierStore] });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(DossierStore).replace(base);
    TestBed.inject(FakeOutbox).entries.set(entries);
    fixture = TestBed.createComponent(DossierConflicts);
    fixture.componentRef.setInput('jeuneId', JEUNE_ID);
    await fixture.whenStable();
    return {
      loader: TestbedHarnessEnvironment.loader(fixture),
      rootLoader: TestbedHarnessEnvironment.documentRootLoader(fixture),
      element: fixture.nativeElement as HTMLElement,
    };
  };

  const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const saveButton = (loader: ReturnType<typeof TestbedHarnessEnvironment.loader>) =>
    loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer mes choix' }));

  afterEach(() => http.verify());

  it("lists only this jeune's queued writes in conflict", async () => {
    const { element } = await render([
      entry,
      { ...entry, id: 'pending', status: 'pending' },
      { ...entry, id: 'other', jeuneId: 'another-jeune' },
      { ...entry, id: 'action', kind: 'action' },
    ]);

    expect(element.querySelectorAll('app-conflict-panel')).toHaveSize(1);
  });

  it('says with whom it conflicts, then compares field by field in an accessible table', async () => {
    const { element } = await render();

    expect(text(element.querySelector('[role="alert"]'))).toContain(
      'Votre modification faite hors ligne entre en conflit avec une version enregistrée par Basile Morel le',
    );
    const headers = Array.from(element.querySelectorAll('th[scope="col"]')).map(text);
    expect(headers[0]).toBe('Champ');
    expect(headers.slice(1, 3)).toEqual(["Valeur d'origine", 'Votre saisie']);
    expect(headers[3]).toContain('Version enregistrée par Basile Morel');
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((row) => Array.from(row.children).slice(0, 4).map(text));
    expect(rows).toEqual([
      ['Situation de logement', 'Chez les parents', 'Hébergé(e) par la famille ou des amis', 'Logement autonome'],
      ['Difficulté de logement', 'Non', 'Oui', 'Non'],
    ]);
    expect(text(element.querySelectorAll('tbody tr')[1]?.lastElementChild)).toBe('Appliqué');
  });

  it('enables "Enregistrer mes choix" once every conflict has a choice, and sends the stored version with my changes', async () => {
    const { loader } = await render();
    expect(await (await saveButton(loader)).isDisabled()).toBeTrue();

    const choice = await loader.getHarness(MatRadioGroupHarness);
    await choice.checkRadioButton({ label: 'Garder la version enregistrée' });
    expect(await (await saveButton(loader)).isDisabled()).toBeFalse();
    await (await saveButton(loader)).click();
    await settle();

    expect(TestBed.inject(FakeOutbox).resolved).toEqual([
      { id: 'conflit-1', body: { version: 5, logement: { situation: 'AUTONOME', difficulte: true } } },
    ]);
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('app-conflict-panel')).toBeNull();
  });

  it('"Abandonner ma saisie" asks first, then drops the write and shows the stored dossier', async () => {
    const { loader, rootLoader } = await render();
    const store = TestBed.inject(DossierStore);

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Abandonner ma saisie' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Abandonner votre saisie ?');
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Annuler' }))).click();
    await settle();
    expect(TestBed.inject(FakeOutbox).discarded).toEqual([]);

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Abandonner ma saisie' }))).click();
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Abandonner ma saisie', selector: 'mat-dialog-actions button' }))).click();
    await settle();

    expect(TestBed.inject(FakeOutbox).discarded).toEqual(['conflit-1']);
    expect(store.dossier()?.version).toBe(5);
  });

  it('when the stored record did not come with the 409, offers only to give the write up', async () => {
    const { element, loader } = await render([{ ...entry, problem: { ...aConflictBody(current), current: undefined } }]);

    expect(text(element.querySelector('[role="alert"]'))).toContain("qui n'a pas pu être lue");
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Enregistrer mes choix' }))).toHaveSize(0);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Abandonner ma saisie' }))).toHaveSize(1);
  });
});
