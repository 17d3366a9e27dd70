import { inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';

const APP_NAME = 'imilo';

/** Puts each route's `title` in the browser tab ("Mon compte – imilo") and in the top app bar. */
@Injectable({ providedIn: 'root' })
export class PageTitle extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly pageTitle = signal(APP_NAME);

  /** Title of the current page, as the app bar shows it. */
  readonly current = this.pageTitle.asReadonly();

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const pageTitle = this.buildTitle(snapshot);
    this.pageTitle.set(pageTitle ?? APP_NAME);
    this.title.setTitle(pageTitle ? `${pageTitle} – ${APP_NAME}` : APP_NAME);
  }
}
