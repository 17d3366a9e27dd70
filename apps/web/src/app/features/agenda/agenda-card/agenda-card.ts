import { booleanAttribute, ChangeDetectionStrategy, Component, input } from '@angular/core';
import { UiIcon } from '@imilo/ui';
import type { AgendaCard } from '../agenda.store';

/**
 * What a rendez-vous or a session shows in the agenda: time, jeune (or title), type, modalité icon and statuses, each
 * status a word (colour only adds to it). Presentational: the button around it belongs to the view.
 */
@Component({
  selector: 'app-agenda-card',
  imports: [UiIcon],
  template: `
    <span class="agenda-card-line">
      <span class="agenda-card-time">{{ card().horaire }}</span>
      <ui-icon class="agenda-card-icon" [name]="card().icon" />
      <span class="agenda-card-title">{{ card().titre }}</span>
    </span>
    @if (!compact()) {
      <span class="agenda-card-detail">{{ card().detail }}@if (card().modalite) { · {{ card().modalite }}}</span>
    }
    @if (card().statuts.length > 0) {
      <span class="agenda-card-statuts">
        @for (statut of card().statuts; track statut.label) {
          <span class="agenda-card-statut" [class]="'agenda-card-statut-' + statut.tone">{{ statut.label }}</span>
        }
      </span>
    }
  `,
  styleUrl: './agenda-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'agenda-card',
    '[class.agenda-card-session]': "card().kind === 'session'",
    '[class.agenda-card-cancelled]': "card().rendezVous?.statut === 'ANNULE'",
    '[class.agenda-card-pending]': 'card().sync !== null',
  },
})
export class AgendaCardView {
  readonly card = input.required<AgendaCard>();
  /** Time, name and statuses only (a short item on the grid). */
  readonly compact = input(false, { transform: booleanAttribute });
}
