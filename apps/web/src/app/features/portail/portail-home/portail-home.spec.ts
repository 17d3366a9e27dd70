import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { PortailDto } from '@imilo/domain';
import { FakeConnectivity, FakeOfflineCache, settle } from '../../../core/offline/offline.testing';
import { aMe } from '../../auth/auth.testing';
import { signIn } from '../../dossiers/dossier/dossier.testing';
import { portailCacheKey } from '../portail.store';
import { disposition, GENERE_LE, ok, providePortailTesting, SITE_NORD, unPortail, uneAlerte } from '../portail.testing';
import { PortailHome } from './portail-home';

const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('PortailHome', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<PortailHome>;
  let announce: jasmine.Spy;

  const portailRequests = () => http.match((request) => request.url === '/api/v1/portail');
  const layoutRequest = () => http.expectOne((request) => request.url === '/api/v1/portail/layout');

  const render = async (
    options: {
      readonly roles?: Parameters<typeof signIn>[0];
      readonly tablet?: boolean;
      readonly answer?: PortailDto | 'offline';
      /** What the device holds before the page opens. */
      readonly before?: () => void;
    } = {},
  ) => {
    TestBed.configureTestingModule({ providers: providePortailTesting({ tablet: options.tablet ?? true }) });
    signIn(options.roles ?? ['conseiller']);
    options.before?.();
    http = TestBed.inject(HttpTestingController);
    announce = spyOn(TestBed.inject(LiveAnnouncer), 'announce').and.resolveTo();
    fixture = TestBed.createComponent(PortailHome);
    await fixture.whenStable();
    const [request] = portailRequests();
    if (options.answer === 'offline') {
      request?.error(new ProgressEvent('error'), { status: 0 });
    } else {
      request?.flush(options.answer ?? unPortail());
    }
    await settle();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  };

  const widget = (element: HTMLElement, id: string): HTMLElement | null => element.querySelector(`[data-widget="${id}"]`);
  const button = (root: HTMLElement | null, label: string): HTMLButtonElement | undefined =>
    Array.from(root?.querySelectorAll('button') ?? []).find((candidate) => text(candidate).startsWith(label));
  const click = async (target: HTMLElement | undefined) => {
    expect(target).withContext('the button to click').toBeDefined();
    target?.click();
    await fixture.whenStable();
  };

  afterEach(() => http.verify());

  it('when the conseiller’s home answers, shows each widget with its title, count, list and link to the full view', async () => {
    const element = await render();

    const rendezVous = widget(element, 'rendez-vous-du-jour');
    expect(text(rendezVous?.querySelector('h2'))).toBe('Rendez-vous du jour');
    expect(text(rendezVous?.querySelector('.widget-card-count [aria-hidden]'))).toBe('1');
    expect(text(rendezVous?.querySelector('.widget-card-count .cdk-visually-hidden'))).toBe('1 rendez-vous ou session');
    expect(text(rendezVous)).toContain('Aujourd’hui dimanche 29 novembre 2026');
    expect(text(rendezVous)).toContain('16 h 00');
    expect(text(rendezVous)).toContain('Confirmé par le jeune ✓');
    expect(rendezVous?.querySelector('a[href="/jeunes/7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"]')).not.toBeNull();
    expect(rendezVous?.querySelector('a[href="/agenda"]')).not.toBeNull();
    expect(text(widget(element, 'dossiers-a-completer'))).toContain('Manque : Adresse, Niveau de formation');
    expect(Array.from(element.querySelectorAll('.portail-cell h2')).map(text)).toEqual([
      'Rendez-vous du jour',
      'À clôturer',
      'Alertes',
      'Mémos',
      'Dossiers à compléter',
      'Mon activité',
      'Offre de service',
    ]);
  });

  it('when a widget is empty, failed or still computed, says so in its own card while the others show', async () => {
    const element = await render({
      answer: unPortail('conseiller', {
        widgets: ['memos', 'alertes', 'a-cloturer'],
        etats: { alertes: { statut: 'erreur', message: 'Les alertes ne peuvent pas être calculées pour le moment.' }, 'a-cloturer': undefined },
      }),
    });

    expect(text(widget(element, 'memos'))).toContain('Aucun mémo à faire aujourd’hui.');
    expect(text(widget(element, 'alertes'))).toContain('Les alertes ne peuvent pas être calculées pour le moment.');
    expect(button(widget(element, 'alertes'), 'Réessayer')).toBeDefined();
    expect(text(widget(element, 'a-cloturer'))).toContain('Chargement de « À clôturer »');
  });

  it('when « Descendre » is pressed in the personalisation mode, saves the new order and announces the move', async () => {
    const element = await render({ answer: unPortail('conseiller', { widgets: ['rendez-vous-du-jour', 'a-cloturer', 'alertes'] }) });

    await click(button(element, 'Personnaliser'));
    const first = widget(element, 'rendez-vous-du-jour');
    expect(button(first, 'Monter')?.disabled).toBeTrue();
    expect(text(button(first, 'Descendre'))).toBe('Descendre « Rendez-vous du jour »');
    await click(button(first, 'Descendre'));

    expect(Array.from(element.querySelectorAll('.portail-cell h2')).map(text)).toEqual(['À clôturer', 'Rendez-vous du jour', 'Alertes']);
    expect(layoutRequest().request.body).toEqual({ widgets: disposition(['a-cloturer', 'rendez-vous-du-jour', 'alertes']) });
    expect(announce).toHaveBeenCalledWith('Rendez-vous du jour : position 2 sur 3.', 'polite');
    // The keyboard user goes on from the same button, on the moved widget.
    expect(document.activeElement?.id).toBe('portail-descendre-rendez-vous-du-jour');
  });

  it('when a widget is added, resized and removed, saves each layout', async () => {
    const element = await render({ answer: unPortail('conseiller', { widgets: ['alertes'], catalogue: ['alertes', 'memos'] }) });

    await click(button(element, 'Personnaliser'));
    await click(button(element.querySelector('.portail-edit'), 'Mémos'));
    expect(layoutRequest().request.body).toEqual({ widgets: [{ id: 'alertes', taille: 1 }, { id: 'memos', taille: 1 }] });
    // Until imilo answers with its data, the new widget says it is being computed.
    expect(text(widget(element, 'memos'))).toContain('Chargement de « Mémos »');
  });

  it('when « Rétablir la disposition par défaut » is pressed, asks imilo to forget the layout and shows the default one', async () => {
    const element = await render({ answer: unPortail('conseiller', { widgets: ['alertes'], parDefaut: false }) });

    await click(button(element, 'Personnaliser'));
    await click(button(element, 'Rétablir la disposition par défaut'));
    const reset = layoutRequest();
    expect(reset.request.method).toBe('DELETE');
    reset.flush(null, { status: 204, statusText: 'No Content' });
    portailRequests()[0]?.flush(unPortail());
    await fixture.whenStable();

    expect(element.querySelectorAll('.portail-cell').length).toBe(7);
    expect(button(element, 'Rétablir la disposition par défaut')?.disabled).toBeTrue();
  });

  it('when offline, shows the home kept on this device with the time it was computed, and cannot be personalised', async () => {
    const element = await render({
      answer: 'offline',
      before: () => {
        TestBed.inject(FakeOfflineCache).values.set(portailCacheKey(aMe().id), { value: unPortail(), savedAt: GENERE_LE });
        TestBed.inject(FakeConnectivity).set(false);
      },
    });

    expect(text(element.querySelector('.portail-offline'))).toBe('Données du 29/11 à 14 h 32, hors connexion');
    expect(text(widget(element, 'rendez-vous-du-jour'))).toContain('Léa Martin');
    expect(button(element, 'Personnaliser')?.disabled).toBeTrue();
  });

  it('when an alert is marked « traitée », it leaves the list once imilo has it', async () => {
    const element = await render({ answer: unPortail('conseiller', { widgets: ['alertes'], etats: { alertes: ok<'alertes'>({ total: 1, items: [uneAlerte()] }) } }) });
    const alertes = widget(element, 'alertes');
    expect(text(alertes)).toContain('Aura 26 ans le 15 janvier 2027');
    expect(alertes?.querySelector('a[href="/jeunes/7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"]')).not.toBeNull();

    await click(button(alertes, 'Marquer traitée'));
    http.expectOne('/api/v1/portail/alertes/traitees').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(text(alertes)).not.toContain('Aura 26 ans');
    expect(text(alertes)).toContain('Aucune alerte sur vos dossiers.');
    expect(announce).toHaveBeenCalledWith('Alerte marquée traitée.', 'polite');
  });

  it('when the direction opens its home on a phone, shows each figure with its trend, its chart and the figures as text', async () => {
    const element = await render({ roles: ['direction'], tablet: false, answer: unPortail('direction') });

    const jeunes = widget(element, 'jeunes-accompagnes');
    expect(text(jeunes?.querySelector('.indicateur-valeur'))).toBe('120');
    expect(text(jeunes?.querySelector('.indicateur-tendance [aria-hidden]'))).toBe('▲ 20 %');
    expect(text(jeunes?.querySelector('.indicateur-tendance .cdk-visually-hidden'))).toBe('En hausse de 20 % par rapport au mois précédent (100).');
    expect(jeunes?.querySelector('a.indicateur-figure')?.getAttribute('href')).toBe('/jeunes?contactDepuis=2026-11-01');
    expect(text(widget(element, 'premiers-accueils')?.querySelector('.indicateur-tendance'))).toContain('▼ 25 %');
    expect(text(widget(element, 'rendez-vous-tenus'))).toContain("10 absences, taux d'absence 11 %");
    expect(text(widget(element, 'evenements-par-theme'))).toContain('Pas de période précédente à comparer.');
    // The chart is drawn, and read as a table.
    await settle();
    await fixture.whenStable();
    expect(jeunes?.querySelector('.mini-chart-drawing svg')).not.toBeNull();
    const table = jeunes?.querySelector('table');
    expect(text(table?.querySelector('caption'))).toBe('Nombre de jeunes accompagnés par semaine');
    expect(Array.from(table?.querySelectorAll('tbody tr:first-child th, tbody tr:first-child td') ?? []).map(text)).toEqual(['sem. du 2 nov.', '30']);
  });

  it('when the direction chooses the week or a site, reads the figures again for them', async () => {
    const element = await render({ roles: ['direction'], answer: unPortail('direction') });

    await click(button(element.querySelector('mat-button-toggle-group'), 'Semaine'));
    const [semaine] = portailRequests();
    expect(semaine?.request.params.get('periode')).toBe('semaine');
    semaine?.flush(unPortail('direction'));
    await fixture.whenStable();

    const site = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatSelectHarness.with({ selector: '.portail-site mat-select' }));
    expect(await site.getValueText()).toBe('Tous les sites');
    await site.open();
    await site.clickOptions({ text: SITE_NORD.nom });
    const [nord] = portailRequests();
    expect(nord?.request.params.get('periode')).toBe('semaine');
    expect(nord?.request.params.get('site')).toBe(SITE_NORD.id);
    nord?.flush(unPortail('direction'));
  });
});
