import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { FormControl } from '@angular/forms';
import { judgePassword } from '@imilo/domain';
import { debounceTime, from, of, switchMap } from 'rxjs';
import { type PasswordEstimate, PasswordEstimator } from './password-estimator';

/**
 * Follows the strength of the password typed in `control` (null while empty or not estimated yet).
 * Call it in an injection context, e.g. a page's field initialiser.
 */
export function watchPasswordStrength(
  control: FormControl<string>,
  personalWords: () => readonly string[],
): Signal<PasswordEstimate | null> {
  const estimator = inject(PasswordEstimator);
  return toSignal(
    control.valueChanges.pipe(
      debounceTime(150),
      switchMap((password) => (password === '' ? of(null) : from(estimator.estimate(password, personalWords())))),
    ),
    { initialValue: null },
  );
}

/**
 * Refuses a password the domain rule judges weak, once its estimate is known; the BFF judges again.
 * Returns whether the password may be sent.
 */
export function checkPasswordStrength(control: FormControl<string>, estimate: PasswordEstimate | null): boolean {
  if (estimate === null || estimate.password !== control.value) {
    return true;
  }
  const judgement = judgePassword(control.value, estimate.score);
  if (!judgement.ok) {
    control.setErrors({ ...control.errors, weak: judgement.error.message });
    control.markAsTouched();
  }
  return judgement.ok;
}
