import { BreakpointObserver, type BreakpointState } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@imilo/domain';
import { provideMockStore } from '@ngrx/store/testing';
import { deleteDB } from 'idb';
import { of } from 'rxjs';
import { initialAuthState } from '../../features/auth/auth.feature';
import { aMe } from '../../features/auth/auth.testing';
import { OFFLINE_DB_NAME } from '../offline/offline-db';
import { Shell } from './shell';

/** A BreakpointObserver answering for a screen `width` px wide (min-width queries only). */
const viewportOf = (width: number): Pick<BreakpointObserver, 'observe'> => ({
  observe: (queries: string | readonly string[]) => {
    const list = typeof queries === 'string' ? [queries] : queries;
    const breakpoints = Object.fromEntries(
      list.map((query) => [query, width >= Number(/min-width:\s*(\d+)px/.exec(query)?.[1] ?? 0)]),
    );
    return of<BreakpointState>({ matches: Object.values(breakpoints).some(Boolean), breakpoints });
  },
});

describe('Shell', () => {
  // The sync indicator runs the real outbox, on the IndexedDB every spec of the run shares: it starts empty, so that
  // nothing queued by another spec is replayed here, and it is left empty.
  beforeEach(() => deleteDB(OFFLINE_DB_NAME));

  afterEach(async () => {
    TestBed.resetTestingModule();
    await deleteDB(OFFLINE_DB_NAME);
  });

  const render = async (width: number, roles: Role[] = ['conseiller']) => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-in', me: aMe({ roles }) } } }),
        { provide: BreakpointObserver, useValue: viewportOf(width) },
      ],
    });
    const fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const nav = element.querySelector<HTMLElement>('nav[aria-label="Navigation principale"]');
    const labels = Array.from(element.querySelectorAll('.shell-nav-label'), (label) => label.textContent?.trim());
    return { element, nav, labels };
  };

  it('when on a 390 px phone, shows a bottom navigation', async () => {
    const { nav } = await render(390);

    expect(nav?.classList).toContain('shell-nav-bottom');
  });

  it('when on a 1180 px tablet, shows a navigation rail', async () => {
    const { nav } = await render(1180);

    expect(nav?.classList).toContain('shell-nav-rail');
  });

  it('when on a 1300 px screen, shows a side navigation', async () => {
    const { nav } = await render(1300);

    expect(nav?.classList).toContain('shell-nav-side');
  });

  it('when a conseiller is signed in, offers only the conseiller portal and the account', async () => {
    const { labels } = await render(390, ['conseiller']);

    expect(labels).toEqual(['Accueil', 'Jeunes', 'Agenda', 'Mon compte']);
  });

  it('when a conseiller is also admin, offers both portals, conseiller first', async () => {
    const { labels } = await render(1180, ['admin_ml', 'conseiller']);

    expect(labels).toEqual(['Accueil', 'Jeunes', 'Agenda', 'Administration', 'Mon compte']);
  });

  it('when a jeune is signed in, offers C-Milo and the account, never administration', async () => {
    const { labels } = await render(390, ['jeune']);

    expect(labels).toEqual(['Mon espace', 'Mon compte']);
  });

  it('when the device goes offline, says so in words in the app bar, in a live region', async () => {
    const { element } = await render(390);
    const status = () => element.querySelector('.shell-app-bar app-sync-indicator[role="status"]');

    window.dispatchEvent(new Event('offline'));
    await TestBed.inject(ApplicationRef).whenStable();
    const offline = status()?.textContent?.trim();
    window.dispatchEvent(new Event('online'));
    await TestBed.inject(ApplicationRef).whenStable();

    expect(offline).toBe('Hors ligne');
    expect(status()?.textContent?.trim()).toBe('En ligne');
  });

  it('when rendered, offers a skip link to the main content', async () => {
    const { element } = await render(390);

    const skip = element.querySelector<HTMLAnchorElement>('.skip-link');
    skip?.click();

    expect(skip?.textContent).toBe('Aller au contenu');
    expect(document.activeElement?.id).toBe('contenu');
  });
});
