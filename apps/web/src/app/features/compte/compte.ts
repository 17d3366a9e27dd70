import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { UiIdentitySummary, UiErrorMessage } from '@imilo/ui';
import { type Action, Store } from '@ngrx/store';
import { AccountPageActions } from '../auth/auth.actions';
import { authFeature } from '../auth/auth.feature';
import { BUILD_ID } from '../../core/build-info';
import { ConfirmationDialog, type ConfirmationDialogData } from '../../core/confirmation-dialog';
import { Outbox } from '../../core/offline/outbox';

/** "1 élément n'est pas encore synchronisé et sera perdu.", "3 éléments ne sont pas encore synchronisés et…" */
export const unsyncedMessage = (count: number): string =>
  count > 1
    ? `${count} éléments ne sont pas encore synchronisés et seront perdus.`
    : `${count} élément n'est pas encore synchronisé et sera perdu.`;

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
  private readonly outbox = inject(Outbox);
  private readonly dialog = inject(MatDialog);

  protected readonly identity = this.store.selectSignal(authFeature.selectIdentity);
  protected readonly pending = this.store.selectSignal(authFeature.selectPending);
  protected readonly error = this.store.selectSignal(authFeature.selectError);
  protected readonly buildId = BUILD_ID;

  protected signOut(): void {
    this.signOutWith(AccountPageActions.signOutClicked());
  }

  protected signOutEverywhere(): void {
    this.signOutWith(AccountPageActions.signOutEverywhereClicked());
  }

  /** Signing out wipes the writes not yet synchronised: when there are some, the user decides knowingly. */
  private signOutWith(action: Action): void {
    const count = this.outbox.pendingCount();
    if (count === 0) {
      this.store.dispatch(action);
      return;
    }
    this.dialog
      .open<ConfirmationDialog, ConfirmationDialogData, boolean>(ConfirmationDialog, {
        data: {
          title: 'Se déconnecter sans synchroniser ?',
          message: unsyncedMessage(count),
          confirm: 'Se déconnecter quand même',
        },
        width: '32rem',
      })
      .afterClosed()
      .subscribe((confirmed) => {
        if (confirmed) {
          this.store.dispatch(action);
        }
      });
  }
}
