import type { Signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormArray, FormGroup } from '@angular/forms';
import { map, startWith, switchMap } from 'rxjs';
import { errorMessage } from '../../../core/forms/zod-validator';

/** `null` for a blank text, as the domain schemas expect for a field left empty. */
export const ouNull = (value: string): string | null => (value.trim() === '' ? null : value);

// A message set by an earlier attempt may no longer hold (a libellé is no longer needed once an offre is chosen).
const clearIssues = (control: AbstractControl): void => {
  const children = control instanceof FormArray ? control.controls : control instanceof FormGroup ? Object.values(control.controls) : [];
  children.forEach(clearIssues);
  control.updateValueAndValidity({ onlySelf: true });
};

/** An issue to show under a control: one of a domain schema's, or of a rule checked after it. */
export interface FormIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * Shows each issue of a domain schema under its control: the control at the issue's path (`actions.0.titre`), or the
 * one `controlPath` names for it. Answers the messages no control shows, for a message above the buttons.
 */
export const showIssues = (
  form: AbstractControl,
  issues: readonly FormIssue[],
  controlPath: (path: string) => string = (path) => path,
): string[] => {
  clearIssues(form);
  const unplaced: string[] = [];
  for (const issue of issues) {
    const control = form.get(controlPath(issue.path.join('.')));
    if (control === null || control === form) {
      unplaced.push(issue.message);
    } else if (control.errors === null) {
      // The first message of a field is the one to act on.
      control.setErrors({ invalid: issue.message });
      control.markAsTouched();
    }
  }
  return [...new Set(unplaced)];
};

/** A control's value and message, as a signal following its events: an OnPush field component re-renders on them. */
export const controlState = <T>(control: Signal<AbstractControl<T>>): Signal<ControlState<T> | null> =>
  toSignal(
    toObservable(control).pipe(
      switchMap((current) =>
        current.events.pipe(
          startWith(null),
          map(() => ({ value: current.value, message: errorMessage(current) })),
        ),
      ),
    ),
    { initialValue: null },
  );

/** What a field component shows of its control. */
export interface ControlState<T> {
  readonly value: T;
  readonly message: string | null;
}
