import { jeuneSearchQuerySchema, jeuneSearchResultSchema } from './jeune-search.schema';

const errorsOf = (input: unknown) => {
  const parsed = jeuneSearchQuerySchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('jeuneSearchQuerySchema', () => {
  it('when only q is given, it is trimmed and the first page of 20 is asked', () => {
    expect(jeuneSearchQuerySchema.parse({ q: '  lefèvre ' })).toEqual({ q: 'lefèvre', page: 1, size: 20 });
  });

  it('when page and size come from the query string, they are read as numbers', () => {
    expect(jeuneSearchQuerySchema.parse({ q: 'martin', page: '3', size: '50' })).toEqual({ q: 'martin', page: 3, size: 50 });
  });

  it('when q is missing, shorter than 2 characters once trimmed, or longer than 100, it is refused in French', () => {
    expect(errorsOf({})).toEqual([{ path: 'q', message: 'Saisissez un nom, un prénom, un matricule, un téléphone ou un e-mail.' }]);
    expect(errorsOf({ q: ' a ' })).toEqual([{ path: 'q', message: 'La recherche compte au moins 2 caractères.' }]);
    expect(errorsOf({ q: 'a'.repeat(101) })).toEqual([{ path: 'q', message: 'La recherche compte au plus 100 caractères.' }]);
    expect(errorsOf({ q: 'a'.repeat(100) })).toEqual([]);
  });

  it('when page is below 1, beyond 50, not a number or not whole, it is refused with a hint to refine', () => {
    for (const page of ['0', '-1', 'deux', '1.5', '51']) {
      expect(errorsOf({ q: 'martin', page }))
        .withContext(page)
        .toEqual([{ path: 'page', message: 'La page est un nombre entier de 1 à 50 : au-delà, précisez la recherche.' }]);
    }
    expect(errorsOf({ q: 'martin', page: '50' })).toEqual([]);
  });

  it('when size is outside 1..50 or not a number, it is refused', () => {
    for (const size of ['0', '51', '500', 'beaucoup']) {
      expect(errorsOf({ q: 'martin', size })).withContext(size).toEqual([{ path: 'size', message: 'La taille de page est un nombre entier de 1 à 50.' }]);
    }
  });

  it('when an unknown parameter is sent, it is refused', () => {
    expect(errorsOf({ q: 'martin', tri: 'nom' }).map((error) => error.path)).toEqual(['']);
  });
});

describe('jeuneSearchResultSchema', () => {
  it('when a result has a dossier with no commune nor référent, it is valid; a birth date must be YYYY-MM-DD', () => {
    const item = {
      id: 'f1c1a7a0-0000-4000-8000-000000000001',
      matricule: 'T33S00-00001',
      nomUsage: null,
      nomNaissance: 'LEFÈVRE',
      prenoms: 'Élodie',
      sexe: 'F',
      dateNaissance: '2008-06-15',
      age: 18,
      commune: null,
      referent: null,
      statutDossier: 'actif',
    };
    expect(jeuneSearchResultSchema.safeParse({ items: [item], page: 1, size: 20, hasMore: false }).success).toBeTrue();
    expect(jeuneSearchResultSchema.safeParse({ items: [{ ...item, dateNaissance: '15/06/2008' }], page: 1, size: 20, hasMore: false }).success).toBeFalse();
  });
});
