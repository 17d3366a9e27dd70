import type {
  OffreInterneCreation,
  OffreInterneDto,
  OffreInternePatch,
  TypeEvenementCreation,
  TypeEvenementDto,
} from '@imilo/domain';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { RequestFailure } from '../../../core/http/problem';

export const ReferentielsPageActions = createActionGroup({
  source: 'Referentiels Page',
  events: {
    Opened: emptyProps(),
    'Types Retried': emptyProps(),
    'Offres Retried': emptyProps(),
    'Type Submitted': props<{ typeEvenement: TypeEvenementCreation }>(),
    'Offre Submitted': props<{ offre: OffreInterneCreation }>(),
    'Offre Edited': props<{ offre: OffreInterneDto; patch: OffreInternePatch }>(),
    'Offre Active Toggled': props<{ offre: OffreInterneDto; actif: boolean }>(),
    /** A form was closed: its write's outcome is no longer shown. */
    'Write Dismissed': emptyProps(),
  },
});

export const ReferentielsApiActions = createActionGroup({
  source: 'Referentiels API',
  events: {
    'Types Loaded': props<{ types: TypeEvenementDto[] }>(),
    'Types Load Failed': props<{ failure: RequestFailure }>(),
    'Offres Loaded': props<{ offres: OffreInterneDto[] }>(),
    'Offres Load Failed': props<{ failure: RequestFailure }>(),
    'Type Created': props<{ typeEvenement: TypeEvenementDto }>(),
    'Offre Saved': props<{ offre: OffreInterneDto }>(),
    'Write Failed': props<{ failure: RequestFailure }>(),
  },
});
