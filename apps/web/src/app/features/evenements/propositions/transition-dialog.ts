import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  ETAT_PROPOSITION_LABELS,
  type EtatProposition,
  PROBLEM_CODES,
  type PropositionDto,
  type PropositionTransition,
  propositionTransitionSchema,
  transitionProposition,
} from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { errorMessage } from '../../../core/forms/zod-validator';
import { ouNull, showIssues } from '../evenement-sheet/form-issues';
import { dernierJour } from './propositions-vm';

/** The proposition, the state it moves to, and today (the default day of the change). */
export interface TransitionDialogData {
  readonly proposition: PropositionDto;
  readonly etat: EtatProposition;
  readonly jour: string;
}

/** Records a proposition's change of state: its day and, if known, its outcome. Closes with the PATCH body. */
@Component({
  selector: 'app-transition-dialog',
  imports: [ReactiveFormsModule, MatButton, MatDialogModule, MatFormFieldModule, MatInputModule, UiErrorMessage],
  template: `
    <h2 mat-dialog-title>{{ title }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content class="transition-dialog-content">
        <p>« {{ data.proposition.libelle }} »</p>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Date</mat-label>
          <input matInput type="date" formControlName="date" />
          @if (errorMessage(form.controls.date); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Résultat (facultatif)</mat-label>
          <textarea matInput formControlName="resultat" rows="3"></textarea>
          @if (errorMessage(form.controls.resultat); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        @for (message of otherErrors(); track message) {
          <ui-error-message [message]="message" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit">Enregistrer</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .transition-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransitionDialog {
  private readonly dialogRef = inject<MatDialogRef<TransitionDialog, PropositionTransition>>(MatDialogRef);

  protected readonly data = inject<TransitionDialogData>(MAT_DIALOG_DATA);
  protected readonly title = `Proposition ${ETAT_PROPOSITION_LABELS[this.data.etat].toLowerCase()}`;
  protected readonly form = new FormGroup({
    date: new FormControl(this.data.jour, { nonNullable: true }),
    resultat: new FormControl('', { nonNullable: true }),
  });
  protected readonly otherErrors = signal<readonly string[]>([]);
  protected readonly errorMessage = errorMessage;

  protected confirm(): void {
    const { proposition, etat } = this.data;
    const { date, resultat } = this.form.getRawValue();
    const transition = propositionTransitionSchema.safeParse({ version: proposition.version, etat, date, resultat: ouNull(resultat) });
    if (!transition.success) {
      this.otherErrors.set(showIssues(this.form, transition.error.issues));
      return;
    }
    // The same rule as the BFF's: an allowed change, not dated before the previous step.
    const allowed = transitionProposition({ etat: proposition.etat, date: dernierJour(proposition) }, { etat, date });
    if (!allowed.ok) {
      const onDate = allowed.error.code === PROBLEM_CODES.validation;
      this.otherErrors.set(onDate ? [] : [allowed.error.message]);
      if (onDate) {
        this.form.controls.date.setErrors({ invalid: allowed.error.message });
        this.form.controls.date.markAsTouched();
      }
      return;
    }
    this.dialogRef.close(transition.data);
  }
}
