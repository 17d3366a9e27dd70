import {
  ETAT_PROPOSITION_LABELS,
  ETAT_SITUATION_LABELS,
  STATUT_ACTION_LABELS,
  THEME_LABELS,
  type Theme,
  type TimelineItemDto,
  type TimelineKind,
} from '@imilo/domain';
import type { IconName } from '@imilo/ui';

/** The icon of each kind of timeline item (always next to a text: colour and shape are never the only signal). */
export const TIMELINE_KIND_ICONS: Readonly<Record<TimelineKind, IconName>> = {
  evenement: 'event_note',
  proposition: 'handshake',
  action: 'task_alt',
  situation: 'work',
};

/** How one kind reads in a sentence ("Événement", not the filter's plural). */
export const TIMELINE_KIND_SINGULAR: Readonly<Record<TimelineKind, string>> = {
  evenement: 'Événement',
  proposition: 'Proposition',
  action: 'Action',
  situation: 'Situation',
};

const STATUT_LABELS: Readonly<Record<TimelineKind, Readonly<Record<string, string>>>> = {
  evenement: {},
  proposition: ETAT_PROPOSITION_LABELS,
  action: STATUT_ACTION_LABELS,
  situation: ETAT_SITUATION_LABELS,
};

const formats = new Map<string, { readonly day: Intl.DateTimeFormat; readonly time: Intl.DateTimeFormat }>();

const formatsIn = (timeZone: string) => {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = {
      day: new Intl.DateTimeFormat('fr-FR', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }),
      time: new Intl.DateTimeFormat('fr-FR', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }),
    };
    formats.set(timeZone, format);
  }
  return format;
};

/**
 * When an item happened, in the Mission Locale's timezone: "mar. 14 oct. · 14 h 30". A situation is dated by its first
 * day only (the BFF places it at local midnight, an hour that means nothing).
 */
export const formatTimelineDate = (item: Pick<TimelineItemDto, 'at' | 'kind'>, timeZone: string): string => {
  const date = new Date(item.at);
  if (Number.isNaN(date.getTime())) {
    return item.at;
  }
  const { day, time } = formatsIn(timeZone);
  if (item.kind === 'situation') {
    return day.format(date);
  }
  const parts = time.formatToParts(date);
  const hour = parts.find((part) => part.type === 'hour')?.value ?? '';
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '';
  return `${day.format(date)} · ${Number(hour)} h ${minute}`;
};

/** The French label of an item's state code, or the code itself when the PWA does not know it yet. */
export const statutLabel = (item: Pick<TimelineItemDto, 'kind' | 'statut'>): string | null =>
  item.statut === null ? null : (STATUT_LABELS[item.kind][item.statut] ?? item.statut);

/** The labels of an item's thèmes. */
export const themeLabels = (themes: readonly Theme[]): string[] => themes.map((theme) => THEME_LABELS[theme]);
