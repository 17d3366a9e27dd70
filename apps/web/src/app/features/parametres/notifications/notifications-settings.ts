import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  notificationsSettingsSchema,
  type NotificationsSettingsDto,
  reminderOffsetsSchema,
  SMS_BUDGET_ALERT_PERCENT,
} from '@imilo/domain';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import type { Subscription } from 'rxjs';
import { applyFieldErrors, errorMessage, zodValidator } from '../../../core/forms/zod-validator';
import { toRequestFailure } from '../../../core/http/problem';
import { authFeature } from '../../auth/auth.feature';
import { NotificationsSettingsApi } from './notifications-settings-api';

/** How this month's SMS stand against the budget, as the page shows them. */
export interface SmsUsage {
  readonly label: string;
  /** Whole percentage, rounded down (100 when the budget is 0); the bar stops at 100. */
  readonly percent: number;
  /** `alerte` from 80 %, `atteint` once the budget is used up: SMS are then refused until the 1st. */
  readonly level: 'ok' | 'alerte' | 'atteint';
}

const nombre = new Intl.NumberFormat('fr-FR');

/** « 412 / 500 SMS ce mois (82 %) », and its level. */
export const smsUsage = (used: number, budget: number): SmsUsage => {
  const percent = budget === 0 ? 100 : Math.floor((used * 100) / budget);
  return {
    label: `${nombre.format(used)} / ${nombre.format(budget)} SMS ce mois (${percent}\u00a0%)`,
    percent,
    level: used >= budget ? 'atteint' : percent >= SMS_BUDGET_ALERT_PERCENT ? 'alerte' : 'ok',
  };
};

type LoadState = { readonly status: 'loading' } | { readonly status: 'failed'; readonly error: string } | { readonly status: 'loaded' };

/**
 * The direction's notification settings of their Mission Locale (#5): the reminders before a rendez-vous (J-N, three
 * at most), the local hour they go, how long a J-1 push may stay unacknowledged before the SMS, and the monthly SMS
 * budget, with this month's use against it.
 */
@Component({
  selector: 'app-notifications-settings',
  imports: [ReactiveFormsModule, MatButton, MatChipsModule, MatFormFieldModule, MatInputModule, MatProgressBar, MatSelectModule, UiErrorMessage, UiIcon],
  templateUrl: './notifications-settings.html',
  styleUrl: './notifications-settings.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsSettings {
  private readonly api = inject(NotificationsSettingsApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly destroyRef = inject(DestroyRef);
  private readonly me = inject(Store).selectSignal(authFeature.selectMe);
  private request: Subscription | null = null;

  protected readonly missionsLocales = computed(() => this.me()?.missionsLocales ?? []);
  protected readonly missionLocaleId = signal(
    (this.missionsLocales().find(({ principale }) => principale) ?? this.missionsLocales()[0])?.id ?? null,
  );
  protected readonly timezone = computed(() => this.missionsLocales().find(({ id }) => id === this.missionLocaleId())?.timezone ?? 'Europe/Paris');

  protected readonly form = new FormGroup({
    rappels: new FormControl<string[]>([], { nonNullable: true, validators: zodValidator(reminderOffsetsSchema) }),
    rappelHeure: new FormControl<number | null>(null, zodValidator(notificationsSettingsSchema.shape.rappelHeure)),
    pushAcquittementMinutes: new FormControl<number | null>(null, zodValidator(notificationsSettingsSchema.shape.pushAcquittementMinutes)),
    smsBudgetMensuel: new FormControl<number | null>(null, zodValidator(notificationsSettingsSchema.shape.smsBudgetMensuel)),
  });
  /** The number of days of a reminder to add (not sent: it becomes a « J-N » chip). */
  protected readonly nouveauRappel = new FormControl<number | null>(null);
  protected readonly rappels = signal<readonly string[]>([]);
  protected readonly rappelsPleins = computed(() => this.rappels().length >= 3);

  private readonly load = signal<LoadState>({ status: 'loading' });
  protected readonly loading = computed(() => this.load().status === 'loading');
  protected readonly loadError = computed(() => {
    const load = this.load();
    return load.status === 'failed' ? load.error : null;
  });
  protected readonly settings = signal<NotificationsSettingsDto | null>(null);
  protected readonly usage = computed(() => {
    const settings = this.settings();
    return settings === null ? null : smsUsage(settings.smsUtilises, settings.smsBudgetMensuel);
  });
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly saved = signal(false);
  protected readonly errorMessage = errorMessage;

  constructor() {
    this.destroyRef.onDestroy(() => this.request?.unsubscribe());
    // « Enregistré » stands for what is on screen: a change after it is not saved yet.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.saved.set(false));
    this.read();
  }

  protected chooseMissionLocale(id: string): void {
    this.missionLocaleId.set(id);
    this.read();
  }

  protected read(): void {
    const id = this.missionLocaleId();
    if (id === null) {
      this.load.set({ status: 'failed', error: "Vous n'êtes rattaché à aucune Mission Locale." });
      return;
    }
    this.load.set({ status: 'loading' });
    this.request?.unsubscribe();
    this.request = this.api.read(id).subscribe({
      next: (settings) => {
        this.show(settings);
        this.load.set({ status: 'loaded' });
      },
      error: (error: unknown) => this.load.set({ status: 'failed', error: toRequestFailure(error).message }),
    });
  }

  protected addRappel(): void {
    const jours = this.nouveauRappel.value;
    const rappels = reminderOffsetsSchema.safeParse([...this.rappels(), `J-${jours ?? ''}`]);
    if (!rappels.success) {
      this.nouveauRappel.setErrors({ invalid: rappels.error.issues[0]?.message ?? 'Rappel invalide.' });
      this.nouveauRappel.markAsTouched();
      return;
    }
    this.setRappels(rappels.data);
    this.nouveauRappel.reset();
  }

  protected removeRappel(rappel: string): void {
    this.setRappels(this.rappels().filter((value) => value !== rappel));
    void this.announcer.announce(`Rappel ${rappel} retiré.`, 'polite');
  }

  protected save(): void {
    const id = this.missionLocaleId();
    const settings = notificationsSettingsSchema.safeParse(this.form.getRawValue());
    if (id === null || !settings.success) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.saved.set(false);
    this.saveError.set(null);
    this.api
      .save(id, settings.data)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (saved) => {
          this.saving.set(false);
          this.show(saved);
          this.saved.set(true);
          void this.announcer.announce('Paramètres de notification enregistrés.', 'polite');
        },
        error: (error: unknown) => {
          const failure = toRequestFailure(error);
          this.saving.set(false);
          this.saveError.set(failure.message);
          applyFieldErrors(this.form, failure.fieldErrors);
        },
      });
  }

  private show(settings: NotificationsSettingsDto): void {
    this.settings.set(settings);
    this.form.reset({
      rappels: [...settings.rappels],
      rappelHeure: settings.rappelHeure,
      pushAcquittementMinutes: settings.pushAcquittementMinutes,
      smsBudgetMensuel: settings.smsBudgetMensuel,
    });
    this.rappels.set(settings.rappels);
  }

  private setRappels(rappels: readonly string[]): void {
    this.rappels.set(rappels);
    this.form.controls.rappels.setValue([...rappels]);
    this.form.controls.rappels.markAsDirty();
  }
}
