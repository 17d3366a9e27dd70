import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  computed,
  DestroyRef,
  type DoCheck,
  forwardRef,
  inject,
  Injector,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  type ControlValueAccessor,
  FormControl,
  FormGroupDirective,
  NG_VALIDATORS,
  NG_VALUE_ACCESSOR,
  NgControl,
  ReactiveFormsModule,
  type ValidationErrors,
  type Validator,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { COMMUNES_SEARCH_LIMITS, type CommuneDto } from '@imilo/domain';
import { catchError, debounceTime, filter, map, type Observable, of, startWith, Subject, switchMap, tap } from 'rxjs';
import { errorMessage } from '../../../core/forms/zod-validator';
import { CommunesApi } from './communes-api';

/** How long the typing pauses before the communes are asked for. */
export const COMMUNE_DEBOUNCE_MS = 250;

/** The error the field puts on its control while a text is typed and no commune chosen. */
export const COMMUNE_EN_SAISIE = 'communeEnSaisie';

/** The message of that error. */
export const COMMUNE_EN_SAISIE_MESSAGE = 'Choisissez la commune dans la liste (tapez son nom ou son code postal).';

/**
 * Whether a commune field shows a typed text but no commune was chosen: its control then holds no code, and sending
 * the form would drop (or erase) the commune.
 */
export const communeEnSaisie = (control: AbstractControl): boolean => control.hasError(COMMUNE_EN_SAISIE);

/** A commune chosen in the list, and the postal code that goes with it: the one typed if it is one of its codes, else its first. */
export interface CommuneChoisie {
  readonly commune: CommuneDto;
  readonly codePostal: string | null;
}

/** "Bordeaux (33)", as the field shows a chosen commune. */
export const communeLibelle = (commune: CommuneDto): string => `${commune.nom} (${commune.departement})`;

/** " — 33000, 33100… (33)": what follows the name in the list, its first two postal codes and its département. */
export const communeDetails = (commune: CommuneDto): string => {
  const { codesPostaux, departement } = commune;
  if (codesPostaux.length === 0) {
    return ` (${departement})`;
  }
  return ` — ${codesPostaux.slice(0, 2).join(', ')}${codesPostaux.length > 2 ? '…' : ''} (${departement})`;
};

type Recherche =
  | { readonly etat: 'vide' }
  | { readonly etat: 'enCours' }
  | { readonly etat: 'trouve'; readonly communes: readonly CommuneDto[] }
  | { readonly etat: 'echec' };

const VIDE: Recherche = { etat: 'vide' };

/**
 * A commune picked by its name or postal code, for a form control that holds its INSEE code (the domain's
 * validators keep applying to it). A code set from outside shows as "Bordeaux (33)"; the control's errors show under
 * the field. While a text is typed and no commune chosen, the control holds '' and carries `communeEnSaisie`.
 */
@Component({
  selector: 'app-commune-field',
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule, MatProgressSpinner],
  templateUrl: './commune-field.html',
  styleUrl: './commune-field.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => CommuneField), multi: true },
    { provide: NG_VALIDATORS, useExisting: forwardRef(() => CommuneField), multi: true },
  ],
})
export class CommuneField implements ControlValueAccessor, Validator, DoCheck {
  /** The field's visible label ("Commune de naissance"). */
  readonly label = input.required<string>();
  /** The help under the field; empty for none. */
  readonly hint = input('Tapez le nom ou le code postal, puis choisissez dans la liste.');
  /** A commune was chosen in the list. */
  readonly chosen = output<CommuneChoisie>();

  private readonly api = inject(CommunesApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private readonly changeDetector = inject(ChangeDetectorRef);
  private readonly errorStateMatcher = inject(ErrorStateMatcher);
  private readonly parentForm = inject(FormGroupDirective, { optional: true });

  /** What the input holds: the text typed, or the commune chosen (shown by `libelle`). */
  protected readonly search = new FormControl<string | CommuneDto>('', { nonNullable: true });
  protected readonly recherche = signal<Recherche>(VIDE);
  protected readonly communes = computed(() => {
    const recherche = this.recherche();
    return recherche.etat === 'trouve' ? recherche.communes : [];
  });
  protected readonly enCours = computed(() => this.recherche().etat === 'enCours');
  protected readonly aucune = computed(() => {
    const recherche = this.recherche();
    return recherche.etat === 'trouve' && recherche.communes.length === 0;
  });
  protected readonly echec = computed(() => this.recherche().etat === 'echec');
  /** The control's message, once it is to be shown (touched, or the form submitted). */
  protected readonly error = signal<string | null>(null);
  private readonly inError = signal(false);
  protected readonly errorState: ErrorStateMatcher = { isErrorState: () => this.inError() };
  protected readonly libelle = (value: string | CommuneDto | null): string =>
    value === null ? '' : typeof value === 'string' ? value : communeLibelle(value);
  protected readonly details = communeDetails;

  /** The INSEE code the control holds; '' for none. */
  private value = '';
  /** Whether a text is typed and no commune chosen. */
  private typing = false;
  private typed = '';
  private control: AbstractControl | null = null;
  private readonly resolutions = new Subject<string>();
  private onChange: (value: string) => void = () => undefined;
  private onTouched: () => void = () => undefined;

  constructor() {
    this.search.valueChanges
      .pipe(
        // A chosen commune arrives as an object: only typing searches.
        filter((text): text is string => typeof text === 'string'),
        tap((text) => this.type(text)),
        map((text) => text.trim()),
        debounceTime(COMMUNE_DEBOUNCE_MS),
        switchMap((q) => this.lookUp(q)),
        takeUntilDestroyed(),
      )
      .subscribe((recherche) => this.show(recherche));

    // A code set from outside shows as its commune's name, once known.
    this.resolutions
      .pipe(
        switchMap((code) =>
          code === ''
            ? of({ code, commune: null })
            : this.api.commune(code).pipe(
                map((commune) => ({ code, commune })),
                catchError(() => of({ code, commune: null })),
              ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ code, commune }) => {
        if (code === this.value && !this.typing && commune !== null) {
          this.search.setValue(commune, { emitEvent: false });
          this.changeDetector.markForCheck();
        }
      });
  }

  writeValue(value: unknown): void {
    const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
    this.value = code;
    this.typing = false;
    this.typed = '';
    this.recherche.set(VIDE);
    this.search.setValue(code, { emitEvent: false });
    this.resolutions.next(code);
  }

  registerOnChange(fn: (value: string) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    if (disabled) {
      this.search.disable({ emitEvent: false });
    } else {
      this.search.enable({ emitEvent: false });
    }
  }

  validate(): ValidationErrors | null {
    return this.typing ? { [COMMUNE_EN_SAISIE]: COMMUNE_EN_SAISIE_MESSAGE } : null;
  }

  ngDoCheck(): void {
    this.syncErrorState();
  }

  protected choose(commune: CommuneDto): void {
    const codeTape = /\b\d{5}\b/.exec(this.typed)?.[0];
    this.typing = false;
    this.value = commune.insee;
    this.onChange(commune.insee);
    this.onTouched();
    this.chosen.emit({
      commune,
      codePostal: codeTape !== undefined && commune.codesPostaux.includes(codeTape) ? codeTape : (commune.codesPostaux[0] ?? null),
    });
  }

  /** Leaving the field marks it touched; not while the list is open (a tap on an option blurs the input first). */
  protected leave(panelOpen: boolean): void {
    if (!panelOpen) {
      this.onTouched();
    }
  }

  protected panelClosed(): void {
    this.onTouched();
  }

  private type(text: string): void {
    const typing = text.trim() !== '';
    // The control learns that no commune is chosen any more (or again, once the text is cleared).
    const changed = this.value !== '' || typing !== this.typing;
    this.typed = text;
    this.typing = typing;
    this.value = '';
    if (changed) {
      this.onChange('');
    }
  }

  private lookUp(q: string): Observable<Recherche> {
    if (q.length < COMMUNES_SEARCH_LIMITS.qMin) {
      return of(VIDE);
    }
    return this.api.rechercher(q.slice(0, COMMUNES_SEARCH_LIMITS.qMax)).pipe(
      map((communes): Recherche => ({ etat: 'trouve', communes })),
      catchError(() => of<Recherche>({ etat: 'echec' })),
      startWith<Recherche>({ etat: 'enCours' }),
    );
  }

  private show(recherche: Recherche): void {
    this.recherche.set(recherche);
    if (recherche.etat === 'trouve') {
      const count = recherche.communes.length;
      void this.announcer.announce(
        count === 0 ? 'Aucune commune trouvée' : count === 1 ? '1 commune proposée' : `${count} communes proposées`,
        'polite',
      );
    }
  }

  // The control belongs to the parent's form: its errors show here when Material would show them (touched or submitted).
  private syncErrorState(): void {
    const control = this.parentControl();
    if (control === null) {
      return;
    }
    const inError = this.errorStateMatcher.isErrorState(control, this.parentForm);
    this.inError.set(inError);
    this.error.set(inError ? errorMessage(control) : null);
  }

  // Read lazily: the form directive on the same element injects this component as its value accessor.
  private parentControl(): AbstractControl | null {
    if (this.control === null) {
      this.control = this.injector.get(NgControl, null, { self: true })?.control ?? null;
      this.control?.events.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.syncErrorState());
    }
    return this.control;
  }
}
