import { A11yModule } from '@angular/cdk/a11y';
import { CdkConnectedOverlay, CdkOverlayOrigin, type ConnectedPosition } from '@angular/cdk/overlay';
import { ChangeDetectionStrategy, Component, computed, type ElementRef, inject, signal, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { type IconName, UiIcon } from '@imilo/ui';
import { Connectivity } from '../connectivity';
import { ConfirmationDialog, type ConfirmationDialogData } from '../confirmation-dialog';
import { Outbox } from './outbox';
import type { OutboxEntry } from './outbox.model';

/** One queued write as the panel lists it. */
interface EntryVm {
  readonly id: string;
  readonly label: string;
  readonly status: string;
  readonly isProblem: boolean;
  readonly canRetry: boolean;
  /** The dossier where a conflict is resolved, or null. */
  readonly resolveLink: readonly string[] | null;
}

const DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long' });

/** "à 14 h 32" today, "le 28 novembre à 14 h 32" before. */
export const syncTime = (iso: string, now: Date = new Date()): string => {
  const date = new Date(iso);
  const time = `${date.getHours()} h ${String(date.getMinutes()).padStart(2, '0')}`;
  return date.toDateString() === now.toDateString() ? `à ${time}` : `le ${DAY.format(date)} à ${time}`;
};

const statusOf = (entry: OutboxEntry): string => {
  switch (entry.status) {
    case 'pending':
      return 'En attente';
    case 'conflict':
      return 'Conflit à résoudre';
    case 'failed':
      return `Échec : ${entry.problem?.detail ?? entry.problem?.title ?? 'erreur inattendue'}`;
  }
};

const toEntryVm = (entry: OutboxEntry): EntryVm => ({
  id: entry.id,
  label: entry.label,
  status: statusOf(entry),
  isProblem: entry.status !== 'pending',
  canRetry: entry.status !== 'conflict',
  resolveLink: entry.status === 'conflict' ? ['/jeunes', entry.jeuneId] : null,
});

let nextId = 0;

/**
 * The app bar's sync indicator (#4): online, offline, writes waiting for the BFF, or the time of the last sync. Its
 * changes are announced politely. Tapping it lists the waiting writes, to retry, resolve or abandon them.
 */
@Component({
  selector: 'app-sync-indicator',
  imports: [A11yModule, CdkConnectedOverlay, CdkOverlayOrigin, MatButton, RouterLink, UiIcon],
  templateUrl: './sync-indicator.html',
  styleUrl: './sync-indicator.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status', 'aria-live': 'polite' },
})
export class SyncIndicator {
  private readonly outbox = inject(Outbox);
  private readonly dialog = inject(MatDialog);
  private readonly panel = viewChild<ElementRef<HTMLElement>>('panel');

  protected readonly panelId = `sync-panel-${nextId++}`;
  protected readonly open = signal(false);
  protected readonly online = inject(Connectivity).online;
  protected readonly count = this.outbox.pendingCount;
  protected readonly items = computed(() => this.outbox.entries().map(toEntryVm));
  protected readonly hasProblem = computed(() => this.items().some((item) => item.isProblem));
  protected readonly lastSync = computed(() => {
    const at = this.outbox.lastSyncAt();
    return at === null ? null : `Dernière synchronisation ${syncTime(at)}`;
  });
  protected readonly label = computed(() => {
    const waiting = this.count() > 0 ? `${this.count()} en attente de synchronisation` : null;
    if (!this.online()) {
      return waiting === null ? 'Hors ligne' : `Hors ligne · ${waiting}`;
    }
    return waiting ?? this.lastSync() ?? 'En ligne';
  });
  protected readonly icon = computed<IconName>(() =>
    !this.online() ? 'cloud_off' : this.hasProblem() ? 'warning' : this.count() > 0 ? 'hourglass_empty' : 'cloud_done',
  );
  /** Nothing to act on: on a phone, the icon alone says it (the words stay for screen readers). */
  protected readonly quiet = computed(() => this.online() && this.count() === 0);
  protected readonly positions: ConnectedPosition[] = [
    { originX: 'end', originY: 'bottom', overlayX: 'end', overlayY: 'top', offsetY: 4 },
    { originX: 'start', originY: 'bottom', overlayX: 'start', overlayY: 'top', offsetY: 4 },
  ];

  protected toggle(): void {
    this.open.update((open) => !open);
  }

  protected close(): void {
    this.open.set(false);
  }

  protected retry(id: string): void {
    void this.outbox.retry(id);
  }

  protected discard(item: EntryVm): void {
    this.dialog
      .open<ConfirmationDialog, ConfirmationDialogData, boolean>(ConfirmationDialog, {
        data: {
          title: 'Abandonner cette saisie ?',
          message: `« ${item.label} » ne sera jamais enregistré dans imilo.`,
          confirm: 'Abandonner',
        },
        width: '28rem',
      })
      .afterClosed()
      .subscribe(async (confirmed) => {
        if (confirmed) {
          await this.outbox.discard(item.id);
          // Its buttons are gone: the focus goes back to the panel rather than to the page.
          this.panel()?.nativeElement.focus();
        }
      });
  }
}
