import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { RechercheSauvegardeeDto } from '@imilo/domain';
import { UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import { toRequestFailure } from '../../../../core/http/problem';
import { DossiersApi } from '../../dossiers-api';

type Chargement =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly recherches: readonly RechercheSauvegardeeDto[] }
  | { readonly status: 'failed'; readonly message: string };

/** The caller's saved searches: apply one (the dialog closes with it) or delete one after confirming. */
@Component({
  selector: 'app-mes-recherches-dialog',
  imports: [MatButton, MatDialogModule, UiEmptyState, UiErrorMessage, UiIcon],
  templateUrl: './mes-recherches-dialog.html',
  styleUrl: './mes-recherches-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MesRecherchesDialog {
  private readonly api = inject(DossiersApi);
  private readonly dialogRef = inject<MatDialogRef<MesRecherchesDialog, RechercheSauvegardeeDto>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly chargement = signal<Chargement>({ status: 'loading' });
  /** The search whose deletion waits for a confirmation. */
  protected readonly aSupprimer = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.api
      .recherches()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (recherches) => this.chargement.set({ status: 'loaded', recherches }),
        error: (error: unknown) => this.chargement.set({ status: 'failed', message: toRequestFailure(error).message }),
      });
  }

  protected applyRecherche(recherche: RechercheSauvegardeeDto): void {
    this.dialogRef.close(recherche);
  }

  protected askDeletion(id: string): void {
    this.error.set(null);
    this.aSupprimer.set(id);
  }

  protected cancelDeletion(): void {
    this.aSupprimer.set(null);
  }

  protected deleteRecherche(recherche: RechercheSauvegardeeDto): void {
    this.pending.set(true);
    this.api
      .supprimerRecherche(recherche.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.pending.set(false);
          this.aSupprimer.set(null);
          this.chargement.update((chargement) =>
            chargement.status === 'loaded'
              ? { status: 'loaded', recherches: chargement.recherches.filter((r) => r.id !== recherche.id) }
              : chargement,
          );
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.error.set(toRequestFailure(error).message);
        },
      });
  }
}
