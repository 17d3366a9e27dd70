import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { WidgetEtat } from '@imilo/domain';
import { donneesDe, pluriel } from '../portail-format';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';

const UTILISATEURS: WidgetLien = { commands: ['/admin/utilisateurs'], label: 'Gérer les utilisateurs' };

/** « Comptes »: the users of the administrator's Missions Locales, active, awaiting activation, disabled. */
@Component({
  selector: 'app-comptes-widget',
  imports: [WidgetCard],
  template: `
    <app-widget-card widget="comptes" [etat]="etat()" [compte]="donnees()?.actifs ?? null" [compteLibelle]="compteLibelle()" [lien]="lien">
      @if (donnees(); as donnees) {
        <dl class="widget-figures">
          <div class="widget-figure"><dt>Actifs</dt><dd>{{ donnees.actifs }}</dd></div>
          <div class="widget-figure"><dt>En attente d'activation</dt><dd>{{ donnees.enAttenteActivation }}</dd></div>
          <div class="widget-figure"><dt>Désactivés</dt><dd>{{ donnees.desactives }}</dd></div>
        </dl>
      }
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComptesWidget {
  readonly etat = input.required<WidgetEtat<'comptes'> | undefined>();

  protected readonly lien = UTILISATEURS;
  protected readonly donnees = donneesDe(this.etat);
  protected readonly compteLibelle = computed(() => pluriel(this.donnees()?.actifs ?? 0, 'compte actif', 'comptes actifs'));
}
