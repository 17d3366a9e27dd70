import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TYPE_OFFRE_INTERNE_LABELS, type WidgetEtat } from '@imilo/domain';
import { heureFr, jourDans, libelleJourCourt } from '../../agenda/agenda-time';
import { donneesDe, pluriel } from '../portail-format';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';

const AGENDA: WidgetLien = { commands: ['/agenda'], label: "Voir les sessions dans l'agenda" };

/** « Offre de service »: the next collective sessions with free seats, the internal offers most proposed this month. */
@Component({
  selector: 'app-offre-de-service-widget',
  imports: [WidgetCard],
  template: `
    <app-widget-card
      widget="offre-de-service"
      [etat]="etat()"
      [compte]="donnees()?.sessions?.length ?? null"
      [compteLibelle]="compteLibelle()"
      [vide]="vide() ? 'Aucune session à venir avec des places libres.' : null"
      videIcon="groups"
      [lien]="lien"
    >
      @if (sessions().length > 0) {
        <h3 class="widget-subtitle">Prochaines sessions</h3>
        <ul class="widget-list">
          @for (session of sessions(); track session.id) {
            <li class="widget-item">
              <span class="widget-item-main">
                <span>{{ session.titre }}</span>
                <span class="widget-meta">{{ session.quand }} · {{ session.places }}</span>
              </span>
            </li>
          }
        </ul>
      }
      @if (offres().length > 0) {
        <h3 class="widget-subtitle">Offres les plus proposées ce mois</h3>
        <ul class="widget-list">
          @for (offre of offres(); track offre.id) {
            <li class="widget-item">
              <span class="widget-item-main">
                <span>{{ offre.libelle }}</span>
                <span class="widget-meta">{{ offre.detail }}</span>
              </span>
            </li>
          }
        </ul>
      }
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OffreDeServiceWidget {
  readonly etat = input.required<WidgetEtat<'offre-de-service'> | undefined>();
  readonly timeZone = input.required<string>();

  protected readonly lien = AGENDA;
  protected readonly donnees = donneesDe(this.etat);
  protected readonly vide = computed(() => this.donnees() !== null && this.sessions().length === 0 && this.offres().length === 0);
  protected readonly compteLibelle = computed(() => pluriel(this.sessions().length, 'session avec des places', 'sessions avec des places'));
  protected readonly sessions = computed(() =>
    (this.donnees()?.sessions ?? []).map((session) => {
      const debut = new Date(session.debut);
      return {
        ...session,
        quand: `${libelleJourCourt(jourDans(debut, this.timeZone()))} à ${heureFr(debut, this.timeZone())}`,
        places: `${pluriel(session.placesLibres, 'place libre', 'places libres')} sur ${session.places}`,
      };
    }),
  );
  protected readonly offres = computed(() =>
    (this.donnees()?.offresInternes ?? []).map((offre) => ({
      ...offre,
      detail: `${TYPE_OFFRE_INTERNE_LABELS[offre.type]} · ${pluriel(offre.utilisations, 'proposition')}`,
    })),
  );
}
