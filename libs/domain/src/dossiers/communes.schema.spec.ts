import { COMMUNES_SEARCH_LIMITS, communeSchema, communesQuerySchema } from './communes.schema';

const errorsOf = (input: unknown) => {
  const parsed = communesQuerySchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('communesQuerySchema', () => {
  it('when q is a name, a postal code or an INSEE code, it is kept trimmed', () => {
    expect(communesQuerySchema.parse({ q: '  st émilion ' })).toEqual({ q: 'st émilion' });
    expect(communesQuerySchema.parse({ q: '974' })).toEqual({ q: '974' });
    expect(communesQuerySchema.parse({ q: '2A004' })).toEqual({ q: '2A004' });
  });

  it('when q is missing, shorter than 2 characters once trimmed, or longer than 60, it is refused in French', () => {
    expect(errorsOf({})).toEqual([{ path: 'q', message: 'Saisissez le nom de la commune, son code postal ou son code INSEE.' }]);
    expect(errorsOf({ q: ' b ' })).toEqual([
      { path: 'q', message: 'Saisissez au moins 2 caractères du nom ou du code postal de la commune.' },
    ]);
    expect(errorsOf({ q: 'a'.repeat(COMMUNES_SEARCH_LIMITS.qMax + 1) })).toEqual([
      { path: 'q', message: 'La recherche de commune compte au plus 60 caractères.' },
    ]);
    expect(errorsOf({ q: 'a'.repeat(COMMUNES_SEARCH_LIMITS.qMax) })).toEqual([]);
  });

  it('when the query string has another parameter, it is refused', () => {
    expect(errorsOf({ q: 'bordeaux', page: '2' }).map((error) => error.path)).toEqual(['']);
  });
});

describe('communeSchema', () => {
  it('when a commune has no postal code, it is still one', () => {
    expect(communeSchema.parse({ insee: '33063', nom: 'Bordeaux', codesPostaux: [], departement: '33' })).toEqual({
      insee: '33063',
      nom: 'Bordeaux',
      codesPostaux: [],
      departement: '33',
    });
  });
});
