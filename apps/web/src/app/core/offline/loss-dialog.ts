import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

/** What the dialog asks; it closes with `true` when the loss is accepted. */
export interface LossDialogData {
  readonly title: string;
  readonly message: string;
  readonly confirm: string;
}

/** Asks before writes that the BFF does not have yet are thrown away. Keeping them is the default. */
@Component({
  selector: 'app-loss-dialog',
  imports: [MatButton, MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>Annuler</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">{{ data.confirm }}</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LossDialog {
  protected readonly data = inject<LossDialogData>(MAT_DIALOG_DATA);
}
