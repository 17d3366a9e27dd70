import { jourDans, minutesDans } from './agenda-time';

// Where each item of a day sits on the hour grid (#5): computed once per agenda in a computed signal, never per item
// in the template, so that a week of 60 items renders without jank.

/** The grid shows 7 h to 20 h in the Mission Locale's time zone; earlier or later items are pinned to its edges. */
export const GRID_START_MINUTES = 7 * 60;
export const GRID_END_MINUTES = 20 * 60;
export const GRID_MINUTES = GRID_END_MINUTES - GRID_START_MINUTES;
/** A tap on the empty grid creates a rendez-vous at the start of its 30-minute slot. */
export const SLOT_MINUTES = 30;
/** Height of a minute: a 30-minute slot is 48 px, above the 44 px touch target. */
export const PX_PAR_MINUTE = 1.6;
/**
 * A short item is drawn as if it lasted this long, so that it stays a 44 px touch target; lanes are computed on that
 * height too, so that a 15-minute item never hides the one that follows it.
 */
export const MIN_VISUAL_MINUTES = 30;
/** A drop snaps to this step. */
export const DROP_STEP_MINUTES = 15;

/** What the grid places: something with a start and an end. */
export interface Placeable {
  readonly key: string;
  readonly debut: Date;
  readonly fin: Date;
}

/** An item placed on a day's grid: minutes from the top of the grid, and its lane among overlapping items. */
export interface Placed<T extends Placeable> {
  readonly item: T;
  readonly top: number;
  readonly height: number;
  /** 0-based lane, and how many lanes its group of overlapping items needs (side by side). */
  readonly lane: number;
  readonly lanes: number;
}

interface Span<T> {
  readonly item: T;
  readonly start: number;
  readonly end: number;
}

/**
 * The items of one local day placed on the grid, in start order: overlapping items side by side in lanes (a group of
 * items linked by overlaps shares one lane count, as calendar apps draw them).
 */
export const layoutDay = <T extends Placeable>(items: readonly T[], jour: string, timeZone: string): Placed<T>[] => {
  const spans: Span<T>[] = items
    .filter((item) => jourDans(item.debut, timeZone) === jour)
    .map((item) => {
      const debut = minutesDans(item.debut, timeZone);
      // An item running past midnight ends at the bottom of its day.
      const fin = jourDans(item.fin, timeZone) === jour ? minutesDans(item.fin, timeZone) : 24 * 60;
      const start = Math.min(Math.max(debut, GRID_START_MINUTES), GRID_END_MINUTES - MIN_VISUAL_MINUTES) - GRID_START_MINUTES;
      const end = Math.min(Math.max(fin - GRID_START_MINUTES, start + MIN_VISUAL_MINUTES), GRID_MINUTES);
      return { item, start, end };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end || a.item.key.localeCompare(b.item.key));

  const placed: Placed<T>[] = [];
  let group: { span: Span<T>; lane: number }[] = [];
  let groupEnd = -1;
  const closeGroup = () => {
    const lanes = group.reduce((max, { lane }) => Math.max(max, lane + 1), 0);
    placed.push(...group.map(({ span, lane }) => ({ item: span.item, top: span.start, height: span.end - span.start, lane, lanes })));
    group = [];
  };
  for (const span of spans) {
    if (span.start >= groupEnd) {
      closeGroup();
    }
    // The first lane free at this start; a new one otherwise.
    const laneEnds: number[] = [];
    for (const { span: other, lane } of group) {
      laneEnds[lane] = Math.max(laneEnds[lane] ?? 0, other.end);
    }
    const free = laneEnds.findIndex((end) => end <= span.start);
    group.push({ span, lane: free === -1 ? laneEnds.length : free });
    groupEnd = Math.max(groupEnd, span.end);
  }
  closeGroup();
  return placed;
};

/** The start (minutes since midnight) of the 30-minute slot tapped `y` px below the top of the grid. */
export const slotAt = (y: number): number =>
  GRID_START_MINUTES + Math.min(Math.max(Math.floor(y / PX_PAR_MINUTE / SLOT_MINUTES), 0), GRID_MINUTES / SLOT_MINUTES - 1) * SLOT_MINUTES;

/** The hours labelled along the grid. */
export const GRID_HOURS: readonly number[] = Array.from({ length: GRID_MINUTES / 60 }, (_, index) => GRID_START_MINUTES / 60 + index);

/** How far a drag moved an item: whole days sideways (week view), minutes vertically, snapped. */
export const dropShift = (distance: { readonly x: number; readonly y: number }, columnWidth: number): { jours: number; minutes: number } => ({
  jours: columnWidth > 0 ? Math.round(distance.x / columnWidth) : 0,
  minutes: Math.round(distance.y / PX_PAR_MINUTE / DROP_STEP_MINUTES) * DROP_STEP_MINUTES,
});
