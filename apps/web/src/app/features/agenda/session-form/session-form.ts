import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { type OffreInterneDto, sessionCreationSchema, type TypeOffreInterne } from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { catchError, firstValueFrom, map, of, pairwise, startWith } from 'rxjs';
import { errorMessage } from '../../../core/forms/zod-validator';
import { toRequestFailure } from '../../../core/http/problem';
import { authFeature } from '../../auth/auth.feature';
import { type FormIssue, ouNull, showIssues } from '../../evenements/evenement-sheet/form-issues';
import { EvenementsApi } from '../../evenements/evenements-api';
import { AgendaApi } from '../agenda-api';
import { instantDans, isoAvecOffset, plusJours } from '../agenda-time';

/** The day the agenda shows (the session's default day) and the Mission Locale's zone. */
export interface SessionFormData {
  readonly timeZone: string;
  readonly jour: string;
}

/** Only these offres are given as collective sessions (the BFF refuses the others). */
const TYPES_SESSION: readonly TypeOffreInterne[] = ['ATELIER', 'INFORMATION_COLLECTIVE'];

const HEURE_PAR_DEFAUT = '09:00';

// Where the schema's issues show: the start is typed as a day and a time.
const CONTROL_OF_PATH: Readonly<Record<string, string>> = { debut: 'heure' };

const text = (value = ''): FormControl<string> => new FormControl(value, { nonNullable: true });

/**
 * Plans a collective session animated by the conseiller (#5): an atelier or an information collective of the Mission
 * Locale's offre de service, its day and time in the Mission Locale's zone, its place, seats and registration deadline.
 * Validated with the domain's schema, sent once (Idempotency-Key). Closes with `true` once saved.
 */
@Component({
  selector: 'app-session-form',
  imports: [ReactiveFormsModule, MatButton, MatCheckbox, MatDialogModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule, UiErrorMessage],
  templateUrl: './session-form.html',
  styleUrl: '../rendez-vous-form/rendez-vous-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionForm {
  private readonly data = inject<SessionFormData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<SessionForm, boolean>>(MatDialogRef);
  private readonly api = inject(AgendaApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly me = inject(Store).selectSignal(authFeature.selectMe);
  protected readonly errorMessage = errorMessage;

  protected readonly offres = toSignal(
    inject(EvenementsApi)
      .offresInternes()
      .pipe(
        map((offres) => offres.filter(({ actif, type }) => actif && TYPES_SESSION.includes(type))),
        catchError((error: unknown) => {
          this.error.set(toRequestFailure(error).message);
          return of<OffreInterneDto[]>([]);
        }),
      ),
    { initialValue: [] },
  );
  private readonly monSite = computed(() => {
    const missionsLocales = this.me()?.missionsLocales ?? [];
    return (missionsLocales.find(({ principale }) => principale) ?? missionsLocales[0])?.site ?? null;
  });
  private readonly sitesCharges = toSignal(this.api.sites().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly sites = computed(() => {
    const mine = this.monSite();
    const all = new Map([...(mine === null ? [] : [mine]), ...this.sitesCharges()].map((site) => [site.id, site.nom]));
    return [...all].map(([id, nom]) => ({ id, libelle: id === mine?.id ? `${nom} (mon site)` : nom }));
  });

  protected readonly form = new FormGroup({
    offreId: text(),
    titre: text(),
    jour: text(this.data.jour),
    heure: text(HEURE_PAR_DEFAUT),
    dureeMinutes: new FormControl<number>(120, { nonNullable: true }),
    lieu: new FormControl<'SITE' | 'ADRESSE'>('SITE', { nonNullable: true }),
    siteId: text(this.monSite()?.id ?? ''),
    adresse: text(),
    places: new FormControl<number>(12, { nonNullable: true }),
    dateLimiteInscription: text(plusJours(this.data.jour, -1)),
    autoinscription: new FormControl(false, { nonNullable: true }),
    aApporter: text(),
    commentaire: text(),
  });
  protected readonly lieu = toSignal(this.form.controls.lieu.valueChanges, { initialValue: this.form.controls.lieu.value });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly otherErrors = signal<readonly string[]>([]);

  constructor() {
    const { offreId, titre, jour, dateLimiteInscription } = this.form.controls;
    // The title follows the offre chosen until the conseiller writes their own.
    offreId.valueChanges.pipe(takeUntilDestroyed()).subscribe((id) => {
      if (!titre.dirty) {
        titre.setValue(this.offres().find((offre) => offre.id === id)?.libelle ?? '');
      }
    });
    // The registrations close the day before by default: the deadline follows the day unless changed by hand.
    jour.valueChanges.pipe(startWith(jour.value), pairwise(), takeUntilDestroyed()).subscribe(([avant, apres]) => {
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(apres);
      if (valid && (!dateLimiteInscription.dirty || dateLimiteInscription.value === plusJours(avant, -1))) {
        dateLimiteInscription.setValue(plusJours(apres, -1));
      }
    });
  }

  /** The body as the BFF expects it, before validation. */
  private body() {
    const value = this.form.getRawValue();
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(value.jour) && /^\d{2}:\d{2}$/.test(value.heure);
    return {
      id: crypto.randomUUID(),
      offreId: value.offreId,
      titre: value.titre.trim(),
      debut: valid ? isoAvecOffset(instantDans(value.jour, value.heure, this.data.timeZone), this.data.timeZone) : '',
      dureeMinutes: value.dureeMinutes,
      siteId: value.lieu === 'SITE' && value.siteId !== '' ? value.siteId : null,
      adresse: value.lieu === 'ADRESSE' ? ouNull(value.adresse) : null,
      places: value.places,
      dateLimiteInscription: value.dateLimiteInscription,
      autoinscription: value.autoinscription,
      aApporter: ouNull(value.aApporter),
      commentaire: ouNull(value.commentaire),
    };
  }

  protected async save(): Promise<void> {
    if (this.saving()) {
      return;
    }
    const parsed = sessionCreationSchema.safeParse(this.body());
    if (!parsed.success) {
      this.reject(parsed.error.issues);
      return;
    }
    this.otherErrors.set([]);
    this.error.set(null);
    this.saving.set(true);
    try {
      await firstValueFrom(this.api.creerSession(parsed.data));
      this.dialogRef.close(true);
    } catch (error: unknown) {
      const failure = toRequestFailure(error);
      this.saving.set(false);
      if (failure.fieldErrors.length > 0) {
        this.reject(failure.fieldErrors.map(({ path, message }) => ({ path: path.split('.'), message })));
      } else {
        this.error.set(failure.message);
      }
    }
  }

  private reject(issues: readonly FormIssue[]): void {
    // Without a place, the message shows under the field the conseiller chose to fill.
    const lieu = this.form.controls.lieu.value === 'ADRESSE' ? 'adresse' : 'siteId';
    this.otherErrors.set(showIssues(this.form, issues, (path) => (path === 'siteId' ? lieu : (CONTROL_OF_PATH[path] ?? path))));
    this.announcer.announce('Certaines informations sont à corriger : voyez les champs signalés.');
  }
}
