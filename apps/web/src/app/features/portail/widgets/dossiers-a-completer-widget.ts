import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { WidgetEtat } from '@imilo/domain';
import { UiCompletudeBadge } from '@imilo/ui';
import { donneesDe, pluriel } from '../portail-format';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';

const A_COMPLETER: WidgetLien = { commands: ['/jeunes'], queryParams: { referent: 'moi', completude: 'partiel' }, label: 'Voir tous les dossiers partiels' };

/** « Dossiers à compléter »: my dossiers below « complet », with what each misses. */
@Component({
  selector: 'app-dossiers-a-completer-widget',
  imports: [RouterLink, UiCompletudeBadge, WidgetCard],
  template: `
    <app-widget-card
      widget="dossiers-a-completer"
      [etat]="etat()"
      [compte]="donnees()?.total ?? null"
      [compteLibelle]="compteLibelle()"
      [vide]="donnees()?.total === 0 ? 'Tous vos dossiers sont complets.' : null"
      videIcon="verified"
      [lien]="lien"
    >
      <ul class="widget-list">
        @for (item of donnees()?.items ?? []; track item.jeune.id) {
          <li class="widget-item">
            <span class="widget-item-main">
              <a [routerLink]="['/jeunes', item.jeune.id]">{{ item.jeune.prenom }} {{ item.jeune.nom }}<span class="cdk-visually-hidden"> : ouvrir le dossier</span></a>
              @if (item.manquants.length > 0) {
                <span class="widget-meta">Manque : {{ item.manquants.join(', ') }}</span>
              }
            </span>
            <ui-completude-badge [niveau]="item.completude" />
          </li>
        }
      </ul>
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DossiersACompleterWidget {
  readonly etat = input.required<WidgetEtat<'dossiers-a-completer'> | undefined>();

  protected readonly lien = A_COMPLETER;
  protected readonly donnees = donneesDe(this.etat);
  protected readonly compteLibelle = computed(() => pluriel(this.donnees()?.total ?? 0, 'dossier à compléter', 'dossiers à compléter'));
}
