import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { UiIdentitySummary } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { authFeature } from '../../auth/auth.feature';
import { PushCard } from '../../cmilo/push/push-card';
import { ProchainRendezVous } from '../../cmilo/rendez-vous/prochain-rendez-vous';

/** Home of C-Milo, the jeune's own space: the next rendez-vous, the invitation to turn push on, the other pages. */
@Component({
  selector: 'app-cmilo-home',
  imports: [RouterLink, MatButton, UiIdentitySummary, ProchainRendezVous, PushCard],
  templateUrl: './cmilo-home.html',
  styleUrl: '../portal-home.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CmiloHome {
  protected readonly identity = inject(Store).selectSignal(authFeature.selectIdentity);
}
