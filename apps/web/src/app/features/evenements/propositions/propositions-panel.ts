import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import {
  ETAT_PROPOSITION_LABELS,
  type EtatProposition,
  objetTransition,
  type PropositionCreation,
  type PropositionDto,
  type PropositionTransition,
} from '@imilo/domain';
import { UiIcon } from '@imilo/ui';
import { catchError, map, of } from 'rxjs';
import { CLOCK, jourLocal } from '../evenement-sheet/local-time';
import { openSuiviDialog } from '../evenement-sheet/suivi-dialog';
import { suiviList } from '../evenement-sheet/suivi-list';
import { SuiviItem, SuiviPanel } from '../evenement-sheet/suivi-panel';
import { suiviWrites } from '../evenement-sheet/suivi-writes';
import { EvenementsApi } from '../evenements-api';
import { PropositionDialog, type PropositionDialogData } from './proposition-dialog';
import { propositionUrl, toPropositionVms } from './propositions-vm';
import { TransitionDialog, type TransitionDialogData } from './transition-dialog';

export const NON_GARDEE = "La proposition n'a pas pu être gardée sur cet appareil (stockage indisponible). Réessayez.";

/**
 * A jeune's propositions: what was offered, its state and since when; "Proposer une offre", and the changes of state
 * the rules allow (a change writes an événement on the timeline, on the BFF's side). Writes go through the outbox.
 */
@Component({
  selector: 'app-propositions-panel',
  imports: [MatButton, UiIcon, SuiviItem, SuiviPanel],
  templateUrl: './propositions-panel.html',
  styleUrl: '../evenement-sheet/suivi-items.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropositionsPanel {
  readonly jeuneId = input.required<string>();

  private readonly api = inject(EvenementsApi);
  private readonly dialog = inject(MatDialog);
  private readonly clock = inject(CLOCK);
  private readonly list = suiviList(this.jeuneId, (jeuneId) => this.api.propositions(jeuneId));
  private readonly writes = suiviWrites(this.jeuneId, NON_GARDEE);
  // Offline or none defined: a free libellé and thème only.
  private readonly offres = toSignal(
    this.api.offresInternes().pipe(
      map((offres) => offres.filter(({ actif }) => actif)),
      catchError(() => of([])),
    ),
    { initialValue: [] },
  );

  protected readonly canWrite = this.writes.canWrite;
  protected readonly error = this.writes.error;
  protected readonly state = this.list.state;
  protected readonly items = computed(() => {
    const state = this.state();
    return toPropositionVms(state.status === 'loaded' ? state.items : [], this.list.entries(), this.offres(), this.canWrite());
  });
  protected readonly etatLabels = ETAT_PROPOSITION_LABELS;

  protected reload(): void {
    this.list.reload();
  }

  protected propose(): void {
    openSuiviDialog<PropositionDialog, PropositionDialogData, PropositionCreation>(
      this.dialog,
      PropositionDialog,
      { offres: this.offres(), jour: jourLocal(this.clock()) },
      '32rem',
    ).subscribe((creation) => {
      const body = { ...creation, id: crypto.randomUUID() };
      const offre = this.offres().find(({ id }) => id === body.offreId);
      const libelle = offre?.libelle ?? body.libelle ?? '';
      const theme = offre?.theme ?? body.theme;
      void this.writes.create('proposition', body, `Proposition : ${libelle}`, {
        titre: `Proposition : ${libelle}`,
        detail: body.partenaire,
        themes: theme === null ? [] : [theme],
        statut: 'PROPOSEE',
      });
    });
  }

  protected changeEtat(proposition: PropositionDto, etat: EtatProposition): void {
    openSuiviDialog<TransitionDialog, TransitionDialogData, PropositionTransition>(
      this.dialog,
      TransitionDialog,
      { proposition, etat, jour: jourLocal(this.clock()) },
      '28rem',
    ).subscribe((transition) => {
      void this.writes.write({
        method: 'PATCH',
        url: propositionUrl(proposition.id),
        body: transition,
        jeuneId: this.jeuneId(),
        kind: 'proposition',
        label: objetTransition(proposition.libelle, etat),
        base: proposition,
      });
    });
  }
}
