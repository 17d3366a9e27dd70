import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { UiIcon } from '../icon/icon';
import type { IconName } from '../icon/icon-paths';

/**
 * Says that a list is empty and what to do about it; the call to action is projected
 * (e.g. a button "Créer un utilisateur").
 */
@Component({
  selector: 'ui-empty-state',
  imports: [UiIcon],
  templateUrl: './empty-state.html',
  styleUrl: './empty-state.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'ui-empty-state', role: 'status' },
})
export class UiEmptyState {
  /** Icon shown above the message. */
  readonly icon = input<IconName>('inbox');
  /** What is empty, as a short sentence ("Aucun utilisateur pour le moment."). */
  readonly message = input.required<string>();
}
