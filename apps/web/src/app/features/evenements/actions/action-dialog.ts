import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type ActionCreation, actionCreationSchema } from '@imilo/domain';
import { errorMessage } from '../../../core/forms/zod-validator';
import { ouNull } from '../evenement-sheet/form-issues';
import { type FormReading, SuiviDialog } from '../evenement-sheet/suivi-dialog';
import { ActionTitreField } from './action-titre-field';

/** The échéance proposed by default. */
export interface ActionDialogData {
  readonly echeance: string;
}

/** "Ajouter une action": a predefined or free title, a detail, an échéance. Closes with the body, without its id. */
@Component({
  selector: 'app-action-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, ActionTitreField, SuiviDialog],
  template: `
    <h2 mat-dialog-title>Ajouter une action</h2>
    <form appSuiviDialog [formGroup]="form" [read]="read" submitLabel="Ajouter">
      <app-action-titre-field [control]="form.controls.titre" />
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Détail (facultatif)</mat-label>
        <textarea matInput formControlName="description" rows="3"></textarea>
        @if (errorMessage(form.controls.description); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Échéance</mat-label>
        <input matInput type="date" formControlName="echeance" />
        @if (errorMessage(form.controls.echeance); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionDialog {
  private readonly data = inject<ActionDialogData>(MAT_DIALOG_DATA);

  protected readonly form = new FormGroup({
    titre: new FormControl('', { nonNullable: true }),
    description: new FormControl('', { nonNullable: true }),
    echeance: new FormControl(this.data.echeance, { nonNullable: true }),
  });
  protected readonly errorMessage = errorMessage;

  protected readonly read = (): FormReading<ActionCreation> => {
    const { titre, description, echeance } = this.form.getRawValue();
    return actionCreationSchema.safeParse({ titre, description: ouNull(description), echeance });
  };
}
