import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { UiIdentitySummary, UiErrorMessage } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { AccountPageActions } from '../auth/auth.actions';
import { authFeature } from '../auth/auth.feature';
import { BUILD_ID } from '../../core/build-info';

/** "Mon compte": identity, password change, CGU, and signing out here or everywhere. */
@Component({
  selector: 'app-compte',
  imports: [UiErrorMessage, RouterLink, MatButton, UiIdentitySummary],
  templateUrl: './compte.html',
  styleUrl: './compte.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Compte {
  private readonly store = inject(Store);

  protected readonly identity = this.store.selectSignal(authFeature.selectIdentity);
  protected readonly pending = this.store.selectSignal(authFeature.selectPending);
  protected readonly error = this.store.selectSignal(authFeature.selectError);
  protected readonly buildId = BUILD_ID;

  protected signOut(): void {
    this.store.dispatch(AccountPageActions.signOutClicked());
  }

  protected signOutEverywhere(): void {
    this.store.dispatch(AccountPageActions.signOutEverywhereClicked());
  }
}
