import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type OffreInterneDto, type PropositionCreation, propositionCreationSchema } from '@imilo/domain';
import { errorMessage } from '../../../core/forms/zod-validator';
import { ouNull } from '../evenement-sheet/form-issues';
import { type FormReading, SuiviDialog } from '../evenement-sheet/suivi-dialog';
import { propositionChoisie, PropositionFields, propositionFieldsForm } from './proposition-fields';

/** The offres to choose from, and the local day the proposition is made. */
export interface PropositionDialogData {
  readonly offres: readonly OffreInterneDto[];
  readonly jour: string;
}

// The choice's fields sit in their own group; the schema names them at the top level.
const IN_CHOIX = ['offreId', 'libelle', 'theme'];
const controlPath = (path: string): string => (IN_CHOIX.includes(path) ? `choix.${path}` : path);

/** "Proposer une offre": an offre of the offre de service or a free libellé, the partner, a comment. */
@Component({
  selector: 'app-proposition-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, PropositionFields, SuiviDialog],
  template: `
    <h2 mat-dialog-title>Proposer une offre</h2>
    <form appSuiviDialog [formGroup]="form" [read]="read" [controlPath]="controlPath" submitLabel="Proposer">
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
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropositionDialog {
  protected readonly data = inject<PropositionDialogData>(MAT_DIALOG_DATA);
  protected readonly form = new FormGroup({
    choix: propositionFieldsForm(),
    partenaire: new FormControl('', { nonNullable: true }),
    commentaire: new FormControl('', { nonNullable: true }),
  });
  protected readonly errorMessage = errorMessage;
  protected readonly controlPath = controlPath;

  protected readonly read = (): FormReading<PropositionCreation> => {
    const { choix, partenaire, commentaire } = this.form.getRawValue();
    return propositionCreationSchema.safeParse({
      ...propositionChoisie(choix),
      partenaire: ouNull(partenaire),
      commentaire: ouNull(commentaire),
      // Sent rather than left to the BFF: a proposition made offline keeps the day it was made.
      date: this.data.jour,
    });
  };
}
