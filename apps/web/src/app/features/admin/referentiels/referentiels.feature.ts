import type { OffreInterneDto, TypeEvenementDto } from '@imilo/domain';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { RequestFailure } from '../../../core/http/problem';
import { ReferentielsApiActions, ReferentielsPageActions } from './referentiels.actions';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';

/** Which write of the page: the forms and the offre's buttons show its outcome where it was asked. */
export type WriteKind = 'type' | 'offre-creation' | 'offre-modification' | 'offre-activation';

/** The write in flight or just done (one at a time: the page disables the others meanwhile). */
export interface ReferentielsWrite {
  readonly kind: WriteKind;
  /** The offre changed; null for an addition. */
  readonly offreId: string | null;
  readonly status: 'pending' | 'done' | 'failed';
  readonly failure: RequestFailure | null;
  /** What was done, in French, once done. */
  readonly confirmation: string | null;
}

export interface ReferentielsState {
  readonly types: readonly TypeEvenementDto[];
  readonly typesStatus: LoadStatus;
  readonly typesError: string | null;
  readonly offres: readonly OffreInterneDto[];
  readonly offresStatus: LoadStatus;
  readonly offresError: string | null;
  readonly write: ReferentielsWrite | null;
}

export const initialReferentielsState: ReferentielsState = {
  types: [],
  typesStatus: 'idle',
  typesError: null,
  offres: [],
  offresStatus: 'idle',
  offresError: null,
  write: null,
};

const byLibelle = <T extends { readonly libelle: string; readonly code: string }>(a: T, b: T): number =>
  a.libelle.localeCompare(b.libelle, 'fr') || a.code.localeCompare(b.code, 'fr');

const pending = (kind: WriteKind, offreId: string | null = null): ReferentielsWrite => ({
  kind,
  offreId,
  status: 'pending',
  failure: null,
  confirmation: null,
});

/** What the page says once an offre is written. */
const offreConfirmation = (write: ReferentielsWrite | null, offre: OffreInterneDto): string => {
  switch (write?.kind) {
    case 'offre-creation':
      return `L'offre « ${offre.libelle} » est ajoutée.`;
    case 'offre-activation':
      return offre.actif
        ? `L'offre « ${offre.libelle} » est réactivée : elle peut de nouveau être proposée.`
        : `L'offre « ${offre.libelle} » est désactivée : elle n'est plus proposée aux jeunes.`;
    default:
      return `L'offre « ${offre.libelle} » est enregistrée.`;
  }
};

const reducer = createReducer(
  initialReferentielsState,
  on(
    ReferentielsPageActions.opened,
    (state): ReferentielsState => ({
      ...state,
      typesStatus: 'loading',
      typesError: null,
      offresStatus: 'loading',
      offresError: null,
      write: null,
    }),
  ),
  on(ReferentielsPageActions.typesRetried, (state): ReferentielsState => ({ ...state, typesStatus: 'loading', typesError: null })),
  on(ReferentielsPageActions.offresRetried, (state): ReferentielsState => ({ ...state, offresStatus: 'loading', offresError: null })),
  on(ReferentielsApiActions.typesLoaded, (state, { types }): ReferentielsState => ({ ...state, types, typesStatus: 'loaded' })),
  on(ReferentielsApiActions.typesLoadFailed, (state, { failure }): ReferentielsState => ({
    ...state,
    typesStatus: 'failed',
    typesError: failure.message,
  })),
  on(ReferentielsApiActions.offresLoaded, (state, { offres }): ReferentielsState => ({
    ...state,
    offres: [...offres].sort(byLibelle),
    offresStatus: 'loaded',
  })),
  on(ReferentielsApiActions.offresLoadFailed, (state, { failure }): ReferentielsState => ({
    ...state,
    offresStatus: 'failed',
    offresError: failure.message,
  })),
  on(ReferentielsPageActions.typeSubmitted, (state): ReferentielsState => ({ ...state, write: pending('type') })),
  on(ReferentielsPageActions.offreSubmitted, (state): ReferentielsState => ({ ...state, write: pending('offre-creation') })),
  on(ReferentielsPageActions.offreEdited, (state, { offre }): ReferentielsState => ({
    ...state,
    write: pending('offre-modification', offre.id),
  })),
  on(ReferentielsPageActions.offreActiveToggled, (state, { offre }): ReferentielsState => ({
    ...state,
    write: pending('offre-activation', offre.id),
  })),
  on(ReferentielsPageActions.writeDismissed, (state): ReferentielsState => ({ ...state, write: null })),
  on(ReferentielsApiActions.typeCreated, (state, { typeEvenement }): ReferentielsState => ({
    ...state,
    types: [...state.types.filter(({ code, national }) => national || code !== typeEvenement.code), typeEvenement],
    write: state.write && {
      ...state.write,
      status: 'done',
      confirmation: `Le type « ${typeEvenement.libelle} » est ajouté : les conseillers peuvent le choisir.`,
    },
  })),
  on(ReferentielsApiActions.offreSaved, (state, { offre }): ReferentielsState => ({
    ...state,
    offres: [...state.offres.filter(({ id }) => id !== offre.id), offre].sort(byLibelle),
    write: state.write && { ...state.write, offreId: offre.id, status: 'done', confirmation: offreConfirmation(state.write, offre) },
  })),
  on(ReferentielsApiActions.writeFailed, (state, { failure }): ReferentielsState => ({
    ...state,
    write: state.write && { ...state.write, status: 'failed', failure },
  })),
);

export const referentielsFeature = createFeature({
  name: 'referentielsSuivi',
  reducer,
  extraSelectors: ({ selectTypes, selectWrite }) => ({
    /** The national types: read-only here. */
    selectTypesNationaux: createSelector(selectTypes, (types) => types.filter(({ national }) => national)),
    /** The types the Mission Locale added, by libellé. */
    selectTypesPropres: createSelector(selectTypes, (types) => types.filter(({ national }) => !national).sort(byLibelle)),
    selectWritePending: createSelector(selectWrite, (write) => write?.status === 'pending'),
  }),
});
