import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { changePasswordSchema, passwordUserInputs } from '@imilo/domain';
import { UiVisibilityToggle, UiErrorMessage } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { applyFieldErrors, errorMessage, zodValidator } from '../../../core/forms/zod-validator';
import { PasswordPageActions } from '../auth.actions';
import { authFeature } from '../auth.feature';
import { NewPassword } from '../new-password/new-password';
import { confirmationRequiredValidator, matchesValidator } from '../new-password/new-password.validators';
import { checkPasswordStrength, watchPasswordStrength } from '../new-password/password-strength';

/** Password change: forced when the password has expired, or chosen from "Mon compte". */
@Component({
  selector: 'app-password',
  imports: [
    UiErrorMessage,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormFieldModule,
    MatInputModule,
    NewPassword,
    UiVisibilityToggle,
  ],
  templateUrl: './password.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Password {
  private readonly store = inject(Store);
  private readonly me = this.store.selectSignal(authFeature.selectMe);
  private readonly newPassword = new FormControl('', {
    nonNullable: true,
    validators: zodValidator(changePasswordSchema.shape.newPassword),
  });

  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', {
      nonNullable: true,
      validators: zodValidator(changePasswordSchema.shape.currentPassword),
    }),
    newPassword: this.newPassword,
    confirmation: new FormControl('', {
      nonNullable: true,
      validators: [confirmationRequiredValidator, matchesValidator(this.newPassword)],
    }),
  });
  protected readonly strength = watchPasswordStrength(this.newPassword, () => {
    const me = this.me();
    return me === null ? [] : passwordUserInputs(me);
  });
  protected readonly forced = computed(() => this.me()?.mustChangePassword ?? false);
  protected readonly currentVisible = signal(false);
  protected readonly pending = this.store.selectSignal(authFeature.selectPending);
  protected readonly error = this.store.selectSignal(authFeature.selectError);
  protected readonly errorMessage = errorMessage;

  constructor() {
    this.store.dispatch(PasswordPageActions.opened());
    const fieldErrors = this.store.selectSignal(authFeature.selectFieldErrors);
    effect(() => applyFieldErrors(this.form, fieldErrors()));
  }

  protected changePassword(): void {
    const { currentPassword, newPassword } = this.form.getRawValue();
    const change = changePasswordSchema.safeParse({ currentPassword, newPassword });
    if (!change.success || this.form.invalid || !checkPasswordStrength(this.newPassword, this.strength())) {
      this.form.markAllAsTouched();
      return;
    }
    this.store.dispatch(PasswordPageActions.submitted({ change: change.data }));
  }

  protected signOut(): void {
    this.store.dispatch(PasswordPageActions.signOutClicked());
  }
}
