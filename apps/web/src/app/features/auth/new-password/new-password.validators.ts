import type { AbstractControl, ValidatorFn } from '@angular/forms';

/** Refuses a confirmation that differs from the password typed in `password`. */
export const matchesValidator =
  (password: AbstractControl<string>): ValidatorFn =>
  (confirmation) =>
    confirmation.value === '' || confirmation.value === password.value
      ? null
      : { mismatch: 'Les deux mots de passe ne sont pas identiques.' };

/** Requires the confirmation. */
export const confirmationRequiredValidator: ValidatorFn = (confirmation) =>
  confirmation.value === '' ? { required: 'Confirmez le nouveau mot de passe.' } : null;
