import { nomCharte, NOM_PATTERN, prenomsCharte } from './charte.rules';

describe('nomCharte', () => {
  it('when a name has accents, a typographic apostrophe and a hyphen, it is in unaccented capitals with both kept', () => {
    expect(nomCharte('Lefèvre-d’Arc')).toBe("LEFEVRE-D'ARC");
  });

  it('when a name holds œ or æ, they become two letters', () => {
    expect(nomCharte('Lœuillet')).toBe('LOEUILLET');
    expect(nomCharte('Lætitia')).toBe('LAETITIA');
  });

  it('when a name has extra spaces, or spaces around a hyphen, they are tidied', () => {
    expect(nomCharte('  de   la  Fontaine ')).toBe('DE LA FONTAINE');
    expect(nomCharte('Martin - Dupont')).toBe('MARTIN-DUPONT');
  });

  it('when a name has other apostrophes (‘ ` ´), they become the plain one', () => {
    expect(nomCharte('N‘Diaye')).toBe("N'DIAYE");
    expect(nomCharte('O`Neil')).toBe("O'NEIL");
  });

  it('when the name is already as the charte wants, it is unchanged', () => {
    expect(nomCharte("LEFEVRE-D'ARC")).toBe("LEFEVRE-D'ARC");
    expect(nomCharte(nomCharte('Ñúñez Çelik'))).toBe('NUNEZ CELIK');
  });
});

describe('prenomsCharte', () => {
  it('when first names have accents and capitals, they are kept as on the identity card', () => {
    expect(prenomsCharte('Élodie Marie-Ève')).toBe('Élodie Marie-Ève');
  });

  it('when first names have extra spaces, they are tidied', () => {
    expect(prenomsCharte('  Élodie \t  Anne ')).toBe('Élodie Anne');
  });
});

describe('NOM_PATTERN', () => {
  it('when a name is letters of any script with spaces, hyphens and apostrophes, it is accepted', () => {
    for (const nom of ["LEFEVRE-D'ARC", 'Ñúñez', 'de la Fontaine', 'Nguyễn', 'Ølsen']) {
      expect(NOM_PATTERN.test(nom)).withContext(nom).toBeTrue();
    }
  });

  it('when a name starts with a separator or holds digits or symbols, it is refused', () => {
    for (const nom of ['-MARTIN', "'ARC", 'MARTIN2', 'MARTIN;', '']) {
      expect(NOM_PATTERN.test(nom)).withContext(nom).toBeFalse();
    }
  });
});
