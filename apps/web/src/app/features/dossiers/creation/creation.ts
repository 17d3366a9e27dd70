import { HttpErrorResponse, HttpStatusCode } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, type ValidatorFn } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { Router } from '@angular/router';
import {
  codeInseeSchema,
  coordonneesSchema,
  type DossierCreation,
  dossierCreationSchema,
  type DoublonsDto,
  doublonsSchema,
  identiteCreationSchema,
  NOM_PATTERN,
  nomCharte,
} from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { map, type Observable, of } from 'rxjs';
import type { z } from 'zod';
import { ConfirmationDialog, type ConfirmationDialogData } from '../../../core/confirmation-dialog';
import { errorMessage, zodValidator } from '../../../core/forms/zod-validator';
import { toRequestFailure } from '../../../core/http/problem';
import { CommuneField, communeEnSaisie } from '../communes/commune-field';
import { DossiersApi } from '../dossiers-api';
import { dateFrValidator, isoFromDateFr } from './date-fr';
import { DoublonsPanel } from './doublons-panel/doublons-panel';
import { TransfertDialog, type TransfertDialogData } from './transfert-dialog';

// Phones and Macs type ’ for ' ("d’Arc"); the charte's pattern only accepts the straight one, which is meant.
const straightApostrophes = (value: string): string => value.replace(/[’‘`´]/g, "'");

/** Checks a name with the domain's schema, as it will be sent (straight apostrophes). */
const nameValidator =
  (schema: z.ZodType): ValidatorFn =>
  (control) => {
    const result = schema.safeParse(straightApostrophes(String(control.value ?? '')));
    return result.success ? null : { invalid: result.error.issues[0]?.message ?? 'Valeur invalide.' };
  };

// A blank optional field is sent as null; anything typed is checked with the domain's schema.
const optional = (validator: ValidatorFn): ValidatorFn => (control) =>
  typeof control.value === 'string' && control.value.trim() === '' ? null : validator(control);

const text = (validators: ValidatorFn | null = null) => new FormControl('', { nonNullable: true, validators });
const checkbox = () => new FormControl(false, { nonNullable: true });

/** Where each schema path shows its message in the form. */
const CONTROL_OF_PATH: Readonly<Record<string, string>> = {
  'identite.nomNaissance': 'nomNaissance',
  'identite.nomUsage': 'nomUsage',
  'identite.prenoms': 'prenoms',
  'identite.sexe': 'sexe',
  'identite.dateNaissance': 'dateNaissance',
  'identite.neEtranger': 'neEtranger',
  'identite.communeNaissanceInsee': 'communeNaissanceInsee',
  'identite.paysNaissance': 'paysNaissance',
  'coordonnees.telephone': 'telephone',
  'coordonnees.email': 'email',
};

/** A name as it will be stored, when it can be (unaccented capitals, per the charte de saisie). */
const storedName = (value: string): string | null => {
  const name = straightApostrophes(value.trim());
  return NOM_PATTERN.test(name) ? nomCharte(name) : null;
};

/**
 * Premier accueil: the identity minimum of the charte, the place of birth, the contact details and the consents.
 * The BFF checks for duplicates; when it finds some, the conseiller sees them and decides: open the existing dossier,
 * ask another Mission Locale for a transfer, or create anyway.
 */
@Component({
  selector: 'app-creation',
  imports: [
    CommuneField,
    DoublonsPanel,
    MatButton,
    MatCheckbox,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    ReactiveFormsModule,
    UiErrorMessage,
  ],
  templateUrl: './creation.html',
  styleUrl: './creation.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(window:beforeunload)': 'warnBeforeUnload($event)' },
})
export class Creation {
  private readonly api = inject(DossiersApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly form = new FormGroup({
    nomNaissance: text(nameValidator(identiteCreationSchema.shape.nomNaissance)),
    nomUsage: text(optional(nameValidator(identiteCreationSchema.shape.nomUsage))),
    prenoms: text(zodValidator(identiteCreationSchema.shape.prenoms)),
    sexe: new FormControl<'F' | 'M' | null>(null, { validators: zodValidator(identiteCreationSchema.shape.sexe) }),
    dateNaissance: text(dateFrValidator('La date de naissance')),
    neEtranger: checkbox(),
    communeNaissanceInsee: text(optional(zodValidator(codeInseeSchema))),
    paysNaissance: text(zodValidator(identiteCreationSchema.shape.paysNaissance)),
    telephone: text(optional(zodValidator(coordonneesSchema.shape.telephone))),
    email: text(optional(zodValidator(coordonneesSchema.shape.email))),
    consentementSms: checkbox(),
    consentementEmail: checkbox(),
    consentementPush: checkbox(),
  });
  protected readonly errorMessage = errorMessage;

  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly doublons = signal<DoublonsDto | null>(null);
  protected readonly transfertDemande = signal(false);
  /** Set once the dossier exists: leaving is then the point. */
  private created = false;

  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly neEtranger = computed(() => this.value().neEtranger);
  protected readonly nomNaissanceStocke = computed(() => storedName(this.value().nomNaissance));
  protected readonly nomUsageStocke = computed(() => storedName(this.value().nomUsage));

  constructor() {
    // The duplicates answered the identity as it was sent: any change calls for a new check.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.doublons.set(null);
      this.transfertDemande.set(false);
    });
  }

  protected createDossier(): void {
    this.submit(false);
  }

  protected createAnyway(): void {
    this.submit(true);
  }

  protected requestTransfer(): void {
    const creation = this.validCreation(false);
    if (creation === null) {
      return;
    }
    this.dialog
      .open<TransfertDialog, TransfertDialogData, boolean>(TransfertDialog, {
        data: { identite: creation.identite },
        width: '32rem',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((sent) => {
        if (sent === true) {
          this.transfertDemande.set(true);
        }
      });
  }

  /** Whether the page may be left: asks first when something was typed and no dossier was created. */
  canLeave(): Observable<boolean> {
    if (this.created || !this.form.dirty) {
      return of(true);
    }
    return this.dialog
      .open<ConfirmationDialog, ConfirmationDialogData, boolean>(ConfirmationDialog, {
        data: {
          title: 'Quitter sans créer le dossier ?',
          message: 'Les informations saisies seront perdues.',
          confirm: 'Quitter',
          cancel: 'Rester sur la page',
        },
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .pipe(map((leave) => leave === true));
  }

  protected warnBeforeUnload(event: BeforeUnloadEvent): void {
    if (!this.created && this.form.dirty) {
      event.preventDefault();
    }
  }

  private submit(confirmerDoublon: boolean): void {
    const creation = this.validCreation(confirmerDoublon);
    if (creation === null) {
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.api
      .creerDossier(creation)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (dossier) => {
          this.created = true;
          void this.router.navigate(['/jeunes', dossier.id]);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          const doublons = this.doublonsOf(error);
          if (doublons !== null) {
            this.doublons.set(doublons);
            return;
          }
          const failure = toRequestFailure(error);
          this.showErrors(failure.fieldErrors);
          this.error.set(failure.message);
        },
      });
  }

  private doublonsOf(error: unknown): DoublonsDto | null {
    if (!(error instanceof HttpErrorResponse) || error.status !== HttpStatusCode.Conflict) {
      return null;
    }
    const body: unknown = error.error;
    const parsed = doublonsSchema.safeParse(typeof body === 'object' && body !== null && 'doublons' in body ? body.doublons : null);
    return parsed.success ? parsed.data : null;
  }

  /** The creation as the schema accepts it, or null after showing what is wrong on the fields. */
  private validCreation(confirmerDoublon: boolean): DossierCreation | null {
    const value = this.form.getRawValue();
    const blankToNull = (field: string): string | null => (field.trim() === '' ? null : field);
    const result = dossierCreationSchema.safeParse({
      identite: {
        nomNaissance: straightApostrophes(value.nomNaissance),
        nomUsage: blankToNull(straightApostrophes(value.nomUsage)),
        prenoms: value.prenoms,
        sexe: value.sexe,
        dateNaissance: isoFromDateFr(value.dateNaissance) ?? value.dateNaissance,
        neEtranger: value.neEtranger,
        communeNaissanceInsee: value.neEtranger ? null : blankToNull(value.communeNaissanceInsee),
        paysNaissance: value.neEtranger ? blankToNull(value.paysNaissance) : null,
      },
      coordonnees: {
        telephone: blankToNull(value.telephone),
        email: blankToNull(value.email),
        consentements: { sms: value.consentementSms, email: value.consentementEmail, push: value.consentementPush },
        adresse: null,
      },
      confirmerDoublon,
    });
    // A commune typed but not chosen in the list holds no code: sending would silently drop it.
    const communeAChoisir = !value.neEtranger && communeEnSaisie(this.form.controls.communeNaissanceInsee);
    if (!result.success || communeAChoisir) {
      if (!result.success) {
        this.showErrors(result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
      }
      this.form.markAllAsTouched();
      return null;
    }
    return result.data;
  }

  private showErrors(errors: readonly { path: string; message: string }[]): void {
    for (const { path, message } of errors) {
      const control = this.form.get(CONTROL_OF_PATH[path] ?? path);
      // The form's own validators already say what the JJ/MM/AAAA field lacks; the ISO message would confuse.
      if (control !== null && !(path === 'identite.dateNaissance' && control.invalid)) {
        control.setErrors({ ...control.errors, server: message });
        control.markAsTouched();
      }
    }
  }
}
