import { Injectable } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { fromEvent, map, merge } from 'rxjs';

/** Whether the device is online, from `navigator.onLine` and the window's online/offline events. */
@Injectable({ providedIn: 'root' })
export class Connectivity {
  /** Whether the browser believes it has a network connection. */
  readonly online = toSignal(
    merge(
      fromEvent(window, 'online').pipe(map(() => true)),
      fromEvent(window, 'offline').pipe(map(() => false)),
    ),
    { initialValue: navigator.onLine },
  );
}
