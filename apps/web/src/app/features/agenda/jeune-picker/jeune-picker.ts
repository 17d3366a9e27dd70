import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type JeuneResume, JEUNE_SEARCH_LIMITS, type JeuneResultatDto } from '@imilo/domain';
import { catchError, debounceTime, distinctUntilChanged, filter, map, of, startWith, switchMap } from 'rxjs';
import { toRequestFailure } from '../../../core/http/problem';
import { controlState } from '../../evenements/evenement-sheet/form-issues';
import { DossiersApi } from '../../dossiers/dossiers-api';

const SEARCH_DEBOUNCE_MS = 250;

/** "Léa Martin", the usage name first (ui.md). */
const resumeOf = (item: JeuneResultatDto): JeuneResume => ({ id: item.id, prenom: item.prenoms.split(' ')[0] ?? item.prenoms, nom: item.nomUsage ?? item.nomNaissance });

const nameOf = (value: string | JeuneResume | null): string => (value === null ? '' : typeof value === 'string' ? value : `${value.prenom} ${value.nom}`);

type Suggestions = { readonly status: 'idle' | 'loading' } | { readonly status: 'loaded'; readonly items: readonly JeuneResume[] } | { readonly status: 'failed'; readonly message: string };

/**
 * Picks a jeune with the dossier search (`GET /api/v1/jeunes?q=`): type a name or a matricule, choose a suggestion.
 * The control holds the chosen jeune (or null); typing again clears it.
 */
@Component({
  selector: 'app-jeune-picker',
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field class="jeune-picker-field">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="search"
        autocomplete="off"
        [formControl]="text"
        [matAutocomplete]="auto"
        [errorStateMatcher]="errorState"
        (blur)="control().markAsTouched()"
      />
      <mat-autocomplete #auto="matAutocomplete" [displayWith]="displayWith" (optionSelected)="choose($event.option.value)">
        @switch (suggestions().status) {
          @case ('loading') {
            <mat-option disabled>Recherche…</mat-option>
          }
          @case ('failed') {
            <mat-option disabled>{{ failure() }}</mat-option>
          }
          @case ('loaded') {
            @for (jeune of items(); track jeune.id) {
              <mat-option [value]="jeune">{{ jeune.prenom }} {{ jeune.nom }}</mat-option>
            } @empty {
              <mat-option disabled>Aucun jeune trouvé</mat-option>
            }
          }
        }
      </mat-autocomplete>
      <mat-hint>Nom, prénom ou matricule ({{ minLength }} caractères au moins)</mat-hint>
      @if (state()?.message; as message) {
        <mat-error>{{ message }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    :host { display: block; }
    .jeune-picker-field { width: 100%; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JeunePicker {
  private readonly api = inject(DossiersApi);
  readonly control = input.required<FormControl<JeuneResume | null>>();
  readonly label = input('Jeune');

  protected readonly minLength = JEUNE_SEARCH_LIMITS.qMin;
  protected readonly state = controlState(this.control);
  protected readonly displayWith = nameOf;
  // The input edits the text typed; the message is the chosen jeune's (the control the form validates).
  protected readonly errorState: ErrorStateMatcher = { isErrorState: () => (this.state()?.message ?? null) !== null };
  /** What is typed, or the suggestion the autocomplete wrote back on a choice. */
  protected readonly text = new FormControl<string | JeuneResume>('', { nonNullable: true });
  protected readonly suggestions = toSignal(
    this.text.valueChanges.pipe(
      filter((value): value is string => typeof value === 'string'),
      debounceTime(SEARCH_DEBOUNCE_MS),
      map((value) => value.trim()),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < JEUNE_SEARCH_LIMITS.qMin
          ? of<Suggestions>({ status: 'idle' })
          : this.api.rechercher({ q, size: '8' }).pipe(
              map((page): Suggestions => ({ status: 'loaded', items: page.items.map(resumeOf) })),
              catchError((error: unknown) => of<Suggestions>({ status: 'failed', message: toRequestFailure(error).message })),
              startWith<Suggestions>({ status: 'loading' }),
            ),
      ),
    ),
    { initialValue: { status: 'idle' } as Suggestions },
  );
  protected readonly items = computed(() => {
    const suggestions = this.suggestions();
    return suggestions.status === 'loaded' ? suggestions.items : [];
  });
  protected readonly failure = computed(() => {
    const suggestions = this.suggestions();
    return suggestions.status === 'failed' ? suggestions.message : '';
  });

  constructor() {
    // The chosen jeune shows by name; typing something else means choosing again.
    toObservable(this.control)
      .pipe(takeUntilDestroyed())
      .subscribe((control) => this.text.setValue(nameOf(control.value), { emitEvent: false }));
    this.text.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
      const jeune = this.control().value;
      if (typeof value === 'string' && jeune !== null && value !== nameOf(jeune)) {
        this.control().setValue(null);
        this.control().markAsDirty();
      }
    });
  }

  protected choose(jeune: JeuneResume): void {
    this.control().setValue(jeune);
    this.control().markAsDirty();
  }
}
