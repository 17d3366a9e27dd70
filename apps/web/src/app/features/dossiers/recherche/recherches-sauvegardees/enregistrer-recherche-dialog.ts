import { HttpErrorResponse, HttpStatusCode } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  type CriteresRecherche,
  type RechercheSauvegardeeDto,
  rechercheSauvegardeeCreationSchema,
} from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { errorMessage, zodValidator } from '../../../../core/forms/zod-validator';
import { problemOf, toRequestFailure } from '../../../../core/http/problem';
import { DossiersApi } from '../../dossiers-api';

/** What the dialog saves. */
export interface EnregistrerRechercheData {
  readonly criteres: CriteresRecherche;
}

const DUPLICATE_NAME = 'Vous avez déjà une recherche de ce nom : choisissez-en un autre.';

/** Names the current search and saves it; closes with the saved search, or stays open on a duplicate name. */
@Component({
  selector: 'app-enregistrer-recherche-dialog',
  imports: [ReactiveFormsModule, MatButton, MatDialogModule, MatFormFieldModule, MatInputModule, UiErrorMessage],
  templateUrl: './enregistrer-recherche-dialog.html',
  styles: '.enregistrer-nom { width: 100%; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnregistrerRechercheDialog {
  private readonly api = inject(DossiersApi);
  private readonly dialogRef = inject<MatDialogRef<EnregistrerRechercheDialog, RechercheSauvegardeeDto>>(MatDialogRef);
  private readonly data = inject<EnregistrerRechercheData>(MAT_DIALOG_DATA);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly form = new FormGroup({
    nom: new FormControl('', { nonNullable: true, validators: zodValidator(rechercheSauvegardeeCreationSchema.shape.nom) }),
  });
  protected readonly nom = this.form.controls.nom;
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly errorMessage = errorMessage;

  protected saveRecherche(): void {
    if (this.nom.invalid) {
      this.nom.markAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.api
      .enregistrerRecherche({ nom: this.nom.value.trim(), criteres: this.data.criteres })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
      next: (recherche) => this.dialogRef.close(recherche),
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toRequestFailure(error);
        if (error instanceof HttpErrorResponse && error.status === HttpStatusCode.Conflict) {
          // The name is taken, or the list is full: the BFF says which; either way the name field is where to act.
          this.nom.setErrors({ server: problemOf(error)?.detail ?? DUPLICATE_NAME });
          this.nom.markAsTouched();
        } else {
          this.error.set(failure.message);
        }
      },
    });
  }
}
