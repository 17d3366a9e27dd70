import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { toRequestFailure } from '../../../core/http/problem';
import { authFeature } from '../../auth/auth.feature';
import { heureDansFuseau, jourDansFuseau } from '../../cmilo/cmilo-format';
import { type SmsBoiteDeveloppementDto, SmsOutboxApi } from './sms-outbox-api';

/** « 1 SMS », « 2 SMS (concaténés) ». */
export const segmentsLabel = (segments: number): string => (segments > 1 ? `${segments} SMS (concaténés)` : `${segments} SMS`);

const DEFAULT_TIMEZONE = 'Europe/Paris';

type OutboxState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'loaded'; readonly outbox: SmsBoiteDeveloppementDto };

/**
 * The development SMS outbox (#5): without an SMS provider, the texts that would have reached the jeunes' phones,
 * newest first, for the administrator's Missions Locales. Dates are those of each message's Mission Locale.
 */
@Component({
  selector: 'app-sms-outbox',
  imports: [MatButton, MatProgressBar, UiEmptyState, UiErrorMessage, UiIcon],
  templateUrl: './sms-outbox.html',
  styleUrl: './sms-outbox.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SmsOutbox {
  private readonly api = inject(SmsOutboxApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly me = inject(Store).selectSignal(authFeature.selectMe);

  private readonly state = signal<OutboxState>({ status: 'loading' });
  protected readonly loading = computed(() => this.state().status === 'loading');
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'failed' ? state.error : null;
  });
  protected readonly outbox = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.outbox : null;
  });
  protected readonly messages = computed(() => {
    const zones = new Map((this.me()?.missionsLocales ?? []).map(({ id, timezone }) => [id, timezone]));
    return (this.outbox()?.messages ?? []).map((message) => {
      const timeZone = zones.get(message.missionLocaleId) ?? DEFAULT_TIMEZONE;
      return {
        ...message,
        segmentsLabel: segmentsLabel(message.segments),
        date: `${jourDansFuseau(message.envoyeLe, timeZone)} à ${heureDansFuseau(message.envoyeLe, timeZone)}`,
      };
    });
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.api
      .read()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (outbox) => this.state.set({ status: 'loaded', outbox }),
        error: (error: unknown) => this.state.set({ status: 'failed', error: toRequestFailure(error).message }),
      });
  }
}
