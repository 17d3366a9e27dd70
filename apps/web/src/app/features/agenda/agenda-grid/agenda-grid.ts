import { DragDrop, type DragRef, type Point } from '@angular/cdk/drag-drop';
import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { AgendaCardView } from '../agenda-card/agenda-card';
import { dropShift, GRID_HOURS, GRID_MINUTES, GRID_START_MINUTES, PX_PAR_MINUTE, slotAt } from '../agenda-layout';
import { estWeekEnd, libelleJour, libelleJourCourt, minutesDans, plusJours } from '../agenda-time';
import type { AgendaCard, AgendaDay } from '../agenda.store';

/** A tap on an empty slot: where to create. */
export interface SlotChoice {
  readonly jour: string;
  readonly minutes: number;
}

/** A card dropped on another slot. */
export interface CardMove {
  readonly card: AgendaCard;
  readonly jour: string;
  /** Minutes since the local midnight. */
  readonly minutes: number;
}

/** A click that ends a drag is not a tap. */
const CLICK_AFTER_DRAG_MS = 300;

/** As `cdkDrag` sets them: a press becomes a drag past 5 px; on touch, after a long press. */
const DRAG_CONFIG = { dragStartThreshold: 5, pointerDirectionChangeThreshold: 5 };
const DRAG_START_DELAY = { touch: 250, mouse: 0 };
/** Cards drawn in one frame after the first: a busy day's column (12 cards), or several light ones together. */
const CARDS_PER_FRAME = 12;

interface ColumnVm {
  readonly jour: string;
  readonly label: string;
  readonly shortLabel: string;
  readonly isToday: boolean;
  readonly isWeekEnd: boolean;
}

/**
 * The hour grid of one day (day view) or of a week (7 columns, the weekend narrower): 7 h to 20 h in the Mission
 * Locale's zone, cards placed by start and duration (positions computed by the store), the empty grid tapped to
 * create in its 30-minute slot, a card dragged to another slot to move it (tablets and mouse: a long press on touch).
 *
 * A week of 60 items must draw without jank on a mid-range tablet (#5): its columns are drawn a few a frame, today's
 * first; one click handler and one drag for the whole grid rather than a listener and a `cdkDrag` per card and 26
 * slot buttons per column.
 */
@Component({
  selector: 'app-agenda-grid',
  imports: [AgendaCardView],
  templateUrl: './agenda-grid.html',
  styleUrl: './agenda-grid.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'agenda-grid', '[style.--agenda-grid-height.px]': 'gridHeight' },
})
export class AgendaGrid {
  readonly days = input.required<readonly AgendaDay[]>();
  readonly timeZone = input.required<string>();
  readonly aujourdhui = input.required<string>();
  /** Whether cards may be dragged (a fine pointer or a wide screen). */
  readonly draggable = input(false, { transform: booleanAttribute });
  /** Whether a slot tap creates (the user may plan in this agenda). */
  readonly creatable = input(false, { transform: booleanAttribute });

  readonly openCard = output<AgendaCard>();
  readonly createAt = output<SlotChoice>();
  readonly move = output<CardMove>();

  private readonly dragDrop = inject(DragDrop);
  protected readonly gridHeight = GRID_MINUTES * PX_PAR_MINUTE;
  protected readonly pxParMinute = PX_PAR_MINUTE;
  protected readonly hours = GRID_HOURS.map((hour) => ({ hour, top: (hour * 60 - GRID_START_MINUTES) * PX_PAR_MINUTE, label: `${hour} h` }));
  protected readonly isWeek = computed(() => this.days().length > 1);
  protected readonly columns = computed<readonly ColumnVm[]>(() =>
    this.days().map(({ jour }) => ({
      jour,
      label: libelleJour(jour),
      shortLabel: libelleJourCourt(jour),
      isToday: jour === this.aujourdhui(),
      isWeekEnd: estWeekEnd(jour),
    })),
  );

  /**
   * The day each column draws: the latest one once its turn has come. When the days change, today's column (or the
   * first) draws at once and the others in the next frames, about CARDS_PER_FRAME cards a frame (the effect below), so
   * that no task creates a whole week of cards; meanwhile a column keeps what it drew of the same day, and a day new to
   * the grid stays empty.
   */
  private readonly drawn = linkedSignal<readonly AgendaDay[], ReadonlyMap<string, AgendaDay>>({
    source: this.days,
    computation: (days, previous) => {
      const drawn = new Map<string, AgendaDay>();
      for (const day of days) {
        const before = previous?.value.get(day.jour);
        if (before !== undefined) {
          drawn.set(day.jour, before);
        }
      }
      const first = days.find(({ jour }) => jour === this.aujourdhui()) ?? days[0];
      if (first !== undefined) {
        drawn.set(first.jour, first);
      }
      return drawn;
    },
  });
  private readonly toDraw = computed(() => this.days().filter((day) => this.drawn().get(day.jour) !== day));
  /** The cards each column draws, by day. */
  protected readonly drawnPlaced = computed(() => {
    const drawn = this.drawn();
    return new Map(this.days().map(({ jour }) => [jour, drawn.get(jour)?.placed ?? []]));
  });
  private readonly cardsByKey = computed(() => new Map(this.days().flatMap(({ cards }) => cards.map((card) => [card.key, card] as const))));

  /**
   * The grid's single drag, put on the card pressed. Created with the grid, disabled, rather than at the first press:
   * its registration adds a document-wide touch listener, a cost for the tap that would open a card.
   */
  private readonly drag: DragRef<AgendaCard>;
  private lastDragEnd = 0;

  constructor() {
    effect((onCleanup) => {
      const toDraw = this.toDraw();
      if (toDraw.length === 0) {
        return;
      }
      const frame = requestAnimationFrame(() =>
        this.drawn.update((drawn) => {
          const next = new Map(drawn);
          let cards = 0;
          for (const day of toDraw) {
            if (cards > 0 && cards + day.placed.length > CARDS_PER_FRAME) {
              break;
            }
            next.set(day.jour, day);
            cards += day.placed.length;
          }
          return next;
        }),
      );
      onCleanup(() => cancelAnimationFrame(frame));
    });
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    this.drag = this.createDrag(host);
    // Capture phase: the drag's own listeners on the card pressed then receive this same event. Not a template
    // listener: a press that is not a drag should not check the grid.
    const arm = (event: Event) => this.armDrag(event.target as Element);
    host.addEventListener('mousedown', arm, { capture: true });
    host.addEventListener('touchstart', arm, { capture: true, passive: true });
    inject(DestroyRef).onDestroy(() => {
      host.removeEventListener('mousedown', arm, { capture: true });
      host.removeEventListener('touchstart', arm, { capture: true });
      this.drag.dispose();
    });
  }

  /** A card opens; the empty grid of a column creates in the slot under the pointer (keyboard: « Nouveau rendez-vous »). */
  protected tap(event: MouseEvent): void {
    if (performance.now() - this.lastDragEnd <= CLICK_AFTER_DRAG_MS) {
      return;
    }
    const target = event.target as HTMLElement;
    const key = target.closest<HTMLElement>('.agenda-grid-card')?.dataset['key'];
    if (key !== undefined) {
      const card = this.cardsByKey().get(key);
      if (card !== undefined) {
        this.openCard.emit(card);
      }
      return;
    }
    const jour = target.dataset['jour'];
    if (this.creatable() && jour !== undefined) {
      this.createAt.emit({ jour, minutes: slotAt(event.offsetY) });
    }
  }

  private armDrag(target: Element): void {
    if (this.drag.isDragging()) {
      return;
    }
    const element = target.closest<HTMLElement>('.agenda-grid-card');
    const card = element === null ? undefined : this.cardsByKey().get(element.dataset['key'] ?? '');
    if (element === null || card === undefined || !this.draggable() || !card.deplacable) {
      // The drag may still sit on this card from an earlier press, when it was draggable.
      this.drag.disabled = true;
      return;
    }
    this.drag.withRootElement(element).withBoundaryElement(element.closest<HTMLElement>('.agenda-grid-columns'));
    this.drag.lockAxis = this.isWeek() ? null : 'y';
    this.drag.disabled = false;
    this.drag.data = card;
  }

  private createDrag(host: HTMLElement): DragRef<AgendaCard> {
    const drag = this.dragDrop.createDrag<AgendaCard>(host, DRAG_CONFIG);
    drag.disabled = true;
    drag.dragStartDelay = DRAG_START_DELAY;
    drag.started.subscribe(() => drag.getRootElement().classList.add('agenda-grid-card-dragging'));
    drag.ended.subscribe(({ distance }) => {
      drag.getRootElement().classList.remove('agenda-grid-card-dragging');
      this.dropped(drag, distance);
    });
    return drag;
  }

  private dropped(drag: DragRef<AgendaCard>, distance: Point): void {
    this.lastDragEnd = performance.now();
    const card = drag.data;
    const column = drag.getRootElement().closest<HTMLElement>('.agenda-grid-column');
    const shift = dropShift(distance, this.isWeek() ? (column?.offsetWidth ?? 0) : 0);
    // The card goes back to its place: it moves for real once the conseiller confirms and the store has the write.
    drag.reset();
    if (shift.jours === 0 && shift.minutes === 0) {
      return;
    }
    this.move.emit({ card, jour: plusJours(card.jour, shift.jours), minutes: minutesDans(card.debut, this.timeZone()) + shift.minutes });
  }
}
