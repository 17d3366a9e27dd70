import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { HighlightSegment } from './highlight';

/** A text whose parts matching the search are marked with `<mark>`. */
@Component({
  selector: 'app-highlighted-text',
  template: `@for (segment of segments(); track $index) {
    @if (segment.match) {<mark class="highlighted-text-mark">{{ segment.text }}</mark>} @else {<span>{{ segment.text }}</span>}
  }`,
  styles: `
    .highlighted-text-mark {
      border-radius: 2px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HighlightedText {
  readonly segments = input.required<readonly HighlightSegment[]>();
}
