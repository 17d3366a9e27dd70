import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { MesRendezVousStore } from './mes-rendez-vous.store';
import { RendezVousCard } from './rendez-vous-card';
import { RendezVousReponse } from './rendez-vous-reponse';

/**
 * `/c-milo/rendez-vous/:id`: one rendez-vous, where a notification's "Voir" leads: everything about it and, while it is
 * to come, "Je confirme" / "Annuler ce rendez-vous".
 */
@Component({
  selector: 'app-rendez-vous-detail',
  imports: [RouterLink, MatButton, MatProgressBar, UiErrorMessage, UiIcon, RendezVousCard, RendezVousReponse],
  templateUrl: './rendez-vous-detail.html',
  styleUrl: '../cmilo-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RendezVousDetail {
  /** From the route. */
  readonly id = input.required<string>();

  protected readonly store = inject(MesRendezVousStore);
  protected readonly rendezVous = computed(() => (this.store.list() === null ? null : this.store.find(this.id())));
  protected readonly aVenir = computed(() => this.store.list()?.aVenir.some((item) => item.id === this.id()) ?? false);

  constructor() {
    this.store.load();
  }
}
