import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { WidgetEtat } from '@imilo/domain';
import { heureFr, jourDans, libelleJourCourt } from '../../agenda/agenda-time';
import { donneesDe, pluriel } from '../portail-format';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';

const AGENDA: WidgetLien = { commands: ['/agenda'], label: "Clôturer dans l'agenda" };

/** « À clôturer »: past rendez-vous and sessions not closed yet, oldest first. */
@Component({
  selector: 'app-a-cloturer-widget',
  imports: [RouterLink, WidgetCard],
  template: `
    <app-widget-card
      widget="a-cloturer"
      [etat]="etat()"
      [compte]="donnees()?.total ?? null"
      [compteLibelle]="compteLibelle()"
      [vide]="donnees()?.total === 0 ? 'Rien à clôturer : tout est à jour.' : null"
      videIcon="task_alt"
      [lien]="lien"
    >
      <ul class="widget-list">
        @for (item of items(); track item.id) {
          <li class="widget-item">
            <span class="widget-item-main">
              @if (item.jeune; as jeune) {
                <a [routerLink]="['/jeunes', jeune.id]">{{ item.titre }}<span class="cdk-visually-hidden"> : ouvrir le dossier</span></a>
              } @else {
                <span>{{ item.titre }}</span>
              }
              <span class="widget-meta">{{ item.quand }} · {{ item.kind === 'session' ? 'Session à émarger' : 'Rendez-vous' }}</span>
            </span>
            <a class="widget-item-link" routerLink="/agenda" [queryParams]="{ jour: item.jour, ouvrir: item.id }" [attr.aria-label]="item.action">
              {{ item.kind === 'session' ? 'Émarger' : 'Clôturer' }}
            </a>
          </li>
        }
      </ul>
      @if (autres() > 0) {
        <p class="widget-meta">Et {{ autres() }} de plus dans l'agenda.</p>
      }
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ACloturerWidget {
  readonly etat = input.required<WidgetEtat<'a-cloturer'> | undefined>();
  readonly timeZone = input.required<string>();

  protected readonly lien = AGENDA;
  protected readonly donnees = donneesDe(this.etat);
  protected readonly compteLibelle = computed(() => pluriel(this.donnees()?.total ?? 0, 'élément à clôturer', 'éléments à clôturer'));
  protected readonly items = computed(() =>
    (this.donnees()?.items ?? []).map((item) => {
      const debut = new Date(item.debut);
      const jour = jourDans(debut, this.timeZone());
      const quand = `${libelleJourCourt(jour)} à ${heureFr(debut, this.timeZone())}`;
      const action = `${item.kind === 'session' ? 'Émarger la session' : 'Clôturer le rendez-vous'} « ${item.titre} » du ${quand}`;
      return { ...item, jour, quand, action };
    }),
  );
  protected readonly autres = computed(() => Math.max(0, (this.donnees()?.total ?? 0) - this.items().length));
}
