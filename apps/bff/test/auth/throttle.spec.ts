import { AUTH_POLICY } from '@imilo/domain';
import { aClient, createTestApp, TestClock } from '../support/test-app';

const LOGIN = '/api/v1/auth/login';
const ATTEMPT = { login: 'personne.inconnue', password: 'nimporte-quoi-123' };

// Every client has its own address (X-Forwarded-For behind TRUST_PROXY=1), so no other spec's sign-ins count here.
describe('sign-in throttle per address', () => {
  it('when one address makes a 21st attempt within 15 minutes, answers 429 too-many-requests with Retry-After', async () => {
    const { app } = createTestApp();
    const client = await aClient(app);
    for (let attempt = 0; attempt < AUTH_POLICY.ipAttemptsPerWindow; attempt++) {
      expect((await client.post(LOGIN, ATTEMPT)).status).withContext(`attempt ${attempt + 1}`).toBe(401);
    }

    const res = await client.post(LOGIN, ATTEMPT);

    expect(res.status).toBe(429);
    expect(res.body.code).toBe('too-many-requests');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(AUTH_POLICY.ipWindowMinutes * 60);
  });

  it('when another address signs in meanwhile, it is not limited', async () => {
    const { app } = createTestApp();
    const noisy = await aClient(app);
    for (let attempt = 0; attempt <= AUTH_POLICY.ipAttemptsPerWindow; attempt++) {
      await noisy.post(LOGIN, ATTEMPT);
    }
    const other = await aClient(app);

    expect((await other.post(LOGIN, ATTEMPT)).status).toBe(401);
  });

  it('when the next 15-minute window starts, the address may try again', async () => {
    const { app, clock } = createTestApp();
    const client = await aClient(app);
    for (let attempt = 0; attempt <= AUTH_POLICY.ipAttemptsPerWindow; attempt++) {
      await client.post(LOGIN, ATTEMPT);
    }

    clock.advanceMinutes(AUTH_POLICY.ipWindowMinutes);

    expect((await client.post(LOGIN, ATTEMPT)).status).toBe(401);
  });

  it('when the attempts are activations after sign-ins, they share the same limit', async () => {
    const { app } = createTestApp();
    const client = await aClient(app);
    for (let attempt = 0; attempt < AUTH_POLICY.ipAttemptsPerWindow; attempt++) {
      await client.post(LOGIN, ATTEMPT);
    }

    const res = await client.post('/api/v1/auth/activate', { login: 'personne.inconnue', code: 'ABCD-EFGH-JKMN', password: 'Girafe-Lampion-Cerise-17' });

    expect(res.status).toBe(429);
    expect(res.body.code).toBe('too-many-requests');
  });

  it('when two BFF processes serve the same address, they share one counter in PostgreSQL', async () => {
    const clock = new TestClock();
    const first = createTestApp({ clock });
    const second = createTestApp({ clock });
    const viaFirst = await aClient(first.app);
    const viaSecond = await aClient(second.app, { ip: viaFirst.ip });
    for (let attempt = 0; attempt < AUTH_POLICY.ipAttemptsPerWindow / 2; attempt++) {
      await viaFirst.post(LOGIN, ATTEMPT);
      await viaSecond.post(LOGIN, ATTEMPT);
    }

    const res = await viaFirst.post(LOGIN, ATTEMPT);

    expect(res.status).toBe(429);
  });
});
