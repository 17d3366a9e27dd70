import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FakeConnectivity, FakeOfflineCache, FakeOutbox, anOutboxEntry } from '../../core/offline/offline.testing';
import { signIn } from '../dossiers/dossier/dossier.testing';
import { AgendaApi } from './agenda-api';
import { agendaCacheKey, AgendaStore, COLLEGUES_CACHE_KEY, scopeGroups } from './agenda.store';
import { JEUNE, MON_SITE, provideAgendaTesting, unAgenda, unRendezVous, uneSession } from './agenda.testing';

describe('AgendaStore', () => {
  let http: HttpTestingController;
  let store: AgendaStore;
  let outbox: FakeOutbox;

  beforeEach(() => {
    outbox = new FakeOutbox();
    TestBed.configureTestingModule({ providers: [...provideAgendaTesting({ outbox }), AgendaStore] });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(AgendaStore);
  });

  afterEach(() => http.verify());

  const agendaRequest = () => http.expectOne((request) => request.url === '/api/v1/agenda');

  it('when opened on the day view, reads today in the Mission Locale’s zone, and my agenda', () => {
    store.start('jour', { kind: 'moi' });

    const request = agendaRequest();
    expect(request.request.params.get('from')).toBe('2026-12-07');
    expect(request.request.params.get('to')).toBe('2026-12-07');
    expect(request.request.params.has('conseiller')).toBeFalse();
    expect(request.request.params.has('site')).toBeFalse();
    request.flush(unAgenda());
    expect(store.status()).toBe('loaded');
  });

  it('when the week view of a site is chosen, reads Monday to Sunday of that site', () => {
    store.start('semaine', { kind: 'site', id: 'site-1', nom: 'Antenne' });
    store.goTo('2026-12-10');

    const [first, second] = http.match((request) => request.url === '/api/v1/agenda');
    expect(first?.cancelled).toBeTrue();
    expect(second?.request.params.get('from')).toBe('2026-12-07');
    expect(second?.request.params.get('to')).toBe('2026-12-13');
    expect(second?.request.params.get('site')).toBe('site-1');
    second?.flush(unAgenda({ from: '2026-12-07', to: '2026-12-13' }));
    expect(store.days().map(({ jour }) => jour)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
  });

  it('when the agenda answers, shows each card with its time in the Mission Locale’s zone, the jeune, the type and its statuses', () => {
    store.start('jour', { kind: 'moi' });
    agendaRequest().flush(
      unAgenda({
        timezone: 'Indian/Reunion',
        rendezVous: [
          unRendezVous({ id: 'a', debut: '2026-12-07T05:00:00.000Z', fin: '2026-12-07T05:30:00.000Z', reponseJeune: { reponse: 'CONFIRME', le: '2026-12-02T10:00:00.000Z' } }),
          unRendezVous({ id: 'b', debut: '2026-12-07T04:00:00.000Z', fin: '2026-12-07T04:30:00.000Z', aCloturer: true }),
          unRendezVous({ id: 'c', debut: '2026-12-07T06:00:00.000Z', fin: '2026-12-07T06:30:00.000Z', statut: 'ANNULE', annulation: { motif: 'Malade', le: '2026-12-06T10:00:00.000Z', parJeune: true } }),
        ],
        sessions: [uneSession({ debut: '2026-12-07T07:00:00.000Z', fin: '2026-12-07T09:00:00.000Z' })],
      }),
    );

    expect(store.cards().map(({ horaire, titre, statuts }) => [horaire, titre, statuts.map(({ label }) => label)])).toEqual([
      ['8 h 00 – 8 h 30', 'Léa Martin', ['À clôturer']],
      ['9 h 00 – 9 h 30', 'Léa Martin', ['Confirmé par le jeune ✓']],
      ['10 h 00 – 10 h 30', 'Léa Martin', ['Annulé par le jeune']],
      ['11 h 00 – 13 h 00', 'Atelier CV de décembre', []],
    ]);
    expect(store.cards()[3]?.detail).toBe('Atelier CV · 8/12 places');
    expect(store.days()[0]?.placed.length).toBe(4);
  });

  it('when a creation waits in the outbox, shows it on its day as pending, then no more once imilo has it', () => {
    outbox.hold(
      anOutboxEntry({
        kind: 'rendez-vous',
        url: '/api/v1/rendez-vous',
        label: 'Rendez-vous : Léa Martin, lun. 7 déc. à 16 h 00',
        jeuneId: JEUNE.id,
        body: { id: 'new-1', jeuneId: JEUNE.id, type: 'ENTRETIEN_INDIVIDUEL_CONSEILLER', modalite: 'TELEPHONE', debut: '2026-12-07T16:00:00+01:00', dureeMinutes: 30 },
      }),
    );
    store.start('jour', { kind: 'moi' });
    agendaRequest().flush(unAgenda());

    expect(store.cards().map(({ titre, horaire, statuts }) => [titre, horaire, statuts.map(({ label }) => label)])).toEqual([
      ['Léa Martin', '16 h 00 – 16 h 30', ['En attente de synchronisation']],
    ]);

    outbox.deliver(outbox.entries()[0]!);
    agendaRequest().flush(unAgenda({ rendezVous: [unRendezVous({ id: 'new-1' })] }));
    expect(store.cards().map(({ id, sync }) => [id, sync])).toEqual([['new-1', null]]);
  });

  it('when a move waits in the outbox, shows the rendez-vous at its new time, not draggable again', () => {
    outbox.hold(anOutboxEntry({ kind: 'rendez-vous', method: 'PATCH', url: '/api/v1/rendez-vous/a', body: { ...unRendezVous(), debut: '2026-12-07T16:00:00+01:00', dureeMinutes: 60 } }));
    store.start('jour', { kind: 'moi' });
    agendaRequest().flush(unAgenda({ rendezVous: [unRendezVous({ id: 'a' })] }));

    expect(store.cards().map(({ horaire, deplacable }) => [horaire, deplacable])).toEqual([['16 h 00 – 17 h 00', false]]);
  });

  it('when imilo cannot be reached, shows the agenda last read on this device and says since when', async () => {
    const cache = TestBed.inject(FakeOfflineCache);
    const range = { from: '2026-12-07', to: '2026-12-07' };
    cache.values.set(agendaCacheKey({ kind: 'moi' }, range), { value: unAgenda({ rendezVous: [unRendezVous()] }), savedAt: '2026-12-06T17:00:00.000Z' });
    store.start('jour', { kind: 'moi' });

    agendaRequest().error(new ProgressEvent('error'), { status: 0 });
    await new Promise((resolve) => setTimeout(resolve));

    expect(store.status()).toBe('loaded');
    expect(store.offlineSince()).toBe('2026-12-06T17:00:00.000Z');
    expect(store.cards().length).toBe(1);
  });

  it('when imilo cannot be reached and nothing is cached, says so in French', async () => {
    store.start('jour', { kind: 'moi' });
    agendaRequest().error(new ProgressEvent('error'), { status: 0 });
    await new Promise((resolve) => setTimeout(resolve));

    expect(store.status()).toBe('failed');
    expect(store.error()).toContain("cet agenda n'a pas encore été affiché sur cet appareil");
  });

  it('when the connection comes back after an offline read, reads the agenda again', async () => {
    store.start('jour', { kind: 'moi' });
    agendaRequest().error(new ProgressEvent('error'), { status: 0 });
    await new Promise((resolve) => setTimeout(resolve));

    TestBed.inject(FakeConnectivity).set(true);
    agendaRequest().flush(unAgenda());
    expect(store.status()).toBe('loaded');
  });

  it('when due mémos come with the agenda, lists those not done, overdue included', () => {
    store.start('jour', { kind: 'moi' });
    const memo = { id: 'm1', texte: 'Rappeler Pôle emploi', portee: 'MOI' as const, auteur: { id: 'u', prenom: 'A', nom: 'D' }, jeune: null, echeance: '2026-12-05', fait: false, enRetard: true, version: 1, creeLe: '2026-12-01T09:00:00.000Z' };
    agendaRequest().flush(unAgenda({ memos: [memo, { ...memo, id: 'm2', fait: true }, { ...memo, id: 'm3', echeance: '2026-12-08', enRetard: false }] }));

    expect(store.memosDus().map(({ id }) => id)).toEqual(['m1']);
  });

  it('when the colleagues are read, offers them and keeps them on this device', async () => {
    store.loadCollegues();
    http.expectOne('/api/v1/agenda/conseillers').flush([PAUL]);
    await new Promise((resolve) => setTimeout(resolve));

    expect(store.collegues()).toEqual([PAUL]);
    expect(TestBed.inject(FakeOfflineCache).values.get(COLLEGUES_CACHE_KEY)?.value).toEqual([PAUL]);
  });

  it('when the colleagues cannot be read, offers those last read on this device', async () => {
    await TestBed.inject(FakeOfflineCache).put(COLLEGUES_CACHE_KEY, [PAUL]);

    store.loadCollegues();
    http.expectOne('/api/v1/agenda/conseillers').error(new ProgressEvent('error'), { status: 0 });
    await new Promise((resolve) => setTimeout(resolve));

    expect(store.collegues()).toEqual([PAUL]);
  });
});

const PAUL = { id: 'c-1', prenom: 'Paul', nom: 'Morel', siteId: MON_SITE.id, siteNom: MON_SITE.nom };

describe('scopeGroups (the « Agenda de » choices)', () => {
  const INES = { id: 'c-2', prenom: 'Inès', nom: 'Bernard', siteId: 'site-blaye', siteNom: 'Antenne de Blaye' };
  const LOU = { id: 'c-3', prenom: 'Lou', nom: 'Vidal', siteId: null, siteNom: null };
  const labels = (groups: ReturnType<typeof scopeGroups>) => groups.map(({ label, choices }) => [label, choices.map((choice) => choice.label)]);

  it('when I have an agenda, offers mine, my site’s, then my site’s colleagues, then the others with their site', () => {
    const groups = scopeGroups({ mine: true, monSite: MON_SITE, collegues: [INES, PAUL, LOU] });

    expect(labels(groups)).toEqual([
      [null, ['Mon agenda', `Site : ${MON_SITE.nom}`]],
      [`Collègues du site ${MON_SITE.nom}`, ['Paul Morel']],
      ['Collègues des autres sites', ['Inès Bernard (Antenne de Blaye)', 'Lou Vidal']],
    ]);
    expect(groups[1]?.choices[0]).toEqual({ value: 'conseiller:c-1', label: 'Paul Morel', scope: { kind: 'conseiller', id: 'c-1', nom: 'Paul Morel' } });
  });

  it('when I have no agenda of my own (chargé d’accueil), starts with my site’s', () => {
    expect(labels(scopeGroups({ mine: false, monSite: MON_SITE, collegues: [] }))).toEqual([[null, [`Site : ${MON_SITE.nom}`]]]);
  });

  it('when I am attached to no site, lists every colleague in one group', () => {
    expect(labels(scopeGroups({ mine: true, monSite: null, collegues: [PAUL, INES] }))).toEqual([
      [null, ['Mon agenda']],
      ['Collègues', ['Paul Morel (' + MON_SITE.nom + ')', 'Inès Bernard (Antenne de Blaye)']],
    ]);
  });
});

describe('AgendaApi', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideAgendaTesting({ outbox: new FakeOutbox() }) });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('when reading a colleague’s agenda, names the colleague', () => {
    TestBed.inject(AgendaApi).agenda({ from: '2026-12-07', to: '2026-12-13' }, { kind: 'conseiller', id: 'c-1', nom: 'Paul' }).subscribe();

    expect(http.expectOne('/api/v1/agenda?from=2026-12-07&to=2026-12-13&conseiller=c-1').request.method).toBe('GET');
  });

  it('when creating a mémo or a feed, sends an idempotency key', () => {
    const api = TestBed.inject(AgendaApi);
    api.creerMemo({ texte: 'Appeler', portee: 'MOI', jeuneId: null, echeance: null }).subscribe();
    api.creerFlux(true).subscribe();

    const memo = http.expectOne('/api/v1/memos');
    const flux = http.expectOne('/api/v1/ics/flux');
    expect(memo.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(flux.request.body).toEqual({ afficherNoms: true });
    expect(flux.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
