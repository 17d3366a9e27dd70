import { CdkVirtualScrollViewport, ScrollingModule, VIRTUAL_SCROLL_STRATEGY } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { type MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { THEME_LABELS, THEMES, type Theme, TIMELINE_KIND_LABELS, TIMELINE_KINDS, type TimelineKind } from '@imilo/domain';
import { UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import { isUnreachable, toRequestFailure } from '../../../core/http/problem';
import { DossierStore } from '../../dossiers/dossier/dossier.store';
import { EvenementSheetLauncher } from '../evenement-sheet/evenement-sheet-launcher';
import { EvenementsApi } from '../evenements-api';
import { TimelineScrollStrategy } from './timeline-scroll-strategy';
import { formatTimelineDate } from './timeline-format';
import { type TimelineItemRow, type TimelineRow, TimelineStore } from './timeline.store';

/** Height of a month heading row, in pixels (kept in line with timeline.scss). */
export const MONTH_ROW_HEIGHT = 48;
/** Height of an item row, in pixels (kept in line with timeline.scss). */
export const ITEM_ROW_HEIGHT = 120;
/** Rows left below the rendered range when the next page is asked for. */
const NEXT_PAGE_THRESHOLD = 10;

/** The detail of an événement is read from the BFF only: offline, it cannot be opened. */
export const DETAIL_HORS_LIGNE = "Détail indisponible hors ligne : il n'est lisible qu'avec la connexion. Réessayez une fois revenue.";

const isTimelineKind = (value: unknown): value is TimelineKind => TIMELINE_KINDS.some((kind) => kind === value);

/**
 * A jeune's parcours, newest first, grouped by month in the Mission Locale's timezone: événements, propositions,
 * actions and situations, with filters sent to the BFF, further pages read while scrolling, the writes still waiting
 * on this device badged, and the last page read shown when offline. What to do on an empty parcours is projected
 * (`[timelineEmptyAction]`). Within a dossier's page, an événement opens in the quick-entry sheet, to correct it or read
 * it; one still waiting on this device does not (imilo does not have it yet, or it is already being changed).
 */
@Component({
  selector: 'app-timeline',
  imports: [
    MatButton,
    MatChipsModule,
    MatFormFieldModule,
    MatProgressBar,
    MatSelectModule,
    ScrollingModule,
    UiEmptyState,
    UiErrorMessage,
    UiIcon,
  ],
  providers: [TimelineStore, TimelineScrollStrategy, { provide: VIRTUAL_SCROLL_STRATEGY, useExisting: TimelineScrollStrategy }],
  templateUrl: './timeline.html',
  styleUrl: './timeline.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Timeline {
  /** The jeune whose parcours is shown. */
  readonly jeuneId = input.required<string>();
  /** The Mission Locale's IANA timezone: months and times are its own, not the device's. */
  readonly timeZone = input.required<string>();

  protected readonly store = inject(TimelineStore);
  private readonly api = inject(EvenementsApi);
  private readonly launcher = inject(EvenementSheetLauncher);
  private readonly destroyRef = inject(DestroyRef);
  /** The dossier shown around the timeline: the sheet needs its Mission Locale (its sites). */
  private readonly dossier = inject(DossierStore, { optional: true })?.dossier ?? signal(null);
  private readonly scrollStrategy = inject(TimelineScrollStrategy);
  private readonly viewport = viewChild(CdkVirtualScrollViewport);

  protected readonly kinds = TIMELINE_KINDS.map((kind) => ({ kind, label: TIMELINE_KIND_LABELS[kind] }));
  protected readonly themes = THEMES.map((theme) => ({ theme, label: THEME_LABELS[theme] }));
  protected readonly rows = this.store.rows;
  protected readonly filters = this.store.filters;
  /** The first row visible, whose month the heading over the list shows. */
  private readonly firstVisible = signal(0);
  /** Whether the événements open (inside a dossier's page). */
  protected readonly canOpen = computed(() => this.dossier() !== null);
  /** The key of the row whose détail is being read. */
  protected readonly opening = signal<string | null>(null);
  /** Why the last détail asked for could not be read. */
  protected readonly detailError = signal<string | null>(null);

  protected readonly currentMonth = computed(() => this.rows()[this.firstVisible()]?.mois ?? this.rows()[0]?.mois ?? '');
  protected readonly offlineMessage = computed(() => {
    const since = this.store.offlineSince();
    return since === null ? null : `Hors ligne — données du ${formatTimelineDate({ at: since, kind: 'evenement' }, this.timeZone())}`;
  });
  protected readonly countText = computed(() => {
    if (this.store.status() !== 'loaded') {
      return '';
    }
    const count = this.rows().filter((row) => row.type === 'item').length;
    return count === 0 ? '' : `${count} élément${count > 1 ? 's' : ''} affiché${count > 1 ? 's' : ''}`;
  });

  constructor() {
    effect(() => {
      const jeuneId = this.jeuneId();
      const timeZone = this.timeZone();
      untracked(() => this.store.open(jeuneId, timeZone));
    });
    // Before the template renders the new rows, so that the strategy's offsets match them.
    effect(() => {
      this.scrollStrategy.setHeights(this.rows().map((row) => (row.type === 'month' ? MONTH_ROW_HEIGHT : ITEM_ROW_HEIGHT)));
    });
    // The list may be laid out hidden (a tab not yet shown, a closed panel on a phone): measured again when it shows.
    effect((onCleanup) => {
      const viewport = this.viewport();
      if (viewport === undefined || typeof ResizeObserver === 'undefined') {
        return;
      }
      const observer = new ResizeObserver(() => viewport.checkViewportSize());
      observer.observe(viewport.elementRef.nativeElement);
      onCleanup(() => observer.disconnect());
    });
  }

  protected filterKinds(change: MatChipListboxChange): void {
    const value: unknown = change.value;
    this.store.filter({ kinds: Array.isArray(value) ? value.filter(isTimelineKind) : [] });
  }

  protected filterTheme(theme: Theme | null): void {
    this.store.filter({ theme });
  }

  protected filterType(typeEvenement: string | null): void {
    this.store.filter({ typeEvenement });
  }

  /** Near the end of what is read, the next page is asked for. */
  protected scrolled(index: number): void {
    this.firstVisible.set(index);
    const viewport = this.viewport();
    if (viewport !== undefined && viewport.getRenderedRange().end >= this.rows().length - NEXT_PAGE_THRESHOLD) {
      this.store.loadMore();
    }
  }

  /** Reads the événement's détail, then opens it in the sheet; offline, says it cannot be read. */
  protected openEvenement(row: TimelineItemRow): void {
    const dossier = this.dossier();
    if (dossier === null || this.opening() !== null) {
      return;
    }
    this.opening.set(row.key);
    this.detailError.set(null);
    this.api
      .evenement(row.item.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (evenement) => {
          this.opening.set(null);
          this.launcher.open(dossier, evenement);
        },
        error: (error: unknown) => {
          this.opening.set(null);
          this.detailError.set(isUnreachable(error) ? DETAIL_HORS_LIGNE : toRequestFailure(error).message);
        },
      });
  }

  protected trackRow(_index: number, row: TimelineRow): string {
    return row.key;
  }
}
