/** Why a jeune is notified about a rendez-vous: a reminder (J-7, J-1) or a change made by the conseiller. */
export const RDV_NOTIFICATION_KINDS = ['J-7', 'J-1', 'creation', 'modification', 'annulation'] as const;

/** One of {@link RDV_NOTIFICATION_KINDS}. */
export type RdvNotificationKind = (typeof RDV_NOTIFICATION_KINDS)[number];

/** The channels a jeune can be reached on, each with its own recorded consent. */
export const NOTIFICATION_CHANNELS = ['push', 'sms', 'email'] as const;

/** One of {@link NOTIFICATION_CHANNELS}. */
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** One step of a {@link ChannelPlan}, in the order the channels are tried. */
export type ChannelStep =
  | { readonly channel: 'push' }
  | {
      readonly channel: 'sms';
      /**
       * `direct`: push is impossible (no consent or no subscribed device), the SMS is sent at once.
       * `fallback`: sent only if push fails: no subscription left, or the push service answers an error, or (J-1 only)
       * the device did not acknowledge the notification within `smsFallbackAfterMs`.
       */
      readonly mode: 'direct' | 'fallback';
      /** For a J-1 fallback, how long to wait for the device's acknowledgement; otherwise `null`. */
      readonly smsFallbackAfterMs: number | null;
    }
  | {
      readonly channel: 'email';
      /** The .ics attached: a REQUEST (new or updated event) or a CANCEL for an annulation. */
      readonly icsMethod: 'REQUEST' | 'CANCEL';
    };

/** The channels to use for one notification, in order; `joignable` is false when no step is possible. */
export interface ChannelPlan {
  readonly steps: readonly ChannelStep[];
  readonly joignable: boolean;
}

/** What {@link channelPlan} needs to know about the jeune and the notification. */
export interface ChannelPlanInput {
  readonly consents: Readonly<Record<NotificationChannel, boolean>>;
  /** The number of the jeune's devices with a live push subscription. */
  readonly pushSubscriptions: number;
  readonly telephone: string | null;
  readonly email: string | null;
  readonly kind: RdvNotificationKind;
  /** The Mission Locale's setting: how long a J-1 push may stay unacknowledged before the SMS goes. */
  readonly smsFallbackAfterMs: number;
}

const present = (value: string | null): boolean => value !== null && value.trim() !== '';

/**
 * Plans the channels of a notification following the jeune's consent per channel: web push first (consent and at
 * least one subscribed device); SMS (consent and a phone number) at once when push is impossible, otherwise as the
 * fallback of a failed push (and, for J-1, of a push not acknowledged in time); e-mail with an .ics attachment
 * (consent and an address) in addition to the above.
 */
export const channelPlan = (input: ChannelPlanInput): ChannelPlan => {
  if (!Number.isInteger(input.smsFallbackAfterMs) || input.smsFallbackAfterMs <= 0) {
    throw new RangeError(`smsFallbackAfterMs must be a positive integer, got ${input.smsFallbackAfterMs}`);
  }
  const steps: ChannelStep[] = [];
  const push = input.consents.push && input.pushSubscriptions > 0;
  if (push) {
    steps.push({ channel: 'push' });
  }
  if (input.consents.sms && present(input.telephone)) {
    steps.push(
      push
        ? { channel: 'sms', mode: 'fallback', smsFallbackAfterMs: input.kind === 'J-1' ? input.smsFallbackAfterMs : null }
        : { channel: 'sms', mode: 'direct', smsFallbackAfterMs: null },
    );
  }
  if (input.consents.email && present(input.email)) {
    steps.push({ channel: 'email', icsMethod: input.kind === 'annulation' ? 'CANCEL' : 'REQUEST' });
  }
  return { steps, joignable: steps.length > 0 };
};

/**
 * The largest push payload this application sends (JSON, UTF-8 bytes); the push service allows about 4 KB. A J-1
 * reminder with a 40-character first name, the signed "Je confirme" link (~290 characters) and the acknowledgement
 * link weighs about 1.1 KB.
 */
export const PUSH_PAYLOAD_MAX_BYTES = 1536;

/** First names longer than this are cut in notifications. */
const PRENOM_MAX = 40;

/** The action buttons of a reminder: confirm without opening the app, or open the rendez-vous. */
export const PUSH_ACTIONS = { confirmer: 'Je confirme', voir: 'Voir' } as const;

interface ActionClick {
  readonly operation: 'navigateLastFocusedOrOpen' | 'sendRequest';
  readonly url: string;
}

/**
 * The payload the Angular service worker shows: a French title and body with the first name and the time only (no
 * place, no conseiller, no object), a link inside C-Milo, and for a reminder the "Je confirme" / "Voir" actions.
 */
export interface PushPayload {
  readonly notification: {
    readonly title: string;
    readonly body: string;
    readonly lang: 'fr';
    readonly tag: string;
    readonly actions: readonly { readonly action: keyof typeof PUSH_ACTIONS; readonly title: string }[];
    readonly data: {
      readonly kind: RdvNotificationKind;
      readonly onActionClick: Readonly<Record<string, ActionClick>>;
      /** The signed path the device GETs on receiving the push (apps/web/src/sw.js): the delivery acknowledgement. */
      readonly ack?: string;
    };
  };
}

/** What {@link pushPayload} needs: the first name, the start, the Mission Locale's timezone and links. */
export interface PushPayloadInput {
  readonly prenom: string;
  /** The start of the rendez-vous (ISO instant). */
  readonly debut: string;
  readonly timeZone: string;
  readonly kind: RdvNotificationKind;
  /** A path inside C-Milo (the rendez-vous), opened on a tap. */
  readonly url: string;
  /** The single-use signed confirmation path, for reminders and new or moved rendez-vous. */
  readonly confirmUrl?: string;
  /** The signed acknowledgement path of this sending, when the BFF waits for the device's receipt. */
  readonly ackUrl?: string;
}

const whenFormats = new Map<string, Intl.DateTimeFormat>();

const whenFormatIn = (timeZone: string): Intl.DateTimeFormat => {
  let format = whenFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('fr-FR', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    whenFormats.set(timeZone, format);
  }
  return format;
};

/** "mardi 1 décembre à 9 h 30" (or "à 14 h" on the hour) in the Mission Locale's timezone. */
export const formatRdvDate = (debut: string, timeZone: string): string => {
  const date = new Date(debut);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Invalid instant: ${debut}`);
  }
  const parts = whenFormatIn(timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  const hour = String(Number(part('hour')));
  const minute = part('minute');
  return `${part('weekday')} ${part('day')} ${part('month')} à ${hour} h${minute === '00' ? '' : ` ${minute}`}`;
};

const TITLES: Readonly<Record<RdvNotificationKind, string>> = {
  'J-7': 'Rappel rendez-vous',
  'J-1': 'Rappel rendez-vous',
  creation: 'Nouveau rendez-vous',
  modification: 'Rendez-vous modifié',
  annulation: 'Rendez-vous annulé',
};

const bodyOf = (kind: RdvNotificationKind, bonjour: string, quand: string): string => {
  switch (kind) {
    case 'J-7':
    case 'J-1':
      return `${bonjour}, vous avez rendez-vous le ${quand}.`;
    case 'creation':
      return `${bonjour}, votre conseiller vous a programmé un rendez-vous le ${quand}.`;
    case 'modification':
      return `${bonjour}, votre rendez-vous est déplacé au ${quand}.`;
    case 'annulation':
      return `${bonjour}, votre rendez-vous du ${quand} est annulé.`;
  }
};

/** The first name as written in a notification: trimmed, spaces collapsed, cut at 40 characters. */
const prenomCourt = (prenom: string): string => {
  const clean = prenom.trim().replace(/\s+/g, ' ');
  const chars = [...clean];
  return chars.length > PRENOM_MAX ? chars.slice(0, PRENOM_MAX).join('') : clean;
};

/** Builds the small push payload of a rendez-vous notification (see {@link PushPayload}). */
export const pushPayload = (input: PushPayloadInput): PushPayload => {
  const quand = formatRdvDate(input.debut, input.timeZone);
  const prenom = prenomCourt(input.prenom);
  const open: ActionClick = { operation: 'navigateLastFocusedOrOpen', url: input.url };
  const confirmable = input.kind !== 'annulation' && input.confirmUrl !== undefined;
  return {
    notification: {
      title: TITLES[input.kind],
      body: bodyOf(input.kind, prenom === '' ? 'Bonjour' : `Bonjour ${prenom}`, quand),
      lang: 'fr',
      // The rendez-vous' id (the link's last segment): a newer notification of the same rendez-vous replaces the
      // older one, in fewer bytes than the whole link (the payload carries two signed links).
      tag: input.url.slice(input.url.lastIndexOf('/') + 1),
      actions: confirmable
        ? [
            { action: 'confirmer', title: PUSH_ACTIONS.confirmer },
            { action: 'voir', title: PUSH_ACTIONS.voir },
          ]
        : [{ action: 'voir', title: PUSH_ACTIONS.voir }],
      data: {
        kind: input.kind,
        onActionClick: {
          default: open,
          voir: open,
          ...(confirmable && input.confirmUrl !== undefined ? { confirmer: { operation: 'sendRequest', url: input.confirmUrl } } : {}),
        },
        ...(input.ackUrl === undefined ? {} : { ack: input.ackUrl }),
      },
    },
  };
};

/** The size of a payload as sent: UTF-8 bytes of its JSON. */
export const pushPayloadBytes = (payload: PushPayload): number => new TextEncoder().encode(JSON.stringify(payload)).length;
