import { LiveAnnouncer } from '@angular/cdk/a11y';
import { booleanAttribute, ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { PushService } from './push.service';

/** Announced once the phone is subscribed. */
export const PUSH_ACTIVE = 'Les notifications sont activées sur ce téléphone.';

/**
 * Explains web push in plain French, then asks the browser only when the jeune taps "Activer les notifications";
 * says what to do when notifications are blocked or impossible on this phone.
 */
@Component({
  selector: 'app-push-card',
  imports: [MatButton, UiErrorMessage, UiIcon],
  templateUrl: './push-card.html',
  styleUrl: './push-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PushCard {
  /** On the home: offers "Plus tard", and shows nothing once push is on, blocked or impossible. */
  readonly invitation = input(false, { transform: booleanAttribute });

  protected readonly push = inject(PushService);
  private readonly announcer = inject(LiveAnnouncer);

  constructor() {
    this.push.prepare();
  }

  protected async activer(): Promise<void> {
    if (await this.push.activer()) {
      void this.announcer.announce(PUSH_ACTIVE);
    }
  }
}
