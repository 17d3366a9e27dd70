import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { selectCanPublishCgu } from '../../admin/admin.feature';
import { PortailHome } from '../portail-home/portail-home';

/** Home of the Admin portal: the administrator's widgets (#6), and the tasks they may do. */
@Component({
  selector: 'app-admin-home',
  imports: [UiIcon, RouterLink, PortailHome],
  templateUrl: './admin-home.html',
  styleUrl: './admin-home.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminHome {
  protected readonly canPublishCgu = inject(Store).selectSignal(selectCanPublishCgu);
}
