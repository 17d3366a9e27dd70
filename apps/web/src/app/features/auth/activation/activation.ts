import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { activateSchema, AUTH_POLICY } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { applyFieldErrors, errorMessage, zodValidator } from '../../../core/forms/zod-validator';
import { ActivationPageActions } from '../auth.actions';
import { authFeature } from '../auth.feature';
import { NewPassword } from '../new-password/new-password';
import { confirmationRequiredValidator, matchesValidator } from '../new-password/new-password.validators';
import { checkPasswordStrength, watchPasswordStrength } from '../new-password/password-strength';
import { UiErrorMessage } from '@imilo/ui';

/** First sign-in: identifiant + access code handed over by the Mission Locale + a new password. */
@Component({
  selector: 'app-activation',
  imports: [UiErrorMessage, ReactiveFormsModule, RouterLink, MatButton, MatFormFieldModule, MatInputModule, NewPassword],
  templateUrl: './activation.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Activation {
  private readonly store = inject(Store);
  private readonly password = new FormControl('', {
    nonNullable: true,
    validators: zodValidator(activateSchema.shape.password),
  });

  protected readonly form = new FormGroup({
    login: new FormControl('', { nonNullable: true, validators: zodValidator(activateSchema.shape.login) }),
    code: new FormControl('', { nonNullable: true, validators: zodValidator(activateSchema.shape.code) }),
    password: this.password,
    confirmation: new FormControl('', {
      nonNullable: true,
      validators: [confirmationRequiredValidator, matchesValidator(this.password)],
    }),
  });
  protected readonly strength = watchPasswordStrength(this.password, () => [this.form.controls.login.value]);
  protected readonly pending = this.store.selectSignal(authFeature.selectPending);
  protected readonly error = this.store.selectSignal(authFeature.selectError);
  protected readonly errorMessage = errorMessage;
  protected readonly codeLifetimeDays = AUTH_POLICY.accessCodeLifetimeDays;

  constructor() {
    this.store.dispatch(ActivationPageActions.opened());
    const fieldErrors = this.store.selectSignal(authFeature.selectFieldErrors);
    effect(() => applyFieldErrors(this.form, fieldErrors()));
  }

  protected activate(): void {
    const { login, code, password } = this.form.getRawValue();
    const activation = activateSchema.safeParse({ login, code, password });
    if (!activation.success || this.form.invalid || !checkPasswordStrength(this.password, this.strength())) {
      this.form.markAllAsTouched();
      return;
    }
    this.store.dispatch(ActivationPageActions.submitted({ activation: activation.data }));
  }
}
