import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { AdminUserDto, CreateUserDto } from '@imilo/domain';
import { UiEmptyState, UiIcon, UiErrorMessage } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { UsersPageActions } from '../admin.actions';
import { adminFeature } from '../admin.feature';
import { IssuedCode } from './issued-code/issued-code';
import { UserForm } from './user-form/user-form';

/** Users of the administrator's Missions Locales: list, creation, access codes, deactivation. */
@Component({
  selector: 'app-users',
  imports: [UiErrorMessage, UiIcon, DatePipe, MatButton, UiEmptyState, IssuedCode, UserForm],
  templateUrl: './users.html',
  styleUrl: './users.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Users {
  private readonly store = inject(Store);

  protected readonly users = this.store.selectSignal(adminFeature.selectUserVms);
  protected readonly loadStatus = this.store.selectSignal(adminFeature.selectLoadStatus);
  protected readonly loadError = this.store.selectSignal(adminFeature.selectLoadError);
  protected readonly missionsLocales = this.store.selectSignal(adminFeature.selectMissionsLocales);
  protected readonly assignableRoles = this.store.selectSignal(adminFeature.selectAssignableRoles);
  protected readonly pending = this.store.selectSignal(adminFeature.selectPending);
  protected readonly error = this.store.selectSignal(adminFeature.selectError);
  protected readonly fieldErrors = this.store.selectSignal(adminFeature.selectFieldErrors);
  protected readonly issuedCode = this.store.selectSignal(adminFeature.selectIssuedCode);
  protected readonly creating = signal(false);

  constructor() {
    this.store.dispatch(UsersPageActions.opened());
    // Once the code is shown the creation is over; the form would otherwise reappear after it.
    effect(() => {
      if (this.issuedCode() !== null) {
        this.creating.set(false);
      }
    });
  }

  protected openCreation(): void {
    this.creating.set(true);
  }

  protected closeCreation(): void {
    this.creating.set(false);
  }

  protected createUser(user: CreateUserDto): void {
    this.store.dispatch(UsersPageActions.createSubmitted({ user }));
  }

  protected setActive(user: AdminUserDto, active: boolean): void {
    this.store.dispatch(UsersPageActions.activeToggled({ user, active }));
  }

  protected requestAccessCode(user: AdminUserDto): void {
    this.store.dispatch(UsersPageActions.accessCodeRequested({ user }));
  }

  protected dismissIssuedCode(): void {
    this.store.dispatch(UsersPageActions.issuedCodeDismissed());
  }
}
