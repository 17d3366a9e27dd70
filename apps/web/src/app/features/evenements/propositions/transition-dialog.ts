import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
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
import { errorMessage } from '../../../core/forms/zod-validator';
import { ouNull } from '../evenement-sheet/form-issues';
import { type FormReading, SuiviDialog } from '../evenement-sheet/suivi-dialog';
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
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, SuiviDialog],
  template: `
    <h2 mat-dialog-title>{{ title }}</h2>
    <form appSuiviDialog [formGroup]="form" [read]="read" submitLabel="Enregistrer">
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
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransitionDialog {
  protected readonly data = inject<TransitionDialogData>(MAT_DIALOG_DATA);
  protected readonly title = `Proposition ${ETAT_PROPOSITION_LABELS[this.data.etat].toLowerCase()}`;
  protected readonly form = new FormGroup({
    date: new FormControl(this.data.jour, { nonNullable: true }),
    resultat: new FormControl('', { nonNullable: true }),
  });
  protected readonly errorMessage = errorMessage;

  protected readonly read = (): FormReading<PropositionTransition> => {
    const { proposition, etat } = this.data;
    const { date, resultat } = this.form.getRawValue();
    const transition = propositionTransitionSchema.safeParse({ version: proposition.version, etat, date, resultat: ouNull(resultat) });
    if (!transition.success) {
      return transition;
    }
    // The same rule as the BFF's: an allowed change, not dated before the previous step. A day too early shows under
    // the date; a change the rules do not allow, above the buttons (an empty path names no field).
    const allowed = transitionProposition({ etat: proposition.etat, date: dernierJour(proposition) }, { etat, date });
    if (!allowed.ok) {
      const path = allowed.error.code === PROBLEM_CODES.validation ? ['date'] : [];
      return { success: false, error: { issues: [{ path, message: allowed.error.message }] } };
    }
    return transition;
  };
}
