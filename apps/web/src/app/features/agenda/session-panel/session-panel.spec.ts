import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import type { InscriptionDto, SessionDetailDto } from '@imilo/domain';
import { FakeOutbox } from '../../../core/offline/offline.testing';
import { signIn } from '../../dossiers/dossier/dossier.testing';
import { JEUNE, provideAgendaTesting, uneSession } from '../agenda.testing';
import { SessionPanel, type SessionPanelData } from './session-panel';

@Component({ selector: 'app-session-panel-host', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {}

const SESSION_URL = `/api/v1/sessions/${uneSession().id}`;
const LOU = { id: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a', prenom: 'Lou', nom: 'Martin' };

const uneInscription = (overrides: Partial<InscriptionDto> = {}): InscriptionDto => ({
  id: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e',
  jeune: JEUNE,
  statut: 'INSCRIT',
  rangAttente: null,
  inscritLe: '2026-12-01T09:00:00.000Z',
  ...overrides,
});

const detail = (inscriptions: InscriptionDto[] = [], overrides: Partial<SessionDetailDto> = {}): SessionDetailDto => ({
  ...uneSession({ debut: '2026-12-10T08:00:00.000Z', fin: '2026-12-10T10:00:00.000Z' }),
  inscriptions,
  ...overrides,
});

describe('SessionPanel', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Host>;
  let loader: HarnessLoader;

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  const render = async (session: SessionDetailDto) => {
    TestBed.configureTestingModule({ providers: provideAgendaTesting({ outbox: new FakeOutbox() }) });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    TestBed.inject(MatDialog).open<SessionPanel, SessionPanelData, boolean>(SessionPanel, {
      data: { sessionId: session.id, timeZone: 'Europe/Paris', peutEmarger: true },
    });
    await fixture.whenStable();
    http.expectOne(SESSION_URL).flush(session);
    await settle();
  };

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  const text = (): string => document.querySelector('app-session-panel')?.textContent?.replace(/\s+/g, ' ') ?? '';
  const pick = async (jeune: { id: string; prenom: string; nom: string }) => {
    const autocomplete = await loader.getHarness(MatAutocompleteHarness);
    await autocomplete.enterText('Mart');
    await new Promise((resolve) => setTimeout(resolve, 300));
    http.expectOne((request) => request.url === '/api/v1/jeunes' && request.params.get('q') === 'Mart').flush({
      items: [{ id: jeune.id, matricule: 'M1', nomUsage: null, nomNaissance: jeune.nom, prenoms: jeune.prenom, sexe: 'F', dateNaissance: '2005-01-01', age: 21, commune: null, referent: null, statutDossier: 'ACTIF', situationCourante: null, completude: 'COMPLET', dernierContactLe: null }],
      page: 1,
      size: 8,
      hasMore: false,
      total: null,
    });
    await fixture.whenStable();
    await autocomplete.selectOption({ text: `${jeune.prenom} ${jeune.nom}` });
    await fixture.whenStable();
  };
  const inscrire = async () => {
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Inscrire' }))).click();
    await fixture.whenStable();
  };

  it('registers the jeune chosen once, then reads the session again', async () => {
    await render(detail());
    await pick(JEUNE);

    await inscrire();
    const request = http.expectOne({ method: 'POST', url: `${SESSION_URL}/inscriptions` });
    expect(request.request.body).toEqual({ jeuneId: JEUNE.id });
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    request.flush(uneInscription(), { status: 201, statusText: 'Created' });
    await settle();
    http.expectOne(SESSION_URL).flush(detail([uneInscription()], { inscrits: 9 }));
    await settle();

    expect(text()).toContain('Léa Martin — Inscrit');
    expect(text()).toContain('9/12 places');
    expect(text()).toContain('Léa Martin est inscrit à la session.');
  });

  it('when the session is full, says the jeune is on the waiting list, with the rank', async () => {
    await render(detail([], { inscrits: 12, enAttente: 1, placesLibres: 0 }));
    await pick(LOU);

    await inscrire();
    const attente = uneInscription({ id: '0f1e2d3c-4b5a-4697-8877-665544332211', jeune: LOU, statut: 'ATTENTE', rangAttente: 2 });
    http.expectOne(`${SESSION_URL}/inscriptions`).flush(attente, { status: 201, statusText: 'Created' });
    await settle();
    http.expectOne(SESSION_URL).flush(detail([attente], { inscrits: 12, enAttente: 2, placesLibres: 0 }));
    await settle();

    expect(text()).toContain("Session complète : Lou Martin est en liste d'attente (2e).");
    expect(text()).toContain("Lou Martin — Liste d'attente (2)");
  });

  it('when « Inscrire » is pressed without a jeune, asks for one and sends nothing', async () => {
    await render(detail());

    await inscrire();

    expect(text()).toContain('Choisissez le jeune à inscrire.');
    http.expectNone(`${SESSION_URL}/inscriptions`);
  });

  it('unregisters a jeune by name, then reads the session again', async () => {
    await render(detail([uneInscription()]));

    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Désinscrire Léa Martin"]' }))).click();
    const request = http.expectOne({ method: 'DELETE', url: `${SESSION_URL}/inscriptions/${JEUNE.id}` });
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    http.expectOne(SESSION_URL).flush(detail([{ ...uneInscription(), statut: 'DESINSCRIT' }], { inscrits: 7 }));
    await settle();

    expect(text()).toContain('Léa Martin est désinscrit de la session.');
    expect(text()).not.toContain('Léa Martin — Inscrit');
    expect(text()).toContain('Aucune inscription.');
  });

  it('shows the BFF’s French refusal when the session has started meanwhile', async () => {
    await render(detail());
    await pick(JEUNE);

    await inscrire();
    http.expectOne(`${SESSION_URL}/inscriptions`).flush(
      { type: 'about:blank', title: 'Conflit', status: 409, code: 'conflict', detail: 'La session a commencé : les inscriptions sont closes.' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();

    expect(text()).toContain('La session a commencé : les inscriptions sont closes.');
  });

  it('once started, offers the émargement and no more registration', async () => {
    await render(detail([uneInscription()], { statut: 'A_CLOTURER' }));

    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Inscrire' }))).toEqual([]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Désinscrire' }))).toEqual([]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: "Enregistrer l'émargement" }))).not.toEqual([]);
  });
});
