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
import { evenementCreationSchema, type Role, type SiteDto } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { AuthApiActions } from '../../auth/auth.actions';
import { aMe } from '../../auth/auth.testing';
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
  settleDeliveryWaits,
  typesEvenement,
  uneOffre,
  UUID,
} from './suivi.testing';

@Component({ selector: 'app-evenement-sheet-host', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {}

const MON_SITE = { id: ML.site?.id ?? '', nom: ML.site?.nom ?? '', missionLocaleId: ML.id };
const BRON = { id: '5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b', nom: 'Antenne de Bron', missionLocaleId: ML.id };
const SIEGE = { id: '2b3c4d5e-6f70-4819-a2b3-c4d5e6f70819', nom: 'Siège', missionLocaleId: ML.id };

/** The sites `GET /api/v1/sites` lists, by name: the user's Missions Locales', one of them elsewhere. */
const desSites = (): SiteDto[] => [
  { id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', nom: 'Antenne ailleurs', missionLocaleId: 'c0c0c0c0-1111-4222-8333-444455556666' },
  BRON,
  MON_SITE,
  SIEGE,
];

interface RenderOptions {
  readonly roles?: readonly Role[];
  readonly tablet?: boolean;
  readonly online?: boolean;
  readonly answering?: boolean;
  readonly cache?: FakeOfflineCache;
  /** What `GET /api/v1/sites` answers; `null`: it fails (offline, nothing cached). */
  readonly sites?: SiteDto[] | null;
  /** The user's site in the Mission Locale (`aMe`'s unless told). */
  readonly monSite?: null;
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
    if (options.monSite === null) {
      const me = aMe({ roles: [...(options.roles ?? ['conseiller'])] });
      TestBed.inject(Store).dispatch(
        AuthApiActions.sessionLoaded({ me: { ...me, missionsLocales: me.missionsLocales.map((ml) => ({ ...ml, site: null })) } }),
      );
    }
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    TestBed.inject(EvenementSheetLauncher).open(unDossier({ missionLocale: { id: ML.id, nom: ML.nom, timezone: 'Europe/Paris' } }));
    await fixture.whenStable();
    http.expectOne('/api/v1/types-evenement').flush(typesEvenement());
    http.expectOne('/api/v1/offres-internes').flush([uneOffre(), uneOffre({ id: 'a1b2c3d4-0000-4000-8000-000000000000', libelle: 'Ancien atelier', actif: false })]);
    const sites = options.sites === undefined ? desSites() : options.sites;
    if (sites === null) {
      http.expectOne('/api/v1/sites').error(new ProgressEvent('error'));
    } else {
      http.expectOne('/api/v1/sites').flush(sites);
    }
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
  const siteSelect = () => loader.getHarness(MatSelectHarness.with({ selector: '[formcontrolname="siteId"]' }));
  const optionsOf = async (select: MatSelectHarness) => {
    await select.open();
    return Promise.all((await select.getOptions()).map((option) => option.getText()));
  };

  afterEach(() => http.verify());
  // The wait for the BFF of a queued write must not outlive the spec (see settleDeliveryWaits).
  afterEach(() => settleDeliveryWaits(outbox));

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
      expect(await (await lieu.getCheckedRadioButton())?.getLabelText()).toBe('Sur site');
      expect(await (await siteSelect()).getValueText()).toBe('Antenne de Vénissieux (mon site)');
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

  describe('its lieu', () => {
    it("offers the sites of the jeune's Mission Locale by name, never another's, then another address or remotely", async () => {
      await render();

      const lieu = await loader.getHarness(MatRadioGroupHarness);
      expect(await Promise.all((await lieu.getRadioButtons()).map((radio) => radio.getLabelText()))).toEqual([
        'Sur site',
        'Autre adresse',
        'À distance',
      ]);
      expect(await optionsOf(await siteSelect())).toEqual(['Antenne de Bron', 'Antenne de Vénissieux (mon site)', 'Siège']);
    });

    it('queues the site chosen among them', async () => {
      await render();
      await (await siteSelect()).clickOptions({ text: 'Antenne de Bron' });
      await chooseThemes('Emploi');

      await click('Enregistrer');

      expect(evenementCreationSchema.parse(outbox.requests[0]?.body).lieu).toEqual({ type: 'SITE', siteId: BRON.id });
    });

    it('offline without the list of sites, still offers my site, chosen', async () => {
      await render({ sites: null });

      expect(await optionsOf(await siteSelect())).toEqual(['Antenne de Vénissieux (mon site)']);
      await (await siteSelect()).clickOptions({ text: 'Antenne de Vénissieux (mon site)' });
      await chooseThemes('Emploi');
      await click('Enregistrer');

      expect(evenementCreationSchema.parse(outbox.requests[0]?.body).lieu).toEqual({ type: 'SITE', siteId: MON_SITE.id });
    });

    it('shows the sites only while on site', async () => {
      await render();
      const lieu = await loader.getHarness(MatRadioGroupHarness);

      await lieu.checkRadioButton({ label: 'À distance' });
      await fixture.whenStable();
      expect(await loader.getHarnessOrNull(MatSelectHarness.with({ selector: '[formcontrolname="siteId"]' }))).toBeNull();

      await lieu.checkRadioButton({ label: 'Sur site' });
      await fixture.whenStable();
      expect(await (await siteSelect()).getValueText()).toBe('Antenne de Vénissieux (mon site)');
    });

    it('without a site of my own, chooses none ahead and asks for one on site', async () => {
      await render({ monSite: null });
      const lieu = await loader.getHarness(MatRadioGroupHarness);
      expect(await lieu.getCheckedValue()).toBeNull();
      await lieu.checkRadioButton({ label: 'Sur site' });
      await fixture.whenStable();
      await chooseThemes('Emploi');

      await click('Enregistrer');

      expect(text(sheet())).toContain('Choisissez un site de la Mission Locale.');
      expect(outbox.requests).toEqual([]);

      expect(await optionsOf(await siteSelect())).toEqual(['Antenne de Bron', 'Antenne de Vénissieux', 'Siège']);
      await (await siteSelect()).clickOptions({ text: 'Siège' });
      await click('Enregistrer');

      expect(evenementCreationSchema.parse(outbox.requests[0]?.body).lieu).toEqual({ type: 'SITE', siteId: SIEGE.id });
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
