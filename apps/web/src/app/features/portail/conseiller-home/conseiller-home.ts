import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { UiIdentitySummary } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { authFeature } from '../../auth/auth.feature';

/** Home of the Conseiller portal (conseillers, chargés d'accueil, direction). */
@Component({
  selector: 'app-conseiller-home',
  imports: [RouterLink, MatButton, UiIdentitySummary],
  templateUrl: './conseiller-home.html',
  styleUrl: '../portal-home.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConseillerHome {
  protected readonly identity = inject(Store).selectSignal(authFeature.selectIdentity);
}
