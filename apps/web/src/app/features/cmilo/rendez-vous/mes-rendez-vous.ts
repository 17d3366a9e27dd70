import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { UiEmptyState, UiErrorMessage } from '@imilo/ui';
import { MesRendezVousStore } from './mes-rendez-vous.store';
import { RendezVousCard } from './rendez-vous-card';
import { RendezVousReponse } from './rendez-vous-reponse';

/**
 * `/c-milo/rendez-vous`: the jeune's rendez-vous and sessions to come (soonest first, cancelled ones kept and said so),
 * with "Je confirme" on each, then the past ones (latest first), as the BFF orders them.
 */
@Component({
  selector: 'app-mes-rendez-vous',
  imports: [RouterLink, MatButton, MatProgressBar, UiEmptyState, UiErrorMessage, RendezVousCard, RendezVousReponse],
  templateUrl: './mes-rendez-vous.html',
  styleUrl: '../cmilo-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MesRendezVous {
  protected readonly store = inject(MesRendezVousStore);

  constructor() {
    this.store.load(true);
  }
}
