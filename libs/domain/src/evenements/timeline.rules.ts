import { TIMELINE_KINDS, type TimelineKind } from './evenements.enums';

// The order of a dossier's timeline, shared by the BFF (which merges one query per kind into pages) and the PWA
// (which merges the items still waiting in its outbox into the pages it shows).

/** What orders a timeline item. */
export interface TimelineKey {
  readonly kind: TimelineKind;
  readonly id: string;
  /** ISO instant. */
  readonly at: string;
}

/**
 * The rank of each kind among items of the same instant, higher first: the événement that decided a proposition or
 * an action is above them, and a situation (dated at local midnight) comes last of its day.
 */
export const TIMELINE_RANKS: Readonly<Record<TimelineKind, number>> = { evenement: 4, proposition: 3, action: 2, situation: 1 };

/** Newest first; at the same instant by kind rank, then by id (descending), so that the order is total and stable. */
export const compareTimeline = (a: TimelineKey, b: TimelineKey): number => {
  const at = Date.parse(b.at) - Date.parse(a.at);
  if (at !== 0) {
    return at;
  }
  const rank = TIMELINE_RANKS[b.kind] - TIMELINE_RANKS[a.kind];
  if (rank !== 0) {
    return rank;
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
};

/** Whether an item comes strictly after the cursor's item in the timeline's order (is on a later page). */
export const isAfterCursor = (item: TimelineKey, cursor: TimelineKey): boolean => compareTimeline(cursor, item) < 0;

/**
 * Merges lists that are each already in timeline order (one per kind, or the server's page and the pending items)
 * into one, without the same item twice (same kind and id: the first list wins), cut at `limit` when given.
 */
export const mergeTimeline = <T extends TimelineKey>(lists: readonly (readonly T[])[], limit?: number): T[] => {
  const seen = new Set<string>();
  // Deduplicated in list order before sorting, so that the first list wins even when its copy has another instant
  // (an événement whose date was edited offline).
  const merged = lists.flat().filter((item) => {
    const key = `${item.kind}:${item.id}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
  merged.sort(compareTimeline);
  return limit === undefined ? merged : merged.slice(0, limit);
};

const toBase64Url = (text: string): string => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string): string => atob(text.replace(/-/g, '+').replace(/_/g, '/'));

/** The opaque cursor of the page after this item. */
export const encodeTimelineCursor = (item: TimelineKey): string => toBase64Url(`${item.at}|${item.kind}|${item.id}`);

/** The item a cursor points after, or null when it is not one this rule wrote. */
export const decodeTimelineCursor = (cursor: string): TimelineKey | null => {
  let text: string;
  try {
    text = fromBase64Url(cursor);
  } catch {
    return null;
  }
  const [at, kind, id, ...rest] = text.split('|');
  const valid =
    rest.length === 0 &&
    at !== undefined &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/.test(at) &&
    !Number.isNaN(Date.parse(at)) &&
    // A day the calendar does not have (30 February) parses as another one: refused, not sent to the database.
    new Date(at).toISOString().slice(0, 19) === at.slice(0, 19) &&
    (TIMELINE_KINDS as readonly string[]).includes(kind ?? '') &&
    id !== undefined &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
  return valid ? { at, kind: kind as TimelineKind, id } : null;
};

const monthFormats = new Map<string, Intl.DateTimeFormat>();

const monthFormatIn = (timeZone: string): Intl.DateTimeFormat => {
  let format = monthFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('fr-FR', { timeZone, year: 'numeric', month: 'long' });
    monthFormats.set(timeZone, format);
  }
  return format;
};

/** A month of the timeline: its French title ("novembre 2026") and its items in order. */
export interface TimelineMonth<T> {
  readonly mois: string;
  readonly items: readonly T[];
}

/** Groups ordered items by month of the Mission Locale's timezone (an événement at 23:30 on the 30th in La Réunion). */
export const groupTimelineByMonth = <T extends TimelineKey>(items: readonly T[], timeZone: string): TimelineMonth<T>[] => {
  const months: { mois: string; items: T[] }[] = [];
  for (const item of items) {
    const mois = monthFormatIn(timeZone).format(new Date(item.at));
    const last = months.at(-1);
    if (last?.mois === mois) {
      last.items.push(item);
    } else {
      months.push({ mois, items: [item] });
    }
  }
  return months;
};
