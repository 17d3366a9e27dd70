import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { demandeTransfertSchema, type IdentiteCreation } from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { errorMessage, zodValidator } from '../../../core/forms/zod-validator';
import { toRequestFailure } from '../../../core/http/problem';
import { DossiersApi } from '../dossiers-api';

/** The identity whose dossier should move to the caller's Mission Locale. */
export interface TransfertDialogData {
  readonly identite: IdentiteCreation;
}

const MOTIF_MAX = 500;

/** Asks why the dossier should be transferred, sends the request; closes with `true` once it is recorded. */
@Component({
  selector: 'app-transfert-dialog',
  imports: [ReactiveFormsModule, MatButton, MatDialogModule, MatFormFieldModule, MatInputModule, UiErrorMessage],
  templateUrl: './transfert-dialog.html',
  styles: '.transfert-motif { width: 100%; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransfertDialog {
  private readonly api = inject(DossiersApi);
  private readonly dialogRef = inject<MatDialogRef<TransfertDialog, boolean>>(MatDialogRef);
  private readonly data = inject<TransfertDialogData>(MAT_DIALOG_DATA);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly form = new FormGroup({
    motif: new FormControl('', { nonNullable: true, validators: zodValidator(demandeTransfertSchema.shape.motif) }),
  });
  protected readonly motif = this.form.controls.motif;
  protected readonly motifMax = MOTIF_MAX;
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly errorMessage = errorMessage;

  protected sendDemande(): void {
    if (this.motif.invalid) {
      this.motif.markAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.api
      .demanderTransfert({ identite: this.data.identite, motif: this.motif.value.trim() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => this.dialogRef.close(true),
        error: (error: unknown) => {
          this.pending.set(false);
          this.error.set(toRequestFailure(error).message);
        },
      });
  }
}
