import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { SIGN_IN_MESSAGES } from '@imilo/domain';
import { UiVisibilityToggle, UiErrorMessage } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { Connectivity } from '../../../core/connectivity';
import { applyFieldErrors, errorMessage, requiredWithMessage } from '../../../core/forms/zod-validator';
import { SignInPageActions } from '../auth.actions';
import { authFeature } from '../auth.feature';

/** Sign-in with identifiant and password. */
@Component({
  selector: 'app-sign-in',
  imports: [UiErrorMessage, ReactiveFormsModule, RouterLink, MatButton, MatFormFieldModule, MatInputModule, UiVisibilityToggle],
  templateUrl: './sign-in.html',
  styleUrl: './sign-in.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly store = inject(Store);

  protected readonly form = new FormGroup({
    login: new FormControl('', { nonNullable: true, validators: requiredWithMessage(SIGN_IN_MESSAGES.identifiantRequired) }),
    password: new FormControl('', { nonNullable: true, validators: requiredWithMessage(SIGN_IN_MESSAGES.passwordRequired) }),
  });
  protected readonly passwordVisible = signal(false);
  protected readonly pending = this.store.selectSignal(authFeature.selectPending);
  protected readonly error = this.store.selectSignal(authFeature.selectError);
  protected readonly online = inject(Connectivity).online;
  protected readonly errorMessage = errorMessage;

  constructor() {
    this.store.dispatch(SignInPageActions.opened());
    const fieldErrors = this.store.selectSignal(authFeature.selectFieldErrors);
    effect(() => applyFieldErrors(this.form, fieldErrors()));
  }

  protected signIn(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { login, password } = this.form.getRawValue();
    // Identifiants are lowercase (IDENTIFIANT_PATTERN); tablets capitalise the first letter on their own.
    this.store.dispatch(SignInPageActions.submitted({ credentials: { login: login.trim().toLowerCase(), password } }));
  }
}
