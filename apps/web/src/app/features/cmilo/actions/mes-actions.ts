import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { type ActionDto, STATUT_ACTION_LABELS } from '@imilo/domain';
import { UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { toRequestFailure } from '../../../core/http/problem';
import { formatJour } from '../../dossiers/dossier/dossier-format';
import { estEnRetard } from '../../evenements/actions/actions-vm';
import { CLOCK } from '../../evenements/evenement-sheet/local-time';
import { CmiloApi } from '../cmilo-api';
import { jourIsoDansFuseau, selectFuseauJeune } from '../cmilo-format';

type Etat =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly actions: readonly ActionDto[] }
  | { readonly status: 'failed'; readonly error: string };

/**
 * `/c-milo/actions`: what the jeune agreed to do with their conseiller, the open ones first by échéance ("En retard"
 * past it, on the Mission Locale's calendar), then the closed ones.
 */
@Component({
  selector: 'app-mes-actions',
  imports: [MatButton, MatProgressBar, UiEmptyState, UiErrorMessage, UiIcon],
  templateUrl: './mes-actions.html',
  styleUrls: ['../cmilo-page.scss', './mes-actions.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MesActions {
  private readonly api = inject(CmiloApi);
  private readonly clock = inject(CLOCK);
  private readonly fuseau = inject(Store).selectSignal(selectFuseauJeune);

  protected readonly etat = signal<Etat>({ status: 'loading' });
  protected readonly error = computed(() => {
    const etat = this.etat();
    return etat.status === 'failed' ? etat.error : '';
  });
  protected readonly actions = computed(() => {
    const etat = this.etat();
    if (etat.status !== 'loaded') {
      return [];
    }
    const aujourdhui = jourIsoDansFuseau(this.clock(), this.fuseau());
    const vms = etat.actions.map((action) => ({
      id: action.id,
      titre: action.titre,
      description: action.description,
      echeance: action.echeance,
      echeanceLabel: `À faire avant le ${formatJour(action.echeance)}`,
      statut: STATUT_ACTION_LABELS[action.statut],
      ouverte: action.statut === 'A_FAIRE' || action.statut === 'EN_COURS',
      enRetard: estEnRetard(action, aujourdhui),
    }));
    return vms.sort((a, b) =>
      a.ouverte !== b.ouverte ? (a.ouverte ? -1 : 1) : a.ouverte ? a.echeance.localeCompare(b.echeance) : b.echeance.localeCompare(a.echeance),
    );
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.etat.set({ status: 'loading' });
    this.api.actions().subscribe({
      next: (actions) => this.etat.set({ status: 'loaded', actions }),
      error: (error: unknown) => this.etat.set({ status: 'failed', error: toRequestFailure(error).message }),
    });
  }
}
