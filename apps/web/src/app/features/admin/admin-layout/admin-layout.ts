import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { authFeature } from '../../auth/auth.feature';
import { adminDestinations } from './admin-nav';

/**
 * The frame of the Admin portal's screens: a navigation between them (home, users, referentials of the suivi, SMS outbox, CGU,
 * as the roles allow) above the routed screen. The main navigation keeps one entry for the whole portal.
 */
@Component({
  selector: 'app-admin-layout',
  imports: [RouterLink, RouterLinkActive, RouterOutlet, UiIcon],
  templateUrl: './admin-layout.html',
  styleUrl: './admin-layout.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminLayout {
  private readonly roles = inject(Store).selectSignal(authFeature.selectRoles);

  protected readonly destinations = computed(() => adminDestinations(this.roles()));
}
