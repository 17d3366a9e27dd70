import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { OffreInterneDto, TypeEvenementDto } from '@imilo/domain';
import { provideEffects } from '@ngrx/effects';
import { provideStore, Store } from '@ngrx/store';
import { AuthApiActions } from '../../auth/auth.actions';
import { authFeature } from '../../auth/auth.feature';
import { aMe, aProblemBody } from '../../auth/auth.testing';
import { Referentiels } from './referentiels';
import * as referentielsEffects from './referentiels.effects';
import { referentielsFeature } from './referentiels.feature';

const TYPES_URL = '/api/v1/types-evenement';
const OFFRES_URL = '/api/v1/offres-internes';

const desTypes = (): TypeEvenementDto[] => [
  { code: 'ENTRETIEN_INDIVIDUEL', libelle: 'Entretien individuel', national: true, contact: true },
  { code: 'ADMINISTRATIF', libelle: 'Administratif', national: true, contact: false },
  { code: 'PERMANENCE_LYCEE', libelle: 'Permanence au lycée', national: false, contact: true },
];

const uneOffre = (overrides: Partial<OffreInterneDto> = {}): OffreInterneDto => ({
  id: '3f6b1c2d-9e8a-4b7c-a6d5-1e2f3a4b5c6d',
  code: 'P61',
  libelle: 'Atelier CV',
  theme: 'EMPLOI',
  type: 'ATELIER',
  actif: true,
  ...overrides,
});

const MOBILITE = uneOffre({
  id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  code: 'MOB',
  libelle: 'Prestation mobilité',
  theme: 'MOBILITE',
  type: 'PRESTATION',
  actif: false,
});

describe('Referentiels (admin: référentiels du suivi)', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Referentiels>;
  let loader: HarnessLoader;

  const render = async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideStore({ [authFeature.name]: authFeature.reducer, [referentielsFeature.name]: referentielsFeature.reducer }),
        provideEffects(referentielsEffects),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    TestBed.inject(Store).dispatch(AuthApiActions.sessionLoaded({ me: aMe({ roles: ['admin_ml'] }) }));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Referentiels);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  };

  const typesRequest = (): TestRequest => http.expectOne({ method: 'GET', url: TYPES_URL });
  const offresRequest = (): TestRequest =>
    http.expectOne((request) => request.method === 'GET' && request.url === OFFRES_URL && request.params.get('toutes') === 'true');

  /** Opens the page on these lists. */
  const open = async (types = desTypes(), offres: OffreInterneDto[] = [uneOffre(), MOBILITE]) => {
    await render();
    typesRequest().flush(types);
    offresRequest().flush(offres);
    await fixture.whenStable();
  };

  const element = (): HTMLElement => fixture.nativeElement;
  const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const section = (title: string): HTMLElement =>
    Array.from(element().querySelectorAll<HTMLElement>('section')).find((node) => text(node.querySelector('h2')) === title)!;
  /** Each item of a list: its lines, separated by " / ", then its buttons. */
  const items = (label: string): string[] =>
    Array.from(element().querySelectorAll(`ul[aria-label="${label}"] > li`), (item) =>
      [...Array.from(item.querySelectorAll('p'), text), ...Array.from(item.querySelectorAll('button'), text)].join(' / '),
    );
  const titles = (label: string): string[] =>
    Array.from(element().querySelectorAll(`ul[aria-label="${label}"] > li .ref-item-title`), (title) => text(title));
  const stable = () => fixture.whenStable();
  const click = async (label: string | RegExp, ancestor?: string) => {
    await (await loader.getHarness(MatButtonHarness.with({ text: label, ancestor }))).click();
    await stable();
  };
  const clickNamed = async (name: string) => {
    element().querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`)?.click();
    await stable();
  };
  const fill = async (selector: string, value: string) => (await loader.getHarness(MatInputHarness.with({ selector }))).setValue(value);
  const confirmation = (title: string): string => text(section(title).querySelector('.ref-confirmation'));

  afterEach(() => http.verify());

  describe('when it opens', () => {
    it('says it loads, then lists the national types (marked, read-only), the Mission Locale’s own and the offres', async () => {
      await render();

      expect(text(element())).toContain("Chargement des types d'événement…");
      expect(text(element())).toContain("Chargement de l'offre de service…");

      typesRequest().flush(desTypes());
      offresRequest().flush([MOBILITE, uneOffre()]);
      await stable();

      expect(text(element())).toContain('Les types d\'événement et les offres ajoutés ici sont ceux de la Mission Locale de Lyon');
      expect(items("Types d'événement de la Mission Locale")).toEqual(['Permanence au lycée / PERMANENCE_LYCEE · Contact avec le jeune']);
      expect(items("Types d'événement nationaux")).toEqual([
        'Entretien individuel National / ENTRETIEN_INDIVIDUEL · Contact avec le jeune',
        'Administratif National / ADMINISTRATIF · Sans contact avec le jeune',
      ]);
      expect(section("Types d'événement").querySelectorAll('ul[aria-label="Types d\'événement nationaux"] button').length).toBe(0);
      expect(items('Offres de service interne')).toEqual([
        'Atelier CV / P61 · Emploi · Atelier / Active : proposable aux jeunes / Modifier / Désactiver',
        "Prestation mobilité / MOB · Mobilité · Prestation / Inactive : n'est plus proposée / Modifier / Réactiver",
      ]);
    });

    it('when the Mission Locale has added nothing yet, says so', async () => {
      await open(desTypes().filter(({ national }) => national), []);

      expect(text(section("Types d'événement"))).toContain('Aucun type propre à la Mission Locale pour le moment.');
      expect(text(section('Offre de service interne'))).toContain('Aucune offre pour le moment : ajoutez la première.');
    });

    it('when a list cannot load, says why in French and loads it again on "Réessayer", the other list staying usable', async () => {
      await render();
      typesRequest().flush(aProblemBody(500, 'internal-error', 'Une erreur est survenue : réessayez dans un instant.'), {
        status: 500,
        statusText: 'Server Error',
      });
      offresRequest().flush([uneOffre()]);
      await stable();

      expect(text(section("Types d'événement"))).toContain('Une erreur est survenue : réessayez dans un instant.');
      expect(items('Offres de service interne').length).toBe(1);

      await click('Réessayer');
      typesRequest().flush(desTypes());
      await stable();

      expect(items("Types d'événement de la Mission Locale").length).toBe(1);
    });
  });

  describe('adding a type of événement', () => {
    const openForm = async () => {
      await open();
      await click('Ajouter un type');
    };

    it('sends the code, libellé and contact, then lists it, says so and closes the form', async () => {
      await openForm();
      await fill('[formcontrolname="code"]', 'visite_domicile');
      await fill('[formcontrolname="libelle"]', 'Visite à domicile');
      await (await loader.getHarness(MatRadioGroupHarness.with({ selector: '[formcontrolname="contact"]' }))).checkRadioButton({ label: 'Oui' });

      await click('Ajouter le type');

      const request = http.expectOne({ method: 'POST', url: TYPES_URL });
      expect(request.request.body).toEqual({ code: 'VISITE_DOMICILE', libelle: 'Visite à domicile', contact: true });
      request.flush({ code: 'VISITE_DOMICILE', libelle: 'Visite à domicile', national: false, contact: true }, { status: 201, statusText: 'Created' });
      await stable();

      expect(items("Types d'événement de la Mission Locale")).toEqual([
        'Permanence au lycée / PERMANENCE_LYCEE · Contact avec le jeune',
        'Visite à domicile / VISITE_DOMICILE · Contact avec le jeune',
      ]);
      expect(confirmation("Types d'événement")).toBe('Le type « Visite à domicile » est ajouté : les conseillers peuvent le choisir.');
      expect(element().querySelector('app-type-form')).toBeNull();
    });

    it('when the code is national or already taken (409), says so in French under the code and keeps the form', async () => {
      await openForm();
      await fill('[formcontrolname="code"]', 'ATELIER');
      await fill('[formcontrolname="libelle"]', 'Atelier bis');
      await (await loader.getHarness(MatRadioGroupHarness.with({ selector: '[formcontrolname="contact"]' }))).checkRadioButton({ label: 'Non' });

      await click('Ajouter le type');
      http
        .expectOne({ method: 'POST', url: TYPES_URL })
        .flush(aProblemBody(409, 'conflict', "Le code ATELIER est déjà celui d'un type d'événement national ou de la Mission Locale."), {
          status: 409,
          statusText: 'Conflict',
        });
      await stable();

      const code = element().querySelector('app-type-form mat-form-field');
      expect(text(code?.querySelector('mat-error'))).toBe("Le code ATELIER est déjà celui d'un type d'événement national ou de la Mission Locale.");
      expect(await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="code"]' }))).getValue()).toBe('ATELIER');
      expect(items("Types d'événement de la Mission Locale").length).toBe(1);
    });

    it('when fields are missing or wrong, shows the domain messages and sends nothing', async () => {
      await openForm();
      await fill('[formcontrolname="code"]', '1A');

      await click('Ajouter le type');

      const form = text(element().querySelector('app-type-form'));
      expect(form).toContain('Le code : 2 à 40 lettres majuscules, chiffres ou « _ », en commençant par une lettre.');
      expect(form).toContain('Précisez si ce type est un contact avec le jeune.');
      expect(document.activeElement?.getAttribute('formcontrolname')).toBe('code');
    });

    it('when cancelled, closes the form and gives the focus back to "Ajouter un type"', async () => {
      await openForm();

      await click('Annuler', 'app-type-form');

      expect(element().querySelector('app-type-form')).toBeNull();
      expect(document.activeElement?.getAttribute('data-focus')).toBe('ajouter-type');
    });
  });

  describe('the internal offre de service', () => {
    it('adds an offre (active at once), listed by libellé', async () => {
      await open();
      await click('Ajouter une offre');
      await fill('app-offre-form [formcontrolname="code"]', 'p62');
      await fill('app-offre-form [formcontrolname="libelle"]', 'Information collective Garantie jeunes');
      await (await loader.getHarness(MatSelectHarness.with({ selector: '[formcontrolname="theme"]' }))).clickOptions({ text: 'Emploi' });
      await (await loader.getHarness(MatRadioGroupHarness.with({ selector: '[formcontrolname="type"]' }))).checkRadioButton({
        label: 'Information collective',
      });

      await click("Ajouter l'offre");

      const request = http.expectOne({ method: 'POST', url: OFFRES_URL });
      expect(request.request.body).toEqual({
        code: 'P62',
        libelle: 'Information collective Garantie jeunes',
        theme: 'EMPLOI',
        type: 'INFORMATION_COLLECTIVE',
        actif: true,
      });
      request.flush({ id: 'b1b2b3b4-0000-4000-8000-000000000000', ...request.request.body }, { status: 201, statusText: 'Created' });
      await stable();

      expect(titles('Offres de service interne')).toEqual(['Atelier CV', 'Information collective Garantie jeunes', 'Prestation mobilité']);
      expect(document.activeElement?.getAttribute('aria-label')).toBe("Modifier l'offre Information collective Garantie jeunes");
      expect(confirmation('Offre de service interne')).toBe("L'offre « Information collective Garantie jeunes » est ajoutée.");
      expect(element().querySelector('app-offre-form')).toBeNull();
    });

    it('when the code is taken in the Mission Locale (409), says so under the code', async () => {
      await open();
      await click('Ajouter une offre');
      await fill('app-offre-form [formcontrolname="code"]', 'P61');
      await fill('app-offre-form [formcontrolname="libelle"]', 'Autre atelier');
      await (await loader.getHarness(MatSelectHarness.with({ selector: '[formcontrolname="theme"]' }))).clickOptions({ text: 'Emploi' });
      await (await loader.getHarness(MatRadioGroupHarness.with({ selector: '[formcontrolname="type"]' }))).checkRadioButton({ label: 'Atelier' });

      await click("Ajouter l'offre");
      http
        .expectOne({ method: 'POST', url: OFFRES_URL })
        .flush(aProblemBody(409, 'conflict', 'La Mission Locale a déjà une offre sous le code P61.'), { status: 409, statusText: 'Conflict' });
      await stable();

      expect(text(element().querySelector('app-offre-form mat-form-field mat-error'))).toBe('La Mission Locale a déjà une offre sous le code P61.');
    });

    it('changes the libellé, thème and type of an offre, keeping its code and activity', async () => {
      await open();
      await clickNamed("Modifier l'offre Atelier CV");

      expect(element().querySelector('app-offre-form [formcontrolname="code"]')).toBeNull();
      expect(text(element().querySelector('app-offre-form h3'))).toBe("Modifier l'offre P61");
      await fill('app-offre-form [formcontrolname="libelle"]', 'Atelier CV et lettre');
      await (await loader.getHarness(MatRadioGroupHarness.with({ selector: '[formcontrolname="type"]' }))).checkRadioButton({ label: 'Prestation' });
      await click('Enregistrer', 'app-offre-form');

      const request = http.expectOne({ method: 'PATCH', url: `${OFFRES_URL}/${uneOffre().id}` });
      expect(request.request.body).toEqual({ libelle: 'Atelier CV et lettre', theme: 'EMPLOI', type: 'PRESTATION', actif: true });
      request.flush(uneOffre({ libelle: 'Atelier CV et lettre', type: 'PRESTATION' }));
      await stable();

      expect(items('Offres de service interne')[0]).toBe('Atelier CV et lettre / P61 · Emploi · Prestation / Active : proposable aux jeunes / Modifier / Désactiver');
      expect(confirmation('Offre de service interne')).toBe("L'offre « Atelier CV et lettre » est enregistrée.");
      expect(document.activeElement?.getAttribute('aria-label')).toBe("Modifier l'offre Atelier CV et lettre");
    });

    it('withdraws an offre and brings it back', async () => {
      await open();

      await clickNamed("Désactiver l'offre Atelier CV");
      const withdrawal = http.expectOne({ method: 'PATCH', url: `${OFFRES_URL}/${uneOffre().id}` });
      expect(withdrawal.request.body).toEqual({ libelle: 'Atelier CV', theme: 'EMPLOI', type: 'ATELIER', actif: false });
      withdrawal.flush(uneOffre({ actif: false }));
      await stable();

      expect(items('Offres de service interne')[0]).toContain("Inactive : n'est plus proposée");
      expect(confirmation('Offre de service interne')).toBe("L'offre « Atelier CV » est désactivée : elle n'est plus proposée aux jeunes.");

      await clickNamed("Réactiver l'offre Atelier CV");
      http.expectOne({ method: 'PATCH', url: `${OFFRES_URL}/${uneOffre().id}` }).flush(uneOffre());
      await stable();

      expect(items('Offres de service interne')[0]).toContain('Active : proposable aux jeunes');
    });

    it('when a change fails, says why in French beside the offre', async () => {
      await open();

      await clickNamed("Désactiver l'offre Atelier CV");
      http
        .expectOne({ method: 'PATCH', url: `${OFFRES_URL}/${uneOffre().id}` })
        .flush(aProblemBody(404, 'not-found', "Cette offre n'existe pas."), { status: 404, statusText: 'Not Found' });
      await stable();

      const first = element().querySelector('ul[aria-label="Offres de service interne"] > li');
      expect(text(first?.querySelector('ui-error-message'))).toContain("Cette offre n'existe pas.");
      expect(text(first)).toContain('Active : proposable aux jeunes');
    });
  });
});
