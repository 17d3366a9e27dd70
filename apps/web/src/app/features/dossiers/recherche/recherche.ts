import { LiveAnnouncer } from '@angular/cdk/a11y';
import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatFabButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  JEUNE_SEARCH_LIMITS,
  type JeuneResultatsDto,
  type ProblemFieldError,
  type RechercheSauvegardeeDto,
} from '@imilo/domain';
import { UiCompletudeBadge, UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  filter,
  map,
  type Observable,
  of,
  scan,
  shareReplay,
  startWith,
  switchMap,
  tap,
} from 'rxjs';
import { toRequestFailure } from '../../../core/http/problem';
import { TABLET_QUERY } from '../../../core/layout/navigation';
import { DossiersApi } from '../dossiers-api';
import { CriteresForm } from './criteres-form/criteres-form';
import { HighlightedText } from './highlighted-text';
import {
  type Criteres,
  EMPTY_RECHERCHE,
  fromCriteresRecherche,
  fromQueryParams,
  isSearchable,
  rechercheErrors,
  type RechercheState,
  sameRecherche,
  toApiParams,
  toCriteresRecherche,
  toQueryParams,
} from './recherche-url';
import {
  EnregistrerRechercheDialog,
  type EnregistrerRechercheData,
} from './recherches-sauvegardees/enregistrer-recherche-dialog';
import { MesRecherchesDialog } from './recherches-sauvegardees/mes-recherches-dialog';
import { resultAnnouncement, resultCountText, toResultatVm } from './resultat-vm';

/** How long the typing must pause before the search runs: fast typists send one request, not one per letter. */
export const SEARCH_DEBOUNCE_MS = 250;

/** What the results area shows. */
type Vue =
  | { readonly status: 'idle' }
  | { readonly status: 'invalid'; readonly errors: readonly ProblemFieldError[] }
  | { readonly status: 'loading'; readonly previous: JeuneResultatsDto | null }
  | { readonly status: 'loaded'; readonly resultats: JeuneResultatsDto }
  | { readonly status: 'failed'; readonly message: string };

/** Sort options: a key of TRIS_JEUNES, `-` for descending. Relevance is offered only when a text is typed. */
const TRIS = [
  { value: 'nom', label: 'Nom (A → Z)' },
  { value: '-nom', label: 'Nom (Z → A)' },
  { value: 'age', label: 'Âge croissant' },
  { value: '-age', label: 'Âge décroissant' },
  { value: '-dernierContact', label: 'Dernier contact, le plus récent' },
  { value: 'dernierContact', label: 'Dernier contact, le plus ancien' },
  { value: '-creation', label: 'Dossiers créés récemment' },
  { value: 'creation', label: 'Dossiers les plus anciens' },
] as const;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

// While the next page loads, the previous results stay on screen (under a progress bar) instead of blinking away.
const keepPrevious = (previous: Vue, next: Vue): Vue =>
  next.status !== 'loading'
    ? next
    : {
        status: 'loading',
        previous: previous.status === 'loaded' ? previous.resultats : previous.status === 'loading' ? previous.previous : null,
      };

/**
 * The dossier search: one box with results as you type, criteria, sort, pages and saved searches. The URL holds the
 * whole search, so that it can be shared, survives a reload, and the back button walks through it.
 */
@Component({
  selector: 'app-recherche',
  imports: [
    CriteresForm,
    DatePipe,
    HighlightedText,
    MatButton,
    MatExpansionModule,
    MatFabButton,
    MatFormFieldModule,
    MatIconButton,
    MatInputModule,
    MatProgressBar,
    MatSelectModule,
    ReactiveFormsModule,
    RouterLink,
    UiCompletudeBadge,
    UiEmptyState,
    UiErrorMessage,
    UiIcon,
  ],
  templateUrl: './recherche.html',
  styleUrl: './recherche.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Recherche {
  private readonly api = inject(DossiersApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly liveAnnouncer = inject(LiveAnnouncer);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** The text last sent to the URL from the box, so that its echo does not overwrite what is typed since. */
  private typedQ: string | null = null;

  private readonly state$ = this.route.queryParams.pipe(
    map(fromQueryParams),
    distinctUntilChanged(sameRecherche),
    shareReplay({ bufferSize: 1, refCount: true }),
  );

  protected readonly queryControl = new FormControl('', { nonNullable: true });
  protected readonly state = toSignal(this.state$, { initialValue: EMPTY_RECHERCHE });
  protected readonly vue = toSignal(
    this.state$.pipe(
      switchMap((state) => this.load(state)),
      scan(keepPrevious, { status: 'idle' } as Vue),
      tap((vue) => this.announce(vue)),
    ),
    { initialValue: { status: 'idle' } as Vue },
  );
  protected readonly tablet = toSignal(
    inject(BreakpointObserver)
      .observe(TABLET_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  /** The criteria in force, stable while only the text changes (the criteria form keeps what is being edited). */
  protected readonly criteres = computed(() => this.state().criteres, { equal: sameJson });
  protected readonly criteresCount = computed(() => Object.keys(this.criteres()).length);
  protected readonly erreurs = computed(() => {
    const vue = this.vue();
    return vue.status === 'invalid' ? vue.errors : [];
  });
  protected readonly erreursText = computed(() => this.erreurs().map((error) => error.message).join(' '));
  protected readonly resultats = computed(() => {
    const vue = this.vue();
    return vue.status === 'loaded' ? vue.resultats : vue.status === 'loading' ? vue.previous : null;
  });
  protected readonly items = computed(() =>
    (this.resultats()?.items ?? []).map((item) => toResultatVm(item, this.state().q)),
  );
  protected readonly countText = computed(() => {
    const resultats = this.resultats();
    return resultats === null ? null : resultCountText(resultats);
  });
  protected readonly loading = computed(() => this.vue().status === 'loading');
  protected readonly hasNextPage = computed(
    () => (this.resultats()?.hasMore ?? false) && this.state().page < JEUNE_SEARCH_LIMITS.pageMax,
  );
  protected readonly tris = computed(() =>
    this.state().q.trim().length >= JEUNE_SEARCH_LIMITS.qMin ? [{ value: 'pertinence', label: 'Pertinence' }, ...TRIS] : TRIS,
  );
  protected readonly canSave = computed(() => isSearchable(this.state()) && toCriteresRecherche(this.state()) !== null);

  constructor() {
    this.state$.pipe(takeUntilDestroyed()).subscribe((state) => {
      if (state.q !== this.typedQ && state.q !== this.queryControl.value) {
        this.queryControl.setValue(state.q, { emitEvent: false });
      }
    });
    this.queryControl.valueChanges
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        filter((q) => q !== this.state().q),
        takeUntilDestroyed(),
      )
      .subscribe((q) => {
        this.typedQ = q;
        // Typing refines one search: it replaces the history entry instead of adding one per pause.
        this.navigate({ ...this.state(), q, page: 1 }, true);
      });
  }

  protected clearQuery(): void {
    this.queryControl.setValue('', { emitEvent: false });
    this.typedQ = '';
    this.navigate({ ...this.state(), q: '', page: 1 });
  }

  protected applyCriteres(criteres: Criteres): void {
    this.navigate({ ...this.state(), criteres, page: 1 });
  }

  protected sortBy(sort: string): void {
    this.navigate({ ...this.state(), sort, page: 1 });
  }

  protected goToPage(page: number, heading: HTMLElement): void {
    this.navigate({ ...this.state(), page });
    heading.focus();
  }

  protected openSaveDialog(): void {
    const criteres = toCriteresRecherche(this.state());
    if (criteres === null) {
      return;
    }
    this.dialog
      .open<EnregistrerRechercheDialog, EnregistrerRechercheData, RechercheSauvegardeeDto>(EnregistrerRechercheDialog, {
        data: { criteres },
        width: '32rem',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((recherche) => {
        if (recherche !== undefined) {
          this.snackBar.open(`Recherche « ${recherche.nom} » enregistrée.`, undefined, { duration: 4000 });
        }
      });
  }

  protected openSavedSearches(): void {
    this.dialog
      .open<MesRecherchesDialog, undefined, RechercheSauvegardeeDto>(MesRecherchesDialog, {
        width: '32rem',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((recherche) => {
        if (recherche !== undefined) {
          this.navigate(fromCriteresRecherche(recherche.criteres));
        }
      });
  }

  private navigate(state: RechercheState, replaceUrl = false): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: toQueryParams(state), replaceUrl });
  }

  private load(state: RechercheState): Observable<Vue> {
    const errors = rechercheErrors(state);
    if (errors.length > 0) {
      return of({ status: 'invalid', errors });
    }
    if (!isSearchable(state)) {
      return of({ status: 'idle' });
    }
    // switchMap unsubscribes from the previous request: HttpClient cancels it, a late answer never shows.
    return this.api.rechercher(toApiParams(state)).pipe(
      map((resultats): Vue => ({ status: 'loaded', resultats })),
      catchError((error: unknown) => of<Vue>({ status: 'failed', message: toRequestFailure(error).message })),
      startWith<Vue>({ status: 'loading', previous: null }),
    );
  }

  private announce(vue: Vue): void {
    if (vue.status === 'loaded') {
      void this.liveAnnouncer.announce(resultAnnouncement(vue.resultats));
    }
  }
}
