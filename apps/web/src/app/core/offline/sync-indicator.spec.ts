import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { provideRouter } from '@angular/router';
import { Connectivity } from '../connectivity';
import { anOutboxEntry, FakeOutbox } from './offline.testing';
import { Outbox } from './outbox';
import type { OutboxEntry } from './outbox.model';
import { SyncIndicator, syncTime } from './sync-indicator';

/** Today at the given local time, as the outbox stores it. */
const todayAt = (hours: number, minutes: number): string => {
  const date = new Date();
  date.setHours(hours, minutes, 0, 0);
  return date.toISOString();
};

describe('SyncIndicator', () => {
  const render = async (state: { online?: boolean; entries?: OutboxEntry[]; lastSyncAt?: string | null } = {}) => {
    const outbox = new FakeOutbox();
    outbox.entries.set(state.entries ?? []);
    outbox.lastSyncAt.set(state.lastSyncAt ?? null);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: Outbox, useValue: outbox },
        { provide: Connectivity, useValue: { online: signal(state.online ?? true) } },
      ],
    });
    const fixture = TestBed.createComponent(SyncIndicator);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const text = () => element.querySelector('.sync-indicator')?.textContent?.trim();
    return { fixture, element, text, outbox, rootLoader: TestbedHarnessEnvironment.documentRootLoader(fixture) };
  };

  const panel = () => document.querySelector<HTMLElement>('.sync-panel');

  it('when online with nothing ever synchronised, says "En ligne"', async () => {
    const { text } = await render();

    expect(text()).toBe('En ligne');
  });

  it('when offline, says "Hors ligne"', async () => {
    const { text } = await render({ online: false });

    expect(text()).toBe('Hors ligne');
  });

  it('when writes wait for the BFF, says how many', async () => {
    const { text } = await render({ entries: [anOutboxEntry({ id: 'e1' }), anOutboxEntry({ id: 'e2', seq: 2 })] });

    expect(text()).toBe('2 en attente de synchronisation');
  });

  it('when offline with writes waiting, says both', async () => {
    const { text } = await render({ online: false, entries: [anOutboxEntry()] });

    expect(text()).toBe('Hors ligne · 1 en attente de synchronisation');
  });

  it('when everything is synchronised, says when it last was', async () => {
    const { text } = await render({ lastSyncAt: todayAt(14, 32) });

    expect(text()).toBe('Dernière synchronisation à 14 h 32');
  });

  it('when the last sync was another day, also says which day', () => {
    const lastSync = new Date(2026, 10, 28, 9, 5);

    expect(syncTime(lastSync.toISOString(), new Date(2026, 10, 29, 8, 0))).toBe('le 28 novembre à 9 h 05');
  });

  it('is a polite live region, so that its changes are announced', async () => {
    const { element } = await render();

    expect(element.getAttribute('role')).toBe('status');
    expect(element.getAttribute('aria-live')).toBe('polite');
  });

  it('when tapped, lists the waiting writes with where each stands', async () => {
    const { element, fixture } = await render({
      entries: [
        anOutboxEntry({ id: 'e1', label: 'Entretien individuel' }),
        anOutboxEntry({ id: 'e2', seq: 2, label: 'Dossier modifié', status: 'conflict', jeuneId: 'j7' }),
        anOutboxEntry({
          id: 'e3',
          seq: 3,
          label: 'Atelier CV',
          status: 'failed',
          problem: { type: 't', title: 'Problème', status: 400, code: 'validation-failed', detail: 'La date est obligatoire.' },
        }),
      ],
    });

    element.querySelector<HTMLButtonElement>('.sync-indicator')?.click();
    await fixture.whenStable();

    const rows = Array.from(panel()?.querySelectorAll('.sync-panel-entry') ?? []);
    expect(rows.map((row) => row.querySelector('.sync-panel-entry-status')?.textContent?.trim())).toEqual([
      'En attente',
      'Conflit à résoudre',
      'Échec : La date est obligatoire.',
    ]);
    expect(rows[1]?.querySelector('a')?.getAttribute('href')).toBe('/jeunes/j7');
    expect(element.querySelector('.sync-indicator')?.getAttribute('aria-expanded')).toBe('true');
  });

  it('when "Réessayer" is tapped, sends the write again', async () => {
    const { element, fixture, rootLoader, outbox } = await render({ entries: [anOutboxEntry({ id: 'e1', label: 'Atelier CV' })] });
    element.querySelector<HTMLButtonElement>('.sync-indicator')?.click();
    await fixture.whenStable();

    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Réessayer « Atelier CV »' }))).click();

    expect(outbox.retried).toEqual(['e1']);
  });

  it('when "Abandonner" is tapped, asks first, and abandons only once confirmed', async () => {
    const { element, fixture, rootLoader, outbox } = await render({ entries: [anOutboxEntry({ id: 'e1', label: 'Atelier CV' })] });
    element.querySelector<HTMLButtonElement>('.sync-indicator')?.click();
    await fixture.whenStable();
    const abandon = () => rootLoader.getHarness(MatButtonHarness.with({ text: 'Abandonner « Atelier CV »' }));

    await (await abandon()).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getContentText()).toContain('« Atelier CV » ne sera jamais enregistré');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Annuler' }))).click();
    expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toHaveSize(0);
    expect(outbox.discarded).toEqual([]);

    await (await abandon()).click();
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Abandonner' }))).click();
    await fixture.whenStable();

    expect(outbox.discarded).toEqual(['e1']);
    expect(panel()?.textContent).toContain('Toutes vos saisies sont synchronisées.');
  });
});
