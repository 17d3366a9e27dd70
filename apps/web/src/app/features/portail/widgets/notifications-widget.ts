import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import type { WidgetEtat } from '@imilo/domain';
import { heureDansFuseau, jourDansFuseau } from '../../cmilo/cmilo-format';
import { donneesDe, pluriel } from '../portail-format';
import { PortailStore } from '../portail.store';
import { WidgetCard, type WidgetLien } from '../widget-card/widget-card';

const REGLAGES: WidgetLien = { commands: ['/c-milo/notifications'], label: 'Choisir comment être prévenu' };

/**
 * « Mes notifications » (C-Milo): the last messages sent to the jeune, the new ones marked. Once shown, imilo is told
 * they are read: the marks stay on screen, the next visit counts from now.
 */
@Component({
  selector: 'app-notifications-widget',
  imports: [WidgetCard],
  template: `
    <app-widget-card
      widget="notifications"
      [etat]="etat()"
      [compte]="donnees()?.nonLues ?? null"
      [compteLibelle]="compteLibelle()"
      [vide]="donnees()?.items?.length === 0 ? 'Aucune notification pour le moment.' : null"
      videIcon="inbox"
      [lien]="lien"
    >
      <ul class="widget-list">
        @for (notification of items(); track notification.id) {
          <li class="widget-item">
            <span class="widget-item-main">
              <span>{{ notification.libelle }}</span>
              <span class="widget-meta">{{ notification.quand }}</span>
            </span>
            @if (!notification.lue) {
              <span class="widget-chip widget-chip-ok">Nouveau</span>
            }
          </li>
        }
      </ul>
    </app-widget-card>
  `,
  styleUrl: './widget.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsWidget {
  readonly etat = input.required<WidgetEtat<'notifications'> | undefined>();
  readonly timeZone = input.required<string>();

  private readonly store = inject(PortailStore);
  protected readonly lien = REGLAGES;
  protected readonly donnees = donneesDe(this.etat);
  protected readonly compteLibelle = computed(() => pluriel(this.donnees()?.nonLues ?? 0, 'nouvelle notification', 'nouvelles notifications'));
  protected readonly items = computed(() =>
    (this.donnees()?.items ?? []).map((notification) => ({ ...notification, quand: `${jourDansFuseau(notification.le, this.timeZone())} à ${heureDansFuseau(notification.le, this.timeZone())}` })),
  );

  constructor() {
    effect(() => {
      if ((this.donnees()?.nonLues ?? 0) > 0) {
        this.store.marquerNotificationsLues();
      }
    });
  }
}

