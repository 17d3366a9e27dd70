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
import { type EvenementDto, evenementPatchSchema } from '@imilo/domain';
import { aMe } from '../../auth/auth.testing';
import { JEUNE_ID, signIn, unDossier } from '../../dossiers/dossier/dossier.testing';
import { EvenementSheetLauncher } from './evenement-sheet-launcher';
import { FakeOutbox, ML, provideSuiviTesting, settleDeliveryWaits, typesEvenement, uneOffre } from './suivi.testing';

@Component({ selector: 'app-evenement-correction-host', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {}

const SITE = { id: ML.site?.id ?? '', nom: ML.site?.nom ?? '' };
/** 14 October 2026, 14:30 on the test browser's clock. */
const QUAND = new Date(2026, 9, 14, 14, 30);

/** An entretien noted by the signed-in conseiller, on her site; override what the scenario needs. */
const unEvenement = (overrides: Partial<EvenementDto> = {}): EvenementDto => ({
  id: '11111111-1111-4111-8111-111111111111',
  jeuneId: JEUNE_ID,
  date: QUAND.toISOString(),
  dureeMinutes: 45,
  type: { code: 'ENTRETIEN_INDIVIDUEL', libelle: 'Entretien individuel' },
  lieu: { type: 'SITE', siteId: SITE.id, siteNom: SITE.nom, adresse: null },
  themes: ['EMPLOI', 'SANTE'],
  objet: 'Point sur la recherche de stage',
  contexte: 'Fatigué',
  partenaire: 'Pôle santé',
  conseiller: { id: aMe().id, prenom: 'Awa', nom: 'Diallo' },
  origine: 'SAISIE',
  propositionId: null,
  actionIds: [],
  propositionIds: [],
  version: 4,
  creeLe: '2026-10-14T13:00:00.000Z',
  modifieLe: '2026-10-14T13:00:00.000Z',
  modifiePar: null,
  ...overrides,
});

describe('EvenementSheet, on an événement read', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Host>;
  let loader: HarnessLoader;
  let outbox: FakeOutbox;

  const render = async (evenement: EvenementDto) => {
    outbox = new FakeOutbox();
    TestBed.configureTestingModule({ providers: provideSuiviTesting({ outbox }) });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    TestBed.inject(EvenementSheetLauncher).open(unDossier({ missionLocale: { id: ML.id, nom: ML.nom, timezone: 'Europe/Paris' } }), evenement);
    await fixture.whenStable();
    http.expectOne('/api/v1/types-evenement').flush(typesEvenement());
    http.expectOne('/api/v1/offres-internes').flush([uneOffre()]);
    http.expectOne('/api/v1/sites').flush([{ ...SITE, missionLocaleId: ML.id }]);
    await fixture.whenStable();
  };

  const sheet = (): HTMLElement | null => document.querySelector('app-evenement-sheet');
  const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const input = (selector: string) => loader.getHarness(MatInputHarness.with({ selector }));
  const click = async (label: string | RegExp) => {
    await (await loader.getHarness(MatButtonHarness.with({ text: label }))).click();
    await fixture.whenStable();
  };

  afterEach(() => http.verify());
  // The wait for the BFF of a queued write must not outlive the spec (see settleDeliveryWaits).
  afterEach(() => settleDeliveryWaits(outbox));

  describe('of the signed-in conseiller', () => {
    it('opens "Modifier l\'événement" filled with it, in local time, without the actions and propositions', async () => {
      await render(unEvenement());

      expect(text(sheet()?.querySelector('h2') ?? null)).toBe("Modifier l'événement");
      expect(await (await input('[formcontrolname="date"]')).getValue()).toBe('2026-10-14');
      expect(await (await input('[formcontrolname="heure"]')).getValue()).toBe('14:30');
      expect(await (await input('[formcontrolname="dureeMinutes"]')).getValue()).toBe('45');
      expect(await (await loader.getHarness(MatSelectHarness.with({ selector: '[formcontrolname="typeCode"]' }))).getValueText()).toBe(
        'Entretien individuel',
      );
      expect(await (await loader.getHarness(MatRadioGroupHarness)).getCheckedValue()).toBe('SITE');
      const themes = await loader.getHarness(MatChipListboxHarness.with({ selector: '[formcontrolname="themes"]' }));
      expect(await Promise.all((await themes.getChips({ selected: true })).map((chip) => chip.getText()))).toEqual(['Emploi', 'Santé']);
      expect(await (await input('[formcontrolname="objet"]')).getValue()).toBe('Point sur la recherche de stage');
      expect(await (await input('[formcontrolname="partenaire"]')).getValue()).toBe('Pôle santé');
      expect(await (await input('[formcontrolname="contexte"]')).getValue()).toBe('Fatigué');
      expect(text(sheet())).not.toContain('Actions décidées');
      expect(text(sheet())).not.toContain('Ajouter une proposition');
    });

    it('queues a PATCH of the version read and all its fields, the date with its offset, and what was read as base', async () => {
      const evenement = unEvenement();
      await render(evenement);
      await (await input('[formcontrolname="heure"]')).setValue('16:00');
      await (await input('[formcontrolname="objet"]')).setValue('Stage trouvé');

      await click('Enregistrer');

      const request = outbox.requests[0];
      expect(request?.method).toBe('PATCH');
      expect(request?.url).toBe(`/api/v1/evenements/${evenement.id}`);
      expect(request?.kind).toBe('evenement');
      expect(request?.jeuneId).toBe(JEUNE_ID);
      expect(request?.label).toBe('Correction : Entretien individuel du 14/10 à 16 h 00');
      expect(request?.base).toEqual(evenement);
      const body = evenementPatchSchema.parse(request?.body);
      expect(body).toEqual({
        version: 4,
        date: jasmine.stringMatching(/^2026-10-14T16:00:00[+-]\d{2}:\d{2}$/),
        dureeMinutes: 45,
        typeCode: 'ENTRETIEN_INDIVIDUEL',
        lieu: { type: 'SITE', siteId: SITE.id },
        themes: ['EMPLOI', 'SANTE'],
        objet: 'Stage trouvé',
        contexte: 'Fatigué',
        partenaire: 'Pôle santé',
      });
      expect(new Date(body.date).getTime()).toBe(new Date(2026, 9, 14, 16, 0).getTime());
      expect(request?.preview).toEqual(jasmine.objectContaining({ kind: 'evenement', id: evenement.id, detail: 'Stage trouvé' }));
      expect(sheet()).toBeNull();
    });

    it('"Supprimer" asks the motif, required, then queues the DELETE with it', async () => {
      const evenement = unEvenement();
      await render(evenement);

      await click(/Supprimer/);
      const dialog = await loader.getHarness(MatDialogHarness.with({ selector: '.mat-mdc-dialog-container:has(app-suppression-dialog)' }));
      expect(await dialog.getTitleText()).toBe("Supprimer l'événement ?");
      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Supprimer' }))).click();
      expect(await dialog.getText()).toContain('Le motif : à renseigner.');
      expect(outbox.requests).toEqual([]);

      await (await dialog.getHarness(MatInputHarness.with({ selector: '[formcontrolname="motif"]' }))).setValue('Saisi sur le mauvais dossier');
      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Supprimer' }))).click();
      await fixture.whenStable();

      expect(outbox.requests).toEqual([
        jasmine.objectContaining({
          method: 'DELETE',
          url: `/api/v1/evenements/${evenement.id}`,
          body: { motif: 'Saisi sur le mauvais dossier' },
          jeuneId: JEUNE_ID,
          kind: 'evenement',
          label: 'Suppression : Entretien individuel du 14/10 à 14 h 30',
        }),
      ]);
      expect(outbox.requests[0]?.preview).toEqual(jasmine.objectContaining({ kind: 'evenement', id: evenement.id }));
      expect(sheet()).toBeNull();
    });
  });

  describe('that the user may not correct', () => {
    it("another conseiller's: shows it read only, with its fields and who may correct it", async () => {
      await render(unEvenement({ conseiller: { id: 'autre', prenom: 'Marc', nom: 'Petit' } }));

      expect(text(sheet()?.querySelector('h2') ?? null)).toBe('Événement');
      expect(text(sheet())).toContain('Noté par Marc Petit : seul son auteur peut le modifier.');
      const objet = await input('[formcontrolname="objet"]');
      expect(await objet.getValue()).toBe('Point sur la recherche de stage');
      expect(await objet.isDisabled()).toBeTrue();
      expect(await (await loader.getHarness(MatSelectHarness.with({ selector: '[formcontrolname="typeCode"]' }))).isDisabled()).toBeTrue();
      expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Enregistrer|Supprimer/ }))).toEqual([]);

      await click('Fermer');
      expect(sheet()).toBeNull();
      expect(outbox.requests).toEqual([]);
    });

    it("one written by a proposition's change of state: read only too", async () => {
      await render(unEvenement({ origine: 'PROPOSITION', propositionId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' }));

      expect(text(sheet())).toContain("Écrit par le suivi d'une proposition : il ne se modifie pas.");
      expect(await (await input('[formcontrolname="objet"]')).isDisabled()).toBeTrue();
      expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Enregistrer' }))).toEqual([]);
    });
  });
});
