import type { CdkVirtualScrollViewport, VirtualScrollStrategy } from '@angular/cdk/scrolling';
import { Injectable } from '@angular/core';
import { distinctUntilChanged, Subject } from 'rxjs';

/** Pixels rendered beyond each edge of the viewport at least; below that, the rendered range is rebuilt… */
const MIN_BUFFER_PX = 240;
/** …with this much, so that a scroll of a few rows does not touch the DOM at every frame. */
const MAX_BUFFER_PX = 720;

/**
 * Virtual scrolling over rows of a few known heights (the timeline's month headings and items): the CDK's fixed-size
 * strategy allows a single height, and its autosize one is still experimental. Offsets are summed once per list
 * change, and the row at a scroll position is found by bisection, so 500 rows scroll as smoothly as 50.
 */
@Injectable()
export class TimelineScrollStrategy implements VirtualScrollStrategy {
  private viewport: CdkVirtualScrollViewport | null = null;
  /** Where each row starts; one more entry than rows, the last being the total height. */
  private offsets: number[] = [0];
  private readonly index = new Subject<number>();

  /** The first row visible. */
  readonly scrolledIndexChange = this.index.pipe(distinctUntilChanged());

  /** The height of each row, in list order; called before the list is rendered with those rows. */
  setHeights(heights: readonly number[]): void {
    let total = 0;
    this.offsets = [0, ...heights.map((height) => (total += height))];
    this.update(true);
  }

  attach(viewport: CdkVirtualScrollViewport): void {
    this.viewport = viewport;
    this.update(true);
  }

  detach(): void {
    this.viewport = null;
  }

  onContentScrolled(): void {
    this.update(false);
  }

  onDataLengthChanged(): void {
    this.update(true);
  }

  onContentRendered(): void {
    // Heights are known in advance: nothing to measure once rendered.
  }

  onRenderedOffsetChanged(): void {
    // Same: the offsets come from the heights, not from the DOM.
  }

  scrollToIndex(index: number, behavior: ScrollBehavior): void {
    this.viewport?.scrollToOffset(this.offsets[Math.max(0, Math.min(index, this.offsets.length - 1))] ?? 0, behavior);
  }

  /** The row under a vertical position (the last one past the end). */
  private rowAt(position: number): number {
    let low = 0;
    let high = this.offsets.length - 2;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((this.offsets[middle] ?? 0) <= position) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return Math.max(low, 0);
  }

  private update(rebuild: boolean): void {
    const viewport = this.viewport;
    if (viewport === null) {
      return;
    }
    const count = this.offsets.length - 1;
    viewport.setTotalContentSize(this.offsets[count] ?? 0);
    const top = viewport.measureScrollOffset();
    const bottom = top + viewport.getViewportSize();
    const current = viewport.getRenderedRange();
    const covered =
      current.end <= count &&
      (this.offsets[current.start] ?? 0) <= Math.max(top - MIN_BUFFER_PX, 0) &&
      (current.end === count || (this.offsets[current.end] ?? 0) >= bottom + MIN_BUFFER_PX);
    if (rebuild || !covered) {
      const start = this.rowAt(Math.max(top - MAX_BUFFER_PX, 0));
      const end = count === 0 ? 0 : Math.min(this.rowAt(bottom + MAX_BUFFER_PX) + 1, count);
      viewport.setRenderedRange({ start, end });
      viewport.setRenderedContentOffset(this.offsets[start] ?? 0);
    }
    this.index.next(count === 0 ? 0 : this.rowAt(top));
  }
}
