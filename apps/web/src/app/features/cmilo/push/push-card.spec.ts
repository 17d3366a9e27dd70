import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import type { PushSubscriptionsDto } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { aJeune, FakeSwPush, provideCmiloTesting, UN_ABONNEMENT } from '../cmilo.testing';
import { PushCard } from './push-card';
import { nomAppareil, type PushPermission } from './push.service';

const SUBSCRIPTIONS_URL = '/api/v1/push/subscriptions';
const PREFERENCES_URL = '/api/v1/me/preferences-notification';
const PUBLIC_KEY = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';

const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('nomAppareil', () => {
  it('names the browser and the system from the user agent, or what it recognises', () => {
    expect(
      nomAppareil('Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'),
    ).toBe('Chrome sur Android');
    expect(
      nomAppareil('Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1'),
    ).toBe('Safari sur iPhone');
    expect(nomAppareil('Mozilla/5.0 (Linux; Android 12) SamsungBrowser/23.0 Chrome/115.0 Mobile Safari/537.36')).toBe(
      'Samsung Internet sur Android',
    );
    expect(nomAppareil('curl/8.0')).toBeNull();
  });
});

describe('PushCard', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<PushCard>;
  let loader: HarnessLoader;
  let swPush: FakeSwPush;
  let permission: PushPermission;

  const render = async (options: { readonly enabled?: boolean; readonly invitation?: boolean } = {}) => {
    swPush = new FakeSwPush();
    swPush.isEnabled = options.enabled ?? true;
    TestBed.configureTestingModule({ providers: provideCmiloTesting({ swPush, permission: () => permission }) });
    TestBed.inject(Store).dispatch(aJeune());
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PushCard);
    fixture.componentRef.setInput('invitation', options.invitation ?? false);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
  };
  const element = (): HTMLElement => fixture.nativeElement;
  const flushSubscriptions = (subscriptions: PushSubscriptionsDto['subscriptions'] = []) =>
    http.expectOne(SUBSCRIPTIONS_URL).flush({ publicKey: PUBLIC_KEY, subscriptions } satisfies PushSubscriptionsDto);
  const activer = async () => {
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Activer les notifications' }))).click();
    await fixture.whenStable();
  };

  beforeEach(() => {
    permission = 'default';
  });

  afterEach(() => http.verify());

  it('on load, explains push in French and asks nothing of the browser until "Activer les notifications" is tapped', async () => {
    await render();
    flushSubscriptions();
    await fixture.whenStable();

    expect(text(element().querySelector('h2'))).toBe('Recevez vos rappels sur ce téléphone');
    expect(text(element())).toContain('Votre téléphone va vous demander l’autorisation');
    expect(swPush.requestSubscription).not.toHaveBeenCalled();
  });

  it('after the tap, subscribes with the BFF’s public key, records the device and the push consent, then says it is on', async () => {
    await render();
    flushSubscriptions();
    swPush.requestSubscription.and.callFake(async () => {
      permission = 'granted';
      const subscription = { toJSON: () => UN_ABONNEMENT } as unknown as PushSubscription;
      swPush.subscription.next(subscription);
      return subscription;
    });

    await activer();

    expect(swPush.requestSubscription).toHaveBeenCalledOnceWith({ serverPublicKey: PUBLIC_KEY });
    const post = http.expectOne((request) => request.method === 'POST' && request.url === SUBSCRIPTIONS_URL);
    expect(post.request.body).toEqual(jasmine.objectContaining(UN_ABONNEMENT));
    expect(post.request.body.appareil).toEqual(jasmine.any(String));
    expect(post.request.headers.has('Idempotency-Key')).toBeTrue();
    post.flush({ id: 'abonnement-1' }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    http.expectOne((request) => request.method === 'GET' && request.url === PREFERENCES_URL).flush({ push: false, sms: true, email: false });
    await fixture.whenStable();
    const put = http.expectOne((request) => request.method === 'PUT' && request.url === PREFERENCES_URL);
    expect(put.request.body).toEqual({ push: true, sms: true, email: false });
    put.flush(put.request.body);
    await fixture.whenStable();
    flushSubscriptions([{ id: 'abonnement-1', appareil: 'Chrome sur Android', creeLe: '2026-11-29T08:00:00.000Z' }]);
    await fixture.whenStable();

    expect(text(element())).toBe('Les notifications sont activées sur ce téléphone.');
  });

  it('when the jeune refuses, explains how to allow notifications later and that reminders come by SMS or e-mail', async () => {
    await render();
    flushSubscriptions();
    swPush.requestSubscription.and.callFake(async () => {
      permission = 'denied';
      throw new DOMException('Registration failed - permission denied', 'NotAllowedError');
    });

    await activer();

    expect(text(element().querySelector('h2'))).toBe('Les notifications sont bloquées');
    expect(text(element())).toContain('ouvrez les réglages de votre navigateur');
    expect(text(element())).toContain('vos rappels arrivent par SMS ou par e-mail');
  });

  it('when notifications were blocked before, says so at once and offers no button', async () => {
    permission = 'denied';
    await render();
    flushSubscriptions();
    await fixture.whenStable();

    expect(text(element().querySelector('h2'))).toBe('Les notifications sont bloquées');
    expect(await loader.getAllHarnesses(MatButtonHarness)).toHaveSize(0);
  });

  it('when the browser cannot receive push, says so without calling the BFF', async () => {
    await render({ enabled: false });

    expect(text(element().querySelector('h2'))).toBe('Pas de notifications sur ce navigateur');
    http.expectNone(SUBSCRIPTIONS_URL);
  });

  it('on the home, "Plus tard" hides the invitation', async () => {
    await render({ invitation: true });
    flushSubscriptions();
    await fixture.whenStable();

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Plus tard' }))).click();
    await fixture.whenStable();

    expect(text(element())).toBe('');
    expect(swPush.requestSubscription).not.toHaveBeenCalled();
  });
});
