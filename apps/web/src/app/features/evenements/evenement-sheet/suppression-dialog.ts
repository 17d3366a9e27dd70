import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type Suppression, suppressionSchema } from '@imilo/domain';
import { errorMessage } from '../../../core/forms/zod-validator';
import { type FormReading, SuiviDialog } from './suivi-dialog';

/** The événement about to be deleted, as the question names it ("Entretien individuel du 14/10 à 14 h 30"). */
export interface SuppressionDialogData {
  readonly libelle: string;
}

/**
 * Asks why before an événement is deleted: the BFF keeps the row, marked deleted, and audits the motif. Closes with
 * the body of the deletion; cancelling deletes nothing.
 */
@Component({
  selector: 'app-suppression-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, SuiviDialog],
  template: `
    <h2 mat-dialog-title>Supprimer l'événement ?</h2>
    <form appSuiviDialog [formGroup]="form" [read]="read" submitLabel="Supprimer">
      <p class="suppression-question">{{ data.libelle }} sera retiré du parcours du jeune.</p>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Motif de la suppression</mat-label>
        <!-- No required or maxlength validator: the domain schema says what is wrong, in French. -->
        <textarea matInput formControlName="motif" rows="3" aria-required="true" cdkFocusInitial></textarea>
        <mat-hint align="end">{{ form.controls.motif.value.length }} / 300</mat-hint>
        @if (errorMessage(form.controls.motif); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
    </form>
  `,
  styles: `
    .suppression-question {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SuppressionDialog {
  protected readonly data = inject<SuppressionDialogData>(MAT_DIALOG_DATA);
  protected readonly form = new FormGroup({ motif: new FormControl('', { nonNullable: true }) });
  protected readonly errorMessage = errorMessage;

  protected readonly read = (): FormReading<Suppression> => suppressionSchema.safeParse(this.form.getRawValue());
}
