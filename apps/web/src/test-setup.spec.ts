// Global hooks of the web specs. The Karma runner of @angular/build:unit-test ignores `setupFiles`: a spec file is the
// only way in, and hooks declared outside any `describe` apply to every spec of the run, whatever the random order.
//
// They keep one spec's timers out of the next one. Each rxjs timer (timeout, debounceTime, interval, timer, delay…) is
// an AsyncAction holding a `setInterval` of the clock current when it was scheduled, and cleared with the clock current
// when it ends. Scheduled on the browser's clock and ended under `jasmine.clock()` (a spec installing it while an
// earlier spec's timer still runs), the mock `clearInterval` cannot clear the real interval: it fires forever, and
// each firing throws "executing a cancelled action" in whatever spec runs then. So, after each spec:
// - the spec fails if it left `jasmine.clock()` installed;
// - the TestBed is torn down, then the spec fails if an rxjs timer of the browser's clock still runs (it would fire in
//   a later spec), naming where it was scheduled; that timer is cancelled;
// - the spec fails if an rxjs timer was cleared by the other clock than the one that set it (real timer under the mock
//   clock, or mock timer after `uninstall()`); the timer is cleared with its own clock instead.
// A spec using the mock clock installs it before anything schedules a timer, and tears the TestBed down (what the app
// cancels on destroy is then cancelled under the mock clock) before `jasmine.clock().uninstall()`.
import { TestBed } from '@angular/core/testing';
// rxjs's own switch for its timers (its TestScheduler uses it), published under `rxjs/internal/*`.
import { timer } from 'rxjs';
import { intervalProvider } from 'rxjs/internal/scheduler/intervalProvider';

/** The browser's timer functions, taken before any spec could install jasmine's mock clock. */
const realSetInterval = window.setInterval;
const real = { clearInterval: window.clearInterval.bind(window) };
const mockClockInstalled = (): boolean => window.setInterval !== realSetInterval;

interface RxjsTimer {
  readonly delayMs: number | undefined;
  readonly spec: string;
  readonly scheduledAt: string;
}

/** The rxjs timers running now, by clock: a mock id and a real id may be equal. */
const running = { real: new Map<number, RxjsTimer>(), mock: new Map<number, RxjsTimer>() };
const crossClockClears: string[] = [];
let currentSpec = '(no spec yet)';

jasmine.getEnv().addReporter({
  specStarted: (result) => {
    currentSpec = result.fullName;
  },
  specDone: (result) => {
    currentSpec = `(after "${result.fullName}")`;
  },
});

/** Chromium's Error keeps 10 frames: too few to get past rxjs's own. */
const v8Error = Error as ErrorConstructor & { stackTraceLimit: number };

const describeTimer = (timer: RxjsTimer): string =>
  `a ${timer.delayMs} ms rxjs timer scheduled in "${timer.spec}"\n${timer.scheduledAt}`;

// What rxjs does by default (the current global `setInterval` / `clearInterval`), keeping track of which clock did it.
const trackingDelegate = {
  setInterval: (handler: () => void, delayMs?: number, ...args: unknown[]): number => {
    const clock = mockClockInstalled() ? 'mock' : 'real';
    const id = window.setInterval(handler, delayMs, ...args);
    // Where the app or the spec asked for it, past rxjs's own frames.
    const stackTraceLimit = v8Error.stackTraceLimit;
    v8Error.stackTraceLimit = 40;
    const stack = new Error().stack ?? '';
    v8Error.stackTraceLimit = stackTraceLimit;
    const scheduledAt = stack
      .split('\n')
      .slice(2)
      .filter((frame) => !frame.includes('/node_modules/rxjs/'))
      .slice(0, 8)
      .join('\n');
    running[clock].set(id, { delayMs, spec: currentSpec, scheduledAt });
    return id;
  },
  clearInterval: (id: number): void => {
    const clock = mockClockInstalled() ? 'mock' : 'real';
    const other = clock === 'mock' ? 'real' : 'mock';
    if (running[clock].delete(id)) {
      window.clearInterval(id);
      return;
    }
    const timer = running[other].get(id);
    if (timer === undefined) {
      // Not scheduled through rxjs's timers since this file loaded: left to the current clock.
      window.clearInterval(id);
      return;
    }
    running[other].delete(id);
    crossClockClears.push(
      `${describeTimer(timer)}\nwas cancelled under the ${clock} clock in "${currentSpec}": ` +
        (other === 'real'
          ? 'install jasmine.clock() before anything schedules a timer (before the TestBed, or before the first render).'
          : 'tear the TestBed down (TestBed.resetTestingModule()) before jasmine.clock().uninstall().'),
    );
    if (other === 'real') {
      real.clearInterval(id);
    }
    // A mock timer died with the mock clock; the browser's clearInterval would clear another timer of the same id.
  },
};

beforeEach(() => {
  intervalProvider.delegate = trackingDelegate;
});

afterEach(() => {
  const problems: string[] = [];
  if (mockClockInstalled()) {
    jasmine.clock().uninstall();
    problems.push('jasmine.clock() was left installed: uninstall it in an afterEach (after tearing the TestBed down).');
  }
  // Angular's own hook tears the TestBed down right after this one (hooks run last declared first): done here, so
  // that what the app cancels on destroy is cancelled before the check.
  TestBed.resetTestingModule();
  running.mock.clear();
  for (const [id, timer] of running.real) {
    real.clearInterval(id);
    problems.push(
      `${describeTimer(timer)}\nstill runs once the spec is over (it would fire in the next one, maybe under ` +
        'jasmine.clock()): let it run out, or end what started it, before the spec ends. It has been cancelled.',
    );
  }
  running.real.clear();
  problems.push(...crossClockClears.splice(0));
  if (problems.length > 0) {
    throw new Error(`Timer hygiene (apps/web/src/test-setup.spec.ts):\n\n${problems.join('\n\n')}`);
  }
});

// The guard's own behaviour: if its bookkeeping stopped seeing rxjs's timers, every spec would pass unguarded.
describe('timer hygiene guard', () => {
  it("tracks an rxjs timer of the browser's clock while it runs, and forgets it once it is cancelled", () => {
    const subscription = timer(60_000).subscribe();

    expect([...running.real.values()].map((tracked) => tracked.delayMs)).toEqual([60_000]);
    subscription.unsubscribe();
    expect(running.real.size).toBe(0);
  });

  it("records a timer of the browser's clock cancelled under jasmine.clock(), and still clears it for real", () => {
    const subscription = timer(60_000).subscribe();
    jasmine.clock().install();
    subscription.unsubscribe();
    jasmine.clock().uninstall();

    // Taken out of the list so that this spec, which causes the problem on purpose, is not failed for it.
    const recorded = crossClockClears.splice(0);
    expect(recorded.length).toBe(1);
    expect(recorded[0]).toContain('install jasmine.clock() before anything schedules a timer');
    expect(running.real.size).toBe(0);
  });
});
