import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, concatMap, exhaustMap, map, of, switchMap } from 'rxjs';
import { toRequestFailure } from '../../../core/http/problem';
import { ReferentielsApiActions, ReferentielsPageActions } from './referentiels.actions';
import { ReferentielsApi } from './referentiels-api';

const writeFailed = (error: unknown) => of(ReferentielsApiActions.writeFailed({ failure: toRequestFailure(error) }));

// Types and offres load on their own: one list failing leaves the other usable.
export const loadTypes = createEffect(
  (actions$ = inject(Actions), api = inject(ReferentielsApi)) =>
    actions$.pipe(
      ofType(ReferentielsPageActions.opened, ReferentielsPageActions.typesRetried),
      switchMap(() =>
        api.typesEvenement().pipe(
          map((types) => ReferentielsApiActions.typesLoaded({ types })),
          catchError((error: unknown) => of(ReferentielsApiActions.typesLoadFailed({ failure: toRequestFailure(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const loadOffres = createEffect(
  (actions$ = inject(Actions), api = inject(ReferentielsApi)) =>
    actions$.pipe(
      ofType(ReferentielsPageActions.opened, ReferentielsPageActions.offresRetried),
      switchMap(() =>
        api.offresInternes().pipe(
          map((offres) => ReferentielsApiActions.offresLoaded({ offres })),
          catchError((error: unknown) => of(ReferentielsApiActions.offresLoadFailed({ failure: toRequestFailure(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const createType = createEffect(
  (actions$ = inject(Actions), api = inject(ReferentielsApi)) =>
    actions$.pipe(
      ofType(ReferentielsPageActions.typeSubmitted),
      exhaustMap(({ typeEvenement }) =>
        api.createType(typeEvenement).pipe(
          map((created) => ReferentielsApiActions.typeCreated({ typeEvenement: created })),
          catchError(writeFailed),
        ),
      ),
    ),
  { functional: true },
);

export const createOffre = createEffect(
  (actions$ = inject(Actions), api = inject(ReferentielsApi)) =>
    actions$.pipe(
      ofType(ReferentielsPageActions.offreSubmitted),
      exhaustMap(({ offre }) =>
        api.createOffre(offre).pipe(
          map((created) => ReferentielsApiActions.offreSaved({ offre: created })),
          catchError(writeFailed),
        ),
      ),
    ),
  { functional: true },
);

export const updateOffre = createEffect(
  (actions$ = inject(Actions), api = inject(ReferentielsApi)) =>
    actions$.pipe(
      ofType(ReferentielsPageActions.offreEdited, ReferentielsPageActions.offreActiveToggled),
      concatMap((action) => {
        const { offre } = action;
        const patch =
          action.type === ReferentielsPageActions.offreEdited.type
            ? action.patch
            : { libelle: offre.libelle, theme: offre.theme, type: offre.type, actif: action.actif };
        return api.updateOffre(offre.id, patch).pipe(
          map((saved) => ReferentielsApiActions.offreSaved({ offre: saved })),
          catchError(writeFailed),
        );
      }),
    ),
  { functional: true },
);
