import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NON_RENSEIGNE } from '../dossier-format';
import type { DiffEntry } from './section-editor';

/** A section's read view: one term per field, "Non renseigné" when empty. */
@Component({
  selector: 'app-section-entries',
  template: `
    <dl class="section-entries">
      @for (entry of entries(); track entry.path) {
        <div class="section-entries-row">
          <dt>{{ entry.label }}</dt>
          <dd [class.section-entries-empty]="entry.text === nonRenseigne">{{ entry.text }}</dd>
        </div>
      }
    </dl>
  `,
  styleUrl: './section-entries.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SectionEntries {
  readonly entries = input.required<readonly DiffEntry[]>();

  protected readonly nonRenseigne = NON_RENSEIGNE;
}
