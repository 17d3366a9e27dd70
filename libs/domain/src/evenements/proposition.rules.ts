import { failure, type Result, success } from '../shared/result';
import { PROBLEM_CODES } from '../shared/problem';
import { ETAT_PROPOSITION_LABELS, type EtatProposition } from './evenements.enums';

/**
 * The state machine of a proposition: proposée → acceptée or refusée; acceptée → réalisée or abandonnée. Refusée,
 * réalisée and abandonnée are final: a new attempt is a new proposition, so that the history says what happened.
 */
export const PROPOSITION_TRANSITIONS: Readonly<Record<EtatProposition, readonly EtatProposition[]>> = {
  PROPOSEE: ['ACCEPTEE', 'REFUSEE'],
  ACCEPTEE: ['REALISEE', 'ABANDONNEE'],
  REFUSEE: [],
  REALISEE: [],
  ABANDONNEE: [],
};

/** The states a proposition in this state may move to. */
export const nextEtatsProposition = (etat: EtatProposition): readonly EtatProposition[] => PROPOSITION_TRANSITIONS[etat];

const label = (etat: EtatProposition) => ETAT_PROPOSITION_LABELS[etat].toLowerCase();

/** "que acceptée" is written "qu'acceptée" in French. */
const elide = (word: string, next: string) => (/^[aeiouyàâéèê]/i.test(next) ? `${word.slice(0, -1)}'${next}` : `${word} ${next}`);

/**
 * Checks a change of state on a given day: allowed by the machine, and not dated before the previous step. Answers
 * the new state, or a `conflict` failure saying why in French.
 */
export const transitionProposition = (
  from: { readonly etat: EtatProposition; readonly date: string },
  to: { readonly etat: EtatProposition; readonly date: string },
): Result<EtatProposition> => {
  if (!PROPOSITION_TRANSITIONS[from.etat].includes(to.etat)) {
    const allowed = PROPOSITION_TRANSITIONS[from.etat];
    return failure(
      PROBLEM_CODES.conflict,
      allowed.length === 0
        ? `Cette proposition est ${label(from.etat)} : son état ne change plus.`
        : `Une proposition ${label(from.etat)} ne peut devenir ${elide('que', allowed.map(label).join(' ou '))}.`,
    );
  }
  if (to.date < from.date) {
    return failure(PROBLEM_CODES.validation, `La date ne peut précéder celle de l'étape précédente (${from.date}).`);
  }
  return success(to.etat);
};

/** The objet of the événement a change of state writes on the timeline. */
export const objetTransition = (libelle: string, etat: EtatProposition): string =>
  `Proposition « ${libelle.length > 150 ? `${libelle.slice(0, 149)}…` : libelle} » : ${label(etat)}`;
