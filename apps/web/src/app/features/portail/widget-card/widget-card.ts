import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { type Params, RouterLink } from '@angular/router';
import { WIDGETS, type WidgetId } from '@imilo/domain';
import { type IconName, UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import { PortailStore } from '../portail.store';

/** Where a widget's full view is. */
export interface WidgetLien {
  readonly commands: readonly string[];
  readonly queryParams?: Params;
  readonly label: string;
}

/** A widget's state as the card shows it: being computed, refused, or its data (the widget says whether it is empty). */
export type WidgetCardEtat = { readonly statut: 'ok' } | { readonly statut: 'erreur'; readonly message: string } | undefined;

/**
 * The frame of every widget: its title and count, its own loading, error and empty states, the link to the full
 * view. The widget's content is projected and shown only once its data is there and not empty.
 */
@Component({
  selector: 'app-widget-card',
  imports: [RouterLink, MatButton, UiEmptyState, UiErrorMessage, UiIcon],
  templateUrl: './widget-card.html',
  styleUrl: './widget-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'widget-card' },
})
export class WidgetCard {
  readonly widget = input.required<WidgetId>();
  readonly etat = input.required<WidgetCardEtat>();
  /** The figure beside the title, and what it counts for screen readers ("3 rendez-vous"). */
  readonly compte = input<number | null>(null);
  readonly compteLibelle = input('');
  /** The empty state's sentence when there is nothing to show (null: not empty). */
  readonly vide = input<string | null>(null);
  readonly videIcon = input<IconName>('inbox');
  readonly lien = input<WidgetLien | null>(null);

  protected readonly store = inject(PortailStore);
  protected readonly titre = computed(() => WIDGETS[this.widget()].titre);
  protected readonly titleId = computed(() => `widget-${this.widget()}-titre`);
  protected readonly erreur = computed(() => {
    const etat = this.etat();
    return etat?.statut === 'erreur' ? etat.message : '';
  });
  protected readonly compteTexte = computed(() => this.compte()?.toLocaleString('fr-FR') ?? '');
}
