import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_MIN_LENGTH } from '@imilo/domain';
import { UiPasswordStrength, UiVisibilityToggle } from '@imilo/ui';
import { errorMessage } from '../../../core/forms/zod-validator';
import type { PasswordEstimate } from './password-estimator';

/** The "new password" and "confirmation" fields with the strength meter, for activation and password change. */
@Component({
  selector: 'app-new-password',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, UiPasswordStrength, UiVisibilityToggle],
  templateUrl: './new-password.html',
  styleUrl: './new-password.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewPassword {
  readonly password = input.required<FormControl<string>>();
  readonly confirmation = input.required<FormControl<string>>();
  /** Latest estimate of the typed password, or null. */
  readonly strength = input<PasswordEstimate | null>(null);

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly visible = signal(false);
  protected readonly errorMessage = errorMessage;

  protected revalidateConfirmation(): void {
    this.confirmation().updateValueAndValidity();
  }
}
