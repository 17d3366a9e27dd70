import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type Annulation, annulationSchema } from '@imilo/domain';
import { errorMessage } from '../../../core/forms/zod-validator';

/**
 * Asks why a rendez-vous is cancelled (the jeune is told): required, validated with the domain's schema. Closes with
 * the cancellation, or nothing when the conseiller changes their mind.
 */
@Component({
  selector: 'app-motif-dialog',
  imports: [ReactiveFormsModule, MatButton, MatDialogModule, MatFormFieldModule, MatInputModule],
  template: `
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <h2 mat-dialog-title>Annuler le rendez-vous</h2>
      <mat-dialog-content>
        <p>{{ libelle }}</p>
        <mat-form-field appearance="outline" class="motif-field">
          <mat-label>Motif d'annulation (communiqué au jeune)</mat-label>
          <textarea matInput rows="3" formControlName="motif" cdkFocusInitial></textarea>
          @if (errorMessage(motif); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined">Garder le rendez-vous</button>
        <button mat-flat-button type="submit">Confirmer l'annulation</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.motif-field { width: 100%; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MotifDialog {
  protected readonly libelle = inject<string>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<MotifDialog, Annulation>>(MatDialogRef);
  protected readonly form = new FormGroup({ motif: new FormControl('', { nonNullable: true }) });
  protected readonly motif = this.form.controls.motif;
  protected readonly errorMessage = errorMessage;

  protected confirm(): void {
    const parsed = annulationSchema.safeParse({ motif: this.motif.value });
    if (!parsed.success) {
      this.motif.setErrors({ invalid: parsed.error.issues[0]?.message ?? 'Précisez le motif.' });
      this.motif.markAsTouched();
      return;
    }
    this.dialogRef.close(parsed.data);
  }
}
