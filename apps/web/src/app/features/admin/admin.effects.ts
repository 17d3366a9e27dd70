import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, concatMap, exhaustMap, forkJoin, map, of, switchMap } from 'rxjs';
import { toRequestFailure } from '../../core/http/problem';
import { AdminApiActions, CguPublishPageActions, UsersPageActions } from './admin.actions';
import { AdminApi } from './admin-api';

const writeFailed = (error: unknown) => of(AdminApiActions.writeFailed({ failure: toRequestFailure(error) }));

export const loadUsers = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(UsersPageActions.opened),
      switchMap(() =>
        forkJoin({ users: api.users(), missionsLocales: api.missionsLocales() }).pipe(
          map(({ users, missionsLocales }) => AdminApiActions.usersLoaded({ users, missionsLocales })),
          catchError((error: unknown) => of(AdminApiActions.usersLoadFailed({ failure: toRequestFailure(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const createUser = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(UsersPageActions.createSubmitted),
      exhaustMap(({ user }) =>
        api.createUser(user).pipe(
          map(({ user: created, accessCode }) => AdminApiActions.userCreated({ user: created, accessCode })),
          catchError(writeFailed),
        ),
      ),
    ),
  { functional: true },
);

export const toggleActive = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(UsersPageActions.activeToggled),
      concatMap(({ user, active }) =>
        api.updateUser(user.id, { active }).pipe(
          map((updated) => AdminApiActions.userUpdated({ user: updated })),
          catchError(writeFailed),
        ),
      ),
    ),
  { functional: true },
);

export const issueAccessCode = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(UsersPageActions.accessCodeRequested),
      concatMap(({ user }) =>
        api.issueAccessCode(user.id).pipe(
          map((accessCode) => AdminApiActions.accessCodeIssued({ user, accessCode })),
          catchError(writeFailed),
        ),
      ),
    ),
  { functional: true },
);

export const publishCgu = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(CguPublishPageActions.submitted),
      exhaustMap(({ cgu }) =>
        api.publishCgu(cgu).pipe(
          map((published) => AdminApiActions.cguPublished({ cgu: published })),
          catchError(writeFailed),
        ),
      ),
    ),
  { functional: true },
);
