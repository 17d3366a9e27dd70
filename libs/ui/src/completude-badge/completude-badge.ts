import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { NIVEAU_COMPLETUDE_LABELS, type NiveauCompletude } from '@imilo/domain';
import { UiIcon } from '../icon/icon';
import type { IconName } from '../icon/icon-paths';

const ICONS: Readonly<Record<NiveauCompletude, IconName>> = {
  partiel: 'incomplete_circle',
  complet: 'check_circle',
  justifie: 'verified',
};

/**
 * How far a dossier is filled in and proven (partiel / complet / justifié): an icon, the word and a colour, so that
 * colour is never the only signal. The level is computed by the domain rule, never typed.
 */
@Component({
  selector: 'ui-completude-badge',
  imports: [UiIcon],
  templateUrl: './completude-badge.html',
  styleUrl: './completude-badge.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'ui-completude-badge', '[attr.data-niveau]': 'niveau()' },
})
export class UiCompletudeBadge {
  /** The dossier's completeness level. */
  readonly niveau = input.required<NiveauCompletude>();

  protected readonly icon = computed(() => ICONS[this.niveau()]);
  protected readonly label = computed(() => NIVEAU_COMPLETUDE_LABELS[this.niveau()]);
}
