import { CATEGORIES_SITUATION, type CategorieSituation, type EtatSituation } from './dossier.enums';

/**
 * The jeune's current situation (reference §b.1): i-milo sorts by état (EN_COURS, PREVU, TERMINE), then by catégorie in
 * the order of `CATEGORIES_SITUATION`, and takes the first EN_COURS. Only an EN_COURS situation is current: with none,
 * the answer is `null` rather than a planned or finished one, as i-milo returns none and the screens show « Sans
 * situation ». Two EN_COURS of the same catégorie: the one that began last, as it describes today best; on the same
 * start day too, the first in the list (the sort is stable), so the answer never depends on chance.
 */
export const situationCourante = <T extends { categorie: CategorieSituation; etat: EtatSituation; dateDebut: string }>(
  situations: readonly T[],
): T | null => {
  const enCours = situations
    .filter((situation) => situation.etat === 'EN_COURS')
    .sort(
      (a, b) =>
        CATEGORIES_SITUATION.indexOf(a.categorie) - CATEGORIES_SITUATION.indexOf(b.categorie) ||
        // ISO dates compare as text; latest first.
        (a.dateDebut < b.dateDebut ? 1 : a.dateDebut > b.dateDebut ? -1 : 0),
    );
  return enCours[0] ?? null;
};
