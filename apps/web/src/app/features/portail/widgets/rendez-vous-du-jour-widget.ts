import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { type ElementDuJour, STATUT_PRESENCE_LABELS, TYPE_RENDEZ_VOUS_LABELS, type WidgetEtat } from '@imilo/domain';
import { heureFr, libelleJour, plusJours } from '../../agenda/agenda-time';
import { donneesDe, pluriel } from '../portail-format';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';

/** A status chip: always a word, the tone only adds colour. */
export interface Chip {
  readonly label: string;
  readonly tone: 'ok' | 'alerte' | 'neutre';
}

/** What the conseiller needs to know of an item of the day at a glance: the jeune's answer, the presence, the closing. */
export const chipsOf = (item: ElementDuJour): Chip[] => {
  if (item.statut === 'ANNULE') {
    return [{ label: item.reponseJeune === 'ANNULE' ? 'Annulé par le jeune' : 'Annulé', tone: 'alerte' }];
  }
  if (item.presence !== null) {
    return [{ label: STATUT_PRESENCE_LABELS[item.presence], tone: item.presence === 'PRESENT' ? 'ok' : 'neutre' }];
  }
  const chips: Chip[] = [];
  if (item.kind === 'rendez-vous') {
    chips.push(item.reponseJeune === 'CONFIRME' ? { label: 'Confirmé par le jeune ✓', tone: 'ok' } : { label: 'Non confirmé', tone: 'neutre' });
  }
  if (item.aCloturer) {
    chips.push({ label: 'À clôturer', tone: 'alerte' });
  }
  return chips;
};

const AGENDA: WidgetLien = { commands: ['/agenda'], label: "Ouvrir l'agenda" };

/** « Rendez-vous du jour »: today's and tomorrow's rendez-vous and sessions, one tap from each jeune's dossier. */
@Component({
  selector: 'app-rendez-vous-du-jour-widget',
  imports: [RouterLink, WidgetCard],
  template: `
    <app-widget-card
      widget="rendez-vous-du-jour"
      [etat]="etat()"
      [compte]="donnees()?.total ?? null"
      [compteLibelle]="compteLibelle()"
      [vide]="donnees()?.total === 0 ? 'Aucun rendez-vous aujourd’hui ni demain.' : null"
      videIcon="calendar_month"
      [lien]="lien"
    >
      <a widgetVide class="widget-item-link" routerLink="/agenda">Planifier un rendez-vous</a>
      @for (jour of jours(); track jour.jour) {
        <h3 class="widget-subtitle">{{ jour.titre }}</h3>
        @if (jour.items.length === 0) {
          <p class="widget-meta">Aucun rendez-vous.</p>
        } @else {
          <ul class="widget-list">
            @for (item of jour.items; track item.id) {
              <li class="widget-item">
                <span class="widget-item-main">
                  <span>
                    <strong>{{ item.horaire }}</strong> ·
                    @if (item.jeune; as jeune) {
                      <a [routerLink]="['/jeunes', jeune.id]">{{ item.titre }}<span class="cdk-visually-hidden"> : ouvrir le dossier</span></a>
                    } @else {
                      {{ item.titre }}
                    }
                  </span>
                  <span class="widget-meta">{{ item.detail }}</span>
                </span>
                <span class="widget-chips">
                  @for (chip of item.chips; track chip.label) {
                    <span class="widget-chip" [class]="'widget-chip-' + chip.tone">{{ chip.label }}</span>
                  }
                </span>
              </li>
            }
          </ul>
        }
      }
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RendezVousDuJourWidget {
  readonly etat = input.required<WidgetEtat<'rendez-vous-du-jour'> | undefined>();
  readonly aujourdhui = input.required<string>();
  readonly timeZone = input.required<string>();

  protected readonly lien = AGENDA;
  protected readonly donnees = donneesDe(this.etat);
  protected readonly compteLibelle = computed(() => pluriel(this.donnees()?.total ?? 0, 'rendez-vous ou session', 'rendez-vous ou sessions'));
  protected readonly jours = computed(() => {
    const aujourdhui = this.aujourdhui();
    const timeZone = this.timeZone();
    return (this.donnees()?.jours ?? []).map(({ jour, items }) => ({
      jour,
      titre: `${jour === aujourdhui ? 'Aujourd’hui' : jour === plusJours(aujourdhui, 1) ? 'Demain' : ''} ${libelleJour(jour)}`.trim(),
      items: items.map((item) => ({
        ...item,
        horaire: heureFr(new Date(item.debut), timeZone),
        detail: item.kind === 'session' ? 'Session collective' : item.type === null ? '' : TYPE_RENDEZ_VOUS_LABELS[item.type],
        chips: chipsOf(item),
      })),
    }));
  });
}
