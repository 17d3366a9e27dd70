import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { Store } from '@ngrx/store';
import { aJeune, provideCmiloTesting } from '../cmilo.testing';
import { NotificationsPage } from './notifications-page';

const PREFERENCES_URL = '/api/v1/me/preferences-notification';
const SUBSCRIPTIONS_URL = '/api/v1/push/subscriptions';

const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('NotificationsPage', () => {
  let http: HttpTestingController;

  const render = async () => {
    TestBed.configureTestingModule({ providers: provideCmiloTesting() });
    TestBed.inject(Store).dispatch(aJeune());
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NotificationsPage);
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    http.expectOne(PREFERENCES_URL).flush({ push: true, sms: false, email: true });
    http.expectOne(SUBSCRIPTIONS_URL).flush({
      publicKey: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
      // 21:30Z on 30 November is already 1 December in La Réunion.
      subscriptions: [{ id: 'abonnement-1', appareil: 'Chrome sur Android', creeLe: '2026-11-30T21:30:00.000Z' }],
    });
    await fixture.whenStable();
    return { fixture, loader, element: fixture.nativeElement as HTMLElement };
  };

  afterEach(() => http.verify());

  it('shows the recorded choices, saves the changed ones and says so', async () => {
    const { fixture, loader, element } = await render();
    const checkbox = (label: string) => loader.getHarness(MatCheckboxHarness.with({ label }));

    expect(await (await checkbox('Une notification sur mon téléphone')).isChecked()).toBeTrue();
    expect(await (await checkbox('Un SMS')).isChecked()).toBeFalse();
    expect(await (await checkbox('Un e-mail')).isChecked()).toBeTrue();

    await (await checkbox('Un SMS')).check();
    await (await checkbox('Un e-mail')).uncheck();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer mes choix' }))).click();
    const put = http.expectOne((request) => request.method === 'PUT' && request.url === PREFERENCES_URL);
    expect(put.request.body).toEqual({ push: true, sms: true, email: false });
    expect(put.request.headers.has('Idempotency-Key')).toBeTrue();
    put.flush(put.request.body);
    await fixture.whenStable();

    expect(text(element.querySelector('[role="status"]'))).toBe('Vos choix sont enregistrés.');
    expect(await (await checkbox('Un SMS')).isChecked()).toBeTrue();
  });

  it('lists the devices receiving notifications, since when in the Mission Locale’s timezone, and removes one', async () => {
    const { fixture, loader, element } = await render();

    expect(text(element.querySelector('.appareil'))).toContain('Chrome sur Android depuis le mardi 1 décembre 2026');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Retirer' }))).click();
    const request = http.expectOne(`${SUBSCRIPTIONS_URL}/abonnement-1`);
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(element.querySelector('.appareil')).toBeNull();
  });
});
