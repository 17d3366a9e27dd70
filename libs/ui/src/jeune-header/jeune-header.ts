import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { NiveauCompletude, Sexe } from '@imilo/domain';
import { NIVEAU_COMPLETUDE_LABELS } from '@imilo/domain';
import { UiCompletudeBadge } from '../completude-badge/completude-badge';

/** What the jeune header shows, already in French where it is text. */
export interface JeuneHeader {
  readonly nomNaissance: string;
  /** Shown first when the jeune uses one. */
  readonly nomUsage: string | null;
  readonly prenoms: string;
  /** Agrees "né" / "née" before the birth name. */
  readonly sexe: Sexe;
  readonly age: number;
  /** "Awa Diallo", or null when the jeune has no référent. */
  readonly referent: string | null;
  readonly niveau: NiveauCompletude;
  /** Label of the current situation ("Emploi — Vendeuse"), or null without one. */
  readonly situation: string | null;
}

/**
 * The compact, sticky header of every dossier screen: usage name then birth name and first names, age, référent,
 * completeness and current situation. A skeleton while `jeune` is null. Extra facts or actions are projected.
 */
@Component({
  selector: 'ui-jeune-header',
  imports: [UiCompletudeBadge],
  templateUrl: './jeune-header.html',
  styleUrl: './jeune-header.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'ui-jeune-header', '[attr.aria-busy]': 'jeune() === null' },
})
export class UiJeuneHeader {
  /** The jeune, or null while loading. */
  readonly jeune = input<JeuneHeader | null>(null);

  protected readonly nom = computed(() => {
    const jeune = this.jeune();
    return jeune === null ? '' : (jeune.nomUsage ?? jeune.nomNaissance);
  });
  /** "née DUPONT" when the usage name differs from the birth name. */
  protected readonly naissance = computed(() => {
    const jeune = this.jeune();
    if (jeune === null || jeune.nomUsage === null || jeune.nomUsage === jeune.nomNaissance) {
      return null;
    }
    return `${jeune.sexe === 'F' ? 'née' : 'né'} ${jeune.nomNaissance}`;
  });
  protected readonly completude = computed(() => {
    const jeune = this.jeune();
    return jeune === null ? '' : `Complétude : ${NIVEAU_COMPLETUDE_LABELS[jeune.niveau]}`;
  });
}
