import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { anOutboxEntry, FakeConnectivity, FakeOfflineCache, FakeOutbox, provideOfflineFakes, settle } from '../../../core/offline/offline.testing';
import { aProblemBody } from '../../auth/auth.testing';
import { TimelineStore, type TimelineItemRow, type TimelineRow } from './timeline.store';
import { desItems, TIMELINE_JEUNE_ID, TIMELINE_URL, unePage, unItem } from './timeline.testing';

describe('TimelineStore', () => {
  let http: HttpTestingController;
  let store: TimelineStore;

  const open = (timeZone = 'Europe/Paris') => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideOfflineFakes(), TimelineStore] });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(TimelineStore);
    store.open(TIMELINE_JEUNE_ID, timeZone);
    http.expectOne('/api/v1/types-evenement').flush([]);
  };

  const firstPage = (): TestRequest => http.expectOne((request) => request.url === TIMELINE_URL && !request.params.has('cursor'));
  const offline = (request: TestRequest) => request.error(new ProgressEvent('error'), { status: 0, statusText: '' });
  const items = (rows: readonly TimelineRow[]): TimelineItemRow[] => rows.filter((row) => row.type === 'item');
  const titles = (rows: readonly TimelineRow[]): string[] => rows.map((row) => (row.type === 'month' ? `# ${row.mois}` : row.item.titre));

  afterEach(() => http.verify());

  it('when a page arrives, groups its items by month of the Mission Locale, newest first', () => {
    open();
    firstPage().flush(
      unePage([
        unItem({ id: '1', at: '2026-11-03T10:00:00.000Z', titre: 'Atelier CV' }),
        // 23:30 UTC on 31 October is already November in Paris.
        unItem({ id: '2', at: '2026-10-31T23:30:00.000Z', titre: 'Appel tardif' }),
        unItem({ id: '3', at: '2026-10-14T12:30:00.000Z', titre: 'Entretien' }),
      ]),
    );

    expect(titles(store.rows())).toEqual(['# novembre 2026', 'Atelier CV', 'Appel tardif', '# octobre 2026', 'Entretien']);
    expect(items(store.rows())[2]?.quand).toBe('mer. 14 oct. · 14 h 30');
  });

  it('in another timezone, places the same instant in its own month', () => {
    open('America/Cayenne');
    firstPage().flush(unePage([unItem({ at: '2026-11-01T01:30:00.000Z' })]));

    expect(titles(store.rows())[0]).toBe('# octobre 2026');
  });

  it('labels states by kind and dates a situation by its day only', () => {
    open();
    firstPage().flush(
      unePage([
        unItem({ kind: 'proposition', id: 'p', statut: 'ACCEPTEE', typeEvenement: null }),
        unItem({ kind: 'situation', id: 's', at: '2026-10-13T22:00:00.000Z', statut: 'EN_COURS', themes: [], typeEvenement: null }),
      ]),
    );

    const [proposition, situation] = items(store.rows());
    expect(proposition?.statut).toBe('Acceptée');
    expect(proposition?.themes).toEqual(['Emploi']);
    expect(situation?.statut).toBe('En cours');
    expect(situation?.quand).toBe('mer. 14 oct.');
  });

  it('sends the filters to the BFF, and starts again from the first page', () => {
    open();
    firstPage().flush(unePage(desItems(3), 'curseur-1'));

    store.filter({ kinds: ['evenement', 'proposition'], theme: 'EMPLOI', typeEvenement: 'TELEPHONE' });

    const request = firstPage();
    expect(request.request.params.get('kinds')).toBe('evenement,proposition');
    expect(request.request.params.get('theme')).toBe('EMPLOI');
    expect(request.request.params.get('typeEvenement')).toBe('TELEPHONE');
    expect(request.request.params.get('limit')).toBe('50');
    request.flush(unePage([]));
    expect(store.isFiltered()).toBeTrue();

    store.clearFilters();
    expect(firstPage().request.params.keys()).toEqual(['limit']);
  });

  it('reads the next page after the cursor and appends it', () => {
    open();
    firstPage().flush(unePage(desItems(2), 'curseur-1'));
    expect(store.hasMore()).toBeTrue();

    store.loadMore();
    store.loadMore();
    const next = http.expectOne((request) => request.url === TIMELINE_URL && request.params.get('cursor') === 'curseur-1');
    next.flush(unePage(desItems(1, '2026-09-01T09:00:00.000Z', 'b'), null));

    expect(items(store.rows()).map((row) => row.item.titre)).toEqual(['Entretien 1', 'Entretien 2', 'Entretien 1']);
    expect(store.hasMore()).toBeFalse();
  });

  it('when the next page fails, says so and keeps what is shown', () => {
    open();
    firstPage().flush(unePage(desItems(2), 'curseur-1'));

    store.loadMore();
    http.expectOne((request) => request.params.has('cursor')).flush(aProblemBody(500, 'internal-error', 'Erreur.'), {
      status: 500,
      statusText: 'Server Error',
    });

    expect(store.moreError()).toBe('Erreur.');
    expect(items(store.rows())).toHaveSize(2);
  });

  it('merges the pending writes of this jeune that have a preview, badged by status, in timeline order', () => {
    open();
    const outbox = TestBed.inject(FakeOutbox);
    outbox.entries.set([
      anOutboxEntry({ id: 'e1', jeuneId: TIMELINE_JEUNE_ID, preview: unItem({ id: 'new', at: '2026-11-20T10:00:00.000Z', titre: 'Noté hors ligne' }) }),
      anOutboxEntry({
        id: 'e2',
        jeuneId: TIMELINE_JEUNE_ID,
        status: 'conflict',
        preview: unItem({ id: 'edited', at: '2026-11-02T10:00:00.000Z', titre: 'Modifié hors ligne' }),
      }),
      anOutboxEntry({ id: 'e3', jeuneId: 'another-jeune', preview: unItem({ id: 'other', titre: 'Autre jeune' }) }),
      anOutboxEntry({ id: 'e4', jeuneId: TIMELINE_JEUNE_ID, kind: 'dossier' }),
    ]);
    firstPage().flush(
      unePage([
        unItem({ id: 'server', at: '2026-11-10T10:00:00.000Z', titre: 'Du serveur' }),
        unItem({ id: 'edited', at: '2026-11-01T10:00:00.000Z', titre: 'Version du serveur' }),
      ]),
    );

    expect(items(store.rows()).map((row) => [row.item.titre, row.sync])).toEqual([
      ['Noté hors ligne', 'pending'],
      ['Du serveur', null],
      ['Modifié hors ligne', 'conflict'],
    ]);
  });

  it('holds back a pending item older than the pages read while more remain, and filters pending items as the BFF does', () => {
    open();
    TestBed.inject(FakeOutbox).entries.set([
      anOutboxEntry({ id: 'old', jeuneId: TIMELINE_JEUNE_ID, preview: unItem({ id: 'old', at: '2025-01-01T10:00:00.000Z', titre: 'Ancien' }) }),
      anOutboxEntry({
        id: 'p',
        jeuneId: TIMELINE_JEUNE_ID,
        preview: unItem({ kind: 'proposition', id: 'p', at: '2026-11-27T10:00:00.000Z', titre: 'Proposition', typeEvenement: null }),
      }),
    ]);
    firstPage().flush(unePage(desItems(2), 'curseur-1'));
    expect(items(store.rows()).map((row) => row.item.titre)).toEqual(['Entretien 1', 'Proposition', 'Entretien 2']);

    store.filter({ kinds: ['evenement'] });
    firstPage().flush(unePage(desItems(2), null));
    expect(items(store.rows()).map((row) => row.item.titre)).toEqual(['Entretien 1', 'Entretien 2', 'Ancien']);
  });

  it('when a write of this jeune is delivered, reads the first page again', () => {
    open();
    firstPage().flush(unePage(desItems(1)));
    const outbox = TestBed.inject(FakeOutbox);

    outbox.deliveries.next({ entry: anOutboxEntry({ jeuneId: 'another-jeune' }), status: 201, body: {} });
    http.expectNone(TIMELINE_URL);
    outbox.deliveries.next({ entry: anOutboxEntry({ jeuneId: TIMELINE_JEUNE_ID }), status: 201, body: {} });
    firstPage().flush(unePage(desItems(2)));

    expect(items(store.rows())).toHaveSize(2);
  });

  it('keeps the first unfiltered page on the device, not a filtered one', async () => {
    open();
    const page = unePage(desItems(2), 'curseur-1');
    firstPage().flush(page);
    await settle();
    const cache = TestBed.inject(FakeOfflineCache);
    expect(cache.values.get(`timeline:${TIMELINE_JEUNE_ID}`)?.value).toEqual(page);

    store.filter({ theme: 'SANTE' });
    firstPage().flush(unePage([]));
    await settle();
    expect(cache.values.get(`timeline:${TIMELINE_JEUNE_ID}`)?.value).toEqual(page);
  });

  it('when imilo cannot be reached, shows the page kept on the device, filtered here, with its date', async () => {
    open();
    TestBed.inject(FakeOfflineCache).values.set(`timeline:${TIMELINE_JEUNE_ID}`, {
      value: unePage([unItem({ id: 'a', themes: ['SANTE'], titre: 'Santé' }), unItem({ id: 'b', titre: 'Emploi' })], 'curseur-1'),
      savedAt: '2026-11-28T13:32:00.000Z',
    });
    offline(firstPage());
    await settle();

    expect(store.status()).toBe('loaded');
    expect(store.offlineSince()).toBe('2026-11-28T13:32:00.000Z');
    expect(store.hasMore()).toBeFalse();
    expect(items(store.rows())).toHaveSize(2);

    store.filter({ theme: 'SANTE' });
    firstPage().flush(null, { status: 503, statusText: 'Service Unavailable' });
    await settle();
    expect(items(store.rows()).map((row) => row.item.titre)).toEqual(['Santé']);
  });

  it('when imilo cannot be reached and nothing was kept, says so; back online, reads it again', async () => {
    open();
    offline(firstPage());
    await settle();

    expect(store.status()).toBe('failed');
    expect(store.error()).toContain("pas encore été affiché sur cet appareil");

    const connectivity = TestBed.inject(FakeConnectivity);
    connectivity.set(false);
    connectivity.set(true);
    firstPage().flush(unePage(desItems(1)));
    expect(store.status()).toBe('loaded');
  });

  it('when the BFF answers an error, shows its message, without the cached page', async () => {
    open();
    TestBed.inject(FakeOfflineCache).values.set(`timeline:${TIMELINE_JEUNE_ID}`, { value: unePage(desItems(1)), savedAt: '2026-11-28T13:32:00.000Z' });
    firstPage().flush(aProblemBody(403, 'forbidden', "Vous n'avez pas accès à ce parcours."), { status: 403, statusText: 'Forbidden' });
    await settle();

    expect(store.status()).toBe('failed');
    expect(store.error()).toBe("Vous n'avez pas accès à ce parcours.");
  });
});
