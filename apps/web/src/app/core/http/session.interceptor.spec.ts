import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom } from 'rxjs';
import { AuthHttpActions } from '../../features/auth/auth.actions';
import { aProblemBody } from '../../features/auth/auth.testing';
import { sessionInterceptor } from './session.interceptor';

describe('sessionInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let dispatch: jasmine.Spy;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([sessionInterceptor])),
        provideHttpClientTesting(),
        provideMockStore(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    dispatch = spyOn(TestBed.inject(MockStore), 'dispatch');
  });

  /** Sends a GET answered by a problem, and returns whether the caller saw the error. */
  const fail = async (url: string, status: number, code: string): Promise<boolean> => {
    const response = firstValueFrom(http.get(url)).then(
      () => false,
      () => true,
    );
    backend.expectOne(url).flush(aProblemBody(status, code, 'Message.'), { status, statusText: 'Erreur' });
    return response;
  };

  it('when the session is over, reports it (and the caller still sees the error)', async () => {
    expect(await fail('/api/v1/admin/users', 401, 'unauthenticated')).toBeTrue();

    expect(dispatch).toHaveBeenCalledOnceWith(AuthHttpActions.sessionEnded());
  });

  it('when /me answers 401, leaves it to the guards', async () => {
    await fail('/api/v1/me', 401, 'unauthenticated');

    expect(dispatch).not.toHaveBeenCalled();
  });

  it('when the password expired, reports the password gate', async () => {
    await fail('/api/v1/admin/users', 403, 'password-expired');

    expect(dispatch).toHaveBeenCalledOnceWith(AuthHttpActions.gateReached({ gate: 'password' }));
  });

  it('when the CGU are not accepted, reports the CGU gate', async () => {
    await fail('/api/v1/admin/users', 403, 'cgu-not-accepted');

    expect(dispatch).toHaveBeenCalledOnceWith(AuthHttpActions.gateReached({ gate: 'cgu' }));
  });

  it('when the sign-in is refused, does not end anything', async () => {
    await fail('/api/v1/auth/login', 401, 'invalid-credentials');

    expect(dispatch).not.toHaveBeenCalled();
  });
});
