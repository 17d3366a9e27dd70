import { HttpClient, HttpXsrfTokenExtractor, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { aProblemBody } from '../../features/auth/auth.testing';
import { csrfInterceptor, XSRF_COOKIE_NAME, XSRF_HEADER_NAME } from './csrf';

describe('csrfInterceptor', () => {
  let cookie: string | null;
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    cookie = null;
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([csrfInterceptor])),
        provideHttpClientTesting(),
        { provide: HttpXsrfTokenExtractor, useValue: { getToken: () => cookie } },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  const answerCsrf = (token: string) => {
    const request = backend.expectOne({ method: 'GET', url: '/api/v1/auth/csrf' });
    cookie = token;
    request.flush(null, { status: 204, statusText: 'No Content' });
  };

  it(`when a POST leaves before the ${XSRF_COOKIE_NAME} cookie exists, fetches it first and sends the token`, async () => {
    const response = firstValueFrom(http.post('/api/v1/auth/login', { login: 'awa.diallo', password: 'x' }));

    answerCsrf('jeton-1');
    const post = backend.expectOne({ method: 'POST', url: '/api/v1/auth/login' });
    expect(post.request.headers.get(XSRF_HEADER_NAME)).toBe('jeton-1');
    post.flush({ ok: true });

    expect(await response).toEqual({ ok: true });
  });

  it('when the BFF rejects a stale token, refreshes it and sends the request once more', async () => {
    const response = firstValueFrom(
      http.post('/api/v1/auth/logout', null, { headers: { [XSRF_HEADER_NAME]: 'périmé' } }),
    );

    backend
      .expectOne({ method: 'POST', url: '/api/v1/auth/logout' })
      .flush(aProblemBody(403, 'csrf-token-invalid', 'Jeton de sécurité invalide.'), { status: 403, statusText: 'Forbidden' });
    answerCsrf('jeton-2');
    const retry = backend.expectOne({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(retry.request.headers.get(XSRF_HEADER_NAME)).toBe('jeton-2');
    retry.flush(null, { status: 204, statusText: 'No Content' });

    expect(await response).toBeNull();
  });

  it('when a GET is sent, leaves it alone', () => {
    http.get('/api/v1/me').subscribe();

    const request = backend.expectOne('/api/v1/me');
    expect(request.request.headers.has(XSRF_HEADER_NAME)).toBeFalse();
    request.flush({});
  });
});
