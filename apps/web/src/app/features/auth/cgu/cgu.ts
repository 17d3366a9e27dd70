import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { CguDto } from '@imilo/domain';
import { UiFormattedText, UiErrorMessage } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { catchError, map, of, startWith } from 'rxjs';
import { toRequestFailure } from '../../../core/http/problem';
import { CguPageActions } from '../auth.actions';
import { AuthApi } from '../auth-api';
import { authFeature } from '../auth.feature';

type CguLoad =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly cgu: CguDto }
  | { readonly state: 'failed'; readonly message: string };

/** The current conditions d'utilisation; accepting them is required before anything else. */
@Component({
  selector: 'app-cgu',
  imports: [UiErrorMessage, DatePipe, RouterLink, MatButton, UiFormattedText],
  templateUrl: './cgu.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Cgu {
  private readonly store = inject(Store);

  // The text is read on this page only: it stays local rather than in the global Store.
  protected readonly cgu = toSignal(
    inject(AuthApi)
      .currentCgu()
      .pipe(
        map((cgu): CguLoad => ({ state: 'loaded', cgu })),
        catchError((error: unknown) => of<CguLoad>({ state: 'failed', message: toRequestFailure(error).message })),
        startWith<CguLoad>({ state: 'loading' }),
      ),
    { requireSync: true },
  );
  private readonly me = this.store.selectSignal(authFeature.selectMe);
  protected readonly mustAccept = computed(() => this.me()?.mustAcceptCgu ?? false);
  protected readonly homeUrl = this.store.selectSignal(authFeature.selectHomeUrl);
  protected readonly pending = this.store.selectSignal(authFeature.selectPending);
  protected readonly error = this.store.selectSignal(authFeature.selectError);

  constructor() {
    this.store.dispatch(CguPageActions.opened());
  }

  protected accept(version: number): void {
    this.store.dispatch(CguPageActions.acceptClicked({ version }));
  }

  protected signOut(): void {
    this.store.dispatch(CguPageActions.signOutClicked());
  }
}
