import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { judgePassword, type PasswordOwner, passwordUserInputs, type Result } from '@imilo/domain';

let estimator: Promise<ZxcvbnFactory> | null = null;

// The dictionaries weigh several megabytes: loaded once, on the first password judged rather than at boot.
const loadEstimator = (): Promise<ZxcvbnFactory> =>
  (estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-fr'),
  ]).then(
    ([{ ZxcvbnFactory }, common, fr]) =>
      new ZxcvbnFactory({ graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary, ...fr.dictionary } }),
  ));

/**
 * Judges a new password by the policy: at least 12 characters and a zxcvbn score of 3, estimated against the
 * common and French dictionaries and the owner's identifiant and names.
 */
export const judgeNewPassword = async (password: string, owner: PasswordOwner): Promise<Result<void>> => {
  const { score } = (await loadEstimator()).check(password, passwordUserInputs(owner));
  return judgePassword(password, score);
};
