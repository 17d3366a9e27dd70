import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { UiIdentitySummary, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { authFeature } from '../../auth/auth.feature';
import { selectCanPublishCgu } from '../../admin/admin.feature';

/** Home of the Admin portal: who is administering, and the tasks they may do. */
@Component({
  selector: 'app-admin-home',
  imports: [UiIcon, RouterLink, UiIdentitySummary],
  templateUrl: './admin-home.html',
  styleUrls: ['../portal-home.scss', './admin-home.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminHome {
  private readonly store = inject(Store);

  protected readonly identity = this.store.selectSignal(authFeature.selectIdentity);
  protected readonly canPublishCgu = this.store.selectSignal(selectCanPublishCgu);
}
