import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatInputHarness } from '@angular/material/input/testing';
import type { MessageDto, RendezVousDto } from '@imilo/domain';
import { FakeOutbox } from '../../../core/offline/offline.testing';
import { signIn } from '../../dossiers/dossier/dossier.testing';
import { provideAgendaTesting, unRendezVous } from '../agenda.testing';
import { RendezVousDetail, type RendezVousDetailData } from './rendez-vous-detail';

@Component({ selector: 'app-detail-host', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {}

const unMessage = (overrides: Partial<MessageDto> = {}): MessageDto => ({
  id: 'msg-1',
  nature: 'RAPPEL',
  rappel: 'J-1',
  rendezVousId: unRendezVous().id,
  sessionId: null,
  prevuLe: '2026-12-06T09:00:00.000Z',
  statut: 'ECHEC',
  motif: null,
  envois: [{ canal: 'sms', statut: 'ECHEC', motif: 'Numéro invalide', segments: 1, le: '2026-12-06T09:00:05.000Z', acquitteLe: null }],
  ...overrides,
});

describe('RendezVousDetail', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Host>;
  let loader: HarnessLoader;
  let outbox: FakeOutbox;

  const render = async (rendezVous: RendezVousDto, options: { readonly now?: Date; readonly messages?: MessageDto[] } = {}) => {
    outbox = new FakeOutbox();
    TestBed.configureTestingModule({ providers: provideAgendaTesting({ outbox, now: options.now }) });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const data: RendezVousDetailData = { rendezVous, timeZone: 'Europe/Paris', peutModifier: true, peutCloturer: true };
    TestBed.inject(MatDialog).open(RendezVousDetail, { data });
    await fixture.whenStable();
    http.expectOne(`/api/v1/rendez-vous/${rendezVous.id}`).flush({ ...rendezVous, historique: [], messages: options.messages ?? [] });
    await fixture.whenStable();
  };

  afterEach(async () => {
    TestBed.inject(MatDialog).closeAll();
    await new Promise((resolve) => setTimeout(resolve, 80));
  });

  const text = (): string => document.querySelector('app-rendez-vous-detail')?.textContent?.replace(/\s+/g, ' ') ?? '';
  const button = (label: string) => loader.getHarness(MatButtonHarness.with({ text: label }));
  const click = async (label: string) => {
    await (await button(label)).click();
    await fixture.whenStable();
  };

  it('when the rendez-vous has not started, cannot be closed yet and says why', async () => {
    await render(unRendezVous(), { now: new Date('2026-12-07T09:00:00Z') });

    expect(await (await button('Clôturer')).isDisabled()).toBeTrue();
    expect(text()).toContain('Un rendez-vous se clôture une fois commencé.');
  });

  it('when the rendez-vous has started, closes it as « Présent » through the outbox', async () => {
    await render(unRendezVous({ aCloturer: true }), { now: new Date('2026-12-07T13:10:00Z') });

    await click('Clôturer');
    await click('Présent');

    expect(outbox.requests.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'POST', url: `/api/v1/rendez-vous/${unRendezVous().id}/cloture`, body: { presence: 'PRESENT' } },
    ]);
  });

  it('when cancelling without a motif, asks for it in French and queues nothing; with one, queues the cancellation', async () => {
    await render(unRendezVous());

    await click('Annuler le rendez-vous');
    await click("Confirmer l'annulation");

    expect(document.querySelector('app-motif-dialog')?.textContent).toContain("Le motif d'annulation : à renseigner.");
    expect(outbox.requests).toEqual([]);

    await (await loader.getHarness(MatInputHarness.with({ ancestor: 'app-motif-dialog' }))).setValue('Conseiller malade');
    await click("Confirmer l'annulation");

    expect(outbox.requests.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'DELETE', url: `/api/v1/rendez-vous/${unRendezVous().id}`, body: { motif: 'Conseiller malade' } },
    ]);
  });

  it('shows the jeune’s answer from C-Milo and the delivery log, failures with their reason', async () => {
    await render(unRendezVous({ reponseJeune: { reponse: 'CONFIRME', le: '2026-12-02T10:00:00.000Z' } }), { messages: [unMessage()] });

    expect(text()).toContain('Confirmé par le jeune le mercredi 2 décembre 2026 à 11 h 00');
    expect(text()).toContain('Rappel (J-1) — Échec');
    expect(text()).toContain('SMS : Échec (Numéro invalide), 1 SMS');
  });

  it('when the rendez-vous mirrors i-milo, offers neither move, cancel nor closing', async () => {
    await render(unRendezVous({ type: 'RENDEZ_VOUS_MILO' }));

    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Clôturer|Déplacer|Annuler le rendez-vous/ }))).toEqual([]);
  });
});
