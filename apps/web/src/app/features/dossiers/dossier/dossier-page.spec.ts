import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatExpansionPanelHarness } from '@angular/material/expansion/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { Router } from '@angular/router';
import type { DossierDto, Role } from '@imilo/domain';
import { anOutboxEntry, FakeConnectivity, FakeOfflineCache, FakeOutbox, settle } from '../../../core/offline/offline.testing';
import { aProblemBody } from '../../auth/auth.testing';
import { EvenementSheetLauncher } from '../../evenements/evenement-sheet/evenement-sheet-launcher';
import { answerCommunes } from '../communes/communes.testing';
import { formatInstant } from './dossier-format';
import { DossierPage } from './dossier-page';
import {
  aConflictBody,
  DOSSIER_URL,
  JEUNE_ID,
  provideDossierTesting,
  signIn,
  unDossier,
  unDossierAccueil,
  unePiece,
} from './dossier.testing';

describe('DossierPage', () => {
  let http: HttpTestingController;

  const render = async (options: { roles?: readonly Role[]; tablet?: boolean } = {}) => {
    TestBed.configureTestingModule({ providers: provideDossierTesting({ tablet: options.tablet }) });
    signIn(options.roles);
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(FakeOfflineCache).values.clear();
    const fixture = TestBed.createComponent(DossierPage);
    fixture.componentRef.setInput('id', JEUNE_ID);
    await fixture.whenStable();
    return {
      fixture,
      loader: TestbedHarnessEnvironment.loader(fixture),
      rootLoader: TestbedHarnessEnvironment.documentRootLoader(fixture),
      element: fixture.nativeElement as HTMLElement,
    };
  };

  const open = async (dossier: DossierDto, options: { roles?: readonly Role[]; tablet?: boolean } = {}) => {
    const rendered = await render(options);
    http.expectOne({ method: 'GET', url: DOSSIER_URL }).flush(dossier);
    await rendered.fixture.whenStable();
    return rendered;
  };

  const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  afterEach(() => {
    // The Coordonnées tab's « Espace C-Milo » card loads its own state (compte-cmilo-card.spec.ts checks it).
    http.match((request) => request.url.endsWith('/compte-cmilo'));
    http.verify();
  });

  it('while the dossier loads, shows the header skeleton', async () => {
    const { element } = await render();

    expect(element.querySelector('ui-jeune-header .ui-jeune-header-skeleton')).not.toBeNull();
    http.expectOne(DOSSIER_URL).flush(unDossier());
  });

  it('when a conseiller opens a dossier, the header shows usage then birth name, age, référent, situation and badge', async () => {
    const { element } = await open(unDossier());

    const header = element.querySelector('ui-jeune-header');
    expect(text(header?.querySelector('h1'))).toBe('MARTIN née DUPONT Léa Marie');
    expect(text(header)).toContain('19 ans');
    expect(text(header)).toContain('Référent : Awa Diallo');
    expect(text(header)).toContain('Situation : Emploi — Vendeuse');
    expect(header?.querySelector('[role="status"]')?.getAttribute('aria-label')).toBe('Complétude : Complet');
  });

  it('when a conseiller opens a dossier on a tablet, shows Synthèse, Parcours, every section and Pièces as tabs', async () => {
    const { loader } = await open(unDossier());

    const tabs = await (await loader.getHarness(MatTabGroupHarness)).getTabs();
    expect(await Promise.all(tabs.map((tab) => tab.getLabel()))).toEqual([
      'Synthèse',
      'Parcours',
      'Identité',
      'Coordonnées',
      'Famille',
      'Cursus',
      'Situations',
      'Ressources',
      'Logement',
      'Mobilité',
      'RQTH',
      'France Travail',
      'Pièces',
    ]);
  });

  it('when a chargé d’accueil opens a dossier, shows identité and coordonnées only, both editable', async () => {
    const { loader } = await open(unDossierAccueil(), { roles: ['charge_accueil'] });

    const group = await loader.getHarness(MatTabGroupHarness);
    const labels = await Promise.all((await group.getTabs()).map((tab) => tab.getLabel()));
    expect(labels).toEqual(['Synthèse', 'Identité', 'Coordonnées', 'Pièces']);
    await group.selectTab({ label: 'Coordonnées' });
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Modifier/ }))).toHaveSize(1);
  });

  it('when a section is readable but not editable (direction), offers no "Modifier"', async () => {
    const { loader, element } = await open(unDossier({ editables: [] }), { roles: ['direction'] });

    await (await loader.getHarness(MatTabGroupHarness)).selectTab({ label: 'Famille' });
    expect(text(element.querySelector('app-famille-section'))).toContain('Célibataire');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Modifier/ }))).toHaveSize(0);
  });

  it('when the user switches tabs while editing, finds the typed input again', async () => {
    const { loader } = await open(unDossier());
    const group = await loader.getHarness(MatTabGroupHarness);
    await group.selectTab({ label: 'Coordonnées' });
    await (await loader.getHarness(MatButtonHarness.with({ text: /Modifier/ }))).click();
    // The address's commune field names the stored code once.
    answerCommunes(http, unDossier().coordonnees.adresse!.communeInsee, []);
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="telephone"]' }))).setValue('0711223344');

    await group.selectTab({ label: 'Synthèse' });
    await group.selectTab({ label: 'Coordonnées' });

    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName="telephone"]' }))).getValue()).toBe(
      '0711223344',
    );
  });

  it('on a phone, stacks the sections as expandable panels, the Synthèse open', async () => {
    const { loader } = await open(unDossierAccueil(), { roles: ['charge_accueil'], tablet: false });

    const panels = await loader.getAllHarnesses(MatExpansionPanelHarness);
    expect(await Promise.all(panels.map((panel) => panel.getTitle()))).toEqual([
      'Synthèse',
      'Identité',
      'Coordonnées',
      'Pièces',
    ]);
    expect(await Promise.all(panels.map((panel) => panel.isExpanded()))).toEqual([true, false, false, false]);
  });

  it('the Synthèse tells a missing pièce waiting for a decision from one refused and one never deposited', async () => {
    const manquant = (code: string, libelle: string) => ({ type: 'piece' as const, section: 'identite' as const, code, libelle });
    const { element } = await open(
      unDossier({
        completude: {
          niveau: 'complet',
          prochainNiveau: 'justifie',
          manquants: [manquant('IDENTITE', "Pièce d'identité"), manquant('DOMICILE', 'Justificatif de domicile'), manquant('RQTH', 'Notification RQTH')],
          resume: '3 pièces manquantes pour « justifié »',
        },
        pieces: [unePiece({ id: 'p1', type: 'IDENTITE', statut: 'A_VALIDER' }), unePiece({ id: 'p2', type: 'DOMICILE', statut: 'REFUSEE', motifRefus: 'Illisible.' })],
      }),
    );

    const items = Array.from(element.querySelectorAll('app-synthese .synthese-manquants button')).map((button) => text(button));
    expect(items).toEqual([
      "Pièce d'identité Pièce déposée, à valider — Pièces",
      'Justificatif de domicile Pièce refusée, à déposer de nouveau — Pièces',
      'Notification RQTH Pièce à déposer — Pièces',
    ]);
  });

  it('the Synthèse says what is missing for the next level and links each item to where it is filled in', async () => {
    const { loader, element, fixture } = await open(
      unDossier({
        completude: {
          niveau: 'partiel',
          prochainNiveau: 'complet',
          manquants: [{ type: 'champ', section: 'logement', code: 'logement.situation', libelle: 'Situation de logement' }],
          resume: '1 champ manquant pour « complet »',
        },
      }),
    );

    const synthese = element.querySelector('app-synthese');
    expect(text(synthese)).toContain('1 champ manquant pour « complet »');
    expect(text(synthese?.querySelector('[aria-labelledby="synthese-situation"] p'))).toBe(
      'Emploi — Vendeuse, depuis le mardi 1 septembre 2026',
    );
    const lien = Array.from(synthese?.querySelectorAll('button') ?? []).find((button) =>
      text(button).startsWith('Situation de logement'),
    );
    expect(text(lien)).toBe('Situation de logement À renseigner — Logement');
    lien?.click();
    await fixture.whenStable();

    const group = await loader.getHarness(MatTabGroupHarness);
    expect(await (await group.getSelectedTab()).getLabel()).toBe('Logement');
  });

  it('the Synthèse\'s "Voir le parcours" opens the Parcours tab', async () => {
    const { loader, element, fixture } = await open(unDossier());

    Array.from(element.querySelectorAll('app-synthese button'))
      .find((button) => text(button) === 'Voir le parcours')
      ?.dispatchEvent(new MouseEvent('click'));
    await fixture.whenStable();
    // What the panels read: answered empty, whatever they ask.
    for (const request of http.match((candidate) => candidate.method === 'GET' && !candidate.url.endsWith('/compte-cmilo'))) {
      request.flush(request.request.url.endsWith('/timeline') ? { items: [], nextCursor: null } : []);
    }
    await settle();

    const group = await loader.getHarness(MatTabGroupHarness);
    expect(await (await group.getSelectedTab()).getLabel()).toBe('Parcours');
  });

  it('when the dossier is outside the portfolio, asks the reason, records it, then shows the dossier', async () => {
    const { fixture, rootLoader, element } = await render();
    http
      .expectOne(DOSSIER_URL)
      .flush(aProblemBody(403, 'motif-acces-requis', 'Indiquez pourquoi vous ouvrez ce dossier.'), {
        status: 403,
        statusText: 'Forbidden',
      });
    await fixture.whenStable();

    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Pourquoi ouvrez-vous ce dossier ?');
    expect(await dialog.getContentText()).toContain('enregistrée dans le journal des accès');
    const motif = await rootLoader.getHarness(MatInputHarness.with({ selector: 'textarea' }));
    await motif.setValue('abc');
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Ouvrir le dossier' }))).click();
    http.expectNone(`${DOSSIER_URL}/acces`);
    expect(await dialog.getContentText()).toContain('5 caractères au moins');

    await motif.setValue('Remplacement de la conseillère référente');
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Ouvrir le dossier' }))).click();
    const acces = http.expectOne({ method: 'POST', url: `${DOSSIER_URL}/acces` });
    expect(acces.request.body).toEqual({ motif: 'Remplacement de la conseillère référente' });
    acces.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    http.expectOne({ method: 'GET', url: DOSSIER_URL }).flush(unDossier({ dansMonPortefeuille: false }));
    await fixture.whenStable();
    expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toHaveSize(0);
    expect(text(element.querySelector('ui-jeune-header h1'))).toBe('MARTIN née DUPONT Léa Marie');
  });

  it('when the reason is not given, goes back without reading the dossier', async () => {
    const { fixture, rootLoader } = await render();
    const navigate = spyOn(TestBed.inject(Router), 'navigateByUrl').and.resolveTo(true);
    http.expectOne(DOSSIER_URL).flush(aProblemBody(403, 'motif-acces-requis', 'Motif requis.'), {
      status: 403,
      statusText: 'Forbidden',
    });
    await fixture.whenStable();

    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Annuler' }))).click();
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith('/');
    http.expectNone(`${DOSSIER_URL}/acces`);
  });

  it('when the dossier does not exist, says so in French and offers to retry', async () => {
    const { fixture, element, loader } = await render();
    http.expectOne(DOSSIER_URL).flush(aProblemBody(404, 'not-found', 'Introuvable.'), { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();

    expect(text(element.querySelector('[role="alert"]'))).toContain("Ce dossier n'existe pas");
    expect(text(element)).not.toContain('404');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Réessayer' }))).click();
    http.expectOne(DOSSIER_URL).flush(unDossier());
  });

  it('when a conseiller validates a pièce, reloads the dossier and the completeness badge changes', async () => {
    const { fixture, loader, element } = await open(unDossier());
    await (await loader.getHarness(MatTabGroupHarness)).selectTab({ label: 'Pièces' });

    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Valider la pièce facture-edf.pdf"]' }))).click();
    const decision = http.expectOne({ method: 'POST', url: `${DOSSIER_URL}/pieces/${unePiece().id}/decision` });
    expect(decision.request.body).toEqual({ decision: 'VALIDEE', motif: null });
    decision.flush(unePiece({ statut: 'VALIDEE', decideeLe: '2026-11-29T10:00:00.000Z' }));
    await fixture.whenStable();

    http.expectOne({ method: 'GET', url: DOSSIER_URL }).flush(
      unDossier({
        version: 4,
        completude: { niveau: 'justifie', prochainNiveau: null, manquants: [], resume: '' },
        pieces: [unePiece({ statut: 'VALIDEE', decideeLe: '2026-11-29T10:00:00.000Z' })],
      }),
    );
    await fixture.whenStable();

    expect(element.querySelector('ui-jeune-header [role="status"]')?.getAttribute('aria-label')).toBe(
      'Complétude : Justifié',
    );
    expect(text(element.querySelector('app-pieces-tab'))).toContain('Validée');
  });

  it('the Parcours tab offers "Noter un événement" above the actions, the propositions and the chronologie', async () => {
    const dossier = unDossier();
    const { loader, element, fixture } = await open(dossier);
    const launcher = spyOn(TestBed.inject(EvenementSheetLauncher), 'open');

    await (await loader.getHarness(MatTabGroupHarness)).selectTab({ label: 'Parcours' });
    await fixture.whenStable();
    // What the panels read: answered empty, whatever they ask.
    for (const request of http.match((candidate) => candidate.method === 'GET' && !candidate.url.endsWith('/compte-cmilo'))) {
      request.flush(request.request.url.endsWith('/timeline') ? { items: [], nextCursor: null } : []);
    }
    await settle();
    await fixture.whenStable();

    expect(element.querySelector('app-actions-panel')).not.toBeNull();
    expect(element.querySelector('app-propositions-panel')).not.toBeNull();
    expect(text(element.querySelector('app-timeline ui-empty-state'))).toContain("Aucun événement pour l'instant.");
    const noter = await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Noter un événement' }));
    expect(noter).toHaveSize(2);
    await noter[0]?.click();
    expect(launcher).toHaveBeenCalledOnceWith(dossier);
  });

  it('a direction user, who reads the whole dossier, reads the parcours too (not the chargé d’accueil: see above)', async () => {
    const { loader } = await open(unDossier({ editables: [] }), { roles: ['direction'] });

    const tabs = await (await loader.getHarness(MatTabGroupHarness)).getTabs();
    expect(await Promise.all(tabs.map((tab) => tab.getLabel()))).toContain('Parcours');
  });

  it("when an événement of this jeune reaches the BFF from the outbox, reads the dossier again (its synthèse changed); another jeune's does not", async () => {
    const { fixture } = await open(unDossier());
    const outbox = TestBed.inject(FakeOutbox);

    outbox.deliver(anOutboxEntry({ kind: 'evenement', jeuneId: 'un-autre-jeune' }));
    http.expectNone({ method: 'GET', url: DOSSIER_URL });
    outbox.deliver(anOutboxEntry({ kind: 'evenement', jeuneId: JEUNE_ID }));

    http.expectOne({ method: 'GET', url: DOSSIER_URL }).flush(unDossier({ version: 2 }));
    await fixture.whenStable();
  });

  it('shows at the top the edits of this dossier queued offline that conflict with the stored one', async () => {
    const { element, fixture } = await open(unDossier());
    TestBed.inject(FakeOutbox).entries.set([
      anOutboxEntry({
        kind: 'dossier',
        jeuneId: JEUNE_ID,
        status: 'conflict',
        label: 'Modification : Logement',
        body: { version: 3, logement: { situation: 'AUTONOME', difficulte: false } },
        base: unDossier(),
        problem: aConflictBody(unDossier({ version: 4, logement: { situation: 'FAMILLE_AMIS', difficulte: false } })),
      }),
    ]);
    await fixture.whenStable();

    const panel = element.querySelector('app-dossier-conflicts app-conflict-panel');
    expect(text(panel?.querySelector('[role="alert"]'))).toContain('Conflit : Modification : Logement');
    expect(panel?.compareDocumentPosition(element.querySelector('mat-tab-group') as Node)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
  });

  describe('offline', () => {
    const unreachable = () => http.expectOne(DOSSIER_URL).error(new ProgressEvent('error'), { status: 0, statusText: '' });

    it('keeps each dossier read on the device', async () => {
      const dossier = unDossier();
      await open(dossier);
      await settle();

      expect(TestBed.inject(FakeOfflineCache).values.get(`dossier:${JEUNE_ID}`)?.value).toEqual(dossier);
    });

    it('when imilo cannot be reached, shows the copy kept on the device and says from when', async () => {
      const { fixture, element } = await render();
      TestBed.inject(FakeOfflineCache).values.set(`dossier:${JEUNE_ID}`, { value: unDossier(), savedAt: '2026-11-28T13:32:00.000Z' });
      unreachable();
      await settle();
      await fixture.whenStable();

      expect(text(element.querySelector('.dossier-page-offline'))).toBe(
        `Hors ligne : dossier tel qu'enregistré sur cet appareil le ${formatInstant('2026-11-28T13:32:00.000Z')}.`,
      );
      expect(text(element.querySelector('ui-jeune-header h1'))).toBe('MARTIN née DUPONT Léa Marie');
      expect(element.querySelector('[role="alert"]')).toBeNull();
    });

    it('a gateway answer without a problem body counts as unreachable', async () => {
      const { fixture, element } = await render();
      TestBed.inject(FakeOfflineCache).values.set(`dossier:${JEUNE_ID}`, { value: unDossier(), savedAt: '2026-11-28T13:32:00.000Z' });
      http.expectOne(DOSSIER_URL).flush(null, { status: 504, statusText: 'Gateway Timeout' });
      await settle();
      await fixture.whenStable();

      expect(element.querySelector('.dossier-page-offline')).not.toBeNull();
    });

    it('when nothing was kept for this dossier, says so and offers to retry', async () => {
      const { fixture, element } = await render();
      unreachable();
      await settle();
      await fixture.whenStable();

      expect(text(element.querySelector('[role="alert"]'))).toContain("ce dossier n'a pas encore été ouvert sur cet appareil");
      expect(element.querySelector('.dossier-page-offline')).toBeNull();
      http.expectNone(DOSSIER_URL);
    });

    it('back online, reads the dossier again and drops the banner', async () => {
      const { fixture, element } = await render();
      TestBed.inject(FakeOfflineCache).values.set(`dossier:${JEUNE_ID}`, { value: unDossier(), savedAt: '2026-11-28T13:32:00.000Z' });
      unreachable();
      await settle();
      const connectivity = TestBed.inject(FakeConnectivity);
      connectivity.set(false);
      connectivity.set(true);

      http.expectOne(DOSSIER_URL).flush(unDossier({ version: 4 }));
      await fixture.whenStable();
      expect(element.querySelector('.dossier-page-offline')).toBeNull();
    });
  });
});
