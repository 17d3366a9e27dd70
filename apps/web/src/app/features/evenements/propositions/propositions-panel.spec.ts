import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { PropositionDto, Role } from '@imilo/domain';
import { anOutboxEntry } from '../../../core/offline/offline.testing';
import { JEUNE_ID, signIn } from '../../dossiers/dossier/dossier.testing';
import { MESSAGE_ENREGISTRE } from '../evenement-sheet/outbox-saver';
import {
  FakeOutbox,
  provideSuiviTesting,
  settleDeliveryWaits,
  uneOffre,
  uneProposition,
  UUID,
} from '../evenement-sheet/suivi.testing';
import { PropositionsPanel } from './propositions-panel';

const PROPOSITIONS_URL = `/api/v1/jeunes/${JEUNE_ID}/propositions`;

const acceptee = (): PropositionDto =>
  uneProposition({
    id: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901',
    libelle: 'Garantie jeunes logement',
    theme: 'LOGEMENT',
    partenaire: null,
    etat: 'ACCEPTEE',
    historique: [
      { etat: 'PROPOSEE', date: '2026-11-10', resultat: null, par: null, evenementId: null },
      { etat: 'ACCEPTEE', date: '2026-11-25', resultat: null, par: null, evenementId: null },
    ],
    creeLe: '2026-11-10T09:00:00.000Z',
    version: 2,
  });

const refusee = (): PropositionDto =>
  uneProposition({ id: '3c4d5e6f-7081-4293-a4b5-c6d7e8f90a12', libelle: 'Service civique', etat: 'REFUSEE', creeLe: '2026-10-01T09:00:00.000Z' });

describe('PropositionsPanel', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<PropositionsPanel>;
  let loader: HarnessLoader;
  let outbox: FakeOutbox;

  const render = async (propositions: PropositionDto[], options: { roles?: readonly Role[]; answering?: boolean } = {}) => {
    outbox = new FakeOutbox();
    outbox.answering = options.answering ?? false;
    TestBed.configureTestingModule({ providers: provideSuiviTesting({ outbox }) });
    signIn(options.roles ?? ['conseiller']);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PropositionsPanel);
    fixture.componentRef.setInput('jeuneId', JEUNE_ID);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    http.expectOne('/api/v1/offres-internes').flush([uneOffre()]);
    http.expectOne(PROPOSITIONS_URL).flush(propositions);
    await fixture.whenStable();
  };

  const element = (): HTMLElement => fixture.nativeElement;
  const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const item = (libelle: string): HTMLElement | undefined =>
    Array.from(element().querySelectorAll<HTMLElement>('.suivi-item')).find((li) => text(li.querySelector('h3')) === libelle);
  const buttonsOf = (libelle: string): string[] =>
    Array.from(item(libelle)?.querySelectorAll('.suivi-item-actions button') ?? []).map((button) => text(button));
  const click = async (label: string | RegExp, ancestor?: string) => {
    await (await loader.getHarness(MatButtonHarness.with({ text: label, ancestor }))).click();
    await fixture.whenStable();
  };

  afterEach(() => http.verify());
  // The wait for the BFF of a queued write must not outlive the spec (see settleDeliveryWaits).
  afterEach(() => settleDeliveryWaits(outbox));

  it('lists the propositions with their état, its day, the thème and the partner', async () => {
    await render([uneProposition(), acceptee()]);

    expect(text(item('Formation cariste'))).toContain('Proposée le vendredi 20 novembre 2026 · Formation');
    expect(text(item('Formation cariste'))).toContain('Partenaire : AFPA Vénissieux');
    expect(text(item('Garantie jeunes logement'))).toContain('Acceptée le mercredi 25 novembre 2026 · Logement');
  });

  it('offers only the changes of state the rules allow', async () => {
    await render([uneProposition(), acceptee(), refusee()]);

    expect(buttonsOf('Formation cariste')).toEqual(['Acceptée', 'Refusée']);
    expect(buttonsOf('Garantie jeunes logement')).toEqual(['Réalisée', 'Abandonnée']);
    expect(buttonsOf('Service civique')).toEqual([]);
  });

  it('for a user without the right to write, offers no change', async () => {
    await render([uneProposition()], { roles: ['direction'] });

    expect(buttonsOf('Formation cariste')).toEqual([]);
    expect(text(element())).not.toContain('Proposer une offre');
  });

  it('a change of state queues a PATCH with the version read, the état, the day and the outcome', async () => {
    const proposition = uneProposition();
    await render([proposition]);

    await click('Acceptée');
    const date = await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="date"]' }));
    expect(await date.getValue()).toBe('2026-11-29');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="resultat"]' }))).setValue('Entrée en formation le 4 janvier');
    await click('Enregistrer');

    expect(outbox.requests).toEqual([
      {
        method: 'PATCH',
        url: `/api/v1/propositions/${proposition.id}`,
        body: { version: 1, etat: 'ACCEPTEE', date: '2026-11-29', resultat: 'Entrée en formation le 4 janvier' },
        jeuneId: JEUNE_ID,
        kind: 'proposition',
        label: 'Proposition « Formation cariste » : acceptée',
        base: proposition,
      },
    ]);
    expect(text(item('Formation cariste'))).toContain('Acceptée le dimanche 29 novembre 2026');
    expect(text(item('Formation cariste'))).toContain('En attente de synchronisation');
    expect(buttonsOf('Formation cariste')).toEqual([]);
  });

  it('refuses a change dated before the previous step, with the domain message', async () => {
    await render([uneProposition()]);

    await click('Refusée');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="date"]' }))).setValue('2026-11-10');
    await click('Enregistrer');

    expect(text(document.querySelector('app-transition-dialog'))).toContain(
      "La date ne peut précéder celle de l'étape précédente (2026-11-20).",
    );
    expect(outbox.requests).toEqual([]);
  });

  it('"Proposer une offre" queues the proposition with a client id and today, then shows it as pending', async () => {
    await render([], { answering: false });

    await click('Proposer une offre', 'header');
    const offre = await loader.getHarness(MatSelectHarness.with({ ancestor: 'app-proposition-dialog' }));
    await offre.open();
    await offre.clickOptions({ text: 'Atelier CV (Atelier)' });
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="partenaire"]' }))).setValue('Cap Emploi');
    await click('Proposer');

    const [request] = outbox.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/api/v1/jeunes/${JEUNE_ID}/propositions`);
    expect(request?.body).toEqual({
      id: jasmine.stringMatching(UUID),
      offreId: uneOffre().id,
      libelle: null,
      theme: null,
      partenaire: 'Cap Emploi',
      commentaire: null,
      date: '2026-11-29',
    });
    expect(request?.preview).toEqual(
      jasmine.objectContaining({ kind: 'proposition', titre: 'Proposition : Atelier CV', themes: ['EMPLOI'], statut: 'PROPOSEE' }),
    );
    expect(text(item('Atelier CV'))).toContain('En attente de synchronisation');
  });

  it('without an offre, asks for the thème of the libellé', async () => {
    await render([]);

    await click('Proposer une offre', 'header');
    await (await loader.getHarness(MatInputHarness.with({ selector: 'app-proposition-fields input' }))).setValue('Permis de conduire');
    await click('Proposer');

    expect(text(document.querySelector('app-proposition-dialog'))).toContain('Sans offre choisie, précisez le thème.');
    expect(outbox.requests).toEqual([]);
  });

  it('says "Enregistré" once imilo has the write, and reads the list again', async () => {
    await render([uneProposition()], { answering: true });

    await click('Acceptée');
    await click('Enregistrer');

    expect(await (await loader.getHarness(MatSnackBarHarness)).getMessage()).toBe(MESSAGE_ENREGISTRE);
    http.expectOne(PROPOSITIONS_URL).flush([uneProposition({ etat: 'ACCEPTEE', version: 2 })]);
  });

  it('shows the propositions decided in an événement still waiting in the outbox', async () => {
    await render([]);
    outbox.hold(
      anOutboxEntry({
        method: 'POST',
        url: `/api/v1/jeunes/${JEUNE_ID}/evenements`,
        jeuneId: JEUNE_ID,
        kind: 'evenement',
        label: 'Entretien individuel du 29/11 à 14 h 30',
        body: {
          date: '2026-11-29T14:30:00+01:00',
          typeCode: 'ENTRETIEN_INDIVIDUEL',
          lieu: { type: 'DISTANCE' },
          themes: ['FORMATION'],
          propositions: [{ id: crypto.randomUUID(), offreId: null, libelle: 'Prépa apprentissage', theme: 'FORMATION' }],
        },
      }),
    );
    await fixture.whenStable();

    expect(text(item('Prépa apprentissage'))).toContain('En attente de synchronisation');
  });

  it('with no proposition, says so and offers to make one', async () => {
    await render([]);

    expect(text(element().querySelector('ui-empty-state'))).toContain('Aucune proposition pour le moment.');
    expect(text(element().querySelector('ui-empty-state button'))).toBe('Proposer une offre');
  });
});
