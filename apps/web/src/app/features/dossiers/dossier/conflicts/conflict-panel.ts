import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatRadioModule } from '@angular/material/radio';
import type { ConflictChoices } from '@imilo/domain';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { firstValueFrom } from 'rxjs';
import { ConfirmationDialog, type ConfirmationDialogData } from '../../../../core/confirmation-dialog';
import { Outbox } from '../../../../core/offline/outbox';
import type { OutboxEntry } from '../../../../core/offline/outbox.model';
import { DossierStore, isDossier } from '../dossier.store';
import { conflictViewOf, resolvedBody } from './conflict-view';

let nextId = 0;

/**
 * One write queued offline that the BFF refused because the record changed meanwhile: field by field, the value it
 * started from, what was typed and what is stored, and for each field changed on both sides the conseiller's choice.
 * The resolved write goes back to the outbox; giving it up asks first. Never a silent overwrite, never a lost entry.
 */
@Component({
  selector: 'app-conflict-panel',
  imports: [MatButton, MatRadioModule, UiErrorMessage, UiIcon],
  templateUrl: './conflict-panel.html',
  styleUrl: './conflict-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConflictPanel {
  /** The outbox entry in conflict. */
  readonly entry = input.required<OutboxEntry>();

  private readonly outbox = inject(Outbox);
  private readonly store = inject(DossierStore);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);

  protected readonly titleId = `conflict-panel-${nextId++}`;
  protected readonly view = computed(() => conflictViewOf(this.entry()));
  /** The conseiller's choices, for this entry only. */
  protected readonly choices = linkedSignal<string, ConflictChoices>({ source: () => this.entry().id, computation: () => ({}) });
  protected readonly body = computed(() => {
    const view = this.view();
    return view === null ? null : resolvedBody(view, this.choices());
  });
  protected readonly remaining = computed(
    () => this.view()?.diff.conflicts.filter(({ path }) => this.choices()[path] === undefined).length ?? 0,
  );
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected choose(path: string, choice: 'mine' | 'theirs'): void {
    this.choices.update((choices) => ({ ...choices, [path]: choice }));
  }

  protected async save(): Promise<void> {
    const body = this.body();
    if (body === null || this.busy()) {
      return;
    }
    await this.run(async () => {
      await this.outbox.resolve(this.entry().id, body);
      void this.announcer.announce('Vos choix sont enregistrés : la modification va être envoyée.');
    });
  }

  protected async discard(): Promise<void> {
    const confirmed = await firstValueFrom(
      this.dialog
        .open<ConfirmationDialog, ConfirmationDialogData, boolean>(ConfirmationDialog, {
          data: {
            title: 'Abandonner votre saisie ?',
            message: `« ${this.entry().label} » ne sera pas enregistrée : la version enregistrée reste telle quelle.`,
            confirm: 'Abandonner ma saisie',
          },
          width: '28rem',
        })
        .afterClosed(),
    );
    if (confirmed !== true) {
      return;
    }
    await this.run(async () => {
      const entry = this.entry();
      const current = this.view()?.current;
      await this.outbox.discard(entry.id);
      if (entry.kind === 'dossier' && isDossier(current)) {
        this.store.replace(current);
      }
      void this.announcer.announce('Saisie abandonnée : la version enregistrée est affichée.');
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch {
      // IndexedDB refused the change (storage full, private browsing): the entry is untouched, the choice can be redone.
      this.error.set("Cet appareil n'a pas pu enregistrer votre choix. Réessayez.");
    } finally {
      this.busy.set(false);
    }
  }
}
