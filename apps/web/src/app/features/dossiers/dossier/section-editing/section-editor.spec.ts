import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { DossierDto } from '@imilo/domain';
import { anOutboxEntry, FakeConnectivity, FakeOutbox, settle } from '../../../../core/offline/offline.testing';
import { DossierStore } from '../dossier.store';
import { DOSSIER_URL, JEUNE_ID, provideDossierTesting, signIn, unDossier } from '../dossier.testing';
import { LogementSection } from '../logement/logement-section';
import { diffEntries } from './section-editor';

describe('diffEntries', () => {
  it('keeps only the fields whose texts differ, in the form order, and lists rows present on one side only', () => {
    const rows = diffEntries(
      [
        { path: 'telephone', label: 'Téléphone', text: '0711223344' },
        { path: 'email', label: 'E-mail', text: 'lea@exemple.fr' },
        { path: 'diplomes.1', label: 'Diplôme 2', text: 'CAP' },
      ],
      [
        { path: 'telephone', label: 'Téléphone', text: '0699999999' },
        { path: 'email', label: 'E-mail', text: 'lea@exemple.fr' },
        { path: 'langues.0', label: 'Langue 1', text: 'Anglais · B1' },
      ],
    );

    expect(rows).toEqual([
      { label: 'Téléphone', mine: '0711223344', theirs: '0699999999' },
      { label: 'Diplôme 2', mine: 'CAP', theirs: 'Absent' },
      { label: 'Langue 1', mine: 'Absent', theirs: 'Anglais · B1' },
    ]);
  });
});

describe('SectionEditor offline', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<LogementSection>;
  let outbox: FakeOutbox;
  const dossier = unDossier();

  const render = async (value: DossierDto = dossier) => {
    TestBed.configureTestingModule({ providers: [...provideDossierTesting(), DossierStore] });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    outbox = TestBed.inject(FakeOutbox);
    TestBed.inject(DossierStore).replace(value);
    fixture = TestBed.createComponent(LogementSection);
    fixture.componentRef.setInput('dossier', value);
    fixture.componentRef.setInput('editable', true);
    await fixture.whenStable();
    return {
      loader: TestbedHarnessEnvironment.loader(fixture),
      rootLoader: TestbedHarnessEnvironment.documentRootLoader(fixture),
      element: fixture.nativeElement as HTMLElement,
    };
  };

  /** Opens the form, says the logement is a difficulty, and saves. */
  const editAndSave = async (loader: ReturnType<typeof TestbedHarnessEnvironment.loader>) => {
    await (await loader.getHarness(MatButtonHarness.with({ text: /Modifier/ }))).click();
    const difficulte = await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName="difficulte"]' }));
    await difficulte.open();
    await difficulte.clickOptions({ text: 'Oui' });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
  };

  const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  afterEach(() => http.verify());

  it('when the PATCH cannot reach imilo, queues it with the dossier it started from, closes the form and says so', async () => {
    const { loader, rootLoader, element } = await render();
    await editAndSave(loader);

    http.expectOne({ method: 'PATCH', url: DOSSIER_URL }).error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await settle();
    await fixture.whenStable();

    expect(outbox.requests).toEqual([
      {
        method: 'PATCH',
        url: DOSSIER_URL,
        body: { version: 3, logement: { situation: 'PARENTS', difficulte: true } },
        jeuneId: JEUNE_ID,
        kind: 'dossier',
        label: 'Modification : Logement',
        base: dossier,
      },
    ]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Enregistrer' }))).toHaveSize(0);
    expect(await (await rootLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe(
      'Enregistré sur cet appareil — en attente de synchronisation',
    );
    // The read view keeps the stored version, badged, and the section waits before another edit.
    expect(text(element.querySelector('.section-frame-queued'))).toContain('En attente de synchronisation.');
    expect(text(element)).toContain('Difficulté de logement');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Modifier/ }))).toHaveSize(0);
  });

  it('a gateway answer without a problem body is unreachable too; one with a problem is the BFF speaking', async () => {
    const { loader, element } = await render();
    await editAndSave(loader);
    http
      .expectOne({ method: 'PATCH', url: DOSSIER_URL })
      .flush({ type: 'about:blank', title: 'Indisponible', status: 503, code: 'internal-error', detail: 'Maintenance en cours.' }, {
        status: 503,
        statusText: 'Service Unavailable',
      });
    await settle();
    await fixture.whenStable();
    expect(outbox.requests).toEqual([]);
    expect(text(element.querySelector('ui-error-message'))).toBe('Maintenance en cours.');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
    http.expectOne({ method: 'PATCH', url: DOSSIER_URL }).flush('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    await settle();
    expect(outbox.requests).toHaveSize(1);
  });

  it('when imilo is known to be unreachable, or edits of this dossier wait in the outbox, queues without sending', async () => {
    const { loader } = await render();
    TestBed.inject(FakeConnectivity).set(false);
    await editAndSave(loader);
    await settle();
    expect(outbox.requests).toHaveSize(1);
    http.expectNone(DOSSIER_URL);
  });

  it('behind a pending edit of the same dossier, joins the queue so that the order is kept', async () => {
    const { loader } = await render();
    outbox.entries.set([anOutboxEntry({ kind: 'dossier', jeuneId: JEUNE_ID, method: 'PATCH', body: { version: 3, mobilite: {} } })]);
    await editAndSave(loader);
    await settle();

    expect(outbox.requests.map((request) => request.label)).toEqual(['Modification : Logement']);
    http.expectNone(DOSSIER_URL);
  });

  it('when the device cannot keep the edit either, keeps the form open with what was typed', async () => {
    const { loader, element } = await render();
    outbox.broken = true;
    await editAndSave(loader);
    http.expectOne({ method: 'PATCH', url: DOSSIER_URL }).error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await settle();
    await fixture.whenStable();

    expect(text(element.querySelector('ui-error-message'))).toContain("cet appareil n'a pas pu garder votre saisie");
    const difficulte = await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName="difficulte"]' }));
    expect(await difficulte.getValueText()).toBe('Oui');
  });

  it('when the queued edit reaches imilo, the section shows the dossier it answered', async () => {
    const { element } = await render();
    const store = TestBed.inject(DossierStore);
    const entry = anOutboxEntry({ kind: 'dossier', jeuneId: JEUNE_ID, method: 'PATCH', body: { version: 3, logement: {} } });
    outbox.entries.set([entry]);
    await fixture.whenStable();
    expect(text(element.querySelector('.section-frame-queued'))).toContain('En attente de synchronisation.');

    const saved = unDossier({ version: 4, logement: { situation: 'PARENTS', difficulte: true } });
    outbox.entries.set([]);
    outbox.deliveries.next({ entry, status: 200, body: saved });
    fixture.componentRef.setInput('dossier', store.dossier());
    await fixture.whenStable();

    expect(store.dossier()).toEqual(saved);
    expect(element.querySelector('.section-frame-queued')).toBeNull();
    const rows = Array.from(element.querySelectorAll('.section-entries-row')).map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]);
    expect(rows).toContain(['Difficulté de logement', 'Oui']);
  });
});
