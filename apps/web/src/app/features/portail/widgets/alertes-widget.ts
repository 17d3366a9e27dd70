import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { WidgetEtat } from '@imilo/domain';
import { libelleDate } from '../../agenda/agenda-time';
import { donneesDe, pluriel } from '../portail-format';
import { PortailStore } from '../portail.store';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';

const PORTEFEUILLE: WidgetLien = { commands: ['/jeunes'], queryParams: { referent: 'moi' }, label: 'Voir mes dossiers' };

/** « Alertes »: what needs doing on the jeunes of the portfolio, each to its dossier, each to mark « traitée ». */
@Component({
  selector: 'app-alertes-widget',
  imports: [RouterLink, MatButton, WidgetCard],
  template: `
    <app-widget-card
      widget="alertes"
      [etat]="etat()"
      [compte]="donnees()?.total ?? null"
      [compteLibelle]="compteLibelle()"
      [vide]="donnees()?.items?.length === 0 ? 'Aucune alerte sur vos dossiers.' : null"
      videIcon="task_alt"
      [lien]="lien"
    >
      <ul class="widget-list">
        @for (alerte of items(); track alerte.cle) {
          <li class="widget-item">
            <span class="widget-item-main">
              <a [routerLink]="['/jeunes', alerte.jeune.id]">{{ alerte.nom }}<span class="cdk-visually-hidden"> : ouvrir le dossier</span></a>
              <span>{{ alerte.libelle }}</span>
              <span class="widget-meta">Échéance : {{ alerte.echeanceLibelle }}</span>
            </span>
            <button
              mat-stroked-button
              type="button"
              [disabled]="store.isTraitementEnCours(alerte.cle)"
              (click)="store.traiterAlerte(alerte.cle)"
            >
              Marquer traitée<span class="cdk-visually-hidden"> : {{ alerte.libelle }}, {{ alerte.nom }}</span>
            </button>
          </li>
        }
      </ul>
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertesWidget {
  readonly etat = input.required<WidgetEtat<'alertes'> | undefined>();

  protected readonly store = inject(PortailStore);
  protected readonly lien = PORTEFEUILLE;
  protected readonly donnees = donneesDe(this.etat);
  protected readonly compteLibelle = computed(() => pluriel(this.donnees()?.total ?? 0, 'alerte'));
  protected readonly items = computed(() =>
    (this.donnees()?.items ?? []).map((alerte) => ({
      ...alerte,
      nom: `${alerte.jeune.prenom} ${alerte.jeune.nom}`,
      echeanceLibelle: libelleDate(alerte.echeance),
    })),
  );
}
