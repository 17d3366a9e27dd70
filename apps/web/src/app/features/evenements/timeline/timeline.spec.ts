import { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatChipListboxHarness } from '@angular/material/chips/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatSelectHarness } from '@angular/material/select/testing';
import { By } from '@angular/platform-browser';
import type { DossierDto, EvenementDto } from '@imilo/domain';
import { anOutboxEntry, FakeOfflineCache, FakeOutbox, provideOfflineFakes, settle } from '../../../core/offline/offline.testing';
import { DossierStore } from '../../dossiers/dossier/dossier.store';
import { unDossier } from '../../dossiers/dossier/dossier.testing';
import { EvenementSheetLauncher } from '../evenement-sheet/evenement-sheet-launcher';
import { DETAIL_HORS_LIGNE, Timeline } from './timeline';
import { desItems, TIMELINE_JEUNE_ID, TIMELINE_URL, unePage, unItem } from './timeline.testing';

/** The timeline as the dossier page hosts it, with what to do on an empty parcours. */
@Component({
  imports: [Timeline],
  template: `
    <app-timeline [jeuneId]="jeuneId" timeZone="Europe/Paris">
      <button type="button" timelineEmptyAction>Noter un événement</button>
    </app-timeline>
  `,
})
class TimelineHost {
  jeuneId = TIMELINE_JEUNE_ID;
}

describe('Timeline', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<TimelineHost>;
  let launcher: jasmine.SpyObj<EvenementSheetLauncher>;

  /** Within a dossier's page (`dossier`), the événements open in the sheet. */
  const render = async (options: { readonly dossier?: DossierDto } = {}) => {
    launcher = jasmine.createSpyObj<EvenementSheetLauncher>('EvenementSheetLauncher', ['open']);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideOfflineFakes(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: EvenementSheetLauncher, useValue: launcher },
        ...(options.dossier === undefined ? [] : [{ provide: DossierStore, useValue: { dossier: signal(options.dossier) } }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TimelineHost);
    await fixture.whenStable();
    http.expectOne('/api/v1/types-evenement').flush([
      { code: 'ENTRETIEN_INDIVIDUEL', libelle: 'Entretien individuel', national: true, contact: true },
      { code: 'TELEPHONE', libelle: 'Téléphone', national: true, contact: true },
    ]);
    return { loader: TestbedHarnessEnvironment.loader(fixture), element: fixture.nativeElement as HTMLElement };
  };

  const firstPage = (): TestRequest => http.expectOne((request) => request.url === TIMELINE_URL && !request.params.has('cursor'));
  const stable = async () => {
    await settle();
    await fixture.whenStable();
  };
  const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const articles = (element: HTMLElement) => Array.from(element.querySelectorAll('article.timeline-item'));

  const openButtons = (element: HTMLElement) => Array.from(element.querySelectorAll<HTMLButtonElement>('button.timeline-item-open'));
  const detailUrl = (id: string) => `/api/v1/evenements/${id}`;

  afterEach(() => http.verify());

  it('while the first page loads, shows a skeleton', async () => {
    const { element } = await render();

    expect(element.querySelectorAll('.timeline-skeleton-row')).toHaveSize(4);
    expect(text(element)).toContain('Chargement de la chronologie…');
    firstPage().flush(unePage([]));
  });

  it('shows month headings and, for each item, its kind, date, author, title, detail, state and thèmes', async () => {
    const { element } = await render();
    firstPage().flush(
      unePage([
        unItem({ kind: 'proposition', id: 'p', at: '2026-11-03T09:00:00.000Z', titre: 'Atelier CV', statut: 'PROPOSEE', typeEvenement: null }),
        unItem(),
      ]),
    );
    await stable();

    expect(Array.from(element.querySelectorAll('h3.timeline-month')).map(text)).toEqual(['novembre 2026', 'octobre 2026']);
    const [proposition, evenement] = articles(element);
    expect(Array.from(proposition?.querySelectorAll('p:not(.timeline-item-tags), .timeline-badge') ?? []).map(text)).toEqual([
      'Proposition · mar. 3 nov. · 10 h 00 · Awa Diallo',
      'Atelier CV',
      'Point sur la recherche de stage',
      'Proposée',
      'Emploi',
    ]);
    expect(text(evenement?.querySelector('.timeline-item-meta'))).toBe('Événement · mer. 14 oct. · 14 h 30 · Awa Diallo');
    expect(text(element.querySelector('.cdk-visually-hidden[role="status"]'))).toBe('2 éléments affichés');
  });

  it('when the parcours is empty, says so and offers to note an événement', async () => {
    const { element } = await render();
    firstPage().flush(unePage([]));
    await stable();

    const empty = element.querySelector('ui-empty-state');
    expect(text(empty)).toContain("Aucun événement pour l'instant.");
    expect(text(empty?.querySelector('button'))).toBe('Noter un événement');
  });

  it('when the timeline cannot be read, says why and retries', async () => {
    const { element, loader } = await render();
    firstPage().flush({ type: 'about:blank', title: 'Erreur', status: 500, code: 'internal-error', detail: 'Le parcours est indisponible.' }, {
      status: 500,
      statusText: 'Server Error',
    });
    await stable();

    expect(text(element.querySelector('[role="alert"]'))).toBe('Le parcours est indisponible.');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Réessayer' }))).click();
    firstPage().flush(unePage([unItem()]));
    await stable();
    expect(articles(element)).toHaveSize(1);
  });

  it('filters by kind with chips, by thème and type with selects, through the BFF', async () => {
    const { loader } = await render();
    firstPage().flush(unePage([unItem()]));
    await stable();

    const chips = await loader.getHarness(MatChipListboxHarness);
    const [evenements, propositions] = await chips.getChips();
    await evenements?.select();
    expect(firstPage().request.params.get('kinds')).toBe('evenement');
    await propositions?.select();
    firstPage().flush(unePage([unItem()]));
    await stable();

    const [theme, type] = await loader.getAllHarnesses(MatSelectHarness);
    await theme?.open();
    await theme?.clickOptions({ text: 'Santé' });
    firstPage().flush(unePage([unItem()]));
    await type?.open();
    await type?.clickOptions({ text: 'Téléphone' });
    const filtered = firstPage();
    expect(filtered.request.params.get('kinds')).toBe('evenement,proposition');
    expect(filtered.request.params.get('theme')).toBe('SANTE');
    expect(filtered.request.params.get('typeEvenement')).toBe('TELEPHONE');
    filtered.flush(unePage([]));
    await stable();

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Effacer les filtres', selector: 'ui-empty-state button' }))).click();
    expect(firstPage().request.params.keys()).toEqual(['limit']);
  });

  it('badges the writes still on this device: pending, in conflict, failed', async () => {
    const { element } = await render();
    TestBed.inject(FakeOutbox).entries.set([
      anOutboxEntry({ id: 'e1', jeuneId: TIMELINE_JEUNE_ID, preview: unItem({ id: 'n1', at: '2026-11-20T10:00:00.000Z', titre: 'En attente' }) }),
      anOutboxEntry({ id: 'e2', jeuneId: TIMELINE_JEUNE_ID, status: 'conflict', preview: unItem({ id: 'n2', at: '2026-11-19T10:00:00.000Z' }) }),
      anOutboxEntry({ id: 'e3', jeuneId: TIMELINE_JEUNE_ID, status: 'failed', preview: unItem({ id: 'n3', at: '2026-11-18T10:00:00.000Z' }) }),
    ]);
    firstPage().flush(unePage([unItem()]));
    await stable();

    expect(articles(element).map((article) => text(article.querySelector('.timeline-badge-pending, .timeline-badge-problem')))).toEqual([
      'En attente de synchronisation',
      'Conflit',
      'Échec',
      '',
    ]);
  });

  it('offline, shows the page kept on the device with its date', async () => {
    const { element } = await render();
    TestBed.inject(FakeOfflineCache).values.set(`timeline:${TIMELINE_JEUNE_ID}`, {
      value: unePage([unItem()]),
      savedAt: '2026-11-28T13:32:00.000Z',
    });
    firstPage().error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await stable();

    expect(text(element.querySelector('.timeline-offline'))).toBe('Hors ligne — données du sam. 28 nov. · 14 h 32');
    expect(articles(element)).toHaveSize(1);
  });

  it('with 500 items, renders only the rows in view and reads the next page near the end', async () => {
    const { element } = await render();
    firstPage().flush(unePage(desItems(500), 'curseur-1'));
    await stable();

    const rendered = articles(element).length;
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(40);
    http.expectNone((request) => request.params.has('cursor'));

    const viewport = fixture.debugElement.query(By.directive(CdkVirtualScrollViewport)).injector.get(CdkVirtualScrollViewport);
    viewport.scrollToIndex(viewport.getDataLength() - 1);
    await stable();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await stable();

    expect(text(articles(element).at(-1)?.querySelector('.timeline-item-titre'))).toBe('Entretien 500');
    http.expectOne((request) => request.params.get('cursor') === 'curseur-1').flush(unePage([], null));
  });

  describe('within a dossier', () => {
    it('an événement opens: its détail is read, then shown in the sheet', async () => {
      const dossier = unDossier();
      const { element } = await render({ dossier });
      firstPage().flush(unePage([unItem()]));
      await stable();

      const [button] = openButtons(element);
      expect(text(button)).toBe('Entretien individuel');
      expect(button?.getAttribute('aria-describedby')).toBe(button?.closest('article')?.querySelector('.timeline-item-meta')?.id ?? 'none');
      button?.click();
      await stable();

      const detail = { id: unItem().id, version: 2 } as EvenementDto;
      http.expectOne(detailUrl(unItem().id)).flush(detail);
      await stable();
      expect(launcher.open).toHaveBeenCalledOnceWith(dossier, detail);
    });

    it('offline, says the détail cannot be read', async () => {
      const { element } = await render({ dossier: unDossier() });
      firstPage().flush(unePage([unItem()]));
      await stable();

      openButtons(element)[0]?.click();
      await stable();
      http.expectOne(detailUrl(unItem().id)).error(new ProgressEvent('error'), { status: 0, statusText: '' });
      await stable();

      expect(text(element.querySelector('.timeline-detail-error'))).toBe(DETAIL_HORS_LIGNE);
      expect(launcher.open).not.toHaveBeenCalled();
    });

    it('opens neither the writes still on this device nor the other kinds', async () => {
      const { element } = await render({ dossier: unDossier() });
      TestBed.inject(FakeOutbox).entries.set([
        anOutboxEntry({ jeuneId: TIMELINE_JEUNE_ID, preview: unItem({ id: 'n1', at: '2026-11-20T10:00:00.000Z', titre: 'En attente' }) }),
      ]);
      firstPage().flush(
        unePage([
          unItem({ kind: 'proposition', id: 'p', at: '2026-11-03T09:00:00.000Z', titre: 'Atelier CV', typeEvenement: null }),
          unItem(),
        ]),
      );
      await stable();

      expect(articles(element)).toHaveSize(3);
      expect(openButtons(element).map(text)).toEqual(['Entretien individuel']);
    });

    it('badges a deletion waiting on this device', async () => {
      const { element } = await render({ dossier: unDossier() });
      TestBed.inject(FakeOutbox).entries.set([
        anOutboxEntry({ method: 'DELETE', url: `/api/v1/evenements/${unItem().id}`, jeuneId: TIMELINE_JEUNE_ID, preview: unItem() }),
      ]);
      firstPage().flush(unePage([unItem()]));
      await stable();

      expect(articles(element)).toHaveSize(1);
      expect(text(element.querySelector('.timeline-badge-pending'))).toBe('Suppression en attente de synchronisation');
      expect(openButtons(element)).toEqual([]);
    });
  });
});
