import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  type ActionCreation,
  type ActionDto,
  actionPatchSchema,
  STATUT_ACTION_LABELS,
  type StatutAction,
  STATUTS_ACTION,
} from '@imilo/domain';
import { UiIcon } from '@imilo/ui';
import { CLOCK, jourLocal } from '../evenement-sheet/local-time';
import { openSuiviDialog } from '../evenement-sheet/suivi-dialog';
import { suiviList } from '../evenement-sheet/suivi-list';
import { SuiviItem, SuiviPanel } from '../evenement-sheet/suivi-panel';
import { suiviWrites } from '../evenement-sheet/suivi-writes';
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
  imports: [MatFormFieldModule, MatSelectModule, UiIcon, SuiviItem, SuiviPanel],
  templateUrl: './actions-panel.html',
  styleUrls: ['../evenement-sheet/suivi-items.scss', './actions-panel.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionsPanel {
  readonly jeuneId = input.required<string>();

  private readonly api = inject(EvenementsApi);
  private readonly dialog = inject(MatDialog);
  private readonly clock = inject(CLOCK);
  private readonly list = suiviList(this.jeuneId, (jeuneId) => this.api.actions(jeuneId));
  private readonly writes = suiviWrites(this.jeuneId, NON_GARDEE);

  protected readonly canWrite = this.writes.canWrite;
  protected readonly error = this.writes.error;
  protected readonly state = this.list.state;
  protected readonly items = computed(() => {
    const state = this.state();
    // "En retard" against the local day: past midnight an action due yesterday is late, whatever UTC says.
    return toActionVms(state.status === 'loaded' ? state.items : [], this.list.entries(), jourLocal(this.clock()));
  });
  protected readonly statuts = STATUTS_ACTION;
  protected readonly statutLabels = STATUT_ACTION_LABELS;

  protected reload(): void {
    this.list.reload();
  }

  protected addAction(): void {
    openSuiviDialog<ActionDialog, ActionDialogData, ActionCreation>(
      this.dialog,
      ActionDialog,
      { echeance: echeanceParDefaut(this.clock()) },
      '32rem',
    ).subscribe((creation) => {
      const body = { ...creation, id: crypto.randomUUID() };
      void this.writes.create('action', body, `Action : ${body.titre}`, {
        titre: body.titre,
        detail: body.description,
        themes: [],
        statut: 'A_FAIRE',
      });
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
    void this.writes.write({
      method: 'PATCH',
      url: actionUrl(action.id),
      body: patch.data,
      jeuneId: this.jeuneId(),
      kind: 'action',
      label: `Action « ${action.titre} » : ${STATUT_ACTION_LABELS[statut].toLowerCase()}`,
      base: action,
    });
  }
}
