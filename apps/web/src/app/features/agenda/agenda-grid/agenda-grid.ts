import { type CdkDragEnd, DragDropModule } from '@angular/cdk/drag-drop';
import { booleanAttribute, ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { AgendaCardView } from '../agenda-card/agenda-card';
import { dropShift, GRID_HOURS, GRID_MINUTES, GRID_SLOTS, GRID_START_MINUTES, PX_PAR_MINUTE } from '../agenda-layout';
import { estWeekEnd, heureDeMinutes, libelleJour, libelleJourCourt, minutesDans, plusJours } from '../agenda-time';
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

interface ColumnVm {
  readonly day: AgendaDay;
  readonly label: string;
  readonly shortLabel: string;
  readonly isToday: boolean;
  readonly isWeekEnd: boolean;
  readonly slots: readonly { readonly minutes: number; readonly label: string }[];
}

/**
 * The hour grid of one day (day view) or of a week (7 columns, the weekend narrower): 7 h to 20 h in the Mission
 * Locale's zone, cards placed by start and duration (positions computed by the store), an empty 30-minute slot
 * tapped to create, a card dragged to another slot to move it (tablets and mouse: a long press on touch).
 */
@Component({
  selector: 'app-agenda-grid',
  imports: [DragDropModule, AgendaCardView],
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

  protected readonly gridHeight = GRID_MINUTES * PX_PAR_MINUTE;
  protected readonly pxParMinute = PX_PAR_MINUTE;
  protected readonly hours = GRID_HOURS.map((hour) => ({ hour, top: (hour * 60 - GRID_START_MINUTES) * PX_PAR_MINUTE, label: `${hour} h` }));
  protected readonly isWeek = computed(() => this.days().length > 1);
  protected readonly columns = computed<readonly ColumnVm[]>(() =>
    this.days().map((day) => {
      const label = libelleJour(day.jour);
      return {
        day,
        label,
        shortLabel: libelleJourCourt(day.jour),
        isToday: day.jour === this.aujourdhui(),
        isWeekEnd: estWeekEnd(day.jour),
        slots: GRID_SLOTS.map((minutes) => ({ minutes, label: `Nouveau rendez-vous le ${label} à ${heureDeMinutes(minutes)}` })),
      };
    }),
  );
  private lastDragEnd = 0;

  protected slotTop(minutes: number): number {
    return (minutes - GRID_START_MINUTES) * PX_PAR_MINUTE;
  }

  protected open(card: AgendaCard): void {
    if (performance.now() - this.lastDragEnd > CLICK_AFTER_DRAG_MS) {
      this.openCard.emit(card);
    }
  }

  protected dropped(card: AgendaCard, event: CdkDragEnd): void {
    this.lastDragEnd = performance.now();
    const column = event.source.element.nativeElement.closest<HTMLElement>('.agenda-grid-column');
    const shift = dropShift(event.distance, this.isWeek() ? (column?.offsetWidth ?? 0) : 0);
    // The card goes back to its place: it moves for real once the conseiller confirms and the store has the write.
    event.source.reset();
    if (shift.jours === 0 && shift.minutes === 0) {
      return;
    }
    this.move.emit({ card, jour: plusJours(card.jour, shift.jours), minutes: minutesDans(card.debut, this.timeZone()) + shift.minutes });
  }
}
