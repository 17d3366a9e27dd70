import type { ComponentType } from '@angular/cdk/portal';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormGroupDirective } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { type MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { UiErrorMessage } from '@imilo/ui';
import { filter, type Observable } from 'rxjs';
import { type FormIssue, showIssues } from './form-issues';

/** What a Suivi dialog's form reads as: the body it closes with, or the issues to show (a domain schema's `safeParse`). */
export type FormReading<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: { readonly issues: readonly FormIssue[] } };

/**
 * Opens a Suivi dialog, `width` wide at most and within the screen's margins on a phone. Emits what it closes with;
 * nothing when it is cancelled.
 */
export const openSuiviDialog = <C, D, R>(dialog: MatDialog, component: ComponentType<C>, data: D, width: string): Observable<R> =>
  dialog
    .open<C, D, R>(component, { data, width, maxWidth: 'calc(100vw - 32px)' })
    .afterClosed()
    .pipe(filter((result): result is R => result !== undefined));

/**
 * The form of a Suivi dialog ("Ajouter une action", "Proposer une offre", a proposition's change of state): its fields
 * (projected), the messages no field shows, "Annuler" and the submit button. On submit it reads the form with `read`:
 * valid, the dialog closes with the body; otherwise each issue shows under its field (`controlPath` names the control
 * of an issue whose path is not the control's) and the others above the buttons.
 *
 * On the `<form>` itself, beside its `[formGroup]`, so that the projected fields find their group (`formControlName`).
 */
@Component({
  selector: 'form[appSuiviDialog]',
  imports: [MatButton, MatDialogModule, UiErrorMessage],
  host: { novalidate: '' },
  template: `
    <mat-dialog-content class="suivi-dialog-content">
      <ng-content />
      @for (message of otherErrors(); track message) {
        <ui-error-message [message]="message" />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Annuler</button>
      <button mat-flat-button type="submit">{{ submitLabel() }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .suivi-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SuiviDialog<T> {
  readonly submitLabel = input.required<string>();
  readonly read = input.required<() => FormReading<T>>();
  readonly controlPath = input<(path: string) => string>((path) => path);

  private readonly formGroup = inject(FormGroupDirective, { self: true });
  private readonly dialogRef = inject<MatDialogRef<unknown, T>>(MatDialogRef);

  protected readonly otherErrors = signal<readonly string[]>([]);

  constructor() {
    this.formGroup.ngSubmit.pipe(takeUntilDestroyed()).subscribe(() => this.submit());
  }

  private submit(): void {
    const reading = this.read()();
    if (!reading.success) {
      this.otherErrors.set(showIssues(this.formGroup.form, reading.error.issues, this.controlPath()));
      return;
    }
    this.dialogRef.close(reading.data);
  }
}
