import {
  channelPlan,
  type ChannelPlanInput,
  formatRdvDate,
  PUSH_PAYLOAD_MAX_BYTES,
  pushPayload,
  pushPayloadBytes,
  RDV_NOTIFICATION_KINDS,
  type RdvNotificationKind,
} from './channels.rules';

const DELAY = 30 * 60 * 1000;

const plan = (overrides: Partial<ChannelPlanInput> & { consents?: ChannelPlanInput['consents'] } = {}) =>
  channelPlan({
    consents: { push: true, sms: true, email: true },
    pushSubscriptions: 2,
    telephone: '0692 12 34 56',
    email: 'ines@example.org',
    kind: 'J-7',
    smsFallbackAfterMs: DELAY,
    ...overrides,
  });

const channels = (result: ReturnType<typeof channelPlan>) =>
  result.steps.map((step) => (step.channel === 'sms' ? `sms:${step.mode}` : step.channel)).join(',');

describe('channelPlan', () => {
  const COMBINATIONS: readonly (readonly [boolean, boolean, boolean, string])[] = [
    [true, true, true, 'push,sms:fallback,email'],
    [true, true, false, 'push,sms:fallback'],
    [true, false, true, 'push,email'],
    [true, false, false, 'push'],
    [false, true, true, 'sms:direct,email'],
    [false, true, false, 'sms:direct'],
    [false, false, true, 'email'],
    [false, false, false, ''],
  ];
  for (const [push, sms, email, expected] of COMBINATIONS) {
    it(`when the jeune consents to push ${push}, SMS ${sms}, e-mail ${email} (all reachable), the plan is [${expected}]`, () => {
      const result = plan({ consents: { push, sms, email } });
      expect(channels(result)).toBe(expected);
      expect(result.joignable).toBe(expected !== '');
    });
  }

  it('when push is consented but no device is subscribed, the SMS goes at once', () => {
    expect(channels(plan({ pushSubscriptions: 0 }))).toBe('sms:direct,email');
  });

  it('when SMS is consented but there is no phone number (null or blank), there is no SMS step', () => {
    expect(channels(plan({ telephone: null }))).toBe('push,email');
    expect(channels(plan({ telephone: '   ', pushSubscriptions: 0 }))).toBe('email');
  });

  it('when e-mail is consented but there is no address (null or blank), there is no e-mail step', () => {
    expect(channels(plan({ email: null }))).toBe('push,sms:fallback');
    expect(channels(plan({ email: '' }))).toBe('push,sms:fallback');
  });

  it('when nothing is consented nor reachable, the jeune is not joignable', () => {
    expect(plan({ pushSubscriptions: 0, telephone: null, email: null })).toEqual({ steps: [], joignable: false });
  });

  it('when it is a J-1 reminder with push, the SMS fallback also waits for the acknowledgement, with the configured delay', () => {
    expect(plan({ kind: 'J-1' }).steps).toEqual([
      { channel: 'push' },
      { channel: 'sms', mode: 'fallback', smsFallbackAfterMs: DELAY },
      { channel: 'email', icsMethod: 'REQUEST' },
    ]);
    expect(plan({ kind: 'J-1', smsFallbackAfterMs: 5000 }).steps[1]).toEqual({ channel: 'sms', mode: 'fallback', smsFallbackAfterMs: 5000 });
  });

  for (const kind of ['J-7', 'creation', 'modification', 'annulation'] as const) {
    it(`when it is a ${kind} notification with push, the SMS is only the fallback of a push error (no acknowledgement delay)`, () => {
      expect(plan({ kind }).steps[1]).toEqual({ channel: 'sms', mode: 'fallback', smsFallbackAfterMs: null });
    });
  }

  it('when it is a J-1 reminder without push, the SMS goes at once, with no delay', () => {
    expect(plan({ kind: 'J-1', pushSubscriptions: 0 }).steps[0]).toEqual({ channel: 'sms', mode: 'direct', smsFallbackAfterMs: null });
  });

  it('when the rendez-vous is cancelled, the e-mail carries an .ics CANCEL; otherwise a REQUEST', () => {
    for (const kind of RDV_NOTIFICATION_KINDS) {
      expect(plan({ kind }).steps.at(-1)).withContext(kind).toEqual({ channel: 'email', icsMethod: kind === 'annulation' ? 'CANCEL' : 'REQUEST' });
    }
  });

  it('when the configured delay is not a positive integer, it throws', () => {
    expect(() => plan({ smsFallbackAfterMs: 0 })).toThrowError(RangeError);
    expect(() => plan({ smsFallbackAfterMs: 1.5 })).toThrowError(RangeError);
  });
});

describe('formatRdvDate', () => {
  it('when a rendez-vous is at 05:30Z, it is written at 9 h 30 in La Réunion and 6 h 30 in Paris', () => {
    expect(formatRdvDate('2026-12-01T05:30:00Z', 'Indian/Reunion')).toBe('mardi 1 décembre à 9 h 30');
    expect(formatRdvDate('2026-12-01T05:30:00Z', 'Europe/Paris')).toBe('mardi 1 décembre à 6 h 30');
  });

  it('when a rendez-vous is on the hour, the minutes are left out; midnight is 0 h', () => {
    expect(formatRdvDate('2026-12-01T10:00:00Z', 'Indian/Reunion')).toBe('mardi 1 décembre à 14 h');
    expect(formatRdvDate('2026-11-30T20:00:00Z', 'Indian/Reunion')).toBe('mardi 1 décembre à 0 h');
  });
});

describe('pushPayload', () => {
  const base = {
    prenom: 'Inès',
    debut: '2026-12-01T05:30:00Z',
    timeZone: 'Indian/Reunion',
    url: '/c-milo/rendez-vous/0b9c3f52-5a1e-4d6a-9a57-2f7b8a1c4d10',
    confirmUrl: `/api/v1/me/rendez-vous/0b9c3f52-5a1e-4d6a-9a57-2f7b8a1c4d10/confirmation?t=${'x'.repeat(200)}`,
    // A signed token as platform/signed-token.ts makes them: about 290 characters.
    ackUrl: `/api/v1/push/acquittements/7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6?jeton=${'y'.repeat(290)}`,
  };
  const make = (kind: RdvNotificationKind, overrides: Partial<typeof base> = {}) => {
    const { ackUrl, ...rest } = { ...base, ackUrl: undefined, ...overrides };
    return pushPayload({ ...rest, ...(ackUrl === undefined ? {} : { ackUrl }), kind });
  };

  it('when a J-1 reminder is built, it greets by first name, gives the date and time, and offers "Je confirme" and "Voir"', () => {
    const payload = make('J-1');
    expect(payload.notification.title).toBe('Rappel rendez-vous');
    expect(payload.notification.body).toBe('Bonjour Inès, vous avez rendez-vous le mardi 1 décembre à 9 h 30.');
    expect(payload.notification.actions).toEqual([
      { action: 'confirmer', title: 'Je confirme' },
      { action: 'voir', title: 'Voir' },
    ]);
    expect(payload.notification.tag).toBe('0b9c3f52-5a1e-4d6a-9a57-2f7b8a1c4d10');
    expect(payload.notification.data.onActionClick).toEqual({
      default: { operation: 'navigateLastFocusedOrOpen', url: base.url },
      voir: { operation: 'navigateLastFocusedOrOpen', url: base.url },
      confirmer: { operation: 'sendRequest', url: base.confirmUrl },
    });
  });

  it('when each kind is built, the title and body are the French texts of that kind', () => {
    expect(make('J-7').notification.body).toBe('Bonjour Inès, vous avez rendez-vous le mardi 1 décembre à 9 h 30.');
    expect(make('creation').notification).toEqual(jasmine.objectContaining({
      title: 'Nouveau rendez-vous',
      body: 'Bonjour Inès, votre conseiller vous a programmé un rendez-vous le mardi 1 décembre à 9 h 30.',
    }));
    expect(make('modification').notification).toEqual(jasmine.objectContaining({
      title: 'Rendez-vous modifié',
      body: 'Bonjour Inès, votre rendez-vous est déplacé au mardi 1 décembre à 9 h 30.',
    }));
    expect(make('annulation').notification).toEqual(jasmine.objectContaining({
      title: 'Rendez-vous annulé',
      body: 'Bonjour Inès, votre rendez-vous du mardi 1 décembre à 9 h 30 est annulé.',
    }));
  });

  it('when the rendez-vous is cancelled, there is nothing to confirm: only "Voir"', () => {
    const payload = make('annulation');
    expect(payload.notification.actions).toEqual([{ action: 'voir', title: 'Voir' }]);
    expect(Object.keys(payload.notification.data.onActionClick)).toEqual(['default', 'voir']);
  });

  it('when no confirmation link is given, there is no "Je confirme" action', () => {
    const payload = pushPayload({ prenom: 'Inès', debut: base.debut, timeZone: base.timeZone, url: base.url, kind: 'J-1' });
    expect(payload.notification.actions.map((action) => action.action)).toEqual(['voir']);
  });

  it('when the first name is blank it says Bonjour alone; when it is very long it is cut at 40 characters', () => {
    expect(make('J-7', { prenom: '  ' }).notification.body).toBe('Bonjour, vous avez rendez-vous le mardi 1 décembre à 9 h 30.');
    expect(make('J-7', { prenom: `  Marie   ${'é'.repeat(60)}` }).notification.body).toBe(
      `Bonjour Marie ${'é'.repeat(34)}, vous avez rendez-vous le mardi 1 décembre à 9 h 30.`,
    );
  });

  it('when an acknowledgement link is given, the data carries it for the service worker to call on receipt', () => {
    expect(make('J-1', { ackUrl: base.ackUrl }).notification.data.ack).toBe(base.ackUrl);
    expect(Object.keys(make('J-1').notification.data)).not.toContain('ack');
  });

  it('when any kind is built, with a long name and long signed links, its JSON stays under the payload limit', () => {
    for (const kind of RDV_NOTIFICATION_KINDS) {
      const payload = make(kind, { prenom: 'Marie-Clémentine-Éléonore-Bénédicte-Héloïse', ackUrl: base.ackUrl });
      const bytes = pushPayloadBytes(payload);
      expect(bytes).withContext(kind).toBeLessThan(PUSH_PAYLOAD_MAX_BYTES);
      expect(bytes).withContext(kind).toBe(new TextEncoder().encode(JSON.stringify(payload)).length);
    }
  });

  it('when built, the payload carries only the first name, the date and time, the kind and links: no other personal data', () => {
    const json = JSON.stringify(make('J-1'));
    const payload = make('J-1');
    expect(Object.keys(payload)).toEqual(['notification']);
    expect(Object.keys(payload.notification).sort()).toEqual(['actions', 'body', 'data', 'lang', 'tag', 'title']);
    expect(Object.keys(payload.notification.data).sort()).toEqual(['kind', 'onActionClick']);
    expect(json).not.toMatch(/@|\+?\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}/);
  });
});
