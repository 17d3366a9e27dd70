import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  compareTimeline,
  groupTimelineByMonth,
  isAfterCursor,
  mergeTimeline,
  type Theme,
  type TimelineItemDto,
  type TimelineKind,
  type TimelinePageDto,
  type TypeEvenementDto,
} from '@imilo/domain';
import type { IconName } from '@imilo/ui';
import { filter, skip, type Subscription } from 'rxjs';
import { Connectivity } from '../../../core/connectivity';
import { isUnreachable, toRequestFailure } from '../../../core/http/problem';
import { OfflineCache } from '../../../core/offline/offline-cache';
import { Outbox } from '../../../core/offline/outbox';
import type { OutboxStatus } from '../../../core/offline/outbox.model';
import { EvenementsApi, type TimelineRequest } from '../evenements-api';
import { formatTimelineDate, statutLabel, themeLabels, TIMELINE_KIND_ICONS, TIMELINE_KIND_SINGULAR } from './timeline-format';

/** Items per page: a few months of a busy dossier, and enough to fill a tablet's screen several times. */
export const TIMELINE_PAGE_SIZE = 50;

/** The timeline's filters; an empty `kinds` lists every kind. */
export interface TimelineFilters {
  readonly kinds: readonly TimelineKind[];
  readonly theme: Theme | null;
  /** A type of événement's code: the événements of that type only. */
  readonly typeEvenement: string | null;
}

/** No filter: the whole parcours. */
export const NO_TIMELINE_FILTERS: TimelineFilters = { kinds: [], theme: null, typeEvenement: null };

/** The key of a dossier's first timeline page in the offline cache. */
export const timelineCacheKey = (jeuneId: string): string => `timeline:${jeuneId}`;

/** One line of the timeline as shown. */
export interface TimelineItemRow {
  readonly type: 'item';
  readonly key: string;
  readonly mois: string;
  readonly item: TimelineItemDto;
  readonly icon: IconName;
  readonly kindLabel: string;
  /** "mar. 14 oct. · 14 h 30", in the Mission Locale's timezone. */
  readonly quand: string;
  readonly statut: string | null;
  readonly themes: readonly string[];
  /** Where the write behind it stands, while it is still in this device's outbox. */
  readonly sync: OutboxStatus | null;
  /** Whether that write is its deletion (the item stays shown until imilo has it). */
  readonly suppression: boolean;
}

/** A month's heading ("novembre 2026"). */
export interface TimelineMonthRow {
  readonly type: 'month';
  readonly key: string;
  readonly mois: string;
}

/** Month headings and items, flattened in display order (one list for the virtual scroll). */
export type TimelineRow = TimelineMonthRow | TimelineItemRow;

/** Where the first page stands. */
export type TimelineStatus = 'idle' | 'loading' | 'loaded' | 'failed';

interface TimelineState {
  readonly jeuneId: string | null;
  readonly timeZone: string;
  readonly filters: TimelineFilters;
  readonly status: TimelineStatus;
  /** The pages read so far, in timeline order. */
  readonly items: readonly TimelineItemDto[];
  readonly nextCursor: string | null;
  readonly error: string | null;
  /** When the cached page shown (the BFF could not be reached) was saved (ISO). */
  readonly offlineSince: string | null;
  readonly loadingMore: boolean;
  readonly moreError: string | null;
}

const OFFLINE_NOTHING_CACHED =
  "Impossible de joindre imilo, et le parcours de ce jeune n'a pas encore été affiché sur cet appareil. Réessayez une fois la connexion revenue.";

const isUnfiltered = (filters: TimelineFilters): boolean =>
  filters.kinds.length === 0 && filters.theme === null && filters.typeEvenement === null;

/** Whether an item passes the filters, as the BFF applies them (pending items and the cached page are filtered here). */
export const matchesFilters = (item: TimelineItemDto, filters: TimelineFilters): boolean =>
  (filters.kinds.length === 0 || filters.kinds.includes(item.kind)) &&
  (filters.theme === null || item.themes.includes(filters.theme)) &&
  (filters.typeEvenement === null || (item.kind === 'evenement' && item.typeEvenement === filters.typeEvenement));

const toRequest = (filters: TimelineFilters, cursor: string | null): TimelineRequest => ({
  limit: TIMELINE_PAGE_SIZE,
  ...(cursor === null ? {} : { cursor }),
  ...(filters.kinds.length === 0 ? {} : { kinds: filters.kinds }),
  ...(filters.theme === null ? {} : { theme: filters.theme }),
  ...(filters.typeEvenement === null ? {} : { typeEvenement: filters.typeEvenement }),
});

const itemKey = (item: Pick<TimelineItemDto, 'kind' | 'id'>): string => `${item.kind}:${item.id}`;

/**
 * The parcours of one jeune: pages read from the BFF with the filters in force, the writes still waiting in this
 * device's outbox merged in, and the first page kept for offline reading. Provided by `Timeline`.
 */
@Injectable()
export class TimelineStore {
  private readonly api = inject(EvenementsApi);
  private readonly cache = inject(OfflineCache);
  private readonly outbox = inject(Outbox);
  private readonly state = signal<TimelineState>({
    jeuneId: null,
    timeZone: 'UTC',
    filters: NO_TIMELINE_FILTERS,
    status: 'idle',
    items: [],
    nextCursor: null,
    error: null,
    offlineSince: null,
    loadingMore: false,
    moreError: null,
  });
  /** Bumped by each first-page load: an answer (or a cache read) of an older one is ignored. */
  private generation = 0;
  private request: Subscription | null = null;
  private typesRequest: Subscription | null = null;

  readonly filters = computed(() => this.state().filters);
  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly offlineSince = computed(() => this.state().offlineSince);
  readonly loadingMore = computed(() => this.state().loadingMore);
  readonly moreError = computed(() => this.state().moreError);
  /** Whether older items remain on the BFF. */
  readonly hasMore = computed(() => this.state().status === 'loaded' && this.state().nextCursor !== null);
  /** Whether a filter is in force. */
  readonly isFiltered = computed(() => !isUnfiltered(this.state().filters));
  private readonly types = signal<readonly TypeEvenementDto[]>([]);
  /** The types of événement, for the filter (empty until read, or when they could not be). */
  readonly typesEvenement = this.types.asReadonly();

  /** This jeune's queued writes that show on the timeline (those with a preview). */
  private readonly pendingEntries = computed(() => {
    const jeuneId = this.state().jeuneId;
    return this.outbox.entries().filter((entry) => entry.jeuneId === jeuneId && entry.preview !== undefined);
  });

  /** The items shown: the pages read, and the pending ones that pass the filters and fall within them. */
  readonly items = computed<readonly TimelineItemDto[]>(() => {
    const { items, nextCursor, filters } = this.state();
    const last = items.at(-1);
    const pending = this.pendingEntries()
      .flatMap((entry) => (entry.preview === undefined ? [] : [entry.preview]))
      .filter((item) => matchesFilters(item, filters))
      // An older pending item waits for the page it belongs to, so that the list stays in order.
      .filter((item) => nextCursor === null || last === undefined || !isAfterCursor(item, last))
      .sort(compareTimeline);
    // The pending copy first: it wins over the BFF's (an événement edited offline shows as typed).
    return mergeTimeline([pending, items]);
  });

  /** Month headings and items, flattened for the virtual scroll. */
  readonly rows = computed<readonly TimelineRow[]>(() => {
    const timeZone = this.state().timeZone;
    // In queue order: the last write of an item (its deletion after a correction) is the one it shows.
    const writes = new Map(
      this.pendingEntries().flatMap((entry) => (entry.preview === undefined ? [] : [[itemKey(entry.preview), entry] as const])),
    );
    return groupTimelineByMonth(this.items(), timeZone).flatMap(({ mois, items }) => [
      { type: 'month' as const, key: `mois:${mois}`, mois },
      ...items.map(
        (item): TimelineItemRow => ({
          type: 'item',
          key: itemKey(item),
          mois,
          item,
          icon: TIMELINE_KIND_ICONS[item.kind],
          kindLabel: TIMELINE_KIND_SINGULAR[item.kind],
          quand: formatTimelineDate(item, timeZone),
          statut: statutLabel(item),
          themes: themeLabels(item.themes),
          sync: writes.get(itemKey(item))?.status ?? null,
          suppression: writes.get(itemKey(item))?.method === 'DELETE',
        }),
      ),
    ]);
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => {
      this.request?.unsubscribe();
      this.typesRequest?.unsubscribe();
    });
    // A write of this jeune reached the BFF: the page now has it (and its server-side effects, a situation's dates).
    this.outbox.deliveries
      .pipe(
        filter(({ entry }) => entry.jeuneId === this.state().jeuneId),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => this.loadFirstPage());
    // Back online: the cached page or the failure is replaced by the BFF's.
    inject(Connectivity)
      .online$.pipe(
        skip(1),
        filter((online) => online && (this.state().offlineSince !== null || this.state().status === 'failed')),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => this.loadFirstPage());
  }

  /** Shows a jeune's parcours, dated in the Mission Locale's timezone; the same jeune again only changes the zone. */
  open(jeuneId: string, timeZone: string): void {
    const sameJeune = this.state().jeuneId === jeuneId;
    this.state.update((state) => ({
      ...state,
      jeuneId,
      timeZone,
      ...(sameJeune ? {} : { filters: NO_TIMELINE_FILTERS, items: [], nextCursor: null }),
    }));
    if (!sameJeune) {
      this.loadFirstPage();
      this.loadTypes();
    }
  }

  /** Changes some filters and reads the first page again. */
  filter(change: Partial<TimelineFilters>): void {
    this.state.update((state) => ({ ...state, filters: { ...state.filters, ...change }, items: [], nextCursor: null }));
    this.loadFirstPage();
  }

  /** Back to the whole parcours. */
  clearFilters(): void {
    this.filter(NO_TIMELINE_FILTERS);
  }

  /** Reads the first page again (after a failure, or to refresh). */
  reload(): void {
    this.loadFirstPage();
  }

  /** Reads the page after the last one, once at a time. */
  loadMore(): void {
    const { jeuneId, nextCursor, filters, status, loadingMore } = this.state();
    if (jeuneId === null || nextCursor === null || status !== 'loaded' || loadingMore) {
      return;
    }
    const generation = this.generation;
    this.state.update((state) => ({ ...state, loadingMore: true, moreError: null }));
    this.request = this.api.timeline(jeuneId, toRequest(filters, nextCursor)).subscribe({
      next: (page) => {
        if (generation === this.generation) {
          this.state.update((state) => ({
            ...state,
            items: [...state.items, ...page.items],
            nextCursor: page.nextCursor,
            loadingMore: false,
          }));
        }
      },
      error: (error: unknown) => {
        if (generation === this.generation) {
          this.state.update((state) => ({ ...state, loadingMore: false, moreError: toRequestFailure(error).message }));
        }
      },
    });
  }

  private loadFirstPage(): void {
    const { jeuneId, filters } = this.state();
    if (jeuneId === null) {
      return;
    }
    const generation = ++this.generation;
    this.request?.unsubscribe();
    // The items read stay on screen while the new page comes (a refresh after a delivery does not blink).
    this.state.update((state) => ({ ...state, status: 'loading', error: null, loadingMore: false, moreError: null }));
    this.request = this.api.timeline(jeuneId, toRequest(filters, null)).subscribe({
      next: (page) => {
        this.state.update((state) => ({
          ...state,
          status: 'loaded',
          items: page.items,
          nextCursor: page.nextCursor,
          offlineSince: null,
        }));
        if (isUnfiltered(filters)) {
          void this.cache.put(timelineCacheKey(jeuneId), page);
        }
      },
      error: (error: unknown) => {
        if (isUnreachable(error)) {
          void this.showCachedPage(generation, jeuneId, filters);
        } else {
          this.fail(toRequestFailure(error).message);
        }
      },
    });
  }

  /** Offline: the first page as last read on this device, filtered here; nothing further can be read. */
  private async showCachedPage(generation: number, jeuneId: string, filters: TimelineFilters): Promise<void> {
    const cached = await this.cache.get<TimelinePageDto>(timelineCacheKey(jeuneId));
    if (generation !== this.generation) {
      return;
    }
    if (cached === null) {
      this.fail(OFFLINE_NOTHING_CACHED);
      return;
    }
    this.state.update((state) => ({
      ...state,
      status: 'loaded',
      items: cached.value.items.filter((item) => matchesFilters(item, filters)),
      nextCursor: null,
      offlineSince: cached.savedAt,
    }));
  }

  private fail(message: string): void {
    this.state.update((state) => ({ ...state, status: 'failed', error: message, items: [], nextCursor: null }));
  }

  private loadTypes(): void {
    this.typesRequest?.unsubscribe();
    // The filter works without them (it is hidden): the service worker usually answers from its cache anyway.
    this.typesRequest = this.api.typesEvenement().subscribe({
      next: (types) => this.types.set(types),
      error: () => this.types.set([]),
    });
  }
}
