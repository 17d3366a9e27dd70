import { ChangeDetectionStrategy, Component, computed, input, numberAttribute } from '@angular/core';

const LEVELS = ['Très faible', 'Faible', 'Moyen', 'Bon', 'Excellent'] as const;
const SEGMENTS = [1, 2, 3, 4] as const;

/** Clamps any number to a zxcvbn score (0–4). */
const toScore = (value: unknown): number => Math.min(4, Math.max(0, Math.round(numberAttribute(value, 0))));

/**
 * Shows how hard a password is to guess: four segments, a word for the level (colour is never
 * the only signal) and the estimator's advice. The caller computes the score (e.g. with zxcvbn).
 */
@Component({
  selector: 'ui-password-strength',
  templateUrl: './password-strength.html',
  styleUrl: './password-strength.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'ui-password-strength', '[attr.data-tone]': 'tone()' },
})
export class UiPasswordStrength {
  /** zxcvbn score, from 0 (guessed instantly) to 4 (very hard to guess). */
  readonly score = input(0, { transform: toScore });
  /** Advice to show under the meter, already in French. */
  readonly feedback = input<readonly string[]>([]);

  protected readonly segments = SEGMENTS;
  protected readonly label = computed(() => LEVELS[this.score()]);
  protected readonly tone = computed(() => (this.score() <= 1 ? 'weak' : this.score() === 2 ? 'fair' : 'strong'));
}
