import { ChangeDetectionStrategy, Component, computed, effect, input, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, type ValidatorFn } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type AdminMissionLocaleDto,
  type CreateUserDto,
  createUserSchema,
  type ProblemFieldError,
  type Role,
  ROLE_LABELS,
} from '@imilo/domain';
import { applyFieldErrors, errorMessage, zodValidator } from '../../../../core/forms/zod-validator';

const required =
  (message: string): ValidatorFn =>
  (control) =>
    control.value === '' ? { required: message } : null;

const emailValidator = zodValidator(createUserSchema.shape.email);
const optionalEmail: ValidatorFn = (control) => (control.value === '' ? null : emailValidator(control));

/** Creation of a user: identity, roles, Mission Locale and site. */
@Component({
  selector: 'app-user-form',
  imports: [ReactiveFormsModule, MatButton, MatFormFieldModule, MatInputModule, MatSelectModule],
  templateUrl: './user-form.html',
  styleUrl: './user-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserForm {
  readonly missionsLocales = input.required<readonly AdminMissionLocaleDto[]>();
  readonly assignableRoles = input.required<readonly Role[]>();
  readonly pending = input(false);
  readonly fieldErrors = input<readonly ProblemFieldError[]>([]);
  readonly submitted = output<CreateUserDto>();
  readonly cancelled = output();

  protected readonly form = new FormGroup({
    login: new FormControl('', { nonNullable: true, validators: zodValidator(createUserSchema.shape.login) }),
    prenom: new FormControl('', { nonNullable: true, validators: zodValidator(createUserSchema.shape.prenom) }),
    nom: new FormControl('', { nonNullable: true, validators: zodValidator(createUserSchema.shape.nom) }),
    email: new FormControl('', { nonNullable: true, validators: optionalEmail }),
    roles: new FormControl<Role[]>([], { nonNullable: true, validators: zodValidator(createUserSchema.shape.roles) }),
    missionLocaleId: new FormControl('', { nonNullable: true, validators: required('Choisissez la Mission Locale.') }),
    siteId: new FormControl('', { nonNullable: true }),
  });
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly errorMessage = errorMessage;

  private readonly missionLocaleId = toSignal(this.form.controls.missionLocaleId.valueChanges, { initialValue: '' });
  protected readonly sites = computed(
    () => this.missionsLocales().find((ml) => ml.id === this.missionLocaleId())?.sites ?? [],
  );

  constructor() {
    effect(() => {
      const [only, ...others] = this.missionsLocales();
      if (only !== undefined && others.length === 0 && this.form.controls.missionLocaleId.value === '') {
        this.form.controls.missionLocaleId.setValue(only.id);
      }
    });
    effect(() => applyFieldErrors(this.form, this.fieldErrors()));
  }

  protected createUser(): void {
    const { email, siteId, ...rest } = this.form.getRawValue();
    const user = createUserSchema.safeParse({ ...rest, email: email || undefined, siteId: siteId || undefined });
    if (!user.success) {
      applyFieldErrors(
        this.form,
        user.error.issues.map((issue) => ({ path: String(issue.path[0] ?? ''), message: issue.message })),
      );
      this.form.markAllAsTouched();
      return;
    }
    this.submitted.emit(user.data);
  }
}
