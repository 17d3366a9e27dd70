import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/platform/config';
import { productionEnv } from '../support/production-env';

describe('Notification channels configuration', () => {
  let dataDir: string;
  const production = productionEnv();

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'imilo-channels-config-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when in production without SMTP, SMS provider or VAPID keys, the start is refused naming each missing setting', () => {
    const missing = ['SMTP_URL', 'SMS_PROVIDER_URL', 'SMS_PROVIDER_TOKEN', 'VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY'];
    const incomplete = Object.fromEntries(Object.entries(production).filter(([key]) => !missing.includes(key)));

    expect(() => loadConfig({ ...incomplete, DATA_DIR: dataDir })).toThrowError(
      `Invalid configuration: ${missing.join(', ')} are required in production`,
    );
    expect(() => loadConfig({ ...production, SMTP_URL: undefined, DATA_DIR: dataDir })).toThrowError(
      'Invalid configuration: SMTP_URL is required in production',
    );
  });

  it('when in production with every setting, the channels are configured from them and no key is generated', () => {
    const config = loadConfig({ ...production, DATA_DIR: dataDir, SMS_SENDER: 'MissionLoc', PUBLIC_URL: 'https://imilo.ml.test/' });

    expect(config.mail).toEqual({ smtpUrl: production.SMTP_URL, from: 'Mission Locale <no-reply@imilo.localhost>' });
    expect(config.sms).toEqual({
      provider: { url: 'https://sms.provider.test/v1', token: 'provider-token', sender: 'MissionLoc' },
      timeoutMs: 5000,
    });
    expect(config.vapid).toEqual({ publicKey: production.VAPID_PUBLIC_KEY, privateKey: production.VAPID_PRIVATE_KEY, subject: 'mailto:no-reply@imilo.localhost' });
    expect(config.publicUrl).toBe('https://imilo.ml.test');
    expect(() => statSync(join(dataDir, 'vapid.json'))).toThrow();
  });

  it('when only half of a pair is given (SMS URL without token, VAPID public without private), the start is refused', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, SMS_PROVIDER_URL: 'http://127.0.0.1:9/' })).toThrowError(/SMS_PROVIDER_TOKEN go together/);
    expect(() => loadConfig({ DATA_DIR: dataDir, VAPID_PUBLIC_KEY: production.VAPID_PUBLIC_KEY })).toThrowError(/VAPID_PRIVATE_KEY go together/);
  });

  it('when in development without VAPID keys, a pair is generated once under DATA_DIR (owner-only) and reused by later starts', () => {
    const first = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
    const second = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
    const file = join(dataDir, 'vapid.json');

    expect(first.vapid.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(second.vapid).toEqual(first.vapid);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ publicKey: first.vapid.publicKey, privateKey: first.vapid.privateKey });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('when in development without SMTP nor SMS provider, the development adapters are chosen and links point to localhost', () => {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, PORT: '4200' });

    expect(config.mail.smtpUrl).toBeNull();
    expect(config.sms.provider).toBeNull();
    expect(config.publicUrl).toBe('http://localhost:4200');
  });
});
