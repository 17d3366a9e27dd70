import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatChipListboxHarness } from '@angular/material/chips/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { evenementCreationSchema, type Role } from '@imilo/domain';
import { JEUNE_ID, signIn, unDossier } from '../../dossiers/dossier/dossier.testing';
import { AUTOSAVE_MS, brouillonKey, NON_ENREGISTRE } from './evenement-sheet';
import { EvenementSheetLauncher } from './evenement-sheet-launcher';
import { MESSAGE_EN_ATTENTE, MESSAGE_ENREGISTRE } from './outbox-saver';
import {
  afterDeliveryWait,
  FakeOfflineCache,
  FakeOutbox,
  ML,
  NOW,
  provideSuiviTesting,
  typesEvenement,
  uneOffre,
  UUID,
} from './suivi.testing';

@Component({ selector: 'app-evenement-sheet-host', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {}

interface RenderOptions {
  readonly roles?: readonly Role[];
  readonly tablet?: boolean;
  readonly online?: boolean;
  readonly answering?: boolean;
  readonly cache?: FakeOfflineCache;
}

describe('EvenementSheet', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Host>;
  let loader: HarnessLoader;
  let outbox: FakeOutbox;
  let cache: FakeOfflineCache;

  const render = async (options: RenderOptions = {}) => {
    outbox = new FakeOutbox();
    outbox.answering = options.answering ?? false;
    cache = options.cache ?? new FakeOfflineCache();
    TestBed.configureTestingModule({
      providers: provideSuiviTesting({ outbox, cache, online: options.online, tablet: options.tablet }),
    });
    signIn(options.roles ?? ['conseiller']);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    TestBed.inject(EvenementSheetLauncher).open(unDossier({ missionLocale: { id: ML.id, nom: ML.nom, timezone: 'Europe/Paris' } }));
    await fixture.whenStable();
    http.expectOne('/api/v1/types-evenement').flush(typesEvenement());
    http.expectOne('/api/v1/offres-internes').flush([uneOffre(), uneOffre({ id: 'a1b2c3d4-0000-4000-8000-000000000000', libelle: 'Ancien atelier', actif: false })]);
    await fixture.whenStable();
  };

  const sheet = (): HTMLElement | null => document.querySelector('app-evenement-sheet');
  const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const input = (selector: string) => loader.getHarness(MatInputHarness.with({ selector }));
  const click = async (label: string | RegExp) => {
    await (await loader.getHarness(MatButtonHarness.with({ text: label }))).click();
    await fixture.whenStable();
  };
  const chooseThemes = async (...labels: string[]) => {
    const themes = await loader.getHarness(MatChipListboxHarness.with({ selector: '[formcontrolname="themes"]' }));
    for (const label of labels) {
      await themes.selectChips({ text: label });
    }
  };
  const snackMessage = async () => (await loader.getHarness(MatSnackBarHarness)).getMessage();

  afterEach(() => http.verify());

  describe('when it opens', () => {
    it('on a tablet, is a side dialog filled with now, an entretien individuel and my site', async () => {
      await render();

      expect(document.querySelector('mat-dialog-container app-evenement-sheet')).not.toBeNull();
      expect(await (await input('[formcontrolname="date"]')).getValue()).toBe('2026-11-29');
      expect(await (await input('[formcontrolname="heure"]')).getValue()).toBe('14:30');
      expect(await (await loader.getHarness(MatSelectHarness.with({ selector: '[formcontrolname="typeCode"]' }))).getValueText()).toBe(
        'Entretien individuel',
      );
      const lieu = await loader.getHarness(MatRadioGroupHarness);
      expect(await lieu.getCheckedValue()).toBe('SITE');
      expect(await (await lieu.getCheckedRadioButton())?.getLabelText()).toBe('Mon site (Antenne de Vénissieux)');
    });

    it('on a phone, is a bottom sheet', async () => {
      await render({ tablet: false });

      expect(document.querySelector('mat-bottom-sheet-container app-evenement-sheet')).not.toBeNull();
    });

    it("for a chargé d'accueil, offers the premier accueil only, without actions or propositions", async () => {
      await render({ roles: ['charge_accueil'] });

      expect(text(sheet())).not.toContain('Actions décidées');
      expect(text(sheet())).not.toContain('Propositions');

      const type = await loader.getHarness(MatSelectHarness.with({ selector: '[formcontrolname="typeCode"]' }));
      expect(await type.getValueText()).toBe('Premier accueil');
      await type.open();
      expect(await Promise.all((await type.getOptions()).map((option) => option.getText()))).toEqual(['Premier accueil']);
    });
  });

  it('when choices are missing or invalid, shows the domain messages in French and queues nothing', async () => {
    await render();
    await (await input('[formcontrolname="heure"]')).setValue('');
    await (await loader.getHarness(MatRadioGroupHarness)).checkRadioButton({ label: 'Autre adresse' });
    await fixture.whenStable();

    await click('Enregistrer');

    const content = text(sheet());
    expect(content).toContain("La date de l'événement : une date et une heure valides.");
    expect(content).toContain('Choisissez au moins un thème.');
    expect(content).toContain("L'adresse : à renseigner.");
    expect(outbox.requests).toEqual([]);
  });

  it('queues the événement with client ids, its actions and propositions, the date with its offset and the contexte', async () => {
    await render();
    await chooseThemes('Emploi', 'Logement');
    await (await loader.getHarness(MatChipListboxHarness.with({ selector: '.sheet-duree mat-chip-listbox' }))).selectChips({ text: '30 min' });
    await (await input('[formcontrolname="objet"]')).setValue('Point sur la recherche d’emploi');
    await click('Ajouter une action');
    await (await input('app-action-titre-field input')).setValue('Mettre à jour son CV');
    expect(await (await input('.sheet-action [formcontrolname="echeance"]')).getValue()).toBe('2026-12-13');
    await click('Ajouter une proposition');
    const offre = await loader.getHarness(MatSelectHarness.with({ ancestor: '.sheet-proposition' }));
    await offre.open();
    const offered = await Promise.all((await offre.getOptions()).map((option) => option.getText()));
    expect(offered).toEqual(['Aucune : saisir un libellé', 'Atelier CV (Atelier)']);
    await offre.clickOptions({ text: 'Atelier CV (Atelier)' });
    await (await input('[formcontrolname="contexte"]')).setValue('Difficultés de logement évoquées.');

    await click('Enregistrer');

    expect(outbox.requests.length).toBe(1);
    const [request] = outbox.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/api/v1/jeunes/${JEUNE_ID}/evenements`);
    expect(request?.kind).toBe('evenement');
    expect(request?.jeuneId).toBe(JEUNE_ID);
    expect(request?.label).toBe('Entretien individuel du 29/11 à 14 h 30');
    const body = evenementCreationSchema.parse(request?.body);
    expect(body.id).toMatch(UUID);
    expect(body.date).toMatch(/^2026-11-29T14:30:00[+-]\d{2}:\d{2}$/);
    expect(Date.parse(body.date)).toBe(NOW.getTime());
    expect(body).toEqual(
      jasmine.objectContaining({
        dureeMinutes: 30,
        typeCode: 'ENTRETIEN_INDIVIDUEL',
        lieu: { type: 'SITE', siteId: ML.site?.id ?? '' },
        themes: ['EMPLOI', 'LOGEMENT'],
        objet: 'Point sur la recherche d’emploi',
        contexte: 'Difficultés de logement évoquées.',
        partenaire: null,
      }),
    );
    expect(body.actions).toEqual([
      { id: jasmine.stringMatching(UUID), titre: 'Mettre à jour son CV', description: null, echeance: '2026-12-13' },
    ]);
    expect(body.propositions).toEqual([
      { id: jasmine.stringMatching(UUID), offreId: uneOffre().id, libelle: null, theme: null, partenaire: null, commentaire: null },
    ]);
    expect(new Set([body.id, body.actions[0]?.id, body.propositions[0]?.id]).size).toBe(3);
    expect(request?.preview).toEqual({
      kind: 'evenement',
      id: body.id ?? '',
      at: NOW.toISOString(),
      titre: 'Entretien individuel',
      detail: 'Point sur la recherche d’emploi',
      themes: ['EMPLOI', 'LOGEMENT'],
      typeEvenement: 'ENTRETIEN_INDIVIDUEL',
      auteur: 'Awa Diallo',
      statut: null,
    });
    expect(sheet()).toBeNull();
  });

  describe('once queued', () => {
    const saveAnEntretien = async () => {
      await chooseThemes('Emploi');
      await click('Enregistrer');
    };

    it('says "Enregistré" when imilo has it', async () => {
      await render({ answering: true });
      await saveAnEntretien();

      expect(await snackMessage()).toBe(MESSAGE_ENREGISTRE);
    });

    it('says it waits for the synchronisation when imilo does not answer in time', async () => {
      await render();
      await saveAnEntretien();
      await afterDeliveryWait();

      expect(await snackMessage()).toBe(MESSAGE_EN_ATTENTE);
    });

    it('offline, says at once that it waits for the synchronisation', async () => {
      await render({ online: false });
      await saveAnEntretien();

      expect(await snackMessage()).toBe('Enregistré sur cet appareil — en attente de synchronisation');
    });
  });

  it('when the device cannot store it, says so and keeps the sheet open with what was typed', async () => {
    await render();
    outbox.broken = true;
    await chooseThemes('Emploi');

    await click('Enregistrer');

    expect(text(sheet())).toContain(NON_ENREGISTRE);
    expect(await (await loader.getHarness(MatChipListboxHarness.with({ selector: '[formcontrolname="themes"]' }))).getChips({ selected: true })).toHaveSize(1);
  });

  describe('its draft', () => {
    it('is kept in IndexedDB while typing', async () => {
      await render();
      await (await input('[formcontrolname="objet"]')).setValue('Bilan du mois');
      await new Promise((resolve) => setTimeout(resolve, AUTOSAVE_MS + 100));

      expect(cache.values.get(brouillonKey(JEUNE_ID))?.value).toEqual(jasmine.objectContaining({ objet: 'Bilan du mois' }));
    });

    it('is restored when the sheet opens, then cleared once the événement is queued', async () => {
      const draft = new FakeOfflineCache();
      await draft.put(brouillonKey(JEUNE_ID), {
        date: '2026-11-29',
        heure: '10:15',
        dureeMinutes: 45,
        typeCode: 'ATELIER',
        lieuType: 'DISTANCE',
        adresse: '',
        themes: ['FORMATION'],
        objet: 'Atelier CV',
        partenaire: '',
        actions: [{ titre: 'Rédiger une lettre de motivation', echeance: '2026-12-06' }],
        propositions: [],
        contexte: '',
      });
      await render({ cache: draft });

      expect(text(sheet())).toContain('Brouillon repris');
      expect(await (await input('[formcontrolname="objet"]')).getValue()).toBe('Atelier CV');
      expect(await (await input('app-action-titre-field input')).getValue()).toBe('Rédiger une lettre de motivation');

      await click('Enregistrer');

      const body = evenementCreationSchema.parse(outbox.requests[0]?.body);
      expect(body).toEqual(jasmine.objectContaining({ typeCode: 'ATELIER', lieu: { type: 'DISTANCE' }, dureeMinutes: 45, themes: ['FORMATION'] }));
      expect(cache.values.get(brouillonKey(JEUNE_ID))?.value).toBeNull();
    });
  });

  describe('when closed', () => {
    it('closes at once when nothing was typed', async () => {
      await render();

      await click('Annuler');

      expect(sheet()).toBeNull();
    });

    it('with unsaved input, asks first: continuing keeps the sheet, "Effacer le brouillon" closes and forgets it', async () => {
      await render();
      await (await input('[formcontrolname="objet"]')).setValue('Bilan du mois');

      await click('Annuler');
      const question = await loader.getHarness(MatDialogHarness.with({ selector: 'mat-dialog-container:has(app-fermeture-dialog)' }));
      expect(await question.getTitleText()).toBe('Fermer sans enregistrer ?');
      await click('Continuer la saisie');
      expect(sheet()).not.toBeNull();

      await click('Annuler');
      await click('Effacer le brouillon');

      expect(sheet()).toBeNull();
      expect(cache.values.get(brouillonKey(JEUNE_ID))?.value).toBeNull();
      expect(outbox.requests).toEqual([]);
    });
  });
});
