import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type ActionCreation, actionCreationSchema } from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { errorMessage } from '../../../core/forms/zod-validator';
import { ouNull, showIssues } from '../evenement-sheet/form-issues';
import { ActionTitreField } from './action-titre-field';

/** The échéance proposed by default. */
export interface ActionDialogData {
  readonly echeance: string;
}

/** "Ajouter une action": a predefined or free title, a detail, an échéance. Closes with the body, without its id. */
@Component({
  selector: 'app-action-dialog',
  imports: [ReactiveFormsModule, MatButton, MatDialogModule, MatFormFieldModule, MatInputModule, UiErrorMessage, ActionTitreField],
  template: `
    <h2 mat-dialog-title>Ajouter une action</h2>
    <form [formGroup]="form" (ngSubmit)="add()" novalidate>
      <mat-dialog-content class="action-dialog-content">
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
        @for (message of otherErrors(); track message) {
          <ui-error-message [message]="message" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit">Ajouter</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .action-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionDialog {
  private readonly dialogRef = inject<MatDialogRef<ActionDialog, ActionCreation>>(MatDialogRef);
  private readonly data = inject<ActionDialogData>(MAT_DIALOG_DATA);

  protected readonly form = new FormGroup({
    titre: new FormControl('', { nonNullable: true }),
    description: new FormControl('', { nonNullable: true }),
    echeance: new FormControl(this.data.echeance, { nonNullable: true }),
  });
  protected readonly otherErrors = signal<readonly string[]>([]);
  protected readonly errorMessage = errorMessage;

  protected add(): void {
    const { titre, description, echeance } = this.form.getRawValue();
    const creation = actionCreationSchema.safeParse({ titre, description: ouNull(description), echeance });
    if (!creation.success) {
      this.otherErrors.set(showIssues(this.form, creation.error.issues));
      return;
    }
    this.dialogRef.close(creation.data);
  }
}
