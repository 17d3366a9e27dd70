import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ICON_PATHS, type IconName } from './icon-paths';

/**
 * A decorative Material Symbols icon drawn inline: hidden from assistive technologies, so its meaning must be
 * carried by a visible or visually hidden label next to it. Takes the colour and, through `--ui-icon-size`, the size
 * of its context.
 */
@Component({
  selector: 'ui-icon',
  template: `<svg viewBox="0 -960 960 960" focusable="false"><path [attr.d]="path()" /></svg>`,
  styleUrl: './icon.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'ui-icon', 'aria-hidden': 'true' },
})
export class UiIcon {
  /** Which icon. */
  readonly name = input.required<IconName>();

  protected readonly path = computed(() => ICON_PATHS[this.name()]);
}
