import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type OffreInterneDto, type PropositionCreation, propositionCreationSchema } from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { errorMessage } from '../../../core/forms/zod-validator';
import { ouNull, showIssues } from '../evenement-sheet/form-issues';
import { propositionChoisie, PropositionFields, propositionFieldsForm } from './proposition-fields';

/** The offres to choose from, and the local day the proposition is made. */
export interface PropositionDialogData {
  readonly offres: readonly OffreInterneDto[];
  readonly jour: string;
}

/** "Proposer une offre": an offre of the offre de service or a free libellé, the partner, a comment. */
@Component({
  selector: 'app-proposition-dialog',
  imports: [ReactiveFormsModule, MatButton, MatDialogModule, MatFormFieldModule, MatInputModule, UiErrorMessage, PropositionFields],
  template: `
    <h2 mat-dialog-title>Proposer une offre</h2>
    <form [formGroup]="form" (ngSubmit)="propose()" novalidate>
      <mat-dialog-content class="proposition-dialog-content">
        <app-proposition-fields [group]="form.controls.choix" [offres]="data.offres" />
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Partenaire (facultatif)</mat-label>
          <input matInput formControlName="partenaire" autocomplete="off" />
          @if (errorMessage(form.controls.partenaire); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Commentaire (facultatif)</mat-label>
          <textarea matInput formControlName="commentaire" rows="3"></textarea>
          @if (errorMessage(form.controls.commentaire); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        @for (message of otherErrors(); track message) {
          <ui-error-message [message]="message" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit">Proposer</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .proposition-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropositionDialog {
  private readonly dialogRef = inject<MatDialogRef<PropositionDialog, PropositionCreation>>(MatDialogRef);

  protected readonly data = inject<PropositionDialogData>(MAT_DIALOG_DATA);
  protected readonly form = new FormGroup({
    choix: propositionFieldsForm(),
    partenaire: new FormControl('', { nonNullable: true }),
    commentaire: new FormControl('', { nonNullable: true }),
  });
  protected readonly otherErrors = signal<readonly string[]>([]);
  protected readonly errorMessage = errorMessage;

  protected propose(): void {
    const { choix, partenaire, commentaire } = this.form.getRawValue();
    const creation = propositionCreationSchema.safeParse({
      ...propositionChoisie(choix),
      partenaire: ouNull(partenaire),
      commentaire: ouNull(commentaire),
      // Sent rather than left to the BFF: a proposition made offline keeps the day it was made.
      date: this.data.jour,
    });
    if (!creation.success) {
      // The choice's fields sit in their own group; the schema names them at the top level.
      const inChoix = ['offreId', 'libelle', 'theme'];
      this.otherErrors.set(
        showIssues(this.form, creation.error.issues, (path) => (inChoix.includes(path) ? `choix.${path}` : path)),
      );
      return;
    }
    this.dialogRef.close(creation.data);
  }
}
