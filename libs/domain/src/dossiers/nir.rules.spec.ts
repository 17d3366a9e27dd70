import fc from 'fast-check';
import { masque, nirError, nirKey, normaliseNir } from './nir.rules';

const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const twoDigits = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));

/** A NIR body (13 characters) of any shape the INSEE gives: provisional sexes, unknown months, Corsica, overseas. */
const body = fc
  .tuple(
    fc.constantFrom('1', '2', '3', '4', '7', '8'),
    digits(2),
    fc.oneof(twoDigits(1, 12), twoDigits(20, 42), twoDigits(50, 99)),
    fc.oneof(
      fc.tuple(twoDigits(1, 95), digits(3)).map(([dept, commune]) => dept + commune),
      fc.tuple(fc.constantFrom('2A', '2B'), digits(3)).map(([dept, commune]) => dept + commune),
      // Overseas: 97x or 98x and a 2-digit commune.
      fc.tuple(fc.constantFrom('971', '972', '973', '974', '976', '985', '987', '988'), digits(2)).map(([dept, commune]) => dept + commune),
    ),
    digits(3),
  )
  .map((parts) => parts.join(''));

const withKey = (b: string): string => b + String(nirKey(b)).padStart(2, '0');
const validNir = body.map(withKey);

describe('nirKey and nirError', () => {
  it('when a generated body carries its computed key, the NIR is valid', () => {
    fc.assert(fc.property(validNir, (nir) => nir.length === 15 && nirError(nir) === null));
  });

  it('when any single digit of a valid NIR is changed, it is refused (97 is prime: one digit off always changes the remainder)', () => {
    const change = validNir.chain((nir) =>
      fc.record({
        nir: fc.constant(nir),
        position: fc.constantFrom(...[...nir].flatMap((char, i) => (/\d/.test(char) ? [i] : []))),
        delta: fc.integer({ min: 1, max: 9 }),
      }),
    );
    fc.assert(
      fc.property(change, ({ nir, position, delta }) => {
        const digit = (Number(nir[position]) + delta) % 10;
        const altered = nir.slice(0, position) + String(digit) + nir.slice(position + 1);
        return nirError(altered) !== null;
      }),
    );
  });

  it('when a Corsican NIR is checked, 2A counts as 19 and 2B as 18', () => {
    expect(nirKey('185052A123456')).toBe(33);
    expect(nirKey('185052B123456')).toBe(60);
    expect(nirError('185052A12345633')).toBeNull();
    expect(nirError('185052B12345660')).toBeNull();
    // The key of one department does not fit the other.
    expect(nirError('185052B12345633')).not.toBeNull();
  });

  it('when a Corsican body is generated, its key is the one of the same number with 19 or 18 for the department', () => {
    const corse = fc.tuple(digits(5), fc.constantFrom(['2A', '19'], ['2B', '18']), digits(6));
    fc.assert(fc.property(corse, ([debut, [lettre, chiffres], fin]) => nirKey(debut + lettre + fin) === nirKey(debut + chiffres + fin)));
  });

  it('when a key is wrong, the message says to check the typing; when the shape is wrong, it describes the NIR', () => {
    expect(nirError('293077511602316')).toBe('La clé du NIR ne correspond pas : vérifiez la saisie.');
    expect(nirError('29307751160231')).toBe('Le NIR compte 15 caractères : sexe, année et mois de naissance, lieu, rang et clé.');
    expect(nirError('593077511602315')).not.toBeNull();
    expect(nirError('293007511602315')).not.toBeNull();
    expect(nirError('293077511602315')).toBeNull();
  });
});

describe('normaliseNir', () => {
  it('when a valid NIR is typed with spaces, dots or dashes anywhere, it normalises back to the NIR', () => {
    const typed = validNir.chain((nir) =>
      fc.record({
        nir: fc.constant(nir),
        separators: fc.array(fc.constantFrom('', ' ', '.', '-', '  '), { minLength: nir.length + 1, maxLength: nir.length + 1 }),
      }),
    );
    fc.assert(
      fc.property(typed, ({ nir, separators }) => {
        const input = separators[0] + [...nir].map((char, i) => char + separators[i + 1]).join('');
        return normaliseNir(input) === nir && nirError(normaliseNir(input)) === null;
      }),
    );
  });

  it('when Corsica is typed in lower case, it is put in capitals', () => {
    expect(normaliseNir('1 85 05 2a 123 456 33')).toBe('185052A12345633');
    expect(nirError(normaliseNir('1 85 05 2a 123 456 33'))).toBeNull();
  });
});

describe('masque', () => {
  it('whatever the value, only its last 3 characters show and its length is kept', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (value) => {
        const masked = masque(value);
        const shown = Math.min(value.length, 3);
        return (
          masked.length === value.length &&
          masked.slice(masked.length - shown) === value.slice(value.length - shown) &&
          /^•*$/.test(masked.slice(0, masked.length - shown))
        );
      }),
    );
  });

  it('when a NIR is masked, 12 dots and the key’s last digits show', () => {
    expect(masque('293077511602315')).toBe('••••••••••••315');
  });
});
