import { LiveAnnouncer } from '@angular/cdk/a11y';
import { BreakpointObserver, type BreakpointState } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { JeuneResultatDto, JeuneResultatsDto } from '@imilo/domain';
import { of } from 'rxjs';
import { aProblemBody } from '../../auth/auth.testing';
import { Recherche, SEARCH_DEBOUNCE_MS } from './recherche';

@Component({ selector: 'app-creation-stub', template: '<p>Création</p>' })
class CreationStub {}

const unResultat = (overrides: Partial<JeuneResultatDto> = {}): JeuneResultatDto => ({
  id: 'b3c1a6f0-1d2e-4f3a-8b4c-5d6e7f8a9b0c',
  matricule: 'ML-2026-000123',
  nomUsage: null,
  nomNaissance: 'DUPONT',
  prenoms: 'Élodie Marie',
  sexe: 'F',
  dateNaissance: '2006-12-07',
  age: 19,
  commune: { insee: '69123', nom: 'Lyon' },
  referent: { id: '5b7c6a1e-0c1f-4a53-9d43-6f0f3f7a2b10', prenom: 'Awa', nom: 'Diallo' },
  statutDossier: 'actif',
  situationCourante: { categorie: 'FORMATION', etat: 'EN_COURS' },
  completude: 'complet',
  dernierContactLe: '2026-11-02',
  ...overrides,
});

const desResultats = (overrides: Partial<JeuneResultatsDto> = {}): JeuneResultatsDto => ({
  items: [unResultat()],
  page: 1,
  size: 20,
  hasMore: false,
  total: null,
  ...overrides,
});

/** A BreakpointObserver answering for a screen `width` px wide (min-width queries only). */
const viewportOf = (width: number): Pick<BreakpointObserver, 'observe'> => ({
  observe: (query: string | readonly string[]) => {
    const queries = typeof query === 'string' ? [query] : query;
    const matches = queries.every((q) => width >= Number(/min-width:\s*(\d+)px/.exec(q)?.[1] ?? 0));
    return of<BreakpointState>({ matches, breakpoints: {} });
  },
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Recherche', () => {
  let http: HttpTestingController;
  let announce: jasmine.Spy;

  const open = async (url: string, width = 1180) => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'jeunes', component: Recherche },
          { path: 'jeunes/nouveau', component: CreationStub },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: BreakpointObserver, useValue: viewportOf(width) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    announce = spyOn(TestBed.inject(LiveAnnouncer), 'announce').and.resolveTo();
    const harness = await RouterTestingHarness.create(url);
    const element = harness.routeNativeElement as HTMLElement;
    const stable = () => harness.fixture.whenStable();
    return { harness, element, stable };
  };

  const searches = (): TestRequest[] => http.match((request) => request.url === '/api/v1/jeunes');
  const text = (element: HTMLElement) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  const type = (element: HTMLElement, value: string) => {
    const input = element.querySelector<HTMLInputElement>('input[type="search"]');
    if (input === null) {
      throw new Error('no search box');
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  afterEach(() => http.verify());

  it('when nothing is typed, says what to do and asks nothing', async () => {
    const { element } = await open('/jeunes');

    expect(text(element)).toContain('Saisissez au moins 2 caractères ou choisissez des critères.');
    expect(element.querySelector('label')?.textContent).toContain('Rechercher un jeune');
    expect(text(element)).toContain('Nom, prénom, matricule, téléphone ou e-mail');
  });

  it('when typing fast, sends one request once the typing pauses, with the last text, and keeps it in the URL', async () => {
    const { element, stable } = await open('/jeunes');

    type(element, 'du');
    type(element, 'dup');
    type(element, 'dupo');
    await pause(SEARCH_DEBOUNCE_MS + 50);
    await stable();

    const requests = searches();
    expect(requests.length).toBe(1);
    expect(requests[0]?.request.params.get('q')).toBe('dupo');
    expect(requests[0]?.request.params.get('page')).toBe('1');
    expect(TestBed.inject(Router).url).toBe('/jeunes?q=dupo');
    requests[0]?.flush(desResultats());
  });

  it('when a new search starts before the previous answer, cancels the previous request', async () => {
    const { harness, stable } = await open('/jeunes?q=dup');
    const first = searches()[0];

    await harness.navigateByUrl('/jeunes?q=dupont');
    await stable();

    expect(first?.cancelled).toBeTrue();
    const second = searches();
    expect(second.length).toBe(1);
    expect(second[0]?.request.params.get('q')).toBe('dupont');
    second[0]?.flush(desResultats());
  });

  it('when results arrive, shows each line as a link with the name highlighted, the badge and the count', async () => {
    const { element, stable } = await open('/jeunes?q=elo');
    const results = desResultats({
      items: [
        unResultat(),
        unResultat({ id: 'c4d2b7e1-2e3f-4a4b-9c5d-6e7f8a9b0c1d', nomUsage: 'MARTIN', prenoms: 'Eloïse', completude: 'partiel' }),
      ],
      total: 128,
    });

    searches()[0]?.flush(results);
    await stable();

    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('a.resultat'));
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/jeunes/b3c1a6f0-1d2e-4f3a-8b4c-5d6e7f8a9b0c',
      '/jeunes/c4d2b7e1-2e3f-4a4b-9c5d-6e7f8a9b0c1d',
    ]);
    expect(Array.from(element.querySelectorAll('mark'), (mark) => mark.textContent)).toEqual(['Élo', 'Elo']);
    expect(text(links[0]!)).toContain('DUPONT Élodie Marie');
    expect(text(links[0]!)).toContain('19 ans · Lyon · Référent : Awa Diallo');
    expect(text(links[0]!)).toContain('Formation (en cours)');
    expect(text(links[1]!)).toContain('MARTIN (née DUPONT) Eloïse');
    expect(Array.from(element.querySelectorAll('.ui-completude-badge-label'), (b) => b.textContent)).toEqual([
      'Complet',
      'Partiel',
    ]);
    expect(text(element)).toContain('128 dossiers');
    expect(announce).toHaveBeenCalledWith('128 dossiers trouvés.');
  });

  it('while the search runs, marks the results busy and shows progress', async () => {
    const { element, stable } = await open('/jeunes?q=dupont');

    const section = element.querySelector('.recherche-resultats');
    expect(section?.getAttribute('aria-busy')).toBe('true');
    expect(element.querySelector('mat-progress-bar')).not.toBeNull();

    searches()[0]?.flush(desResultats());
    await stable();

    expect(section?.getAttribute('aria-busy')).toBe('false');
    expect(announce).toHaveBeenCalledWith('1 dossier trouvé.');
  });

  it('when nothing matches, says so and offers to create a dossier', async () => {
    const { element, stable } = await open('/jeunes?q=zzz');

    searches()[0]?.flush(desResultats({ items: [], total: null }));
    await stable();

    expect(text(element)).toContain('Aucun dossier ne correspond.');
    expect(element.querySelector('ui-empty-state a')?.getAttribute('href')).toBe('/jeunes/nouveau');
    expect(announce).toHaveBeenCalledWith('Aucun dossier trouvé.');
  });

  it('when the search fails, says what happened in French', async () => {
    const { element, stable } = await open('/jeunes?q=dupont');

    searches()[0]?.flush(aProblemBody(500, 'internal-error', 'Le service de recherche ne répond pas. Réessayez.'), {
      status: 500,
      statusText: 'Internal Server Error',
    });
    await stable();

    expect(element.querySelector('ui-error-message')?.textContent).toContain(
      'Le service de recherche ne répond pas. Réessayez.',
    );
  });

  it('when another page exists, "Page suivante" asks for it and keeps it in the URL', async () => {
    const { element, stable } = await open('/jeunes?q=martin&qpv=oui');
    searches()[0]?.flush(desResultats({ hasMore: true }));
    await stable();

    const next = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Page suivante'));
    next?.click();
    await stable();

    expect(TestBed.inject(Router).url).toBe('/jeunes?q=martin&qpv=oui&page=2');
    const requests = searches();
    expect(requests[0]?.request.params.get('page')).toBe('2');
    expect(requests[0]?.request.params.get('qpv')).toBe('oui');
    requests[0]?.flush(desResultats({ page: 2 }));
  });

  it('when criteria alone are in the URL, searches with them and restores the form', async () => {
    const { element, stable } = await open('/jeunes?ageMin=18&completude=partiel&statut=tous');

    const request = searches()[0];
    expect(request?.request.params.keys().sort()).toEqual(['ageMin', 'completude', 'page', 'size', 'statut']);
    request?.flush(desResultats({ total: 2 }));
    await stable();

    expect(element.querySelector<HTMLInputElement>('input[formcontrolname="ageMin"]')?.value).toBe('18');
    expect(text(element)).toContain('2 dossiers');
  });

  it('when the URL holds contradictory criteria, asks nothing and shows the domain message', async () => {
    const { element } = await open('/jeunes?ageMin=25&ageMax=18');

    expect(text(element)).toContain("L'âge maximum est au moins l'âge minimum.");
  });

  it('when applying criteria in the panel, puts them in the URL from the first page', async () => {
    const { element, stable } = await open('/jeunes?q=martin&page=3');
    searches()[0]?.flush(desResultats());
    await stable();

    const departement = element.querySelector<HTMLInputElement>('input[formcontrolname="departement"]');
    departement!.value = '2a';
    departement!.dispatchEvent(new Event('input'));
    element.querySelector<HTMLFormElement>('app-criteres-form form')?.dispatchEvent(new Event('submit'));
    await stable();

    expect(TestBed.inject(Router).url).toBe('/jeunes?q=martin&departement=2a');
    searches()[0]?.flush(desResultats());
  });

  it('when on a phone, puts the criteria in an expansion panel and offers the creation FAB', async () => {
    const { element } = await open('/jeunes', 390);

    expect(element.querySelector('mat-expansion-panel')).not.toBeNull();
    expect(element.querySelector('aside')).toBeNull();
    expect(element.querySelector('.recherche-fab a')?.getAttribute('href')).toBe('/jeunes/nouveau');
  });

  it('when on a tablet, shows the criteria beside the results, with headings in order', async () => {
    const { element } = await open('/jeunes', 1180);

    expect(element.querySelector('aside h2')?.textContent?.trim()).toBe('Critères');
    const headings = Array.from(element.querySelectorAll('h1, h2'), (h) => h.tagName);
    expect(headings[0]).toBe('H1');
    expect(headings.slice(1).every((tag) => tag === 'H2')).toBeTrue();
  });

  describe('saved searches', () => {
    const uneRechercheSauvegardee = {
      id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      nom: 'Mes jeunes partiels',
      criteres: { referent: 'moi', completude: 'partiel', statut: 'actif' },
      creeeLe: '2026-11-20T09:00:00.000Z',
    };
    const dialog = () => document.querySelector<HTMLElement>('mat-dialog-container');
    const buttonIn = (root: ParentNode | null, label: string) =>
      Array.from(root?.querySelectorAll('button') ?? []).find((b) => b.textContent?.includes(label));

    it('when saving the search, posts its name and criteria; a name already used is refused on the field', async () => {
      const { element, stable } = await open('/jeunes?q=martin&qpv=oui');
      searches()[0]?.flush(desResultats());
      await stable();

      buttonIn(element, 'Enregistrer cette recherche')?.click();
      await stable();
      const nom = dialog()?.querySelector('input');
      nom!.value = 'QPV Lyon';
      nom!.dispatchEvent(new Event('input'));
      dialog()?.querySelector('form')?.dispatchEvent(new Event('submit'));
      await stable();
      const save = http.expectOne({ method: 'POST', url: '/api/v1/recherches' });

      expect(save.request.body).toEqual({ nom: 'QPV Lyon', criteres: { q: 'martin', qpv: 'oui', statut: 'actif' } });
      save.flush(aProblemBody(409, 'conflict', 'Une recherche porte déjà ce nom.'), { status: 409, statusText: 'Conflict' });
      await stable();
      expect(dialog()?.querySelector('mat-error')?.textContent).toContain('Une recherche porte déjà ce nom.');
    });

    it('when nothing is searched yet, does not offer to save', async () => {
      const { element } = await open('/jeunes');

      expect(buttonIn(element, 'Enregistrer cette recherche')?.disabled).toBeTrue();
    });

    it('when a saved search is chosen, applies it through the URL', async () => {
      const { element, stable } = await open('/jeunes');

      buttonIn(element, 'Mes recherches')?.click();
      await stable();
      http.expectOne({ method: 'GET', url: '/api/v1/recherches' }).flush([uneRechercheSauvegardee]);
      await stable();
      buttonIn(dialog(), 'Mes jeunes partiels')?.click();
      await stable();

      expect(TestBed.inject(Router).url).toBe('/jeunes?referent=moi&completude=partiel');
      searches()[0]?.flush(desResultats());
    });

    it('when deleting a saved search, asks for confirmation first, then removes it', async () => {
      const { element, stable } = await open('/jeunes');
      buttonIn(element, 'Mes recherches')?.click();
      await stable();
      http.expectOne('/api/v1/recherches').flush([uneRechercheSauvegardee]);
      await stable();

      dialog()?.querySelector<HTMLButtonElement>('[aria-label="Supprimer la recherche Mes jeunes partiels"]')?.click();
      await stable();
      expect(dialog()?.textContent).toContain('Supprimer la recherche « Mes jeunes partiels » ?');
      http.expectNone({ method: 'DELETE' });

      buttonIn(dialog(), 'Supprimer')?.click();
      await stable();
      http.expectOne({ method: 'DELETE', url: `/api/v1/recherches/${uneRechercheSauvegardee.id}` }).flush(null);
      await stable();

      expect(dialog()?.textContent).toContain('Aucune recherche enregistrée.');
    });
  });
});
