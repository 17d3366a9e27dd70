import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import {
  CAPABILITIES,
  can,
  ETAT_PROPOSITION_LABELS,
  type EtatProposition,
  objetTransition,
  type PropositionCreation,
  type PropositionDto,
  type PropositionTransition,
} from '@imilo/domain';
import { UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { catchError, map, of } from 'rxjs';
import type { OutboxRequest } from '../../../core/offline/outbox.model';
import { authFeature } from '../../auth/auth.feature';
import { CLOCK, jourLocal } from '../evenement-sheet/local-time';
import { OutboxSaver } from '../evenement-sheet/outbox-saver';
import { suiviList } from '../evenement-sheet/suivi-list';
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
  imports: [MatButton, UiEmptyState, UiErrorMessage, UiIcon],
  templateUrl: './propositions-panel.html',
  styleUrls: ['../evenement-sheet/suivi-panel.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropositionsPanel {
  readonly jeuneId = input.required<string>();

  private readonly api = inject(EvenementsApi);
  private readonly saver = inject(OutboxSaver);
  private readonly dialog = inject(MatDialog);
  private readonly clock = inject(CLOCK);
  private readonly me = inject(Store).selectSignal(authFeature.selectMe);
  private readonly list = suiviList(this.jeuneId, (jeuneId) => this.api.propositions(jeuneId));
  // Offline or none defined: a free libellé and thème only.
  private readonly offres = toSignal(
    this.api.offresInternes().pipe(
      map((offres) => offres.filter(({ actif }) => actif)),
      catchError(() => of([])),
    ),
    { initialValue: [] },
  );

  protected readonly canWrite = computed(() => can(this.me()?.roles ?? [], CAPABILITIES.evenementsWrite));
  protected readonly state = this.list.state;
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : null;
  });
  protected readonly items = computed(() => {
    const state = this.state();
    return toPropositionVms(state.status === 'loaded' ? state.items : [], this.list.entries(), this.offres(), this.canWrite());
  });
  protected readonly etatLabels = ETAT_PROPOSITION_LABELS;
  protected readonly error = signal<string | null>(null);

  protected reload(): void {
    this.list.reload();
  }

  protected propose(): void {
    this.dialog
      .open<PropositionDialog, PropositionDialogData, PropositionCreation>(PropositionDialog, {
        data: { offres: this.offres(), jour: jourLocal(this.clock()) },
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

  protected changeEtat(proposition: PropositionDto, etat: EtatProposition): void {
    this.dialog
      .open<TransitionDialog, TransitionDialogData, PropositionTransition>(TransitionDialog, {
        data: { proposition, etat, jour: jourLocal(this.clock()) },
        width: '28rem',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((transition) => {
        if (transition !== undefined) {
          void this.write({
            method: 'PATCH',
            url: propositionUrl(proposition.id),
            body: transition,
            jeuneId: this.jeuneId(),
            kind: 'proposition',
            label: objetTransition(proposition.libelle, etat),
            base: proposition,
          });
        }
      });
  }

  private create(creation: PropositionCreation & { readonly id: string }): Promise<void> {
    const offre = this.offres().find(({ id }) => id === creation.offreId);
    const libelle = offre?.libelle ?? creation.libelle ?? '';
    const theme = offre?.theme ?? creation.theme;
    const me = this.me();
    return this.write({
      method: 'POST',
      url: `/api/v1/jeunes/${encodeURIComponent(this.jeuneId())}/propositions`,
      body: creation,
      jeuneId: this.jeuneId(),
      kind: 'proposition',
      label: `Proposition : ${libelle}`,
      preview: {
        kind: 'proposition',
        id: creation.id,
        at: this.clock().toISOString(),
        titre: `Proposition : ${libelle}`,
        detail: creation.partenaire,
        themes: theme === null ? [] : [theme],
        typeEvenement: null,
        auteur: me === null ? null : `${me.prenom} ${me.nom}`,
        statut: 'PROPOSEE',
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
