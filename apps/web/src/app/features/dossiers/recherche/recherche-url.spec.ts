import type { Params } from '@angular/router';
import {
  EMPTY_RECHERCHE,
  fromCriteresRecherche,
  fromQueryParams,
  isSearchable,
  rechercheErrors,
  type RechercheState,
  toApiParams,
  toCriteresRecherche,
  toQueryParams,
} from './recherche-url';

const uneRecherche = (overrides: Partial<RechercheState> = {}): RechercheState => ({
  ...EMPTY_RECHERCHE,
  ...overrides,
});

describe('recherche URL', () => {
  it('when a full search is written to the URL and read back, nothing is lost', () => {
    const state = uneRecherche({
      q: 'dupont',
      criteres: { ageMin: '16', ageMax: '25', niveau: 'V_BIS', referent: 'moi', completude: 'partiel', statut: 'tous' },
      sort: '-dernierContact',
      page: 3,
    });

    expect(fromQueryParams(toQueryParams(state))).toEqual(state);
  });

  it('when a shared URL is read and written again, gives the same parameters', () => {
    const params: Params = { q: 'awa', sexe: 'F', qpv: 'oui', contactDepuis: '2026-01-01', sort: 'nom', page: '2' };

    expect(toQueryParams(fromQueryParams(params))).toEqual(params);
  });

  it('when the URL holds defaults, blanks or unknown parameters, keeps only what narrows the search', () => {
    const state = fromQueryParams({ statut: 'actif', sexe: '', utm_source: 'mail', page: '0', communeInsee: ' 31555 ' });

    expect(state).toEqual(uneRecherche({ criteres: { communeInsee: '31555' } }));
    expect(toQueryParams(state)).toEqual({ communeInsee: '31555' });
  });

  it('when a parameter is repeated, takes the first value', () => {
    expect(fromQueryParams({ sexe: ['M', 'F'] }).criteres).toEqual({ sexe: 'M' });
  });

  it('when fewer than 2 letters are typed and no criterion is chosen, there is nothing to search', () => {
    expect(isSearchable(uneRecherche({ q: 'd' }))).toBeFalse();
    expect(isSearchable(uneRecherche({ q: 'du' }))).toBeTrue();
    expect(isSearchable(uneRecherche({ criteres: { qpv: 'oui' } }))).toBeTrue();
  });

  it('when asking the API, sends the page size and drops a text too short and a relevance sort without text', () => {
    expect(toApiParams(uneRecherche({ q: 'd', criteres: { qpv: 'oui' }, sort: 'pertinence', page: 2 }))).toEqual({
      qpv: 'oui',
      page: '2',
      size: '20',
    });
  });

  it('when the criteria contradict each other, gives the domain message on the right field', () => {
    const errors = rechercheErrors(uneRecherche({ criteres: { ageMin: '25', ageMax: '18' } }));

    expect(errors).toEqual([{ path: 'ageMax', message: "L'âge maximum est au moins l'âge minimum." }]);
  });

  it('when the page is past the last one the API serves, says to refine the search', () => {
    const errors = rechercheErrors(uneRecherche({ q: 'martin', page: 51 }));

    expect(errors.map((e) => e.path)).toEqual(['page']);
  });

  it('when a search is saved and applied again, comes back as its first page', () => {
    const state = uneRecherche({ q: 'martin', criteres: { ageMin: '18', departement: '2A' }, sort: 'age', page: 4 });

    const saved = toCriteresRecherche(state);

    expect(saved).toEqual(jasmine.objectContaining({ q: 'martin', ageMin: 18, departement: '2A', sort: 'age' }));
    expect(fromCriteresRecherche(saved!)).toEqual({ ...state, page: 1 });
  });
});
