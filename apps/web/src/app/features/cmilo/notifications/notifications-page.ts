import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { PreferencesNotification } from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { toRequestFailure } from '../../../core/http/problem';
import { CmiloApi } from '../cmilo-api';
import { jourDansFuseau, selectFuseauJeune } from '../cmilo-format';
import { PushCard } from '../push/push-card';
import { PushService } from '../push/push.service';

/** Said once the preferences are recorded. */
export const PREFERENCES_ENREGISTREES = 'Vos choix sont enregistrés.';

/**
 * `/c-milo/notifications`: how the jeune wants to be told about their rendez-vous (push, SMS, e-mail: each channel its
 * own consent), push on this phone, and the phones that receive notifications.
 */
@Component({
  selector: 'app-notifications-page',
  imports: [ReactiveFormsModule, MatButton, MatCheckbox, MatProgressBar, UiErrorMessage, PushCard],
  templateUrl: './notifications-page.html',
  styleUrls: ['../cmilo-page.scss', './notifications-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPage {
  private readonly api = inject(CmiloApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly fuseau = inject(Store).selectSignal(selectFuseauJeune);
  protected readonly push = inject(PushService);

  protected readonly form = new FormGroup({
    push: new FormControl(false, { nonNullable: true }),
    sms: new FormControl(false, { nonNullable: true }),
    email: new FormControl(false, { nonNullable: true }),
  });
  protected readonly status = signal<'loading' | 'loaded' | 'saving' | 'failed'>('loading');
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal(false);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.status.set('loading');
    this.error.set(null);
    this.api.preferences().subscribe({
      next: (preferences) => this.show(preferences),
      error: (error: unknown) => {
        this.status.set('failed');
        this.error.set(toRequestFailure(error).message);
      },
    });
  }

  protected save(): void {
    this.status.set('saving');
    this.error.set(null);
    this.saved.set(false);
    this.api.enregistrerPreferences(this.form.getRawValue()).subscribe({
      next: (preferences) => {
        this.show(preferences);
        this.saved.set(true);
        void this.announcer.announce(PREFERENCES_ENREGISTREES);
      },
      error: (error: unknown) => {
        this.status.set('loaded');
        this.error.set(toRequestFailure(error).message);
      },
    });
  }

  protected depuis(creeLe: string): string {
    return jourDansFuseau(creeLe, this.fuseau());
  }

  private show(preferences: PreferencesNotification): void {
    this.form.setValue(preferences);
    this.status.set('loaded');
  }
}
