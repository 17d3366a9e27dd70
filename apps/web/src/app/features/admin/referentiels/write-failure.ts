import type { ProblemFieldError } from '@imilo/domain';
import type { RequestFailure } from '../../../core/http/problem';

/**
 * Where a failed write of a referential shows: a 409 (the code is taken) under the code field, a 400's field errors
 * under theirs; anything else as a message above the buttons.
 */
export const placeFailure = (
  failure: RequestFailure | null,
): { readonly fieldErrors: readonly ProblemFieldError[]; readonly message: string | null } => {
  if (failure === null) {
    return { fieldErrors: [], message: null };
  }
  if (failure.code === 'conflict') {
    return { fieldErrors: [{ path: 'code', message: failure.message }], message: null };
  }
  return failure.fieldErrors.length > 0 ? { fieldErrors: failure.fieldErrors, message: null } : { fieldErrors: [], message: failure.message };
};
