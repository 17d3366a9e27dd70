import type { AbstractControl, FormGroup, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { ProblemFieldError } from '@imilo/domain';
import type { z } from 'zod';

/**
 * Validates a control with the field's schema from `@imilo/domain`, the one the BFF applies,
 * so that the form and the server give the same French message.
 */
export const zodValidator =
  (schema: z.ZodType): ValidatorFn =>
  (control: AbstractControl): ValidationErrors | null => {
    const result = schema.safeParse(control.value);
    return result.success ? null : { invalid: result.error.issues[0]?.message ?? 'Valeur invalide.' };
  };

/**
 * Requires a non-blank value, with the domain's French message. For the sign-in page only, where two "required"
 * checks do not justify loading a schema library on a phone's first visit; the BFF still applies the full schema.
 */
export const requiredWithMessage =
  (message: string): ValidatorFn =>
  (control: AbstractControl): ValidationErrors | null =>
    typeof control.value === 'string' && control.value.trim() !== '' ? null : { required: message };

/** The message of a control's first error; our validators store the French message as the error value. */
export const errorMessage = (control: AbstractControl): string | null => {
  const messages = Object.values(control.errors ?? {}).filter((value): value is string => typeof value === 'string');
  return messages[0] ?? null;
};

/** Shows the BFF's field errors next to the matching fields (paths are the body's property names). */
export const applyFieldErrors = (form: FormGroup, fieldErrors: readonly ProblemFieldError[]): void => {
  for (const { path, message } of fieldErrors) {
    const control = form.get(path);
    control?.setErrors({ ...control.errors, server: message });
    control?.markAsTouched();
  }
};
