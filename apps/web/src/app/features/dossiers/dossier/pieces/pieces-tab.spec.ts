import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpEventType } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { DossierStore } from '../dossier.store';
import { DOSSIER_URL, JEUNE_ID, provideDossierTesting, signIn, unDossier, unePiece } from '../dossier.testing';
import { PiecesTab, TROP_LOURD, TYPE_REFUSE } from './pieces-tab';

@Component({
  imports: [PiecesTab],
  providers: [DossierStore],
  template: `
    @if (store.dossier(); as dossier) {
      <app-pieces-tab [dossier]="dossier" [canUpload]="true" [canDecide]="canDecide()" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly canDecide = input(true);
  readonly store = inject(DossierStore);
}

describe('PiecesTab', () => {
  let http: HttpTestingController;

  const render = async (canDecide = true) => {
    TestBed.configureTestingModule({ providers: provideDossierTesting() });
    signIn(canDecide ? ['conseiller'] : ['charge_accueil']);
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Host);
    fixture.componentRef.setInput('canDecide', canDecide);
    fixture.componentInstance.store.load(JEUNE_ID);
    http.expectOne(DOSSIER_URL).flush(unDossier());
    await fixture.whenStable();
    return {
      fixture,
      loader: TestbedHarnessEnvironment.loader(fixture),
      rootLoader: TestbedHarnessEnvironment.documentRootLoader(fixture),
      element: fixture.nativeElement as HTMLElement,
    };
  };

  const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  const chooseType = async (loader: ReturnType<typeof TestbedHarnessEnvironment.loader>, label: string) => {
    const select = await loader.getHarness(MatSelectHarness);
    await select.open();
    await select.clickOptions({ text: label });
  };

  /** What the browser does once the user picked a file in the camera or the file chooser. */
  const pickFile = (element: HTMLElement, file: File, capture = false) => {
    const input = element.querySelector<HTMLInputElement>(capture ? 'input[type="file"][capture]' : 'input[type="file"]:not([capture])');
    const transfer = new DataTransfer();
    transfer.items.add(file);
    if (input !== null) {
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
    }
  };

  afterEach(() => http.verify());

  it('lists the pièces by kind with their status and an action to open them', async () => {
    const { element } = await render();

    expect(text(element)).toContain('Justificatif de domicile');
    expect(text(element.querySelector('.pieces-status'))).toBe('À valider');
    const ouvrir = element.querySelector('a[aria-label="Ouvrir la pièce facture-edf.pdf (nouvel onglet)"]');
    expect(ouvrir?.getAttribute('href')).toBe(`${DOSSIER_URL}/pieces/${unePiece().id}/contenu`);
    expect(ouvrir?.getAttribute('target')).toBe('_blank');
  });

  it('offers the camera (capture) and the file chooser, both limited to PDF, JPEG and PNG', async () => {
    const { element } = await render();

    const inputs = Array.from(element.querySelectorAll<HTMLInputElement>('input[type="file"]'));
    expect(inputs.map((input) => input.getAttribute('capture'))).toEqual(['environment', null]);
    expect(inputs.map((input) => input.accept)).toEqual([
      'application/pdf,image/jpeg,image/png',
      'application/pdf,image/jpeg,image/png',
    ]);
  });

  it('when no kind is chosen, asks for it before opening the chooser', async () => {
    const { loader, element } = await render();
    const chooser = element.querySelector<HTMLInputElement>('input[type="file"]:not([capture])');
    const click = spyOn(chooser ?? new HTMLInputElement(), 'click');

    await (await loader.getHarness(MatButtonHarness.with({ text: /Choisir un fichier/ }))).click();

    expect(click).not.toHaveBeenCalled();
    expect(text(element.querySelector('mat-error'))).toBe('Choisissez d’abord le type de pièce.');
  });

  it('when the file weighs 11 MB, refuses it before sending, in French', async () => {
    const { fixture, loader, element } = await render();
    await chooseType(loader, 'Justificatif de domicile');

    pickFile(element, new File([new Uint8Array(11 * 1024 * 1024)], 'scan.pdf', { type: 'application/pdf' }), true);
    await fixture.whenStable();

    expect(text(element.querySelector('[role="alert"]'))).toBe(TROP_LOURD);
    http.expectNone({ method: 'POST', url: `${DOSSIER_URL}/pieces` });
  });

  it('uploads the file as multipart with its kind, shows the progress, then lists the new pièce', async () => {
    const { fixture, loader, element } = await render();
    await chooseType(loader, "Pièce d'identité");

    pickFile(element, new File(['%PDF-1.7'], 'cni.pdf', { type: 'application/pdf' }));
    const upload = http.expectOne({ method: 'POST', url: `${DOSSIER_URL}/pieces` });
    const body = upload.request.body;
    expect(body instanceof FormData).toBeTrue();
    expect(body.get('type')).toBe('IDENTITE');
    const fichier = body.get('fichier');
    expect(fichier instanceof File && fichier.name).toBe('cni.pdf');
    upload.event({ type: HttpEventType.UploadProgress, loaded: 45, total: 100 });
    await fixture.whenStable();
    expect(text(element.querySelector('.pieces-progress'))).toBe('Envoi : 45 %');

    upload.flush(unePiece({ id: 'c0ffee00-0000-4000-8000-000000000001', type: 'IDENTITE', nomFichier: 'cni.pdf' }), {
      status: 201,
      statusText: 'Created',
    });
    await fixture.whenStable();

    expect(element.querySelector('.pieces-progress')).toBeNull();
    expect(text(element)).toContain("Pièce d'identité");
    expect(element.querySelector('[aria-label="Valider la pièce cni.pdf"]')).not.toBeNull();
  });

  it('when the BFF finds the file too large (413) or of another type (415), says so in French', async () => {
    const { fixture, loader, element } = await render();
    await chooseType(loader, 'Justificatif de domicile');

    pickFile(element, new File(['x'], 'photo.jpg', { type: 'image/jpeg' }));
    http.expectOne(`${DOSSIER_URL}/pieces`).flush(null, { status: 413, statusText: 'Payload Too Large' });
    await fixture.whenStable();
    expect(text(element.querySelector('[role="alert"]'))).toBe(TROP_LOURD);

    pickFile(element, new File(['<html>'], 'faux.png', { type: 'image/png' }));
    http.expectOne(`${DOSSIER_URL}/pieces`).flush(null, { status: 415, statusText: 'Unsupported Media Type' });
    await fixture.whenStable();
    expect(text(element.querySelector('[role="alert"]'))).toBe(TYPE_REFUSE);
  });

  it('when a pièce is refused, asks the motif, sends it, then reloads the dossier', async () => {
    const { fixture, loader, rootLoader } = await render();

    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Refuser la pièce facture-edf.pdf"]' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Refuser la pièce' }))).click();
    expect(await dialog.getContentText()).toContain('Un refus indique son motif.');
    http.expectNone(`${DOSSIER_URL}/pieces/${unePiece().id}/decision`);

    await (await rootLoader.getHarness(MatInputHarness.with({ selector: 'textarea' }))).setValue('Document illisible');
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Refuser la pièce' }))).click();
    const decision = http.expectOne({ method: 'POST', url: `${DOSSIER_URL}/pieces/${unePiece().id}/decision` });
    expect(decision.request.body).toEqual({ decision: 'REFUSEE', motif: 'Document illisible' });
    decision.flush(unePiece({ statut: 'REFUSEE', motifRefus: 'Document illisible' }));
    await fixture.whenStable();

    http
      .expectOne({ method: 'GET', url: DOSSIER_URL })
      .flush(unDossier({ pieces: [unePiece({ statut: 'REFUSEE', motifRefus: 'Document illisible' })] }));
    await fixture.whenStable();
    expect(text(fixture.nativeElement.querySelector('.pieces-status'))).toBe('Refusée — Document illisible');
  });

  it('when the user may upload but not decide (chargé d’accueil), offers no "Valider" nor "Refuser"', async () => {
    const { loader } = await render(false);

    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Valider|Refuser/ }))).toHaveSize(0);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Prendre une photo/ }))).toHaveSize(1);
  });
});
