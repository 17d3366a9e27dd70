import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NIVEAU_COMPLETUDE_LABELS, type WidgetEtat } from '@imilo/domain';
import { MiniChart } from '../mini-chart/mini-chart';
import { donneesDe, pluriel } from '../portail-format';
import { WidgetCard } from '../widget-card/widget-card';

/** « Dossiers par complétude »: the active dossiers today by level, each level a tap into the search. */
@Component({
  selector: 'app-dossiers-par-completude-widget',
  imports: [RouterLink, MiniChart, WidgetCard],
  template: `
    <app-widget-card
      widget="dossiers-par-completude"
      [etat]="etat()"
      [compte]="donnees()?.total ?? null"
      [compteLibelle]="compteLibelle()"
      [vide]="donnees()?.total === 0 ? 'Aucun dossier actif.' : null"
    >
      <ul class="widget-list">
        @for (niveau of niveaux(); track niveau.niveau) {
          <li class="widget-item">
            <a class="widget-item-link" routerLink="/jeunes" [queryParams]="{ completude: niveau.niveau }">
              {{ niveau.texte }}<span class="cdk-visually-hidden"> : voir ces dossiers</span>
            </a>
          </li>
        }
      </ul>
      <app-mini-chart kind="barres" [serie]="serie()" libelle="Dossiers actifs par niveau de complétude" entete="Complétude" [hauteur]="140" />
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DossiersParCompletudeWidget {
  readonly etat = input.required<WidgetEtat<'dossiers-par-completude'> | undefined>();

  protected readonly donnees = donneesDe(this.etat);
  protected readonly compteLibelle = computed(() => pluriel(this.donnees()?.total ?? 0, 'dossier actif', 'dossiers actifs'));
  protected readonly niveaux = computed(() =>
    (this.donnees()?.parNiveau ?? []).map(({ niveau, valeur }) => ({ niveau, texte: `${NIVEAU_COMPLETUDE_LABELS[niveau]} : ${valeur.toLocaleString('fr-FR')}` })),
  );
  protected readonly serie = computed(() =>
    (this.donnees()?.parNiveau ?? []).map(({ niveau, valeur }) => ({ nom: NIVEAU_COMPLETUDE_LABELS[niveau], valeur })),
  );
}
