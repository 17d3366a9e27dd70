import { DestroyRef, DOCUMENT, inject, Injectable, InjectionToken, Injector } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { SwUpdate, type VersionReadyEvent } from '@angular/service-worker';
import { filter } from 'rxjs';

/** Reloads the page; a token so that specs can observe it without reloading Karma. */
export const PAGE_RELOAD = new InjectionToken<() => void>('PAGE_RELOAD', {
  providedIn: 'root',
  factory: () => {
    const location = inject(DOCUMENT).location;
    return () => location.reload();
  },
});

/** Message shown when a new version has been downloaded. */
export const UPDATE_MESSAGE = "Une nouvelle version d'imilo est disponible.";
/** Snackbar action that loads the new version. */
export const UPDATE_ACTION = 'Mettre à jour';

/**
 * Announces new versions of the PWA and loads them with a real reload (an `activateUpdate()`
 * alone would mix old and new chunks). A broken cache (`unrecoverable`) reloads at once.
 */
@Injectable({ providedIn: 'root' })
export class SwUpdateNotifier {
  private readonly swUpdate = inject(SwUpdate);
  private readonly reload = inject(PAGE_RELOAD);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);

  /** Starts listening; does nothing when the service worker is off (development, unsupported browser). */
  watch(): void {
    if (!this.swUpdate.isEnabled) {
      return;
    }
    this.swUpdate.versionUpdates
      .pipe(
        filter((event): event is VersionReadyEvent => event.type === 'VERSION_READY'),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => void this.offerUpdate());
    this.swUpdate.unrecoverable.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.reload());
  }

  private async offerUpdate(): Promise<void> {
    // Loaded on demand: the snackbar is not worth its weight in the sign-in page's first load.
    const { MatSnackBar } = await import('@angular/material/snack-bar');
    this.injector
      .get(MatSnackBar)
      .open(UPDATE_MESSAGE, UPDATE_ACTION)
      .onAction()
      .subscribe(() => this.reload());
  }
}
