import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { type JeuneResume, memoCreationSchema, type PorteeMemo } from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { firstValueFrom } from 'rxjs';
import { errorMessage } from '../../../core/forms/zod-validator';
import { toRequestFailure } from '../../../core/http/problem';
import { ouNull, showIssues } from '../../evenements/evenement-sheet/form-issues';
import { AgendaApi } from '../agenda-api';
import { JeunePicker } from '../jeune-picker/jeune-picker';

/** The day a new mémo is due by default (the day the agenda shows). */
export interface MemoFormData {
  readonly echeance: string | null;
}

/** A mémo for oneself or the team, optionally about a jeune, with a due day (#5). Closes with `true` once saved. */
@Component({
  selector: 'app-memo-form',
  imports: [ReactiveFormsModule, MatButton, MatDialogModule, MatFormFieldModule, MatInputModule, MatRadioModule, UiErrorMessage, JeunePicker],
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <h2 mat-dialog-title>Nouveau mémo</h2>
      <mat-dialog-content class="memo-form">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Mémo</mat-label>
          <textarea matInput rows="3" formControlName="texte" cdkFocusInitial></textarea>
          @if (errorMessage(form.controls.texte); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-radio-group formControlName="portee" aria-label="Pour qui" class="memo-form-radios">
          <mat-radio-button value="MOI">Pour moi</mat-radio-button>
          <mat-radio-button value="EQUIPE">Pour l'équipe</mat-radio-button>
        </mat-radio-group>
        <app-jeune-picker [control]="form.controls.jeune" label="À propos d'un jeune (facultatif)" />
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Échéance (facultative)</mat-label>
          <input matInput type="date" formControlName="echeance" />
          @if (errorMessage(form.controls.echeance); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        @if (error(); as message) {
          <ui-error-message [message]="message" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Enregistrer</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .memo-form { display: flex; flex-direction: column; gap: 12px; }
    .memo-form-radios { display: flex; flex-wrap: wrap; gap: 0 16px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MemoForm {
  private readonly data = inject<MemoFormData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<MemoForm, boolean>>(MatDialogRef);
  private readonly api = inject(AgendaApi);
  protected readonly errorMessage = errorMessage;
  protected readonly form = new FormGroup({
    texte: new FormControl('', { nonNullable: true }),
    portee: new FormControl<PorteeMemo>('MOI', { nonNullable: true }),
    jeune: new FormControl<JeuneResume | null>(null),
    echeance: new FormControl(this.data.echeance ?? '', { nonNullable: true }),
  });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async save(): Promise<void> {
    if (this.saving()) {
      return;
    }
    const value = this.form.getRawValue();
    const parsed = memoCreationSchema.safeParse({
      id: crypto.randomUUID(),
      texte: value.texte,
      portee: value.portee,
      jeuneId: value.jeune?.id ?? null,
      echeance: ouNull(value.echeance),
    });
    if (!parsed.success) {
      showIssues(this.form, parsed.error.issues, (path) => (path === 'jeuneId' ? 'jeune' : path));
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.creerMemo(parsed.data));
      this.dialogRef.close(true);
    } catch (error: unknown) {
      this.error.set(toRequestFailure(error).message);
      this.saving.set(false);
    }
  }
}
