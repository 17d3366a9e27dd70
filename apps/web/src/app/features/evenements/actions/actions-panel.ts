import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  type ActionCreation,
  type ActionDto,
  actionPatchSchema,
  CAPABILITIES,
  can,
  STATUT_ACTION_LABELS,
  type StatutAction,
  STATUTS_ACTION,
} from '@imilo/domain';
import { UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import type { OutboxRequest } from '../../../core/offline/outbox.model';
import { authFeature } from '../../auth/auth.feature';
import { CLOCK, jourLocal } from '../evenement-sheet/local-time';
import { OutboxSaver } from '../evenement-sheet/outbox-saver';
import { suiviList } from '../evenement-sheet/suivi-list';
import { EvenementsApi } from '../evenements-api';
import { ActionDialog, type ActionDialogData } from './action-dialog';
import { actionUrl, echeanceParDefaut, toActionVms } from './actions-vm';

export const NON_GARDEE = "L'action n'a pas pu être gardée sur cet appareil (stockage indisponible). Réessayez.";

/**
 * A jeune's actions: the open ones first, by échéance, "En retard" past it; "Ajouter une action" and a quick change
 * of status. Writes go through the outbox.
 */
@Component({
  selector: 'app-actions-panel',
  imports: [MatButton, MatFormFieldModule, MatSelectModule, UiEmptyState, UiErrorMessage, UiIcon],
  templateUrl: './actions-panel.html',
  styleUrls: ['../evenement-sheet/suivi-panel.scss', './actions-panel.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionsPanel {
  readonly jeuneId = input.required<string>();

  private readonly api = inject(EvenementsApi);
  private readonly saver = inject(OutboxSaver);
  private readonly dialog = inject(MatDialog);
  private readonly clock = inject(CLOCK);
  private readonly me = inject(Store).selectSignal(authFeature.selectMe);
  private readonly list = suiviList(this.jeuneId, (jeuneId) => this.api.actions(jeuneId));

  protected readonly canWrite = computed(() => can(this.me()?.roles ?? [], CAPABILITIES.evenementsWrite));
  protected readonly state = this.list.state;
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : null;
  });
  protected readonly items = computed(() => {
    const state = this.state();
    // "En retard" against the local day: past midnight an action due yesterday is late, whatever UTC says.
    return toActionVms(state.status === 'loaded' ? state.items : [], this.list.entries(), jourLocal(this.clock()));
  });
  protected readonly statuts = STATUTS_ACTION;
  protected readonly statutLabels = STATUT_ACTION_LABELS;
  protected readonly error = signal<string | null>(null);

  protected reload(): void {
    this.list.reload();
  }

  protected addAction(): void {
    this.dialog
      .open<ActionDialog, ActionDialogData, ActionCreation>(ActionDialog, {
        data: { echeance: echeanceParDefaut(this.clock()) },
        width: '32rem',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((creation) => {
        if (creation !== undefined) {
          void this.create({ ...creation, id: crypto.randomUUID() });
        }
      });
  }

  protected changeStatut(action: ActionDto, statut: StatutAction): void {
    const patch = actionPatchSchema.safeParse({
      version: action.version,
      titre: action.titre,
      description: action.description,
      echeance: action.echeance,
      statut,
    });
    if (!patch.success) {
      this.error.set(patch.error.issues[0]?.message ?? "Cette action ne peut pas changer de statut.");
      return;
    }
    void this.write({
      method: 'PATCH',
      url: actionUrl(action.id),
      body: patch.data,
      jeuneId: this.jeuneId(),
      kind: 'action',
      label: `Action « ${action.titre} » : ${STATUT_ACTION_LABELS[statut].toLowerCase()}`,
      base: action,
    });
  }

  private create(creation: ActionCreation & { readonly id: string }): Promise<void> {
    const me = this.me();
    return this.write({
      method: 'POST',
      url: `/api/v1/jeunes/${encodeURIComponent(this.jeuneId())}/actions`,
      body: creation,
      jeuneId: this.jeuneId(),
      kind: 'action',
      label: `Action : ${creation.titre}`,
      preview: {
        kind: 'action',
        id: creation.id,
        at: this.clock().toISOString(),
        titre: creation.titre,
        detail: creation.description,
        themes: [],
        typeEvenement: null,
        auteur: me === null ? null : `${me.prenom} ${me.nom}`,
        statut: 'A_FAIRE',
      },
    });
  }

  private async write(request: OutboxRequest): Promise<void> {
    try {
      await this.saver.save(request);
      this.error.set(null);
    } catch {
      // IndexedDB refused the write (storage full, private browsing): say so, the conseiller can try again.
      this.error.set(NON_GARDEE);
    }
  }
}
