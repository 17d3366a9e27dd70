import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { AgendaCardView } from '../agenda-card/agenda-card';
import { libelleJour } from '../agenda-time';
import type { AgendaCard, AgendaDay } from '../agenda.store';

/** The list view (the phone's default): the days that have something, each under its heading, soonest first. */
@Component({
  selector: 'app-agenda-list',
  imports: [AgendaCardView],
  template: `
    @for (group of groups(); track group.jour) {
      <section class="agenda-list-day" [attr.aria-labelledby]="'agenda-list-' + group.jour">
        <h3 class="agenda-list-heading" [id]="'agenda-list-' + group.jour">
          {{ group.label }}@if (group.jour === aujourdhui()) { <span class="agenda-list-today"> · aujourd'hui</span>}
        </h3>
        <ul class="agenda-list-items">
          @for (card of group.cards; track card.key) {
            <li>
              <button type="button" class="agenda-list-item" [attr.aria-label]="card.ariaLabel" (click)="openCard.emit(card)">
                <app-agenda-card [card]="card" />
              </button>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styleUrl: './agenda-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgendaList {
  readonly days = input.required<readonly AgendaDay[]>();
  readonly aujourdhui = input.required<string>();
  readonly openCard = output<AgendaCard>();

  protected readonly groups = computed(() =>
    this.days()
      .filter(({ cards }) => cards.length > 0)
      .map(({ jour, cards }) => ({ jour, cards, label: libelleJour(jour) })),
  );
}
