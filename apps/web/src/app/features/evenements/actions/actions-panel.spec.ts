import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { ActionDto } from '@imilo/domain';
import { JEUNE_ID, signIn } from '../../dossiers/dossier/dossier.testing';
import { MESSAGE_EN_ATTENTE } from '../evenement-sheet/outbox-saver';
import {
  afterDeliveryWait,
  FakeOutbox,
  provideSuiviTesting,
  settleDeliveryWaits,
  uneAction,
  UUID,
} from '../evenement-sheet/suivi.testing';
import { ActionsPanel } from './actions-panel';
import { estEnRetard } from './actions-vm';

const ACTIONS_URL = `/api/v1/jeunes/${JEUNE_ID}/actions`;

describe('estEnRetard', () => {
  it('when an open action is past its échéance on the local day, is true; due today or closed, false', () => {
    expect(estEnRetard({ statut: 'A_FAIRE', echeance: '2026-11-28' }, '2026-11-29')).toBeTrue();
    expect(estEnRetard({ statut: 'EN_COURS', echeance: '2026-11-28' }, '2026-11-29')).toBeTrue();
    expect(estEnRetard({ statut: 'A_FAIRE', echeance: '2026-11-29' }, '2026-11-29')).toBeFalse();
    expect(estEnRetard({ statut: 'TERMINEE', echeance: '2026-11-01' }, '2026-11-29')).toBeFalse();
    expect(estEnRetard({ statut: 'ANNULEE', echeance: '2026-11-01' }, '2026-11-29')).toBeFalse();
  });
});

describe('ActionsPanel', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ActionsPanel>;
  let loader: HarnessLoader;
  let outbox: FakeOutbox;

  const render = async (actions: ActionDto[]) => {
    outbox = new FakeOutbox();
    TestBed.configureTestingModule({ providers: provideSuiviTesting({ outbox }) });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ActionsPanel);
    fixture.componentRef.setInput('jeuneId', JEUNE_ID);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    http.expectOne(ACTIONS_URL).flush(actions);
    await fixture.whenStable();
  };

  const element = (): HTMLElement => fixture.nativeElement;
  const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const titles = (): string[] => Array.from(element().querySelectorAll('.suivi-item h3')).map((h3) => text(h3));
  const item = (titre: string): HTMLElement | undefined =>
    Array.from(element().querySelectorAll<HTMLElement>('.suivi-item')).find((li) => text(li.querySelector('h3')) === titre);
  const click = async (label: string | RegExp, ancestor?: string) => {
    await (await loader.getHarness(MatButtonHarness.with({ text: label, ancestor }))).click();
    await fixture.whenStable();
  };

  afterEach(() => http.verify());
  // The wait for the BFF of a queued write must not outlive the spec (see settleDeliveryWaits).
  afterEach(() => settleDeliveryWaits(outbox));

  it('lists the open actions first by échéance, marks "En retard" those past it, then the closed ones', async () => {
    await render([
      uneAction({ id: 'a-termine', titre: 'Ouvrir son compte personnel de formation', statut: 'TERMINEE', echeance: '2026-11-01' }),
      uneAction({ id: 'a-cours', titre: 'Identifier des entreprises', statut: 'EN_COURS', echeance: '2026-12-10' }),
      uneAction({ id: 'a-retard', titre: 'Mettre à jour son CV', statut: 'A_FAIRE', echeance: '2026-11-28' }),
      uneAction({ id: 'a-jour', titre: 'Participer à un salon / un forum', statut: 'A_FAIRE', echeance: '2026-11-29' }),
    ]);

    expect(titles()).toEqual([
      'Mettre à jour son CV',
      'Participer à un salon / un forum',
      'Identifier des entreprises',
      'Ouvrir son compte personnel de formation',
    ]);
    expect(text(item('Mettre à jour son CV'))).toContain('Échéance : samedi 28 novembre 2026');
    expect(text(item('Mettre à jour son CV'))).toContain('En retard');
    expect(element().querySelectorAll('.suivi-item-retard').length).toBe(1);
  });

  it('a change of status queues a PATCH of the whole action with the version read', async () => {
    const action = uneAction({ description: 'Avec le modèle vu en atelier' });
    await render([action]);

    const statut = await loader.getHarness(MatSelectHarness.with({ ancestor: '.suivi-item' }));
    expect(await statut.getValueText()).toBe('À faire');
    await statut.open();
    expect(await Promise.all((await statut.getOptions()).map((option) => option.getText()))).toEqual([
      'À faire',
      'En cours',
      'Terminée',
      'Annulée',
    ]);
    await statut.clickOptions({ text: 'Terminée' });
    await fixture.whenStable();

    expect(outbox.requests).toEqual([
      {
        method: 'PATCH',
        url: `/api/v1/actions/${action.id}`,
        body: { version: 3, titre: 'Mettre à jour son CV', description: 'Avec le modèle vu en atelier', echeance: '2026-12-10', statut: 'TERMINEE' },
        jeuneId: JEUNE_ID,
        kind: 'action',
        label: 'Action « Mettre à jour son CV » : terminée',
        base: action,
      },
    ]);
    expect(text(item('Mettre à jour son CV'))).toContain('En attente de synchronisation');
    expect(await statut.isDisabled()).toBeTrue();
    await afterDeliveryWait();
    expect(await (await loader.getHarness(MatSnackBarHarness)).getMessage()).toBe(MESSAGE_EN_ATTENTE);
  });

  it('"Ajouter une action" proposes the predefined titles and queues the action with a client id', async () => {
    await render([uneAction()]);

    await click('Ajouter une action', 'header');
    const titre = await loader.getHarness(MatAutocompleteHarness.with({ ancestor: 'app-action-dialog' }));
    await titre.enterText('lettre');
    expect(await Promise.all((await titre.getOptions()).map((option) => option.getText()))).toEqual(['Rédiger une lettre de motivation']);
    await titre.selectOption({ text: 'Rédiger une lettre de motivation' });
    const echeance = await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="echeance"]' }));
    expect(await echeance.getValue()).toBe('2026-12-13');
    await click('Ajouter');

    const [request] = outbox.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(ACTIONS_URL);
    expect(request?.body).toEqual({
      id: jasmine.stringMatching(UUID),
      titre: 'Rédiger une lettre de motivation',
      description: null,
      echeance: '2026-12-13',
    });
    expect(request?.preview).toEqual(
      jasmine.objectContaining({ kind: 'action', titre: 'Rédiger une lettre de motivation', statut: 'A_FAIRE', auteur: 'Awa Diallo' }),
    );
    expect(text(item('Rédiger une lettre de motivation'))).toContain('En attente de synchronisation');
  });

  it('without a title, says so in French and queues nothing', async () => {
    await render([]);

    await click('Ajouter une action', 'header');
    await click('Ajouter');

    expect(text(document.querySelector('app-action-dialog'))).toContain("L'action : à renseigner.");
    expect(outbox.requests).toEqual([]);
  });

  it('with no action, says so and offers to add one', async () => {
    await render([]);

    expect(text(element().querySelector('ui-empty-state'))).toContain('Aucune action pour le moment.');
    expect(text(element().querySelector('ui-empty-state button'))).toBe('Ajouter une action');
  });
});
