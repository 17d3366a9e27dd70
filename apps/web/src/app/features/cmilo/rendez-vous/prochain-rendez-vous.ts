import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { UiEmptyState, UiErrorMessage } from '@imilo/ui';
import { MesRendezVousStore } from './mes-rendez-vous.store';
import { RendezVousCard } from './rendez-vous-card';
import { RendezVousReponse } from './rendez-vous-reponse';

/** The home's card: the jeune's next rendez-vous at a glance, to confirm or cancel from there. */
@Component({
  selector: 'app-prochain-rendez-vous',
  imports: [MatButton, MatProgressBar, UiEmptyState, UiErrorMessage, RendezVousCard, RendezVousReponse],
  template: `
    <section class="cmilo-section" aria-labelledby="prochain-title">
      <h2 id="prochain-title" class="cmilo-section-title">Mon prochain rendez-vous</h2>
      @if (store.status() === 'loading' && store.list() === null) {
        <mat-progress-bar mode="indeterminate" aria-label="Chargement de votre prochain rendez-vous" />
      }
      @if (store.error(); as error) {
        <ui-error-message [message]="error" />
        <button mat-stroked-button type="button" (click)="store.load(true)">Réessayer</button>
      }
      @if (store.list(); as list) {
        @if (store.prochain(); as item) {
          <app-rendez-vous-card [rendezVous]="item" [timeZone]="list.timezone">
            @if (item.kind === 'rendez-vous' && item.statut === 'PLANIFIE') {
              <app-rendez-vous-reponse [rendezVous]="item" />
            }
          </app-rendez-vous-card>
        } @else {
          <ui-empty-state icon="event_note" message="Aucun rendez-vous à venir." />
        }
      }
    </section>
  `,
  styleUrl: '../cmilo-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProchainRendezVous {
  protected readonly store = inject(MesRendezVousStore);

  constructor() {
    this.store.load(true);
  }
}
