import fc from 'fast-check';
import { estDoublonProbable, similariteNoms, type IdentiteComparable } from './doublon.rules';

const jeune = (nomNaissance: string, prenoms: string, dateNaissance = '2005-03-14', nomUsage: string | null = null): IdentiteComparable => ({
  nomNaissance,
  nomUsage,
  prenoms,
  dateNaissance,
});

describe('similariteNoms', () => {
  it('when two names differ only by accents, case, spaces or hyphens, they are identical (1)', () => {
    expect(similariteNoms('Lefèvre', 'LEFEVRE')).toBe(1);
    expect(similariteNoms('Marie-Claire', ' marie  claire ')).toBe(1);
    expect(similariteNoms("D'Arc", 'D’ARC')).toBe(1);
    expect(similariteNoms('Cœur', 'COEUR')).toBe(1);
  });

  it('when one letter is wrong, missing, extra or swapped, the names stay close', () => {
    expect(similariteNoms('LEFEVRE', 'LEFEBRE')).toBeCloseTo(6 / 7);
    expect(similariteNoms('MARTIN', 'MARIN')).toBeCloseTo(5 / 6);
    expect(similariteNoms('MARTIN', 'MARTINE')).toBeCloseTo(6 / 7);
    expect(similariteNoms('Elodie', 'Elodei')).toBeCloseTo(5 / 6);
  });

  it('when two names have little in common, they are far apart', () => {
    expect(similariteNoms('Léa', 'Lucas')).toBeLessThan(0.5);
    expect(similariteNoms('DUPONT', 'LEFEVRE')).toBeLessThan(0.3);
  });

  it('whatever the two names, the similarity is between 0 and 1, symmetric, and 1 with itself', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = similariteNoms(a, b);
        return s >= 0 && s <= 1 && s === similariteNoms(b, a) && similariteNoms(a, a) === 1;
      }),
    );
  });
});

describe('estDoublonProbable', () => {
  it('when the same jeune is typed with or without accents and capitals, it is a probable duplicate', () => {
    expect(estDoublonProbable(jeune('LEFÈVRE', 'Élodie'), jeune('LEFEVRE', 'ELODIE'))).toBeTrue();
  });

  it('when the name has one typo (LEFEBRE), it is a probable duplicate', () => {
    expect(estDoublonProbable(jeune('LEFEBRE', 'Élodie'), jeune('LEFEVRE', 'Élodie'))).toBeTrue();
  });

  it('when the first name has two letters swapped (Elodei), it is a probable duplicate', () => {
    expect(estDoublonProbable(jeune('LEFEVRE', 'Elodei'), jeune('LEFEVRE', 'Élodie'))).toBeTrue();
  });

  it('when the usage name was typed as the birth name, or the other way round, it is a probable duplicate', () => {
    const existant = jeune('LEFEVRE', 'Élodie', '2005-03-14', 'MARTIN');
    expect(estDoublonProbable(jeune('MARTIN', 'Élodie'), existant)).toBeTrue();
    expect(estDoublonProbable(jeune('MARTIN', 'Élodie', '2005-03-14', 'LEFEVRE'), existant)).toBeTrue();
    expect(estDoublonProbable(existant, jeune('MARTIN', 'Élodie'))).toBeTrue();
  });

  it('when the birth dates differ, even by a day, it is not a duplicate', () => {
    expect(estDoublonProbable(jeune('LEFEVRE', 'Élodie', '2005-03-14'), jeune('LEFEVRE', 'Élodie', '2005-03-15'))).toBeFalse();
  });

  it('when a compound first name is written with a hyphen or a space, it is the same first name', () => {
    expect(estDoublonProbable(jeune('DUPONT', 'Marie-Claire'), jeune('DUPONT', 'Marie Claire'))).toBeTrue();
    expect(estDoublonProbable(jeune('DUPONT', 'Marie Claire'), jeune('DUPONT', 'Marie-Claire Louise'))).toBeTrue();
    expect(estDoublonProbable(jeune('DUPONT', 'marie-claire'), jeune('DUPONT', 'MARIE-CLAIRE'))).toBeTrue();
  });

  it('when only the other prénoms differ, the first one decides', () => {
    expect(estDoublonProbable(jeune('DUPONT', 'Élodie Anne'), jeune('DUPONT', 'Élodie'))).toBeTrue();
  });

  it('when two compound first names only share their first part, they are different first names (twins Jean-Pierre and Jean-Luc)', () => {
    expect(estDoublonProbable(jeune('DUPONT', 'Jean-Pierre'), jeune('DUPONT', 'Jean-Luc'))).toBeFalse();
  });

  it('when the first names are one letter apart (Élodie / Mélodie), it is a probable duplicate: a typo as often as a twin, and the conseiller decides', () => {
    expect(estDoublonProbable(jeune('LEFEVRE', 'Élodie'), jeune('LEFEVRE', 'Mélodie'))).toBeTrue();
  });

  it('when the first names are different (Léa / Lucas), twins born the same day are not duplicates', () => {
    expect(estDoublonProbable(jeune('MARTIN', 'Léa'), jeune('MARTIN', 'Lucas'))).toBeFalse();
  });

  it('when a 3-letter first name differs by one letter (Léa / Léo), it is not a duplicate', () => {
    expect(estDoublonProbable(jeune('MARTIN', 'Léa'), jeune('MARTIN', 'Léo'))).toBeFalse();
  });

  it('when the names are different, the same first name and birth date are not enough', () => {
    expect(estDoublonProbable(jeune('DUPONT', 'Élodie'), jeune('LEFEVRE', 'Élodie'))).toBeFalse();
  });

  it('when an identity is compared with itself, whatever it is, it is a probable duplicate', () => {
    const identite = fc.record({
      nomNaissance: fc.string({ minLength: 1 }),
      nomUsage: fc.option(fc.string({ minLength: 1 })),
      prenoms: fc.string({ minLength: 1 }),
      dateNaissance: fc.constant('2005-03-14'),
    });
    fc.assert(
      fc.property(identite, (i) => {
        // Names made only of separators have no letter to compare; the schemas refuse them.
        fc.pre(/[\p{L}\d]/u.test(i.nomNaissance) && /[\p{L}\d]/u.test(i.prenoms));
        return estDoublonProbable(i, { ...i });
      }),
    );
  });
});
