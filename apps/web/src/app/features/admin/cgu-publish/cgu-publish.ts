import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { type CguAudience, publishCguSchema } from '@imilo/domain';
import { UiFormattedText, UiIcon, UiErrorMessage } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { applyFieldErrors, errorMessage, zodValidator } from '../../../core/forms/zod-validator';
import { CguPublishPageActions } from '../admin.actions';
import { adminFeature } from '../admin.feature';

/** Publication of a new CGU version (administrateur national); everybody concerned must accept it again. */
@Component({
  selector: 'app-cgu-publish',
  imports: [
    UiErrorMessage,
    UiIcon,
    DatePipe,
    ReactiveFormsModule,
    MatButton,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    UiFormattedText,
  ],
  templateUrl: './cgu-publish.html',
  styleUrl: './cgu-publish.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CguPublish {
  private readonly store = inject(Store);

  protected readonly audiences: readonly { readonly value: CguAudience; readonly label: string }[] = [
    { value: 'staff', label: 'Professionnels des Missions Locales' },
    { value: 'jeune', label: 'Jeunes (C-Milo)' },
  ];
  protected readonly form = new FormGroup({
    audience: new FormControl<CguAudience>('staff', { nonNullable: true }),
    texte: new FormControl('', { nonNullable: true, validators: zodValidator(publishCguSchema.shape.texte) }),
  });
  protected readonly texte = toSignal(this.form.controls.texte.valueChanges, { initialValue: '' });
  protected readonly previewing = signal(false);
  protected readonly pending = this.store.selectSignal(adminFeature.selectPending);
  protected readonly error = this.store.selectSignal(adminFeature.selectError);
  protected readonly published = this.store.selectSignal(adminFeature.selectPublishedCgu);
  protected readonly errorMessage = errorMessage;

  constructor() {
    this.store.dispatch(CguPublishPageActions.opened());
    const fieldErrors = this.store.selectSignal(adminFeature.selectFieldErrors);
    effect(() => applyFieldErrors(this.form, fieldErrors()));
    effect(() => {
      if (this.published() !== null) {
        this.form.reset();
        this.previewing.set(false);
      }
    });
  }

  protected togglePreview(): void {
    this.previewing.update((previewing) => !previewing);
  }

  protected publish(): void {
    const cgu = publishCguSchema.safeParse(this.form.getRawValue());
    if (!cgu.success) {
      this.form.markAllAsTouched();
      return;
    }
    this.store.dispatch(CguPublishPageActions.submitted({ cgu: cgu.data }));
  }

  protected audienceLabel(audience: CguAudience): string {
    return this.audiences.find(({ value }) => value === audience)?.label ?? audience;
  }
}
