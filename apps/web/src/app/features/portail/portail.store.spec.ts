import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { FakeConnectivity, FakeOfflineCache, settle } from '../../core/offline/offline.testing';
import { aMe } from '../auth/auth.testing';
import { signIn } from '../dossiers/dossier/dossier.testing';
import { deplace, donneesHorsConnexion, portailCacheKey, PortailStore } from './portail.store';
import { disposition, GENERE_LE, ok, providePortailTesting, unPortail, uneAlerte } from './portail.testing';

const CACHE_KEY = portailCacheKey(aMe().id);

describe('PortailStore', () => {
  let http: HttpTestingController;
  let store: PortailStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [...providePortailTesting(), PortailStore] });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(PortailStore);
  });

  afterEach(() => http.verify());

  const portailRequest = () => http.expectOne((request) => request.url === '/api/v1/portail');
  const layoutRequest = () => http.expectOne((request) => request.url === '/api/v1/portail/layout');

  it('when opened, reads the home in one call for the month, and keeps the answer on this device for this user', async () => {
    store.load();

    const request = portailRequest();
    expect(request.request.method).toBe('GET');
    expect(request.request.params.get('periode')).toBe('mois');
    expect(request.request.params.has('site')).toBeFalse();
    request.flush(unPortail());
    await settle();

    expect(store.status()).toBe('loaded');
    expect(store.widgets().map(({ id }) => id)[0]).toBe('rendez-vous-du-jour');
    expect(TestBed.inject(FakeOfflineCache).values.get(CACHE_KEY)?.value).toEqual(unPortail());
    expect(store.horsConnexion()).toBeNull();
  });

  it('when imilo cannot be reached, shows the home last kept on this device, marked with the time it was computed', async () => {
    const cache = TestBed.inject(FakeOfflineCache);
    cache.values.set(CACHE_KEY, { value: unPortail(), savedAt: '2026-11-29T13:33:00.000Z' });

    store.load();
    portailRequest().error(new ProgressEvent('error'), { status: 0 });
    await settle();

    expect(store.status()).toBe('loaded');
    expect(store.widgets().length).toBe(7);
    expect(store.horsConnexion()).toBe('Données du 29/11 à 14 h 32, hors connexion');
  });

  it('when imilo cannot be reached and nothing was kept, says so in French', async () => {
    store.load();
    portailRequest().error(new ProgressEvent('error'), { status: 0 });
    await settle();

    expect(store.status()).toBe('failed');
    expect(store.error()).toContain("votre accueil n'a pas encore été affiché sur cet appareil");
  });

  it('when the connection comes back after an offline read, reads the home again', async () => {
    const connectivity = TestBed.inject(FakeConnectivity);
    TestBed.inject(FakeOfflineCache).values.set(CACHE_KEY, { value: unPortail(), savedAt: GENERE_LE });
    store.load();
    connectivity.set(false);
    portailRequest().error(new ProgressEvent('error'), { status: 0 });
    await settle();

    connectivity.set(true);

    portailRequest().flush(unPortail());
    expect(store.horsConnexion()).toBeNull();
  });

  it('when a widget is moved, saves the whole layout in its new order at once, and keeps imilo’s answer', () => {
    store.load();
    portailRequest().flush(unPortail('conseiller', { widgets: ['rendez-vous-du-jour', 'a-cloturer', 'alertes'] }));

    store.deplacer('alertes', 0);

    expect(store.widgets().map(({ id }) => id)).toEqual(['alertes', 'rendez-vous-du-jour', 'a-cloturer']);
    const request = layoutRequest();
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ widgets: disposition(['alertes', 'rendez-vous-du-jour', 'a-cloturer']) });
    request.flush(unPortail('conseiller', { widgets: ['alertes', 'rendez-vous-du-jour', 'a-cloturer'], parDefaut: false }));
    expect(store.parDefaut()).toBeFalse();
  });

  it('when imilo refuses a layout, puts the widgets back where they were and says why in French', () => {
    const snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    store.load();
    portailRequest().flush(unPortail('conseiller', { widgets: ['rendez-vous-du-jour', 'a-cloturer'] }));

    store.retirer('a-cloturer');
    expect(store.widgets().map(({ id }) => id)).toEqual(['rendez-vous-du-jour']);
    layoutRequest().flush(
      { code: 'VALIDATION', detail: 'Widget hors de votre catalogue : a-cloturer.', status: 400, title: 'Requête invalide', type: 'about:blank' },
      { status: 400, statusText: 'Bad Request' },
    );

    expect(store.widgets().map(({ id }) => id)).toEqual(['rendez-vous-du-jour', 'a-cloturer']);
    expect(snackBar).toHaveBeenCalledWith("La disposition n'a pas pu être enregistrée. Widget hors de votre catalogue : a-cloturer.", 'Fermer', jasmine.anything());
  });

  it('when two moves follow each other, sends them in order, the second after imilo answered the first', () => {
    store.load();
    portailRequest().flush(unPortail('conseiller', { widgets: ['rendez-vous-du-jour', 'a-cloturer', 'alertes'] }));

    store.deplacer('alertes', 1);
    store.deplacer('alertes', 0);

    const first = layoutRequest();
    expect(first.request.body).toEqual({ widgets: disposition(['rendez-vous-du-jour', 'alertes', 'a-cloturer']) });
    first.flush(unPortail('conseiller', { widgets: ['rendez-vous-du-jour', 'alertes', 'a-cloturer'], parDefaut: false }));
    // The first answer does not undo the second move, still on its way.
    expect(store.widgets().map(({ id }) => id)).toEqual(['alertes', 'rendez-vous-du-jour', 'a-cloturer']);
    const second = layoutRequest();
    expect(second.request.body).toEqual({ widgets: disposition(['alertes', 'rendez-vous-du-jour', 'a-cloturer']) });
    second.flush(unPortail('conseiller', { widgets: ['alertes', 'rendez-vous-du-jour', 'a-cloturer'], parDefaut: false }));
  });

  it('when the default layout is restored, forgets the user’s on imilo, then reads the home again', () => {
    store.load();
    portailRequest().flush(unPortail('conseiller', { widgets: ['alertes'], parDefaut: false }));

    store.retablir();

    const reset = layoutRequest();
    expect(reset.request.method).toBe('DELETE');
    reset.flush(null, { status: 204, statusText: 'No Content' });
    portailRequest().flush(unPortail());
    expect(store.parDefaut()).toBeTrue();
    expect(store.widgets().length).toBe(7);
  });

  it('when the direction chooses another period or a site, reads the figures again for them', () => {
    signIn(['direction']);
    store.load();
    portailRequest().flush(unPortail('direction'));

    store.choisirPeriode('semaine');
    const semaine = portailRequest();
    expect(semaine.request.params.get('periode')).toBe('semaine');
    semaine.flush(unPortail('direction'));

    store.choisirSite('site-nord');
    const site = portailRequest();
    expect(site.request.params.get('periode')).toBe('semaine');
    expect(site.request.params.get('site')).toBe('site-nord');
    site.flush(unPortail('direction'));
  });

  it('when the direction rearranges their home while looking at one site’s week, the layout is saved for that week and site, and its answer shown at once', () => {
    signIn(['direction']);
    store.load();
    portailRequest().flush(unPortail('direction'));
    store.choisirPeriode('semaine');
    portailRequest().flush(unPortail('direction'));
    store.choisirSite('site-nord');
    portailRequest().flush(unPortail('direction'));

    store.deplacer('premiers-accueils', 0);

    const request = layoutRequest();
    expect(request.request.params.get('periode')).toBe('semaine');
    expect(request.request.params.get('site')).toBe('site-nord');
    const saved = unPortail('direction', { widgets: ['premiers-accueils', 'jeunes-accompagnes'], parDefaut: false });
    request.flush(saved);
    expect(store.widgets().map(({ id }) => id)).toEqual(['premiers-accueils', 'jeunes-accompagnes']);
    // No second read: the answer is already for what the screen shows (http.verify() after each spec).
  });

  it('when an alert is marked « traitée », tells imilo, then takes it out of the list and the count', () => {
    const autre = uneAlerte({ cle: 'SANS_CONTACT:7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6:2026-12-01', regle: 'SANS_CONTACT', libelle: 'Sans contact depuis 90 jours' });
    store.load();
    portailRequest().flush(unPortail('conseiller', { widgets: ['alertes'], etats: { alertes: ok<'alertes'>({ total: 2, items: [uneAlerte(), autre] }) } }));

    store.traiterAlerte(uneAlerte().cle);
    expect(store.isTraitementEnCours(uneAlerte().cle)).toBeTrue();
    const request = http.expectOne('/api/v1/portail/alertes/traitees');
    expect(request.request.body).toEqual({ cle: uneAlerte().cle });
    request.flush(null, { status: 204, statusText: 'No Content' });

    const alertes = store.etat('alertes');
    expect(alertes?.statut === 'ok' ? alertes.donnees : null).toEqual({ total: 1, items: [autre] });
  });

  it('when the widgets shown are refreshed at different rates, reads the home again at the shortest', () => {
    store.load();
    portailRequest().flush(unPortail('conseiller', { widgets: ['alertes', 'a-cloturer'] }));

    expect(store.rafraichissementMs()).toBe(120_000);
  });

  it('moves a widget to any place of the list, ends included', () => {
    const widgets = disposition(['rendez-vous-du-jour', 'a-cloturer', 'alertes']);

    expect(deplace(widgets, 2, 0).map(({ id }) => id)).toEqual(['alertes', 'rendez-vous-du-jour', 'a-cloturer']);
    expect(deplace(widgets, 0, 2).map(({ id }) => id)).toEqual(['a-cloturer', 'alertes', 'rendez-vous-du-jour']);
  });

  it('says when the home shown offline was computed, in the Mission Locale’s time', () => {
    expect(donneesHorsConnexion(GENERE_LE, 'Europe/Paris')).toBe('Données du 29/11 à 14 h 32, hors connexion');
    expect(donneesHorsConnexion(GENERE_LE, 'Indian/Reunion')).toBe('Données du 29/11 à 17 h 32, hors connexion');
  });
});

describe('PortailStore refresh', () => {
  afterEach(() => {
    // What the store cancels on destroy is cancelled under the mock clock, before it goes.
    TestBed.resetTestingModule();
    jasmine.clock().uninstall();
  });

  it('while the page is visible, reads the home again at the shortest refresh interval of the widgets shown', () => {
    jasmine.clock().install();
    TestBed.configureTestingModule({ providers: [...providePortailTesting(), PortailStore] });
    signIn(['conseiller']);
    const http = TestBed.inject(HttpTestingController);
    const store = TestBed.inject(PortailStore);
    const portailRequests = () => http.match((request) => request.url === '/api/v1/portail');
    store.load();
    portailRequests()[0]?.flush(unPortail('conseiller', { widgets: ['alertes', 'a-cloturer'] }));
    TestBed.tick();

    jasmine.clock().tick(119_000);
    expect(portailRequests().length).toBe(0);
    jasmine.clock().tick(1_000);

    expect(document.visibilityState).toBe('visible');
    const [refresh] = portailRequests();
    expect(refresh?.request.params.get('periode')).toBe('mois');
    refresh?.flush(unPortail('conseiller', { widgets: ['alertes', 'a-cloturer'] }));
    http.verify();
  });
});
