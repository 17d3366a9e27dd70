import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { SyncIndicator } from '../offline/sync-indicator';
import { type NavigationLayout, selectDestinations, TABLET_QUERY, WIDE_QUERY } from './navigation';
import { PageTitle } from './page-title';
import { UiIcon } from '@imilo/ui';

/**
 * The signed-in frame: top app bar with the page title, responsive main navigation, and the
 * routed page. A page whose `h1` would repeat the app bar title hides it visually (screen
 * readers still get it).
 */
@Component({
  selector: 'app-shell',
  imports: [UiIcon, MatToolbarModule, SyncIndicator, RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly breakpoints = toSignal(inject(BreakpointObserver).observe([TABLET_QUERY, WIDE_QUERY]));

  protected readonly title = inject(PageTitle).current;
  protected readonly destinations = inject(Store).selectSignal(selectDestinations);
  protected readonly layout = computed<NavigationLayout>(() => {
    const matches = this.breakpoints()?.breakpoints ?? {};
    return matches[WIDE_QUERY] ? 'side' : matches[TABLET_QUERY] ? 'rail' : 'bottom';
  });

  protected skipToContent(event: Event, main: HTMLElement): void {
    // The base href would turn "#contenu" into a navigation to "/"; move the focus instead.
    event.preventDefault();
    main.focus();
  }
}
