import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * Says that a list is empty and what to do about it; the call to action is projected
 * (e.g. a button "Créer un utilisateur").
 */
@Component({
  selector: 'ui-empty-state',
  templateUrl: './empty-state.html',
  styleUrl: './empty-state.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'ui-empty-state', role: 'status' },
})
export class UiEmptyState {
  /** Material Symbols ligature shown above the message. */
  readonly icon = input('inbox');
  /** What is empty, as a short sentence ("Aucun utilisateur pour le moment."). */
  readonly message = input.required<string>();
}
