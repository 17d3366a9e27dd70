import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { accesMotifSchema } from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { toRequestFailure } from '../../../../core/http/problem';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { DossierApi } from '../dossier-api';

/** Which dossier the reason is for. */
export interface MotifAccesDialogData {
  readonly jeuneId: string;
}

/**
 * Asks a conseiller or a direction member why they open a dossier outside their portfolio, and records it. Closes
 * with `true` once the BFF stored the reason (the dossier can then be read), `false` when they give up.
 */
@Component({
  selector: 'app-motif-acces-dialog',
  imports: [ReactiveFormsModule, MatButton, MatDialogModule, MatFormFieldModule, MatInputModule, UiErrorMessage],
  template: `
    <h2 mat-dialog-title>Pourquoi ouvrez-vous ce dossier ?</h2>
    <form [formGroup]="form" (ngSubmit)="declareMotif()" novalidate>
      <mat-dialog-content>
        <p>
          Ce jeune n'est pas dans votre portefeuille. Indiquez la raison de votre consultation : elle est enregistrée
          dans le journal des accès, avec votre nom et l'heure.
        </p>
        @if (error(); as message) {
          <ui-error-message [message]="message" />
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="motif-acces-field">
          <mat-label>Motif de la consultation</mat-label>
          <textarea matInput formControlName="motif" rows="3" cdkFocusInitial></textarea>
          <mat-hint>Ex. remplacement de la conseillère référente, rendez-vous d'accueil</mat-hint>
          @if (errorMessage(motif); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="cancel()">Annuler</button>
        <button mat-flat-button type="submit" [disabled]="pending()">Ouvrir le dossier</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .motif-acces-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MotifAccesDialog {
  private readonly api = inject(DossierApi);
  private readonly dialogRef = inject<MatDialogRef<MotifAccesDialog, boolean>>(MatDialogRef);
  private readonly data = inject<MotifAccesDialogData>(MAT_DIALOG_DATA);

  protected readonly form = new FormGroup({ motif: new FormControl('', { nonNullable: true }) });
  protected readonly motif = this.form.controls.motif;
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly errorMessage = errorMessage;

  protected declareMotif(): void {
    const acces = accesMotifSchema.safeParse({ motif: this.motif.value });
    if (!acces.success) {
      this.motif.setErrors({ invalid: acces.error.issues[0]?.message ?? 'Le motif : 5 caractères au moins.' });
      this.motif.markAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.api.declareAcces(this.data.jeuneId, acces.data.motif).subscribe({
      next: () => this.dialogRef.close(true),
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toRequestFailure(error);
        const motifError = failure.fieldErrors.find(({ path }) => path === 'motif');
        if (motifError === undefined) {
          this.error.set(failure.message);
        } else {
          this.motif.setErrors({ server: motifError.message });
          this.motif.markAsTouched();
        }
      },
    });
  }

  protected cancel(): void {
    this.dialogRef.close(false);
  }
}
