import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { UiIcon } from '@imilo/ui';

/**
 * "Retirer" under one row of a list in a section form (a diplôme, a ressource…); its accessible name says which
 * row ("Retirer la ressource 2"), the visible word stays short.
 */
@Component({
  selector: 'app-remove-row-button',
  imports: [MatButton, UiIcon],
  template: `
    <button mat-button type="button" class="section-form-add" [attr.aria-label]="label()" (click)="removed.emit()">
      <ui-icon name="delete" />
      Retirer
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RemoveRowButton {
  /** The accessible name, naming the row. */
  readonly label = input.required<string>();
  readonly removed = output<void>();
}
