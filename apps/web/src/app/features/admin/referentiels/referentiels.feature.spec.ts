import type { OffreInterneDto } from '@imilo/domain';
import { ReferentielsApiActions, ReferentielsPageActions } from './referentiels.actions';
import { initialReferentielsState, referentielsFeature } from './referentiels.feature';

const offre = (overrides: Partial<OffreInterneDto> = {}): OffreInterneDto => ({
  id: 'o-1',
  code: 'P61',
  libelle: 'Atelier CV',
  theme: 'EMPLOI',
  type: 'ATELIER',
  actif: true,
  ...overrides,
});

const { reducer } = referentielsFeature;

describe('referentielsFeature', () => {
  it('when the types load, sets the national ones apart and sorts the Mission Locale’s own by libellé', () => {
    const state = reducer(
      initialReferentielsState,
      ReferentielsApiActions.typesLoaded({
        types: [
          { code: 'ATELIER', libelle: 'Atelier', national: true, contact: true },
          { code: 'VISITE', libelle: 'Visite à domicile', national: false, contact: true },
          { code: 'BILAN', libelle: 'Bilan partenaire', national: false, contact: false },
        ],
      }),
    );

    expect(referentielsFeature.selectTypesNationaux.projector(state.types).map(({ code }) => code)).toEqual(['ATELIER']);
    expect(referentielsFeature.selectTypesPropres.projector(state.types).map(({ code }) => code)).toEqual(['BILAN', 'VISITE']);
  });

  it('when an offre is saved, replaces it in the list kept by libellé, and says what was done', () => {
    const loaded = reducer(initialReferentielsState, ReferentielsApiActions.offresLoaded({ offres: [offre(), offre({ id: 'o-2', code: 'B', libelle: 'Bilan' })] }));
    const toggled = reducer(loaded, ReferentielsPageActions.offreActiveToggled({ offre: offre(), actif: false }));

    const saved = reducer(toggled, ReferentielsApiActions.offreSaved({ offre: offre({ libelle: 'Zumba', actif: false }) }));

    expect(toggled.write).toEqual({ kind: 'offre-activation', offreId: 'o-1', status: 'pending', failure: null, confirmation: null });
    expect(saved.offres.map(({ id }) => id)).toEqual(['o-2', 'o-1']);
    expect(saved.write?.status).toBe('done');
    expect(saved.write?.confirmation).toBe("L'offre « Zumba » est désactivée : elle n'est plus proposée aux jeunes.");
  });

  it('when a write fails, keeps the failure for the form that asked, until it is dismissed', () => {
    const failure = { code: 'conflict', message: 'La Mission Locale a déjà une offre sous le code P61.', fieldErrors: [] };
    const submitted = reducer(
      initialReferentielsState,
      ReferentielsPageActions.offreSubmitted({ offre: { code: 'P61', libelle: 'Atelier', theme: 'EMPLOI', type: 'ATELIER', actif: true } }),
    );

    const failed = reducer(submitted, ReferentielsApiActions.writeFailed({ failure }));
    const dismissed = reducer(failed, ReferentielsPageActions.writeDismissed());

    expect(failed.write).toEqual({ kind: 'offre-creation', offreId: null, status: 'failed', failure, confirmation: null });
    expect(dismissed.write).toBeNull();
  });
});
