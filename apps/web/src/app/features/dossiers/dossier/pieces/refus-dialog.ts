import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type PieceDecision, pieceDecisionSchema } from '@imilo/domain';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { vide } from '../section-editing/form-fields';

/** What the refusal dialog shows. */
export interface RefusDialogData {
  readonly nomFichier: string;
}

/** Asks why a pièce is refused; the jeune and the team will read it. Closes with the decision, or nothing. */
@Component({
  selector: 'app-refus-dialog',
  imports: [ReactiveFormsModule, MatButton, MatDialogModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>Refuser la pièce</h2>
    <form [formGroup]="form" (ngSubmit)="refuse()" novalidate>
      <mat-dialog-content>
        <p>« {{ data.nomFichier }} » sera marquée refusée. Le motif est visible par l'équipe et par le jeune.</p>
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="refus-dialog-field">
          <mat-label>Motif du refus</mat-label>
          <textarea matInput formControlName="motif" rows="3" cdkFocusInitial></textarea>
          @if (errorMessage(motif); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit">Refuser la pièce</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .refus-dialog-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RefusDialog {
  private readonly dialogRef = inject<MatDialogRef<RefusDialog, PieceDecision>>(MatDialogRef);

  protected readonly data = inject<RefusDialogData>(MAT_DIALOG_DATA);
  protected readonly form = new FormGroup({ motif: new FormControl('', { nonNullable: true }) });
  protected readonly motif = this.form.controls.motif;
  protected readonly errorMessage = errorMessage;

  protected refuse(): void {
    const decision = pieceDecisionSchema.safeParse({ decision: 'REFUSEE', motif: vide(this.motif.value) });
    if (!decision.success) {
      this.motif.setErrors({ invalid: decision.error.issues[0]?.message ?? 'Un refus indique son motif.' });
      this.motif.markAsTouched();
      return;
    }
    this.dialogRef.close(decision.data);
  }
}
