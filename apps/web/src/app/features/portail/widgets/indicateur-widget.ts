import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type Params, RouterLink } from '@angular/router';
import type { IndicateurDto, PeriodePortail, WidgetEtat } from '@imilo/domain';
import { UiIcon } from '@imilo/ui';
import type { MiniChartKind } from '../mini-chart/chart-view';
import { MiniChart } from '../mini-chart/mini-chart';
import { donneesDe, libellePeriode, pourcentage, type Tendance, tendance, tendanceTaux } from '../portail-format';
import { WidgetCard } from '../widget-card/widget-card';

/** The direction's figures of the period. */
export type IndicateurWidgetId = 'jeunes-accompagnes' | 'premiers-accueils' | 'rendez-vous-tenus' | 'evenements-par-theme';


/** What each figure says, how its chart draws, and the list behind it (only screens the direction may open). */
const FIGURES: Readonly<
  Record<IndicateurWidgetId, { readonly libelle: string; readonly kind: MiniChartKind; readonly lien: (du: string) => { commands: string[]; queryParams: Params; label: string } }>
> = {
  'jeunes-accompagnes': {
    libelle: 'jeunes accompagnés',
    kind: 'ligne',
    lien: (du) => ({ commands: ['/jeunes'], queryParams: { contactDepuis: du }, label: 'Voir les jeunes contactés sur la période' }),
  },
  'premiers-accueils': {
    libelle: 'premiers accueils',
    kind: 'barres',
    lien: () => ({ commands: ['/jeunes'], queryParams: { sort: '-creation' }, label: 'Voir les derniers dossiers créés' }),
  },
  'rendez-vous-tenus': {
    libelle: 'rendez-vous tenus',
    kind: 'barres',
    lien: () => ({ commands: ['/agenda'], queryParams: {}, label: "Voir l'agenda" }),
  },
  'evenements-par-theme': {
    libelle: 'événements',
    kind: 'barres-horizontales',
    lien: (du) => ({ commands: ['/jeunes'], queryParams: { contactDepuis: du }, label: 'Voir les jeunes contactés sur la période' }),
  },
};

const ENTETES: Readonly<Record<PeriodePortail, string>> = { semaine: 'Jour', mois: 'Semaine', trimestre: 'Mois' };

/**
 * A figure of the direction's home: the period's value, its trend against the previous period (arrow and percent,
 * and the sentence for screen readers), a small chart with its figures as text, and a tap into the list behind it.
 */
@Component({
  selector: 'app-indicateur-widget',
  imports: [RouterLink, UiIcon, MiniChart, WidgetCard],
  templateUrl: './indicateur-widget.html',
  styleUrls: ['./widget.scss', './indicateur-widget.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IndicateurWidget {
  readonly widget = input.required<IndicateurWidgetId>();
  readonly etat = input.required<WidgetEtat<IndicateurWidgetId> | undefined>();

  protected readonly donnees = donneesDe(this.etat);
  protected readonly figure = computed(() => {
    const donnees = this.donnees();
    if (donnees === null) {
      return null;
    }
    const definition = FIGURES[this.widget()];
    const indicateur: IndicateurDto = donnees.indicateur;
    return {
      valeur: indicateur.valeur.toLocaleString('fr-FR'),
      libelle: definition.libelle,
      periode: libellePeriode(donnees.du, donnees.au),
      tendance: tendance(indicateur.valeur, indicateur.precedente, donnees.periode),
      lien: definition.lien(donnees.du),
    };
  });
  protected readonly absences = computed(() => {
    const donnees = this.donnees();
    if (donnees === null || !('tauxAbsence' in donnees)) {
      return null;
    }
    return {
      texte: `${donnees.absences.toLocaleString('fr-FR')} absence${donnees.absences > 1 ? 's' : ''}${donnees.tauxAbsence === null ? '' : `, taux d'absence ${pourcentage(donnees.tauxAbsence)}`}`,
      tendance: tendanceTaux(donnees.tauxAbsence, donnees.tauxAbsencePrecedent, donnees.periode),
    };
  });
  protected readonly chart = computed(() => {
    const donnees = this.donnees();
    if (donnees === null) {
      return null;
    }
    if ('parTheme' in donnees) {
      return {
        kind: FIGURES[this.widget()].kind,
        serie: donnees.parTheme.slice(0, 6).map(({ libelle, valeur }) => ({ nom: libelle, valeur })),
        libelle: 'Événements par thème sur la période',
        entete: 'Thème',
      };
    }
    return {
      kind: FIGURES[this.widget()].kind,
      serie: donnees.indicateur.serie,
      libelle: `Nombre de ${FIGURES[this.widget()].libelle} par ${ENTETES[donnees.periode].toLowerCase()}`,
      entete: ENTETES[donnees.periode],
    };
  });

  protected sensIcon(tendance: Tendance): string {
    return `indicateur-tendance-${tendance.sens}`;
  }
}
