import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { NotificationsSettingsDto } from '@imilo/domain';
import { ME } from '../../agenda/agenda.testing';
import { provideDossierTesting, signIn } from '../../dossiers/dossier/dossier.testing';
import { NotificationsSettings, smsUsage } from './notifications-settings';

const ML = ME.missionsLocales[0]?.id ?? '';
const URL = `/api/v1/missions-locales/${ML}/notifications`;

const SETTINGS: NotificationsSettingsDto = {
  rappels: ['J-7', 'J-1'],
  rappelHeure: 10,
  pushAcquittementMinutes: 120,
  smsBudgetMensuel: 500,
  mois: '2026-12',
  smsUtilises: 120,
  alerte: false,
};

describe('NotificationsSettings (the direction’s reminders and SMS budget)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideDossierTesting() });
    signIn(['direction']);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const render = async (settings: NotificationsSettingsDto = SETTINGS) => {
    const fixture = TestBed.createComponent(NotificationsSettings);
    await fixture.whenStable();
    http.expectOne(URL).flush(settings);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const input = (label: string) =>
      Array.from(element.querySelectorAll('mat-form-field')).find((field) => field.querySelector('mat-label')?.textContent?.trim() === label)?.querySelector('input') as HTMLInputElement;
    const type = async (label: string, value: string) => {
      input(label).value = value;
      input(label).dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const button = (text: string) => Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim().startsWith(text)) as HTMLButtonElement;
    const click = async (text: string) => {
      button(text).click();
      await fixture.whenStable();
    };
    const chips = () => Array.from(element.querySelectorAll('mat-chip')).map((chip) => chip.textContent?.trim());
    return { fixture, element, input, type, button, click, chips };
  };

  it('when opened, reads the settings of my Mission Locale: the reminders as chips, the hour, the delay, the budget and this month’s use', async () => {
    const { element, input, chips } = await render();

    expect(chips()).toEqual(['J-7', 'J-1']);
    expect(input('Heure des rappels').value).toBe('10');
    expect(input('Délai avant le SMS du rappel J-1').value).toBe('120');
    expect(input('Budget SMS mensuel').value).toBe('500');
    expect(element.querySelector('.notifications-settings-usage-label')?.textContent?.trim()).toBe('120 / 500 SMS ce mois (24\u00a0%)');
    expect(element.querySelector('.notifications-settings-usage-ok')).not.toBeNull();
  });

  it('when 80 % of the budget is used, shows the alert colour and says the direction was alerted', async () => {
    const { element } = await render({ ...SETTINGS, smsUtilises: 412, alerte: true });

    expect(element.querySelector('.notifications-settings-usage-alerte')).not.toBeNull();
    expect(element.querySelector('.notifications-settings-usage-label')?.textContent?.trim()).toBe('412 / 500 SMS ce mois (82\u00a0%)');
  });

  it('when the budget is used up, says that SMS are suspended until the 1st while notifications and e-mails go on', async () => {
    const { element } = await render({ ...SETTINGS, smsUtilises: 500, alerte: true });

    expect(element.querySelector('.notifications-settings-usage-atteint')).not.toBeNull();
    expect(element.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      "Budget atteint : les SMS sont suspendus jusqu'au 1er du mois ; notifications et e-mails continuent.",
    );
  });

  it('when a reminder is added, shows it in order (farthest first); a third fills the list; a reminder chosen twice is refused', async () => {
    const { element, type, click, chips, button } = await render({ ...SETTINGS, rappels: ['J-7'] });

    await type('Jours avant (J-N)', '7');
    await click('Ajouter le rappel');
    expect(element.querySelector('mat-error')?.textContent?.trim()).toBe('Un rappel ne peut être choisi deux fois.');

    await type('Jours avant (J-N)', '1');
    await click('Ajouter le rappel');
    await type('Jours avant (J-N)', '3');
    await click('Ajouter le rappel');

    expect(chips()).toEqual(['J-7', 'J-3', 'J-1']);
    expect(button('Ajouter le rappel').disabled).toBeTrue();
  });

  it('when a reminder is removed, the list no longer has it', async () => {
    const { element, fixture, chips } = await render();

    (element.querySelector('button[aria-label="Retirer le rappel J-7"]') as HTMLButtonElement).click();
    await fixture.whenStable();

    expect(chips()).toEqual(['J-1']);
  });

  it('when a value is out of range, says why in French next to the field and sends nothing', async () => {
    const { element, type, click } = await render();

    await type('Heure des rappels', '24');
    await click('Enregistrer');

    expect(element.querySelector('mat-error')?.textContent?.trim()).toBe('L’heure des rappels : de 0 à 23.');
    http.expectNone(URL);
  });

  it('when saved, sends the settings once (with an idempotency key) and shows the answer', async () => {
    const { element, fixture, type, click } = await render();

    await type('Budget SMS mensuel', '1000');
    await click('Enregistrer');
    const request = http.expectOne(URL);
    expect(request.request.method).toBe('PUT');
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.request.body).toEqual({ rappels: ['J-7', 'J-1'], rappelHeure: 10, pushAcquittementMinutes: 120, smsBudgetMensuel: 1000 });
    request.flush({ ...SETTINGS, smsBudgetMensuel: 1000 });
    await fixture.whenStable();

    expect(element.querySelector('.notifications-settings-saved')?.textContent).toContain('Paramètres enregistrés.');
    expect(element.querySelector('.notifications-settings-usage-label')?.textContent?.trim()).toBe('120 / 1\u202f000 SMS ce mois (12\u00a0%)');
  });

  it('when the settings cannot be read, says what happened and offers to try again', async () => {
    const fixture = TestBed.createComponent(NotificationsSettings);
    await fixture.whenStable();
    http.expectOne(URL).flush({ code: 'not-found', detail: "Cette Mission Locale n'existe pas." }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    expect(element.querySelector('ui-error-message')?.textContent).toContain("Cette Mission Locale n'existe pas.");
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Réessayer'))?.click();
    http.expectOne(URL).flush(SETTINGS);
    await fixture.whenStable();
    expect(element.querySelector('ui-error-message')).toBeNull();
  });

  it('counts the use: a budget of 0 is used up at once', () => {
    expect(smsUsage(0, 0)).toEqual({ label: '0 / 0 SMS ce mois (100\u00a0%)', percent: 100, level: 'atteint' });
    expect(smsUsage(399, 500).level).toBe('ok');
    expect(smsUsage(400, 500).level).toBe('alerte');
  });
});
