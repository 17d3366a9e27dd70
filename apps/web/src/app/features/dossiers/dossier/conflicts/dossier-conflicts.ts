import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Outbox } from '../../../../core/offline/outbox';
import { ConflictPanel } from './conflict-panel';

/**
 * The writes of this dossier queued offline that the BFF refused because the record changed meanwhile (the dossier's
 * sections, its événements), each to resolve field by field, at the top of the dossier.
 */
@Component({
  selector: 'app-dossier-conflicts',
  imports: [ConflictPanel],
  template: `
    @for (entry of entries(); track entry.id) {
      <app-conflict-panel [entry]="entry" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DossierConflicts {
  /** The jeune whose queued writes are listed. */
  readonly jeuneId = input.required<string>();

  private readonly outbox = inject(Outbox);

  protected readonly entries = computed(() =>
    this.outbox
      .entries()
      .filter(
        (entry) =>
          entry.jeuneId === this.jeuneId() && entry.status === 'conflict' && (entry.kind === 'dossier' || entry.kind === 'evenement'),
      ),
  );
}
