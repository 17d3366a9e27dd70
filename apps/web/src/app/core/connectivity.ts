import { HttpClient } from '@angular/common/http';
import { Injectable, Injector, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  BehaviorSubject,
  catchError,
  combineLatest,
  distinctUntilChanged,
  EMPTY,
  exhaustMap,
  filter,
  fromEvent,
  interval,
  map,
  merge,
  type Observable,
  shareReplay,
  startWith,
  switchMap,
} from 'rxjs';

/** The BFF's liveness endpoint, asked while it does not answer. */
export const HEALTH_URL = '/api/health';
/** How often the BFF is asked whether it answers again. */
export const PROBE_INTERVAL_MS = 10_000;

/**
 * Whether imilo can be reached: the browser believes it is online (`navigator.onLine` and the window's online/offline
 * events) and the BFF answered its last request (reported by `reachabilityInterceptor`). While the BFF does not
 * answer, `GET /api/health` is asked every 10 s and when the browser comes back online.
 */
@Injectable({ providedIn: 'root' })
export class Connectivity {
  private readonly injector = inject(Injector);
  private readonly reachable$ = new BehaviorSubject(true);
  private readonly browserOnline$ = merge(
    fromEvent(window, 'online').pipe(map(() => true)),
    fromEvent(window, 'offline').pipe(map(() => false)),
  ).pipe(startWith(navigator.onLine));

  /** Whether imilo can be reached, as an Observable that emits the current value first, then each change. */
  readonly online$: Observable<boolean> = combineLatest([this.browserOnline$, this.reachable$]).pipe(
    map(([browserOnline, reachable]) => browserOnline && reachable),
    distinctUntilChanged(),
    shareReplay({ bufferSize: 1, refCount: true }),
  );

  /** Whether imilo can be reached. */
  readonly online = toSignal(this.online$, { requireSync: true });

  constructor() {
    this.reachable$
      .pipe(
        distinctUntilChanged(),
        switchMap((reachable) =>
          reachable ? EMPTY : merge(interval(PROBE_INTERVAL_MS), fromEvent(window, 'online')),
        ),
        filter(() => navigator.onLine),
        exhaustMap(() => this.probe()),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  /** The BFF answered. */
  markReachable(): void {
    this.reachable$.next(true);
  }

  /** A request could not reach the BFF. */
  markUnreachable(): void {
    this.reachable$.next(false);
  }

  /** Asks the BFF whether it answers; `reachabilityInterceptor` reports the outcome. */
  private probe(): Observable<unknown> {
    // Looked up late: HttpClient's interceptors inject this service.
    return this.injector
      .get(HttpClient)
      .get(HEALTH_URL)
      .pipe(catchError(() => EMPTY));
  }
}
