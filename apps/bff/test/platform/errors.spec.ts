import { type DomainError, judgeAccessCode, judgePassword, judgeRolesGranted, PROBLEM_CODES, type Result } from '@imilo/domain';
import { fromDomainError } from '../../src/platform/errors';

/** The failure of a rule that is expected to refuse. */
const refusal = (result: Result<unknown>): DomainError => {
  if (result.ok) {
    throw new Error('the rule accepted what the spec expects it to refuse');
  }
  return result.error;
};

describe('fromDomainError', () => {
  it('when a password rule refuses the typed field, keeps weak-password and lists the field, the message as detail', () => {
    const error = refusal(judgePassword('court', 4));

    const problem = fromDomainError(error, 'newPassword');

    expect({ code: problem.code, status: problem.httpStatus, detail: problem.message, errors: problem.errors }).toEqual({
      code: PROBLEM_CODES.weakPassword,
      status: 400,
      detail: error.message,
      errors: [{ path: 'newPassword', message: error.message }],
    });
  });

  it('when a validation failure names no field, answers 400 validation-failed about the body as a whole', () => {
    const error = refusal(judgeRolesGranted(['admin_national'], ['jeune']));

    const problem = fromDomainError(error);

    expect({ code: problem.code, status: problem.httpStatus, detail: problem.message, errors: problem.errors }).toEqual({
      code: PROBLEM_CODES.validation,
      status: 400,
      detail: 'Certaines informations sont invalides.',
      errors: [{ path: '(corps)', message: error.message }],
    });
  });

  it('when an access code is refused, answers 401 with its own code and no field errors', () => {
    const error = refusal(judgeAccessCode({ expiresAt: new Date(0), usedAt: null }, new Date()));

    const problem = fromDomainError(error);

    expect({ code: problem.code, status: problem.httpStatus, errors: problem.errors }).toEqual({
      code: PROBLEM_CODES.accessCodeExpired,
      status: 401,
      errors: undefined,
    });
  });

  it('when credentials are refused on a typed field, answers 400 on it; refused as a whole, 401 without errors', () => {
    const error = { code: PROBLEM_CODES.invalidCredentials, message: 'Mot de passe actuel incorrect.' };

    const onField = fromDomainError(error, 'currentPassword');
    const whole = fromDomainError(error);

    expect([onField.httpStatus, onField.errors]).toEqual([400, [{ path: 'currentPassword', message: error.message }]]);
    expect([whole.httpStatus, whole.errors, whole.code]).toEqual([401, undefined, PROBLEM_CODES.invalidCredentials]);
  });

  it('when a forbidden failure comes with the field it is about, answers 403 without field errors', () => {
    const error = refusal(judgeRolesGranted(['admin_ml'], ['admin_national']));

    const problem = fromDomainError(error, 'roles');

    expect([problem.code, problem.httpStatus, problem.errors]).toEqual([PROBLEM_CODES.forbidden, 403, undefined]);
  });
});
