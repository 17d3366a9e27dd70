import { Injectable } from '@angular/core';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** How hard a password is to guess, and what to do about it (in French). */
export interface PasswordEstimate {
  readonly password: string;
  /** zxcvbn score, 0–4. */
  readonly score: number;
  readonly feedback: readonly string[];
}

/**
 * Estimates password strength with zxcvbn and its French dictionaries. They weigh about 1 MB,
 * so they are loaded on the first estimate, on the pages that choose a password only.
 */
@Injectable({ providedIn: 'root' })
export class PasswordEstimator {
  private estimator: Promise<ZxcvbnFactory> | null = null;

  /** Estimates `password`; `personalWords` (identifiant, name) count as easy to guess. */
  async estimate(password: string, personalWords: readonly string[]): Promise<PasswordEstimate> {
    this.estimator ??= this.load();
    const { score, feedback } = (await this.estimator).check(password, [...personalWords]);
    return {
      password,
      score,
      feedback: [feedback.warning, ...feedback.suggestions].filter((advice): advice is string => !!advice),
    };
  }

  private async load(): Promise<ZxcvbnFactory> {
    const [core, common, fr] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-fr'),
    ]);
    return new core.ZxcvbnFactory({
      translations: fr.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...fr.dictionary },
    });
  }
}
