import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  type OffreInterneCreation,
  offreInterneCreationSchema,
  type OffreInterneDto,
  type OffreInternePatch,
  offreInternePatchSchema,
  type Theme,
  THEME_LABELS,
  THEMES,
  type TypeOffreInterne,
  TYPE_OFFRE_INTERNE_LABELS,
  TYPES_OFFRE_INTERNE,
} from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { applyFieldErrors, errorMessage, zodValidator } from '../../../core/forms/zod-validator';
import type { RequestFailure } from '../../../core/http/problem';
import { focusFirstInvalid } from './type-form';
import { placeFailure } from './write-failure';

const shape = offreInterneCreationSchema.shape;

/** What the form gives: a new offre, or the changes of the one edited (its code stays). */
export type OffreFormValue = { readonly kind: 'creation'; readonly offre: OffreInterneCreation } | { readonly kind: 'modification'; readonly patch: OffreInternePatch };

let forms = 0;

/**
 * An offre of the internal offre de service: its code, libellé, thème and type for an addition (active at once);
 * libellé, thème and type for a change (its activity is toggled from the list).
 */
@Component({
  selector: 'app-offre-form',
  imports: [ReactiveFormsModule, MatButton, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule, UiErrorMessage],
  templateUrl: './offre-form.html',
  styleUrl: './referentiels-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OffreForm {
  /** The offre changed; absent for an addition. */
  readonly offre = input<OffreInterneDto | null>(null);
  readonly pending = input(false);
  readonly failure = input<RequestFailure | null>(null);
  readonly submitted = output<OffreFormValue>();
  readonly cancelled = output();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** Unique ids of the form's labels: several forms may be open in the list. */
  protected readonly ids = `offre-form-${++forms}`;
  protected readonly themes = THEMES;
  protected readonly themeLabels = THEME_LABELS;
  protected readonly types = TYPES_OFFRE_INTERNE;
  protected readonly typeLabels = TYPE_OFFRE_INTERNE_LABELS;
  protected readonly errorMessage = errorMessage;

  protected readonly form = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: zodValidator(shape.code) }),
    libelle: new FormControl('', { nonNullable: true, validators: zodValidator(shape.libelle) }),
    theme: new FormControl<Theme | null>(null, { validators: zodValidator(shape.theme) }),
    type: new FormControl<TypeOffreInterne | null>(null, { validators: zodValidator(shape.type) }),
  });
  protected readonly placed = computed(() => placeFailure(this.failure()));
  protected readonly title = computed(() => {
    const offre = this.offre();
    return offre === null ? 'Nouvelle offre' : `Modifier l'offre ${offre.code}`;
  });

  constructor() {
    effect(() => {
      const offre = this.offre();
      if (offre !== null) {
        // The code of an offre never changes: only the other fields are edited.
        this.form.controls.code.disable();
        this.form.patchValue({ libelle: offre.libelle, theme: offre.theme, type: offre.type });
      }
    });
    effect(() => {
      const { fieldErrors } = this.placed();
      if (fieldErrors.length > 0) {
        applyFieldErrors(this.form, fieldErrors);
        focusFirstInvalid(this.host.nativeElement, this.injector);
      }
    });
  }

  protected submit(): void {
    const offre = this.offre();
    const { code, libelle, theme, type } = this.form.getRawValue();
    if (offre === null) {
      const parsed = offreInterneCreationSchema.safeParse({ code, libelle, theme, type, actif: true });
      if (parsed.success) {
        this.submitted.emit({ kind: 'creation', offre: parsed.data });
      } else {
        this.showInvalid();
      }
      return;
    }
    const parsed = offreInternePatchSchema.safeParse({ libelle, theme, type, actif: offre.actif });
    if (parsed.success) {
      this.submitted.emit({ kind: 'modification', patch: parsed.data });
    } else {
      this.showInvalid();
    }
  }

  private showInvalid(): void {
    this.form.markAllAsTouched();
    focusFirstInvalid(this.host.nativeElement, this.injector);
  }
}
