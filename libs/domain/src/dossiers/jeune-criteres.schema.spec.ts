import { criteresRechercheSchema, jeuneCriteresQuerySchema } from './jeune-criteres.schema';

describe('jeuneCriteresQuerySchema', () => {
  it('when criteria come from a URL, numbers are read and the status defaults to active dossiers', () => {
    expect(jeuneCriteresQuerySchema.parse({ ageMin: '16', ageMax: '18', departement: '2a' })).toEqual({
      ageMin: 16,
      ageMax: 18,
      departement: '2A',
      statut: 'actif',
      page: 1,
      size: 20,
    });
  });

  it('when a département does not exist (20, 97, 99, 977), it is refused with an example', () => {
    for (const departement of ['20', '97', '99', '977', '00']) {
      const parsed = jeuneCriteresQuerySchema.safeParse({ departement });
      expect(parsed.success).withContext(departement).toBeFalse();
      expect(parsed.error?.issues[0]?.message).toBe('Le département est un code comme 31, 2A ou 974.');
    }
    for (const departement of ['01', '19', '2B', '21', '95', '971', '976']) {
      expect(jeuneCriteresQuerySchema.safeParse({ departement }).success).withContext(departement).toBeTrue();
    }
  });

  it('when the bounds are crossed or the sort asks for relevance without a text, says which field is wrong', () => {
    const paths = (input: object) => jeuneCriteresQuerySchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({ ageMin: '20', ageMax: '18' })).toEqual(['ageMax']);
    expect(paths({ contactDepuis: '2026-05-01', contactAvant: '2026-04-01' })).toEqual(['contactAvant']);
    expect(paths({ sort: '-pertinence' })).toEqual(['sort']);
    expect(paths({ sort: 'taille' })).toEqual(['sort']);
  });

  it('when a saved search holds a page, it is refused: a saved search keeps criteria and sort only', () => {
    expect(criteresRechercheSchema.safeParse({ q: 'durand', page: 2 }).success).toBeFalse();
    expect(criteresRechercheSchema.safeParse({ q: 'durand', sort: '-age' }).success).toBeTrue();
  });
});
