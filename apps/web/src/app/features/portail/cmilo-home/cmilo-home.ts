import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { UiErrorMessage, UiIcon, UiIdentitySummary } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { authFeature } from '../../auth/auth.feature';
import { PushCard } from '../../cmilo/push/push-card';
import { PortailStore } from '../portail.store';
import { MesActionsWidget } from '../widgets/mes-actions-widget';
import { NotificationsWidget } from '../widgets/notifications-widget';
import { ProchainRendezVousWidget } from '../widgets/prochain-rendez-vous-widget';

/**
 * Home of C-Milo, the jeune's own space (#6): the next rendez-vous to confirm or cancel, the actions due soon, the new
 * notifications — read in one call, kept for offline reading — the invitation to turn push on, the other pages. Its
 * layout is fixed: a jeune does not personalise it.
 */
@Component({
  selector: 'app-cmilo-home',
  imports: [
    RouterLink,
    MatButton,
    UiErrorMessage,
    UiIcon,
    UiIdentitySummary,
    PushCard,
    MesActionsWidget,
    NotificationsWidget,
    ProchainRendezVousWidget,
  ],
  templateUrl: './cmilo-home.html',
  styleUrls: ['../portal-home.scss', './cmilo-home.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [PortailStore],
})
export class CmiloHome {
  protected readonly identity = inject(Store).selectSignal(authFeature.selectIdentity);
  protected readonly store = inject(PortailStore);

  constructor() {
    this.store.load();
  }
}
