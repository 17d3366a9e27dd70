import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import type { WidgetEtat } from '@imilo/domain';
import { MesRendezVousStore } from '../../cmilo/rendez-vous/mes-rendez-vous.store';
import { RendezVousCard } from '../../cmilo/rendez-vous/rendez-vous-card';
import { RendezVousReponse } from '../../cmilo/rendez-vous/rendez-vous-reponse';
import { PortailStore } from '../portail.store';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';
import { donneesDe } from '../portail-format';

const MES_RENDEZ_VOUS: WidgetLien = { commands: ['/c-milo/rendez-vous'], label: 'Voir tous mes rendez-vous' };

/**
 * « Mon prochain rendez-vous » (C-Milo): the card the jeune confirms or cancels from, as on the list. The answer goes
 * through C-Milo's shared store (its announcement, its errors); once imilo has it, the home is read again.
 */
@Component({
  selector: 'app-prochain-rendez-vous-widget',
  imports: [RendezVousCard, RendezVousReponse, WidgetCard],
  template: `
    <app-widget-card
      widget="prochain-rendez-vous"
      [etat]="etat()"
      [vide]="donnees()?.rendezVous === null ? 'Aucun rendez-vous à venir.' : null"
      videIcon="event_note"
      [lien]="lien"
    >
      @if (donnees(); as donnees) {
        @if (donnees.rendezVous; as item) {
          <app-rendez-vous-card [rendezVous]="item" [timeZone]="donnees.timezone">
            @if (item.kind === 'rendez-vous' && item.statut === 'PLANIFIE' && !horsConnexion()) {
              <app-rendez-vous-reponse [rendezVous]="item" />
            }
          </app-rendez-vous-card>
        }
      }
    </app-widget-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProchainRendezVousWidget {
  readonly etat = input.required<WidgetEtat<'prochain-rendez-vous'> | undefined>();

  private readonly portail = inject(PortailStore);
  private readonly mesRendezVous = inject(MesRendezVousStore);
  protected readonly lien = MES_RENDEZ_VOUS;
  /** Answers need imilo: offline, the card only shows what was read. */
  protected readonly horsConnexion = computed(() => this.portail.offlineSince() !== null);
  protected readonly donnees = donneesDe(this.etat);

  constructor() {
    let envoi: string | null = null;
    effect(() => {
      const id = this.donnees()?.rendezVous?.id;
      if (id === undefined) {
        return;
      }
      const sending = this.mesRendezVous.isSending(id);
      const refused = this.mesRendezVous.reponseErrors()[id] !== undefined;
      if (sending) {
        envoi = id;
      } else if (envoi === id) {
        envoi = null;
        if (!refused) {
          untracked(() => this.portail.load());
        }
      }
    });
  }
}
