import { booleanAttribute, ChangeDetectionStrategy, Component, input } from '@angular/core';
import { UiIcon } from '../icon/icon';
import type { IconName } from '../icon/icon-paths';

/**
 * A message that something went wrong (or cannot work now), in the error colours with an icon so that colour is not
 * the only signal. Announced at once by screen readers, or politely when it only describes a state (offline).
 */
@Component({
  selector: 'ui-error-message',
  imports: [UiIcon],
  template: `<ui-icon [name]="icon()" /><span>{{ message() }}</span>`,
  styleUrl: './error-message.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'ui-error-message', '[attr.role]': "polite() ? 'status' : 'alert'" },
})
export class UiErrorMessage {
  /** What happened and, when possible, what to do, in plain French. */
  readonly message = input.required<string>();
  /** Icon before the message. */
  readonly icon = input<IconName>('error');
  /** Whether the message describes a state rather than a failure the user just caused. */
  readonly polite = input(false, { transform: booleanAttribute });
}
