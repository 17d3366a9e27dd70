import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideDossierTesting, signIn } from '../../dossiers/dossier/dossier.testing';
import { SmsOutbox, segmentsLabel } from './sms-outbox';
import type { SmsBoiteDeveloppementDto } from './sms-outbox-api';

const ML = 'f2a9c1de-1b1e-4f6e-9a57-1d3c2b4a5e60';

const OUTBOX: SmsBoiteDeveloppementDto = {
  boiteDeveloppement: true,
  messages: [
    {
      id: 's2',
      missionLocaleId: ML,
      destinataire: '+33 6 •• •• •• 78',
      texte: 'Rappel : rendez-vous demain à 14 h 30 à la Mission Locale. Répondez OUI pour confirmer. '.repeat(2),
      segments: 2,
      envoyeLe: '2026-12-07T13:30:00.000Z',
    },
    { id: 's1', missionLocaleId: ML, destinataire: '+33 7 •• •• •• 12', texte: 'Votre rendez-vous est annulé.', segments: 1, envoyeLe: '2026-12-06T08:05:00.000Z' },
  ],
};

describe('SmsOutbox (the Admin portal’s development SMS outbox)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideDossierTesting() });
    signIn(['admin_ml']);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const render = async () => {
    const fixture = TestBed.createComponent(SmsOutbox);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  };
  const answer = async (fixture: Awaited<ReturnType<typeof render>>['fixture'], outbox: SmsBoiteDeveloppementDto) => {
    http.expectOne('/api/v1/admin/sms').flush(outbox);
    await fixture.whenStable();
  };

  it('when the outbox answers, lists the SMS in its order (newest first), with the masked number, the date in French, the text and the SMS count', async () => {
    const { fixture, element } = await render();
    expect(element.querySelector('mat-progress-bar')).not.toBeNull();

    await answer(fixture, OUTBOX);

    const items = Array.from(element.querySelectorAll('.sms-outbox-item'));
    expect(element.querySelector('mat-progress-bar')).toBeNull();
    expect(items.map((item) => item.querySelector('.sms-outbox-to')?.textContent?.trim())).toEqual(['+33 6 •• •• •• 78', '+33 7 •• •• •• 12']);
    expect(items[0]?.querySelector('.sms-outbox-date')?.textContent?.trim()).toBe('lundi 7 décembre 2026 à 14 h 30');
    expect(items[0]?.querySelector('.sms-outbox-segments')?.textContent?.trim()).toBe('2 SMS (concaténés)');
    expect(items[1]?.querySelector('.sms-outbox-segments')?.textContent?.trim()).toBe('1 SMS');
    expect(items[1]?.querySelector('.sms-outbox-text')?.textContent).toBe('Votre rendez-vous est annulé.');
    expect(element.textContent).toContain('arrivent ici au lieu de leur téléphone');
  });

  it('when the outbox is empty, says so', async () => {
    const { fixture, element } = await render();

    await answer(fixture, { boiteDeveloppement: true, messages: [] });

    expect(element.querySelector('ui-empty-state')?.textContent).toContain('Aucun SMS dans la boîte pour le moment.');
  });

  it('when a real SMS provider is configured, says that SMS go to phones and nothing is kept here', async () => {
    const { fixture, element } = await render();

    await answer(fixture, { boiteDeveloppement: false, messages: [] });

    expect(element.querySelector('.sms-outbox-provider')?.textContent).toContain("les SMS partent vers les téléphones des jeunes et rien n'est gardé ici");
    expect(element.textContent).not.toContain('au lieu de leur téléphone');
  });

  it('when the outbox cannot be read, says what happened, and reading again shows it', async () => {
    const { fixture, element } = await render();
    http.expectOne('/api/v1/admin/sms').flush({ code: 'forbidden', detail: "Vous n'avez pas accès à cette page." }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();

    expect(element.querySelector('ui-error-message')?.textContent).toContain("Vous n'avez pas accès à cette page.");
    Array.from(element.querySelectorAll('button')).find((button) => button.textContent?.includes('Réessayer'))?.click();
    await answer(fixture, OUTBOX);

    expect(element.querySelector('ui-error-message')).toBeNull();
    expect(element.querySelectorAll('.sms-outbox-item').length).toBe(2);
  });

  it('counts one SMS, or several concatenated', () => {
    expect(segmentsLabel(1)).toBe('1 SMS');
    expect(segmentsLabel(3)).toBe('3 SMS (concaténés)');
  });
});
