import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { type TypeEvenementCreation, typeEvenementCreationSchema } from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { applyFieldErrors, errorMessage, zodValidator } from '../../../core/forms/zod-validator';
import type { RequestFailure } from '../../../core/http/problem';
import { placeFailure } from './write-failure';

const shape = typeEvenementCreationSchema.shape;

/** Focuses the first field in error of a form just submitted. */
export const focusFirstInvalid = (host: HTMLElement, injector: Injector): void => {
  afterNextRender(() => host.querySelector<HTMLElement>('[aria-invalid="true"], mat-radio-group.ng-invalid input')?.focus(), {
    injector,
  });
};

/** Addition of a type of événement to the Mission Locale: code, libellé, and whether it is a contact with the jeune. */
@Component({
  selector: 'app-type-form',
  imports: [ReactiveFormsModule, MatButton, MatFormFieldModule, MatInputModule, MatRadioModule, UiErrorMessage],
  templateUrl: './type-form.html',
  styleUrl: './referentiels-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TypeForm {
  readonly pending = input(false);
  /** The failure of the last submission, placed under its field when it names one. */
  readonly failure = input<RequestFailure | null>(null);
  readonly submitted = output<TypeEvenementCreation>();
  readonly cancelled = output();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly form = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: zodValidator(shape.code) }),
    libelle: new FormControl('', { nonNullable: true, validators: zodValidator(shape.libelle) }),
    contact: new FormControl<boolean | null>(null, { validators: zodValidator(shape.contact) }),
  });
  protected readonly errorMessage = errorMessage;
  protected readonly placed = computed(() => placeFailure(this.failure()));

  constructor() {
    effect(() => {
      const { fieldErrors } = this.placed();
      if (fieldErrors.length > 0) {
        applyFieldErrors(this.form, fieldErrors);
        focusFirstInvalid(this.host.nativeElement, this.injector);
      }
    });
  }

  protected submit(): void {
    const parsed = typeEvenementCreationSchema.safeParse(this.form.getRawValue());
    if (!parsed.success) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.submitted.emit(parsed.data);
  }
}
