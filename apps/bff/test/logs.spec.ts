import { issueAccessCode } from '../src/features/auth/access-code.service';
import { aMissionLocale, aUser, TEST_PASSWORD } from './support/builders';
import { aClient, capturedLogs, cookieValue, createTestApp } from './support/test-app';

describe('logs', () => {
  it('when users sign in, activate and change passwords, no password, access code, session id or XSRF token is logged', async () => {
    const { app, db, ctx } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const staff = await aUser(db.sequelize, ml, { roles: ['admin_ml'] });
    const newcomer = await aUser(db.sequelize, ml, { password: null });
    const { code } = await issueAccessCode(ctx, newcomer.id, staff.id);
    const chosenPassword = 'Girafe-Lampion-Cerise-17';
    const changedPassword = 'Hibou-Sable-Trompette-64';
    const wrongPassword = 'Mauvais-Essai-Perroquet-5';
    const firstLine = capturedLogs.length;
    const secrets: string[] = [TEST_PASSWORD, code, code.replaceAll('-', ''), chosenPassword, changedPassword, wrongPassword];
    const keepSecretsOf = (headers: Record<string, unknown>) => {
      for (const name of ['imilo.sid', 'XSRF-TOKEN']) {
        const value = cookieValue(headers, name);
        secrets.push(...(value ? [value, value.replace(/^s:/, '').split('.')[0]!] : []));
      }
    };

    const staffClient = await aClient(app);
    const refused = await staffClient.post('/api/v1/auth/login', { login: staff.login, password: wrongPassword });
    const signedIn = await staffClient.post('/api/v1/auth/login', { login: staff.login, password: TEST_PASSWORD });
    keepSecretsOf(signedIn.headers);
    const newcomerClient = await aClient(app);
    const activated = await newcomerClient.post('/api/v1/auth/activate', { login: newcomer.login, code, password: chosenPassword });
    keepSecretsOf(activated.headers);
    const changed = await newcomerClient.post('/api/v1/auth/password', { currentPassword: chosenPassword, newPassword: changedPassword });
    await newcomerClient.post('/api/v1/auth/logout-all');

    expect([refused.status, signedIn.status, activated.status, changed.status]).toEqual([401, 200, 200, 200]);
    const ownLines = capturedLogs.slice(firstLine);
    expect(ownLines.some((line) => line.includes('/api/v1/auth/activate'))).withContext('the requests were logged').toBeTrue();
    const leaks = secrets.filter((secret) => capturedLogs.some((line) => line.includes(secret)));
    expect(leaks).toEqual([]);
  });
});
