import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { WidgetEtat } from '@imilo/domain';
import { libelleDate } from '../../agenda/agenda-time';
import { donneesDe, pluriel } from '../portail-format';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';

const AGENDA: WidgetLien = { commands: ['/agenda'], label: "Voir les mémos dans l'agenda" };

/** « Mémos »: due today or overdue, not done. */
@Component({
  selector: 'app-memos-widget',
  imports: [RouterLink, WidgetCard],
  template: `
    <app-widget-card
      widget="memos"
      [etat]="etat()"
      [compte]="donnees()?.total ?? null"
      [compteLibelle]="compteLibelle()"
      [vide]="donnees()?.total === 0 ? 'Aucun mémo à faire aujourd’hui.' : null"
      videIcon="sticky_note_2"
      [lien]="lien"
    >
      @if ((donnees()?.enRetard ?? 0) > 0) {
        <p class="widget-chips"><span class="widget-chip widget-chip-alerte">{{ enRetard() }}</span></p>
      }
      <ul class="widget-list">
        @for (memo of items(); track memo.id) {
          <li class="widget-item">
            <span class="widget-item-main">
              <span>{{ memo.texte }}</span>
              <span class="widget-meta">
                @if (memo.jeune; as jeune) {
                  <a [routerLink]="['/jeunes', jeune.id]">{{ jeune.prenom }} {{ jeune.nom }}</a> ·
                }
                {{ memo.echeanceLibelle }}
              </span>
            </span>
          </li>
        }
      </ul>
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MemosWidget {
  readonly etat = input.required<WidgetEtat<'memos'> | undefined>();

  protected readonly lien = AGENDA;
  protected readonly donnees = donneesDe(this.etat);
  protected readonly compteLibelle = computed(() => pluriel(this.donnees()?.total ?? 0, 'mémo à faire', 'mémos à faire'));
  protected readonly enRetard = computed(() => `${pluriel(this.donnees()?.enRetard ?? 0, 'mémo')} en retard`);
  protected readonly items = computed(() =>
    (this.donnees()?.items ?? []).map((memo) => ({
      ...memo,
      echeanceLibelle: memo.echeance === null ? '' : `${memo.enRetard ? 'En retard, échéance' : 'Échéance'} le ${libelleDate(memo.echeance)}`,
    })),
  );
}
