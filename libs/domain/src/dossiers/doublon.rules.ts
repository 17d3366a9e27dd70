import { normaliseSearchText } from './jeune-search.rules';

/** What the duplicate check compares of two jeunes: the identity a conseiller types at the premier accueil. */
export interface IdentiteComparable {
  nomNaissance: string;
  nomUsage: string | null;
  prenoms: string;
  /** `YYYY-MM-DD`. */
  dateNaissance: string;
}

/**
 * Similarity from which two names are taken for the same one: 1 − distance / length ≥ 0.75 accepts one typo (a
 * wrong, missing, extra or swapped letter) in a name of 4 letters or more, two from 8 letters, and no typo in a
 * 3-letter one ("Léa" / "Léo" stay apart). A missed duplicate costs a second dossier, rights counted twice and a
 * merge; a false alarm costs the conseiller one look at the candidates: the threshold leans towards the alarm.
 */
export const SEUIL_SIMILARITE_NOM = 0.75;
/** The same bar for the first first name: the birth date and a name must already match before it is looked at. */
export const SEUIL_SIMILARITE_PRENOM = 0.75;

// Hyphens and apostrophes are typed, dropped or replaced by spaces at will ("Marie-Claire", "Marie Claire",
// "D'ARC", "DARC"): they separate parts, nothing more.
const comparable = (text: string): string =>
  normaliseSearchText(text.replace(/[-'’‘`´]/g, ' '));

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein without repeated edits of a substring): insertions,
 * deletions, substitutions and swaps of two adjacent letters each cost 1, the typos a keyboard makes.
 */
const distance = (a: readonly string[], b: readonly string[]): number => {
  let avantDerniere: number[] = [];
  let derniere = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const courante = [i];
    for (let j = 1; j <= b.length; j++) {
      const cout = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(derniere[j] + 1, courante[j - 1] + 1, derniere[j - 1] + cout);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, avantDerniere[j - 2] + 1);
      }
      courante.push(d);
    }
    avantDerniere = derniere;
    derniere = courante;
  }
  return derniere[b.length];
};

/**
 * How alike two names are, from 0 (nothing in common) to 1 (the same once accents, case, spaces, hyphens and
 * apostrophes are set aside): 1 − edit distance / length of the longer. An edit ratio rather than pg_trgm's trigram
 * similarity because names are short: one swapped letter in "elodie" leaves only 4 trigrams of 10 in common (0.4),
 * while the ratio says 0.83.
 */
export const similariteNoms = (a: string, b: string): number => {
  // Code points, so that a letter outside the BMP counts once.
  const x = Array.from(comparable(a));
  const y = Array.from(comparable(b));
  const longueur = Math.max(x.length, y.length);
  return longueur === 0 ? 1 : 1 - distance(x, y) / longueur;
};

const noms = (identite: IdentiteComparable): string[] =>
  [identite.nomNaissance, identite.nomUsage].filter((nom): nom is string => nom !== null && comparable(nom) !== '');

// The first prénom as typed, split in its parts: "Marie-Claire Louise" → ["marie", "claire"].
const premierPrenom = (prenoms: string): string[] =>
  (normaliseSearchText(prenoms).split(' ')[0] ?? '').split(/[-'’]/).filter((part) => part !== '');

/**
 * Whether two first first names are the same one. Either as a whole ("Elodie" / "Elodei"), or the shorter is the
 * start of a compound: "Marie Claire" typed with a space reads as the prénoms Marie and Claire, and "Marie" may be
 * how the jeune calls herself. So "Jean" matches "Jean-Pierre"; two different compounds ("Jean-Pierre" /
 * "Jean-Luc") do not.
 */
const memePrenom = (a: string, b: string): boolean => {
  const partsA = premierPrenom(a);
  const partsB = premierPrenom(b);
  if (similariteNoms(partsA.join(' '), partsB.join(' ')) >= SEUIL_SIMILARITE_PRENOM) {
    return true;
  }
  const [court, long] = partsA.length <= partsB.length ? [partsA, partsB] : [partsB, partsA];
  return (
    court.length > 0 &&
    court.length < long.length &&
    similariteNoms(court.join(' '), long.slice(0, court.length).join(' ')) >= SEUIL_SIMILARITE_PRENOM
  );
};

/**
 * Whether the jeune being created is probably already known: same birth date (exactly: the one field typed from the
 * ID card, and what the database query filters on), one of the candidate's names (birth or usage, either way round:
 * a married name typed as the birth name) close to one of the existing jeune's, and the same first first name.
 * "LEFEVRE Élodie" and "LEFEVRE Mélodie" born the same day are a probable duplicate: one letter apart, that is a typo
 * as often as a twin, and the conseiller decides after seeing the dossier.
 */
export const estDoublonProbable = (candidat: IdentiteComparable, existant: IdentiteComparable): boolean =>
  candidat.dateNaissance === existant.dateNaissance &&
  noms(candidat).some((nom) => noms(existant).some((autre) => similariteNoms(nom, autre) >= SEUIL_SIMILARITE_NOM)) &&
  memePrenom(candidat.prenoms, existant.prenoms);
