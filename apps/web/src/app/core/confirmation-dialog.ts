import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

/** The question and its two answers; the dialog closes with `true` for `confirm`. */
export interface ConfirmationDialogData {
  readonly title: string;
  readonly message: string;
  readonly confirm: string;
  /** The safe answer: "Annuler" unless the question calls for another word ("Rester sur la page"). */
  readonly cancel?: string;
}

/**
 * Asks before what cannot be undone: leaving a form with unsaved input, throwing away writes the BFF does not have
 * yet. The safe answer has the focus, so that a hasty Enter loses nothing.
 */
@Component({
  selector: 'app-confirmation-dialog',
  imports: [MatButton, MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>{{ data.cancel ?? 'Annuler' }}</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">{{ data.confirm }}</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmationDialog {
  protected readonly data = inject<ConfirmationDialogData>(MAT_DIALOG_DATA);
}
