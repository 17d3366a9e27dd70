import type { TimelineKind } from './evenements.enums';
import {
  compareTimeline,
  decodeTimelineCursor,
  encodeTimelineCursor,
  groupTimelineByMonth,
  isAfterCursor,
  mergeTimeline,
  type TimelineKey,
} from './timeline.rules';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface Item extends TimelineKey {
  readonly titre: string;
}

const item = (kind: TimelineKind, n: number, at: string, titre = `${kind} ${n}`): Item => ({ kind, id: uuid(n), at, titre });

const keys = (items: readonly TimelineKey[]) => items.map((entry) => `${entry.kind}:${entry.id.slice(-2)}`);

const base64Url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('compareTimeline', () => {
  it('when two items are at different instants, the newer comes first', () => {
    const older = item('evenement', 1, '2026-11-29T10:00:00Z');
    const newer = item('situation', 2, '2026-11-29T10:00:01Z');
    expect(compareTimeline(newer, older)).toBeLessThan(0);
    expect(compareTimeline(older, newer)).toBeGreaterThan(0);
    expect(keys([older, newer].sort(compareTimeline))).toEqual(['situation:02', 'evenement:01']);
  });

  it('when items share an instant, the événement comes before the proposition, then the action, then the situation', () => {
    const at = '2026-11-29T10:00:00Z';
    const items = [item('situation', 1, at), item('action', 2, at), item('evenement', 3, at), item('proposition', 4, at)];
    expect(keys([...items].sort(compareTimeline))).toEqual(['evenement:03', 'proposition:04', 'action:02', 'situation:01']);
    expect(keys([...items].reverse().sort(compareTimeline))).toEqual(['evenement:03', 'proposition:04', 'action:02', 'situation:01']);
  });

  it('when items share the kind and the instant, the greater id comes first', () => {
    const at = '2026-11-29T10:00:00Z';
    const a = item('action', 10, at);
    const b = item('action', 11, at);
    expect(compareTimeline(b, a)).toBeLessThan(0);
    expect(compareTimeline(a, b)).toBeGreaterThan(0);
    expect(keys([a, b].sort(compareTimeline))).toEqual(['action:11', 'action:10']);
  });

  it('when it is the same item, they compare equal', () => {
    const a = item('proposition', 5, '2026-11-29T10:00:00Z');
    expect(compareTimeline(a, { ...a })).toBe(0);
  });

  it('when the same instant is written with or without milliseconds or with an offset, it is the same instant', () => {
    const a = item('evenement', 1, '2026-11-29T10:00:00Z');
    const b = item('evenement', 1, '2026-11-29T10:00:00.000Z');
    const c = item('evenement', 1, '2026-11-29T11:00:00+01:00');
    expect(compareTimeline(a, b)).toBe(0);
    expect(compareTimeline(b, c)).toBe(0);
    // As text, '…00.000Z' < '…00Z'; as instants the kind decides.
    expect(compareTimeline(item('situation', 1, '2026-11-29T10:00:00.000Z'), item('evenement', 2, '2026-11-29T10:00:00Z'))).toBeGreaterThan(0);
    expect(compareTimeline(item('evenement', 1, '2026-11-29T10:00:00.000Z'), item('situation', 2, '2026-11-29T10:00:00Z'))).toBeLessThan(0);
  });

  it('when a millisecond separates two items, the later one comes first whatever the kinds', () => {
    expect(compareTimeline(item('situation', 1, '2026-11-29T10:00:00.001Z'), item('evenement', 2, '2026-11-29T10:00:00Z'))).toBeLessThan(0);
  });
});

describe('isAfterCursor', () => {
  const cursor = item('proposition', 50, '2026-11-29T10:00:00Z');

  it('when an item is older than the cursor, it is after it (on a later page)', () => {
    expect(isAfterCursor(item('evenement', 1, '2026-11-29T09:59:59Z'), cursor)).toBeTrue();
  });

  it('when an item is newer than the cursor, it is not after it', () => {
    expect(isAfterCursor(item('situation', 1, '2026-11-29T10:00:01Z'), cursor)).toBeFalse();
  });

  it('when an item is the cursor itself, it is not after it (the page does not repeat it)', () => {
    expect(isAfterCursor({ ...cursor }, cursor)).toBeFalse();
    expect(isAfterCursor({ ...cursor, at: '2026-11-29T10:00:00.000Z' }, cursor)).toBeFalse();
  });

  it('when an item shares the instant, the kind rank then the id decide', () => {
    expect(isAfterCursor(item('action', 1, '2026-11-29T10:00:00Z'), cursor)).toBeTrue();
    expect(isAfterCursor(item('evenement', 99, '2026-11-29T10:00:00Z'), cursor)).toBeFalse();
    expect(isAfterCursor(item('proposition', 49, '2026-11-29T10:00:00Z'), cursor)).toBeTrue();
    expect(isAfterCursor(item('proposition', 51, '2026-11-29T10:00:00Z'), cursor)).toBeFalse();
  });
});

describe('mergeTimeline', () => {
  const evenements = [item('evenement', 1, '2026-11-29T14:00:00Z'), item('evenement', 2, '2026-11-20T09:00:00Z')];
  const propositions = [item('proposition', 3, '2026-11-29T14:00:00Z'), item('proposition', 4, '2026-11-01T08:00:00Z')];
  const actions = [item('action', 5, '2026-11-25T12:00:00Z')];
  const situations = [item('situation', 6, '2026-11-20T09:00:00Z'), item('situation', 7, '2025-12-31T23:00:00Z')];

  it('when each kind comes as its own ordered list, they are merged into one timeline, newest first', () => {
    expect(keys(mergeTimeline([evenements, propositions, actions, situations]))).toEqual([
      'evenement:01',
      'proposition:03',
      'action:05',
      'evenement:02',
      'situation:06',
      'proposition:04',
      'situation:07',
    ]);
  });

  it('when the lists come in another order, the merged timeline is the same', () => {
    expect(mergeTimeline([situations, actions, propositions, evenements])).toEqual(mergeTimeline([evenements, propositions, actions, situations]));
  });

  it('when there is nothing to merge, the timeline is empty', () => {
    expect(mergeTimeline([])).toEqual([]);
    expect(mergeTimeline([[], []], 10)).toEqual([]);
  });

  it('when the same kind and id appear in two lists, it appears once, as the first list has it', () => {
    const pending = item('evenement', 1, '2026-11-29T14:00:00Z', 'en attente');
    const merged = mergeTimeline([[pending], evenements, propositions]);
    expect(keys(merged)).toEqual(['evenement:01', 'proposition:03', 'evenement:02', 'proposition:04']);
    expect(merged[0]).toBe(pending);
  });

  it('when the first list has the item at another instant (edited offline), only its copy stays, at its own place', () => {
    const pending = item('evenement', 2, '2026-11-30T08:00:00Z', 'date modifiée');
    const merged = mergeTimeline([[pending], evenements, situations]);
    expect(keys(merged)).toEqual(['evenement:02', 'evenement:01', 'situation:06', 'situation:07']);
    expect(merged[0]).toBe(pending);
    expect(merged.filter((entry) => entry.kind === 'evenement' && entry.id === uuid(2)).length).toBe(1);

    const backdated = item('evenement', 1, '2026-01-01T08:00:00Z', 'antidaté');
    const merged2 = mergeTimeline([[backdated], evenements]);
    expect(merged2.map((entry) => entry.titre)).toEqual(['evenement 2', 'antidaté']);
  });

  it('when the same id is used by two kinds, both stay: an item is its kind and its id', () => {
    const at = '2026-11-29T14:00:00Z';
    expect(keys(mergeTimeline([[item('evenement', 8, at)], [item('action', 8, at)]]))).toEqual(['evenement:08', 'action:08']);
  });

  it('when a limit is given, the merged timeline is cut there, after deduplication', () => {
    expect(keys(mergeTimeline([evenements, propositions, actions, situations], 3))).toEqual(['evenement:01', 'proposition:03', 'action:05']);
    expect(keys(mergeTimeline([evenements, evenements, propositions], 3))).toEqual(['evenement:01', 'proposition:03', 'evenement:02']);
    expect(mergeTimeline([evenements], 0)).toEqual([]);
    expect(mergeTimeline([evenements], 10).length).toBe(2);
  });

  it('when called, it leaves the given lists unchanged', () => {
    const list = [...situations, ...evenements];
    const copy = [...list];
    mergeTimeline([list, actions]);
    expect(list).toEqual(copy);
  });

  it('when pages are read one after the other with the cursor, they add up to the whole timeline in the same order', () => {
    const all = mergeTimeline([evenements, propositions, actions, situations]);
    const pages: Item[] = [];
    let cursor: TimelineKey | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const after: TimelineKey | null = cursor;
      const remaining = [evenements, propositions, actions, situations].map((list) =>
        after === null ? list : list.filter((entry) => isAfterCursor(entry, after)),
      );
      const page = mergeTimeline(remaining, 3);
      pages.push(...page);
      if (page.length < 3) {
        break;
      }
      cursor = decodeTimelineCursor(encodeTimelineCursor(page[page.length - 1] as Item));
    }
    expect(keys(pages)).toEqual(keys(all));
  });
});

describe('encodeTimelineCursor / decodeTimelineCursor', () => {
  const key: TimelineKey = { at: '2026-11-29T10:00:00.123Z', kind: 'proposition', id: 'a3bb189e-8bf9-4888-9912-ace4e6543002' };

  it('when a cursor is encoded then decoded, the same key comes back', () => {
    expect(decodeTimelineCursor(encodeTimelineCursor(key))).toEqual(key);
    for (const kind of ['evenement', 'proposition', 'action', 'situation'] as const) {
      const other = { at: '2026-01-01T00:00:00Z', kind, id: uuid(7) };
      expect(decodeTimelineCursor(encodeTimelineCursor(other))).withContext(kind).toEqual(other);
    }
  });

  it('when encoded, the cursor is URL-safe base64 without padding', () => {
    for (let n = 0; n < 20; n++) {
      const cursor = encodeTimelineCursor({ ...key, id: uuid(n), at: `2026-11-29T10:00:${String(n).padStart(2, '0')}Z` });
      expect(cursor).withContext(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    expect(encodeTimelineCursor(key)).toBe(base64Url(`${key.at}|${key.kind}|${key.id}`));
  });

  it('when the cursor is not base64, it is refused (null)', () => {
    expect(decodeTimelineCursor('%%%')).toBeNull();
    expect(decodeTimelineCursor('a')).toBeNull();
    expect(decodeTimelineCursor('pas un curseur')).toBeNull();
  });

  it('when the cursor is empty or decodes to other text, it is refused', () => {
    expect(decodeTimelineCursor('')).toBeNull();
    expect(decodeTimelineCursor(base64Url('bonjour'))).toBeNull();
    expect(decodeTimelineCursor(base64Url(`${key.at}|${key.kind}`))).toBeNull();
  });

  it('when the kind is unknown, it is refused', () => {
    expect(decodeTimelineCursor(base64Url(`${key.at}|rendezvous|${key.id}`))).toBeNull();
    expect(decodeTimelineCursor(base64Url(`${key.at}|Evenement|${key.id}`))).toBeNull();
    expect(decodeTimelineCursor(base64Url(`${key.at}||${key.id}`))).toBeNull();
  });

  it('when the date is not a UTC ISO instant, or not a real day, it is refused', () => {
    for (const at of [
      '2026-11-29',
      '2026-11-29T10:00:00',
      '2026-11-29T10:00:00+01:00',
      '29/11/2026 10:00',
      '2026-13-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-11-31T00:00:00Z',
      '2026-11-29T25:00:00Z',
      '2026-11-29T10:00:00.1234567Z',
    ]) {
      expect(decodeTimelineCursor(base64Url(`${at}|${key.kind}|${key.id}`)))
        .withContext(at)
        .toBeNull();
    }
    expect(decodeTimelineCursor(base64Url(`2028-02-29T23:59:59.999999Z|${key.kind}|${key.id}`))).not.toBeNull();
  });

  it('when there are extra fields, it is refused', () => {
    expect(decodeTimelineCursor(base64Url(`${key.at}|${key.kind}|${key.id}|`))).toBeNull();
    expect(decodeTimelineCursor(base64Url(`${key.at}|${key.kind}|${key.id}|x`))).toBeNull();
  });

  it('when the id is not a UUID, it is refused (it would be read as one by the database)', () => {
    for (const id of ['1', 'abc', key.id.toUpperCase(), `${key.id}0`, key.id.slice(1), '-'.repeat(36), 'a'.repeat(36), `${key.id.slice(0, 35)}g`]) {
      expect(decodeTimelineCursor(base64Url(`${key.at}|${key.kind}|${id}`)))
        .withContext(id)
        .toBeNull();
    }
  });
});

describe('groupTimelineByMonth', () => {
  it('when an item is at 21:30 UTC on 30 November, it is in décembre 2026 in La Réunion and in novembre 2026 in Paris', () => {
    const late = item('evenement', 1, '2026-11-30T21:30:00Z');
    expect(groupTimelineByMonth([late], 'Indian/Reunion')).toEqual([{ mois: 'décembre 2026', items: [late] }]);
    expect(groupTimelineByMonth([late], 'Europe/Paris')).toEqual([{ mois: 'novembre 2026', items: [late] }]);
  });

  it('when ordered items span several months, they are grouped in order, one group per month with its French title', () => {
    const items = [
      item('evenement', 1, '2027-01-02T09:00:00Z'),
      item('action', 2, '2026-12-15T09:00:00Z'),
      item('situation', 3, '2026-12-01T09:00:00Z'),
      item('proposition', 4, '2026-11-30T21:30:00Z'),
      item('evenement', 5, '2026-08-14T09:00:00Z'),
    ];
    const paris = groupTimelineByMonth(items, 'Europe/Paris');
    expect(paris.map((month) => month.mois)).toEqual(['janvier 2027', 'décembre 2026', 'novembre 2026', 'août 2026']);
    expect(paris.map((month) => keys(month.items))).toEqual([['evenement:01'], ['action:02', 'situation:03'], ['proposition:04'], ['evenement:05']]);

    const reunion = groupTimelineByMonth(items, 'Indian/Reunion');
    expect(reunion.map((month) => month.mois)).toEqual(['janvier 2027', 'décembre 2026', 'août 2026']);
    expect(reunion.map((month) => keys(month.items))).toEqual([['evenement:01'], ['action:02', 'situation:03', 'proposition:04'], ['evenement:05']]);
  });

  it('when there is no item, there is no month', () => {
    expect(groupTimelineByMonth([], 'Europe/Paris')).toEqual([]);
  });

  it('when every month of a year is shown, the titles are the French month names in lower case', () => {
    const items = Array.from({ length: 12 }, (_, index) => item('action', index, `2026-${String(12 - index).padStart(2, '0')}-15T12:00:00Z`));
    expect(groupTimelineByMonth(items, 'Europe/Paris').map((month) => month.mois)).toEqual([
      'décembre 2026',
      'novembre 2026',
      'octobre 2026',
      'septembre 2026',
      'août 2026',
      'juillet 2026',
      'juin 2026',
      'mai 2026',
      'avril 2026',
      'mars 2026',
      'février 2026',
      'janvier 2026',
    ]);
  });
});
