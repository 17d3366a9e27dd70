import { booleanAttribute, ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { SectionEditor } from './section-editor';

let nextId = 0;

/**
 * The frame of a dossier section: its heading, "Modifier", the save and cancel buttons, errors, and the conflict with
 * its two ways out. The read view or the form is projected; the editor comes from the section component.
 */
@Component({
  selector: 'app-section-frame',
  imports: [MatButton, UiIcon, UiErrorMessage],
  templateUrl: './section-frame.html',
  styleUrl: './section-frame.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SectionFrame {
  /** The section's title ("Coordonnées"). */
  readonly title = input.required<string>();
  /** Whether the user may change this section. */
  readonly editable = input(false, { transform: booleanAttribute });

  protected readonly editor = inject(SectionEditor);
  protected readonly headingId = `dossier-section-${nextId++}`;
}
