import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { WidgetEtat } from '@imilo/domain';
import { libelleJourCourt } from '../../agenda/agenda-time';
import { MiniChart } from '../mini-chart/mini-chart';
import { donneesDe, libellePeriode } from '../portail-format';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';

const AGENDA: WidgetLien = { commands: ['/agenda'], label: "Ouvrir l'agenda" };

/** « Mon activité »: this week's rendez-vous held, événements recorded and no-shows, per day. */
@Component({
  selector: 'app-mon-activite-widget',
  imports: [MiniChart, WidgetCard],
  template: `
    <app-widget-card widget="mon-activite" [etat]="etat()" [lien]="lien">
      @if (donnees(); as donnees) {
        <p class="widget-meta">{{ periode() }}</p>
        <dl class="widget-figures">
          <div class="widget-figure"><dt>Rendez-vous tenus</dt><dd>{{ donnees.rendezVousTenus }}</dd></div>
          <div class="widget-figure"><dt>Événements</dt><dd>{{ donnees.evenements }}</dd></div>
          <div class="widget-figure"><dt>Absences</dt><dd>{{ donnees.absences }}</dd></div>
        </dl>
        <app-mini-chart kind="groupes" [groupes]="groupes()" libelle="Mon activité par jour cette semaine" entete="Jour" />
      }
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonActiviteWidget {
  readonly etat = input.required<WidgetEtat<'mon-activite'> | undefined>();

  protected readonly lien = AGENDA;
  protected readonly donnees = donneesDe(this.etat);
  protected readonly periode = computed(() => {
    const donnees = this.donnees();
    return donnees === null ? '' : libellePeriode(donnees.du, donnees.au);
  });
  protected readonly groupes = computed(() =>
    (this.donnees()?.parJour ?? []).map((jour) => ({
      nom: libelleJourCourt(jour.jour),
      valeurs: [
        { nom: 'Rendez-vous tenus', valeur: jour.rendezVousTenus },
        { nom: 'Événements', valeur: jour.evenements },
        { nom: 'Absences', valeur: jour.absences },
      ],
    })),
  );
}
