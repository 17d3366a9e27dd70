import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { STATUT_ACTION_LABELS, type WidgetEtat } from '@imilo/domain';
import { libelleDate } from '../../agenda/agenda-time';
import { donneesDe, pluriel } from '../portail-format';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';

const MES_ACTIONS: WidgetLien = { commands: ['/c-milo/actions'], label: 'Voir toutes mes actions' };

/** « Mes actions » (C-Milo): what the jeune agreed to do, due within 14 days or late. */
@Component({
  selector: 'app-mes-actions-widget',
  imports: [WidgetCard],
  template: `
    <app-widget-card
      widget="mes-actions"
      [etat]="etat()"
      [compte]="donnees()?.total ?? null"
      [compteLibelle]="compteLibelle()"
      [vide]="donnees()?.total === 0 ? 'Aucune action à faire dans les 14 prochains jours.' : null"
      videIcon="task_alt"
      [lien]="lien"
    >
      <ul class="widget-list">
        @for (action of items(); track action.id) {
          <li class="widget-item">
            <span class="widget-item-main">
              <span>{{ action.titre }}</span>
              <span class="widget-meta">{{ action.echeanceLibelle }} · {{ action.statutLibelle }}</span>
            </span>
            @if (action.enRetard) {
              <span class="widget-chip widget-chip-alerte">En retard</span>
            }
          </li>
        }
      </ul>
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MesActionsWidget {
  readonly etat = input.required<WidgetEtat<'mes-actions'> | undefined>();

  protected readonly lien = MES_ACTIONS;
  protected readonly donnees = donneesDe(this.etat);
  protected readonly compteLibelle = computed(() => pluriel(this.donnees()?.total ?? 0, 'action à faire', 'actions à faire'));
  protected readonly items = computed(() =>
    (this.donnees()?.items ?? []).map((action) => ({
      ...action,
      echeanceLibelle: `À faire avant le ${libelleDate(action.echeance)}`,
      statutLibelle: STATUT_ACTION_LABELS[action.statut],
    })),
  );
}
