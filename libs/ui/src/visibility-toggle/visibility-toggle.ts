import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { UiIcon } from '../icon/icon';

/** Button that shows or hides a secret field's content (e.g. a password), for use as a `matSuffix`. */
@Component({
  selector: 'ui-visibility-toggle',
  imports: [UiIcon, MatIconButton],
  templateUrl: './visibility-toggle.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'ui-visibility-toggle' },
})
export class UiVisibilityToggle {
  /** Whether the secret is shown in clear. */
  readonly visible = model(false);
  /** What is shown or hidden, to complete the button's label ("le mot de passe"). */
  readonly subject = input('le mot de passe');

  // A toggle keeps one label; aria-pressed says whether it is on (a changing label would contradict it).
  protected readonly label = computed(() => `Afficher ${this.subject()}`);

  protected toggleVisibility(): void {
    this.visible.update((visible) => !visible);
  }
}
