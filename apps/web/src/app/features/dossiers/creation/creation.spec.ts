import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { DoublonsDto } from '@imilo/domain';
import { aProblemBody } from '../../auth/auth.testing';
import { COMMUNE_DEBOUNCE_MS, COMMUNE_EN_SAISIE_MESSAGE } from '../communes/commune-field';
import { answerCommunes, chooseCommune, communeInput, LYON, typeCommune } from '../communes/communes.testing';
import { Creation } from './creation';
import { unsavedCreationGuard } from './unsaved-creation.guard';

@Component({ selector: 'app-dossier-stub', template: '<p>Dossier ouvert</p>' })
class DossierStub {}

const DOSSIER_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const desDoublons = (overrides: Partial<DoublonsDto> = {}): DoublonsDto => ({
  missionLocale: [
    {
      id: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b',
      matricule: 'ML-2024-000042',
      nomNaissance: 'LEFEVRE',
      nomUsage: null,
      prenoms: 'Élodie',
      dateNaissance: '2006-12-07',
      referent: { id: '5b7c6a1e-0c1f-4a53-9d43-6f0f3f7a2b10', prenom: 'Awa', nom: 'Diallo' },
    },
  ],
  ailleurs: false,
  ...overrides,
});

const conflict = (doublons: DoublonsDto) => ({
  ...aProblemBody(409, 'conflict', 'Ce jeune a peut-être déjà un dossier.'),
  doublons,
});

describe('Creation', () => {
  let http: HttpTestingController;

  const open = async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'jeunes/nouveau', component: Creation, canDeactivate: [unsavedCreationGuard] },
          { path: 'jeunes/:id', component: DossierStub },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create('/jeunes/nouveau');
    const element = harness.routeNativeElement as HTMLElement;
    const stable = () => TestBed.inject(ApplicationRef).whenStable();
    return { harness, element, stable };
  };

  const fill = (element: HTMLElement, name: string, value: string) => {
    const input = element.querySelector<HTMLInputElement>(`[formcontrolname="${name}"]`);
    if (input === null) {
      throw new Error(`no field ${name}`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  };

  const check = (element: HTMLElement, selector: string) => {
    element.querySelector<HTMLInputElement>(selector)?.click();
  };

  const fillIdentity = async (element: HTMLElement, stable: () => Promise<void>) => {
    fill(element, 'nomNaissance', 'Lefèvre');
    fill(element, 'prenoms', 'Élodie  Marie');
    check(element, 'mat-radio-button[value="F"] input');
    fill(element, 'dateNaissance', '07/12/2006');
    await chooseCommune(communeInput(element, 'communeNaissanceInsee'), http, stable, 'lyon', LYON);
    fill(element, 'telephone', '06 12 34 56 78');
    check(element, 'mat-checkbox[formcontrolname="consentementSms"] input');
    await stable();
  };

  const button = (root: ParentNode, label: string): HTMLButtonElement => {
    const found = Array.from(root.querySelectorAll('button')).find((b) => b.textContent?.trim().includes(label));
    if (found === undefined) {
      throw new Error(`no button ${label}`);
    }
    return found;
  };

  const submit = async (element: HTMLElement, stable: () => Promise<void>) => {
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await stable();
  };

  const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  afterEach(() => http.verify());

  it('when names are typed, shows them as they will be stored', async () => {
    const { element, stable } = await open();

    fill(element, 'nomNaissance', 'Lefèvre-d’Arc');
    fill(element, 'nomUsage', 'de la Tour');
    await stable();

    expect(text(element)).toContain("Sera enregistré : LEFEVRE-D'ARC");
    expect(text(element)).toContain('Sera enregistré : DE LA TOUR');
  });

  it('when required fields are missing, says what to fill in French and sends nothing', async () => {
    const { element, stable } = await open();

    await submit(element, stable);

    expect(text(element)).toContain('Le nom de naissance : à renseigner.');
    expect(text(element)).toContain('Les prénoms : à renseigner.');
    expect(text(element)).toContain('La date de naissance : à renseigner.');
    expect(text(element)).toContain('Le sexe est F ou M.');
  });

  it('when a birth commune is typed but not chosen in the list, says to choose it and sends nothing', async () => {
    const { element, stable } = await open();
    await fillIdentity(element, stable);
    const commune = communeInput(element, 'communeNaissanceInsee');
    typeCommune(commune, 'Villeurbanne');
    await new Promise((resolve) => setTimeout(resolve, COMMUNE_DEBOUNCE_MS + 50));
    answerCommunes(http, 'Villeurbanne', []);

    await submit(element, stable);

    expect(text(element)).toContain(COMMUNE_EN_SAISIE_MESSAGE);
    http.expectNone('/api/v1/jeunes');
  });

  it('when the identity is complete and no duplicate exists, creates the dossier and opens it', async () => {
    const { element, stable } = await open();
    await fillIdentity(element, stable);

    await submit(element, stable);
    const request = http.expectOne({ method: 'POST', url: '/api/v1/jeunes' });

    expect(request.request.body).toEqual({
      identite: {
        nomNaissance: 'LEFEVRE',
        nomUsage: null,
        prenoms: 'Élodie Marie',
        sexe: 'F',
        dateNaissance: '2006-12-07',
        neEtranger: false,
        communeNaissanceInsee: '69123',
        paysNaissance: null,
      },
      coordonnees: {
        telephone: '0612345678',
        email: null,
        consentements: { sms: true, email: false, push: false },
        adresse: null,
      },
      confirmerDoublon: false,
    });
    request.flush({ id: DOSSIER_ID }, { status: 201, statusText: 'Created' });
    await stable();

    expect(TestBed.inject(Router).url).toBe(`/jeunes/${DOSSIER_ID}`);
  });

  it('when the BFF finds candidates in my Mission Locale, shows them with a link to open each', async () => {
    const { element, stable } = await open();
    await fillIdentity(element, stable);
    await submit(element, stable);

    http.expectOne('/api/v1/jeunes').flush(conflict(desDoublons()), { status: 409, statusText: 'Conflict' });
    await stable();

    const panel = element.querySelector('app-doublons-panel');
    expect(text(panel?.querySelector('h2') ?? null)).toBe('Ce jeune a peut-être déjà un dossier');
    expect(text(panel)).toContain('LEFEVRE Élodie');
    expect(text(panel)).toContain('ML-2024-000042');
    expect(text(panel)).toContain('Awa Diallo');
    const open_ = panel?.querySelector('a');
    expect(text(open_ ?? null)).toBe('Ouvrir ce dossier');
    expect(open_?.getAttribute('href')).toBe('/jeunes/7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b');
    expect(text(panel)).not.toContain('autre Mission Locale');
    expect(document.activeElement?.id).toBe('doublons-title');
  });

  it('when the conseiller creates anyway, resends the identity with confirmerDoublon', async () => {
    const { element, stable } = await open();
    await fillIdentity(element, stable);
    await submit(element, stable);
    http.expectOne('/api/v1/jeunes').flush(conflict(desDoublons()), { status: 409, statusText: 'Conflict' });
    await stable();

    button(element, 'Créer quand même').click();
    await stable();
    const retry = http.expectOne('/api/v1/jeunes');

    expect(retry.request.body).toEqual(jasmine.objectContaining({ confirmerDoublon: true }));
    expect(retry.request.body.identite.nomNaissance).toBe('LEFEVRE');
    retry.flush({ id: DOSSIER_ID }, { status: 201, statusText: 'Created' });
    await stable();
    expect(TestBed.inject(Router).url).toBe(`/jeunes/${DOSSIER_ID}`);
  });

  it('when a dossier exists in another Mission Locale, offers the transfer, sends the motif and confirms', async () => {
    const { element, stable } = await open();
    await fillIdentity(element, stable);
    await submit(element, stable);
    http
      .expectOne('/api/v1/jeunes')
      .flush(conflict(desDoublons({ missionLocale: [], ailleurs: true })), { status: 409, statusText: 'Conflict' });
    await stable();

    expect(text(element)).toContain('Un dossier existe dans une autre Mission Locale.');
    button(element, 'Demander le transfert').click();
    await stable();
    const dialog = document.querySelector('mat-dialog-container');
    const motif = dialog?.querySelector('textarea');
    motif!.value = 'Le jeune a déménagé à Lyon.';
    motif!.dispatchEvent(new Event('input'));
    dialog?.querySelector('form')?.dispatchEvent(new Event('submit'));
    await stable();
    const demande = http.expectOne({ method: 'POST', url: '/api/v1/jeunes/demandes-transfert' });

    expect(demande.request.body).toEqual({
      identite: jasmine.objectContaining({ nomNaissance: 'LEFEVRE', dateNaissance: '2006-12-07' }),
      motif: 'Le jeune a déménagé à Lyon.',
    });
    demande.flush({ demandes: 1 }, { status: 201, statusText: 'Created' });
    await stable();
    // The dialog reports its result once it has left the screen.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await stable();

    expect(text(element)).toContain('Demande de transfert envoyée.');
  });

  it('when the BFF refuses a field, shows its message on that field', async () => {
    const { element, stable } = await open();
    await fillIdentity(element, stable);
    await submit(element, stable);

    http.expectOne('/api/v1/jeunes').flush(
      {
        ...aProblemBody(400, 'validation-failed', 'Vérifiez les champs signalés.', [
          { path: 'coordonnees.telephone', message: 'Le téléphone compte 10 chiffres (ex. 06 12 34 56 78).' },
        ]),
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();

    expect(text(element)).toContain('Le téléphone compte 10 chiffres (ex. 06 12 34 56 78).');
    expect(element.querySelector('ui-error-message')?.textContent).toContain('Vérifiez les champs signalés.');
  });

  it('when leaving with unsaved input, asks first and stays when asked to', async () => {
    const { element, stable } = await open();
    fill(element, 'nomNaissance', 'Martin');
    await stable();

    const leaving = TestBed.inject(Router).navigateByUrl(`/jeunes/${DOSSIER_ID}`);
    // Not whenStable: the navigation is a pending task until the dialog answers.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const dialog = document.querySelector('mat-dialog-container');
    expect(text(dialog)).toContain('Quitter sans créer le dossier ?');
    button(dialog!, 'Rester sur la page').click();

    expect(await leaving).toBeFalse();
    expect(TestBed.inject(Router).url).toBe('/jeunes/nouveau');
  });
});
