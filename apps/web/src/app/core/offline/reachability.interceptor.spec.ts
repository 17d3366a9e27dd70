import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aProblemBody } from '../../features/auth/auth.testing';
import { Connectivity, HEALTH_URL, PROBE_INTERVAL_MS } from '../connectivity';
import { reachabilityInterceptor } from './reachability.interceptor';

describe('reachabilityInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let connectivity: Connectivity;

  beforeEach(() => {
    jasmine.clock().install();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([reachabilityInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    connectivity = TestBed.inject(Connectivity);
  });

  afterEach(() => {
    backend.verify();
    TestBed.resetTestingModule();
    jasmine.clock().uninstall();
  });

  /** Sends a GET to `url` and lets `answer` settle it. */
  const send = (url: string, answer: (request: TestRequest) => void) => {
    http.get(url).subscribe({ error: () => undefined });
    answer(backend.expectOne(url));
  };
  const noAnswer = (request: TestRequest) =>
    request.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
  const gatewayTimeout = (request: TestRequest) => request.flush(null, { status: 504, statusText: 'Gateway Timeout' });

  it('when a request gets no answer at all, says imilo cannot be reached', () => {
    send('/api/v1/jeunes', noAnswer);

    expect(connectivity.online()).toBeFalse();
  });

  it('when the service worker answers 504 without the BFF problem, says imilo cannot be reached', () => {
    send('/api/v1/jeunes', gatewayTimeout);

    expect(connectivity.online()).toBeFalse();
  });

  it('when the BFF itself answers an error with its problem, says imilo answers', () => {
    send('/api/v1/jeunes', noAnswer);

    send('/api/v1/jeunes/j1', (request) =>
      request.flush(aProblemBody(503, 'internal-error', 'Service indisponible.'), {
        status: 503,
        statusText: 'Service Unavailable',
      }),
    );

    expect(connectivity.online()).toBeTrue();
  });

  it('while imilo cannot be reached, asks the BFF every 10 s whether it answers again', () => {
    send('/api/v1/jeunes', gatewayTimeout);

    jasmine.clock().tick(PROBE_INTERVAL_MS - 1);
    backend.expectNone(HEALTH_URL);
    jasmine.clock().tick(1);
    backend.expectOne(HEALTH_URL).flush(null, { status: 503, statusText: 'Service Unavailable' });
    expect(connectivity.online()).toBeFalse();
    jasmine.clock().tick(PROBE_INTERVAL_MS);
    backend.expectOne(HEALTH_URL).flush({ status: 'ok' });

    expect(connectivity.online()).toBeTrue();
    jasmine.clock().tick(PROBE_INTERVAL_MS);
    backend.expectNone(HEALTH_URL);
  });

  it('when the browser comes back online, asks the BFF at once', () => {
    send('/api/v1/jeunes', noAnswer);

    window.dispatchEvent(new Event('online'));

    backend.expectOne(HEALTH_URL).flush({ status: 'ok' });
    expect(connectivity.online()).toBeTrue();
  });

  it('when a referential answers, does not take it as a sign of the BFF: the service worker may have answered', () => {
    send('/api/v1/jeunes', noAnswer);

    send('/api/v1/types-evenement', (request) => request.flush([]));

    expect(connectivity.online()).toBeFalse();
  });

  it('when a request is not for the API, leaves the connectivity alone', () => {
    send('/icons/icon.svg', noAnswer);

    expect(connectivity.online()).toBeTrue();
  });
});
