import { QueryTypes, type Sequelize } from 'sequelize';
import { issueAccessCode } from '../../src/features/auth/access-code.service';
import { aMissionLocale, aUser, TEST_PASSWORD } from '../support/builders';
import { aClient, createTestApp, keepOutOfLogs, signedIn } from '../support/test-app';

const one = async <T extends object>(sequelize: Sequelize, sql: string, userId: string): Promise<T> =>
  (await sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements: { userId } }))[0]!;

const storedPassword = (sequelize: Sequelize, userId: string) =>
  one<{ password_hash: string | null }>(sequelize, 'SELECT password_hash FROM utilisateur WHERE id = :userId', userId);

/** Which token a forged request carries. */
const FORGERIES: ReadonlyArray<{ readonly name: string; readonly header: string | null }> = [
  { name: 'no X-XSRF-TOKEN header', header: null },
  { name: 'a wrong X-XSRF-TOKEN', header: 'forged-token' },
];

describe('CSRF protection of state-changing routes', () => {
  for (const forgery of FORGERIES) {
    const forged = (agent: Awaited<ReturnType<typeof aClient>>['agent'], url: string, body: object) => {
      const req = agent.post(url);
      return (forgery.header === null ? req : req.set('X-XSRF-TOKEN', forgery.header)).send(body);
    };

    it(`when a password change carries ${forgery.name}, answers 403 csrf-token-invalid and keeps the password`, async () => {
      const { app, db } = createTestApp();
      const user = await aUser(db.sequelize, await aMissionLocale(db.sequelize));
      const client = await signedIn(app, user.login);
      const before = await storedPassword(db.sequelize, user.id);

      const res = await forged(client.agent, '/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Girafe-Lampion-Cerise-17' });

      expect(res.status).toBe(403);
      expect(res.body.code).toBe('csrf-token-invalid');
      expect(await storedPassword(db.sequelize, user.id)).toEqual(before);
    });

    it(`when a log-out-everywhere carries ${forgery.name}, answers 403 and the session still works`, async () => {
      const { app, db } = createTestApp();
      const user = await aUser(db.sequelize, await aMissionLocale(db.sequelize));
      const client = await signedIn(app, user.login);

      const res = await forged(client.agent, '/api/v1/auth/logout-all', {});

      expect(res.status).toBe(403);
      expect((await client.agent.get('/api/v1/me')).status).toBe(200);
    });

    it(`when a CGU acceptance carries ${forgery.name}, answers 403 and stores nothing`, async () => {
      const { app, db } = createTestApp();
      const user = await aUser(db.sequelize, await aMissionLocale(db.sequelize), { cguAccepted: false });
      const client = await signedIn(app, user.login);
      const { version } = (await client.agent.get('/api/v1/cgu/current')).body;

      const res = await forged(client.agent, '/api/v1/cgu/accept', { version });

      expect(res.status).toBe(403);
      expect(
        await one<{ count: number }>(db.sequelize, 'SELECT count(*)::int AS count FROM cgu_acceptance WHERE utilisateur_id = :userId', user.id),
      ).toEqual({ count: 0 });
    });

    it(`when an activation carries ${forgery.name}, answers 403 and leaves the account and code untouched`, async () => {
      const { app, db, ctx } = createTestApp();
      const ml = await aMissionLocale(db.sequelize);
      const referent = await aUser(db.sequelize, ml, { roles: ['admin_ml'] });
      const user = await aUser(db.sequelize, ml, { password: null });
      const { code } = await issueAccessCode(ctx, user.id, referent.id);
      keepOutOfLogs(code);
      const client = await aClient(app);

      const res = await forged(client.agent, '/api/v1/auth/activate', { login: user.login, code, password: 'Girafe-Lampion-Cerise-17' });

      expect(res.status).toBe(403);
      expect(await storedPassword(db.sequelize, user.id)).toEqual({ password_hash: null });
      expect(
        await one<{ used_at: Date | null }>(db.sequelize, 'SELECT used_at FROM access_code WHERE utilisateur_id = :userId', user.id),
      ).toEqual({ used_at: null });
    });
  }
});
