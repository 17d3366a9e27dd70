import { TestBed } from '@angular/core/testing';
import { SwUpdate, type UnrecoverableStateEvent, type VersionEvent } from '@angular/service-worker';
import { Subject } from 'rxjs';
import { PAGE_RELOAD, SwUpdateNotifier, UPDATE_ACTION, UPDATE_MESSAGE } from './sw-update';

/** Resolves once `find` returns an element, or fails after a second. */
async function waitFor<T extends Element>(find: () => T | null): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const element = find();
    if (element !== null) {
      return element;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('Element not found.');
}

describe('SwUpdateNotifier', () => {
  let versionUpdates: Subject<VersionEvent>;
  let unrecoverable: Subject<UnrecoverableStateEvent>;
  let reload: jasmine.Spy<() => void>;

  const start = (isEnabled = true) => {
    versionUpdates = new Subject();
    unrecoverable = new Subject();
    reload = jasmine.createSpy('reload');
    TestBed.configureTestingModule({
      providers: [
        { provide: SwUpdate, useValue: { isEnabled, versionUpdates, unrecoverable } },
        { provide: PAGE_RELOAD, useValue: reload },
      ],
    });
    TestBed.inject(SwUpdateNotifier).watch();
  };

  const snackBar = () => document.querySelector<HTMLElement>('.mat-mdc-snack-bar-container');

  afterEach(() => snackBar()?.remove());

  it('when a new version is ready, offers "Mettre à jour", which reloads the page', async () => {
    start();

    versionUpdates.next({
      type: 'VERSION_READY',
      currentVersion: { hash: 'ancienne' },
      latestVersion: { hash: 'nouvelle' },
    });
    const container = await waitFor(snackBar);
    const action = await waitFor(() => container.querySelector<HTMLButtonElement>('button'));

    expect(container.textContent).toContain(UPDATE_MESSAGE);
    expect(action.textContent?.trim()).toBe(UPDATE_ACTION);
    expect(reload).not.toHaveBeenCalled();

    action.click();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('when a version is only being downloaded, says nothing', async () => {
    start();

    versionUpdates.next({ type: 'VERSION_DETECTED', version: { hash: 'nouvelle' } });
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(snackBar()).toBeNull();
  });

  it('when the cache is broken beyond repair, reloads at once', () => {
    start();

    unrecoverable.next({ type: 'UNRECOVERABLE_STATE', reason: 'Fichier manquant' });

    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('when the service worker is off, listens to nothing', () => {
    start(false);

    expect(versionUpdates.observed).toBeFalse();
    expect(unrecoverable.observed).toBeFalse();
  });
});
