import type { Express } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import { can, type Capability, ROLES } from '@imilo/domain';
import { aMissionLocale, aUser, cguCheckpoint } from '../support/builders';
import { testDatabase } from '../support/global-setup';
import { type LiveRoute, liveRoutes, openApiPath, routeName } from '../support/routes';
import { aClient, createTestApp, keepOutOfLogs, signedIn } from '../support/test-app';

// Routes without a capability guard must be of one of these kinds; any other unguarded route fails the suite,
// so that a new route cannot forget its `requireCapability`.
const PUBLIC = [/^GET \/api\/health$/, /^GET \/api\/docs$/, /^GET \/api\/v1\/auth\/csrf$/, /^POST \/api\/v1\/auth\/(login|activate)$/];
const SESSION_ONLY = [/^GET \/api\/v1\/me$/, /^(GET|POST) \/api\/v1\/cgu\/[\w-]+$/, /^POST \/api\/v1\/auth\/(logout|logout-all|password)$/];

const isOfKind = (kinds: readonly RegExp[], route: LiveRoute) => kinds.some((kind) => kind.test(routeName(route)));

type GuardedRoute = LiveRoute & { readonly capability: Capability };
const guarded = (app: Express): GuardedRoute[] => liveRoutes(app).filter((route): route is GuardedRoute => route.capability !== null);

interface Fixture {
  readonly ml: { id: string; siteId: string };
  /** A conseiller of `ml`: the user the `:id` routes are about. */
  readonly userId: string;
}

interface Sample {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: object;
}

const ACCESS_CODE = /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;
let logins = 0;
const CGU_TEXT = `## Objet du service\n\n${'Conditions générales publiées par la matrice des rôles. '.repeat(6)}`;

// A well-formed request for every guarded route; a new guarded route without one fails the matrix.
const SAMPLES: Readonly<Record<string, (fixture: Fixture) => Sample>> = {
  'GET /api/v1/admin/users': () => ({}),
  'GET /api/v1/admin/missions-locales': () => ({}),
  'POST /api/v1/admin/users': ({ ml }) => ({
    body: { login: `matrice.${process.pid}-${++logins}`, prenom: 'Lou', nom: 'Matrice', roles: ['conseiller'], missionLocaleId: ml.id },
  }),
  'PATCH /api/v1/admin/users/:id': ({ userId }) => ({ params: { id: userId }, body: { biProfils: ['consultant'] } }),
  'POST /api/v1/admin/users/:id/access-code': ({ userId }) => ({ params: { id: userId } }),
  'POST /api/v1/admin/cgu': () => ({ body: { audience: 'jeune', texte: CGU_TEXT } }),
  'GET /api/v1/jeunes': () => ({ query: { q: 'durand', size: '5' } }),
};

type Client = Awaited<ReturnType<typeof aClient>>;

/** Calls the route as the PWA would (CSRF header on writes), with the sample's ids, query and body. */
const call = async (client: Client, route: LiveRoute, sample: Sample) => {
  const url = route.path.replace(/:(\w+)/g, (_, name: string) => sample.params?.[name] ?? `missing-${name}`);
  const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  const request = client.agent[method](url).query(sample.query ?? {});
  const res = method === 'get' ? await request : await request.set('X-XSRF-TOKEN', client.token).send(sample.body ?? {});
  // Access codes answered by the admin routes must not reach the logs either.
  for (const value of [res.body?.code, res.body?.accessCode?.code]) {
    if (typeof value === 'string' && ACCESS_CODE.test(value)) {
      keepOutOfLogs(value);
    }
  }
  return res;
};

const sampleFor = (route: LiveRoute, fixture: Fixture): Sample => {
  const sample = SAMPLES[routeName(route)];
  if (!sample) {
    throw new Error(`no sample request for ${routeName(route)}: add one to SAMPLES in route-matrix.spec.ts`);
  }
  return sample(fixture);
};

const counts = async (sequelize: Sequelize) =>
  (
    await sequelize.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM utilisateur) AS utilisateurs, (SELECT count(*) FROM utilisateur_mission_locale) AS rattachements,
              (SELECT count(*) FROM access_code) AS codes, (SELECT count(*) FROM cgu_version) AS cgu,
              (SELECT count(*) FROM audit_log) AS audit`,
      { type: QueryTypes.SELECT },
    )
  )[0];

const userState = async (sequelize: Sequelize, id: string) =>
  sequelize.query(
    `SELECT u.roles, u.bi_profils, u.active, u.updated_at,
            (SELECT count(*) FROM access_code a WHERE a.utilisateur_id = u.id) AS codes,
            (SELECT count(*) FROM audit_log l WHERE l.target_id = u.id::text) AS audit
     FROM utilisateur u WHERE u.id = :id`,
    { type: QueryTypes.SELECT, replacements: { id } },
  );

describe('the live router and the permission matrix', () => {
  let restoreCgu: () => Promise<void>;

  beforeEach(async () => {
    restoreCgu = await cguCheckpoint(testDatabase().db.sequelize);
  });

  afterEach(async () => {
    await restoreCgu();
  });

  it('when a route has no capability guard, it is one of the declared public or session-only routes', () => {
    const { app } = createTestApp();

    const unguarded = liveRoutes(app).filter((route) => route.capability === null);

    expect(unguarded.length).toBeGreaterThan(0);
    for (const route of unguarded) {
      expect(isOfKind(PUBLIC, route) || isOfKind(SESSION_ONLY, route))
        .withContext(`${routeName(route)} has no requireCapability guard and is not declared public or session-only`)
        .toBeTrue();
    }
    expect(guarded(app).length).toBeGreaterThan(0);
  });

  it('when nobody is signed in, public routes answer and every other route answers 401', async () => {
    const { app } = createTestApp();
    const anonymous = await aClient(app);

    for (const route of liveRoutes(app)) {
      const res = await call(anonymous, route, { params: { id: '00000000-0000-4000-8000-000000000000' } });
      if (isOfKind(PUBLIC, route)) {
        expect(res.status).withContext(routeName(route)).not.toBe(401);
      } else {
        expect(res.status).withContext(routeName(route)).toBe(401);
      }
    }
  });

  it('when each role calls each guarded route, exactly the roles the matrix refuses get 403 forbidden', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const fixture: Fixture = { ml, userId: (await aUser(db.sequelize, ml)).id };

    for (const route of guarded(app)) {
      for (const role of ROLES) {
        const client = await signedIn(app, (await aUser(db.sequelize, ml, { roles: [role] })).login);

        const res = await call(client, route, sampleFor(route, fixture));

        const context = `${role} → ${routeName(route)} (${route.capability})`;
        if (can([role], route.capability)) {
          expect(res.status).withContext(context).not.toBe(403);
          expect(res.status).withContext(`${context}: ${JSON.stringify(res.body)}`).toBeLessThan(400);
        } else {
          expect({ status: res.status, code: res.body.code }).withContext(context).toEqual({ status: 403, code: 'forbidden' });
        }
      }
    }
  }, 120_000);

  it("when an admin of one Mission Locale calls a route with the id of another's user, it answers 404 and changes nothing", async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const other = await aMissionLocale(db.sequelize);
    const admin = await signedIn(app, (await aUser(db.sequelize, ml, { roles: ['admin_ml'] })).login);
    const foreigner = await aUser(db.sequelize, other);
    const routesWithIds = guarded(app).filter((route) => route.path.includes('/:'));

    expect(routesWithIds.length).toBeGreaterThan(0);
    for (const route of routesWithIds) {
      const before = await userState(db.sequelize, foreigner.id);

      const res = await call(admin, route, sampleFor(route, { ml: other, userId: foreigner.id }));

      expect({ status: res.status, code: res.body.code }).withContext(routeName(route)).toEqual({ status: 404, code: 'not-found' });
      expect(await userState(db.sequelize, foreigner.id)).withContext(routeName(route)).toEqual(before);
    }
  });

  it('when an admin route that takes a body gets a bad one, or a malformed id, it answers 400 with field errors and writes nothing', async () => {
    const { app, db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const national = await signedIn(app, (await aUser(db.sequelize, ml, { roles: ['admin_national'] })).login);
    const fixture: Fixture = { ml, userId: (await aUser(db.sequelize, ml)).id };
    const docs = (await national.agent.get('/api/docs')).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const writes = guarded(app).filter((route) => ['POST', 'PATCH'].includes(route.method) && route.path.startsWith('/api/v1/admin/'));

    for (const route of writes) {
      const takesBody = docs.paths[openApiPath(route.path)]?.[route.method.toLowerCase()]?.requestBody !== undefined;
      const sample = sampleFor(route, fixture);
      const badRequests: Sample[] = [
        ...(takesBody ? [{ ...sample, body: { inconnu: true } }] : []),
        ...(route.path.includes('/:') ? [{ ...sample, params: { id: 'pas-un-uuid' } }] : []),
      ];
      for (const bad of badRequests) {
        const before = await counts(db.sequelize);

        const res = await call(national, route, bad);

        const context = `${routeName(route)} ${JSON.stringify(bad)}`;
        expect(res.status).withContext(context).toBe(400);
        expect(res.body.code).withContext(context).toBe('validation-failed');
        expect(res.body.errors.length).withContext(context).toBeGreaterThan(0);
        for (const error of res.body.errors as { path: unknown; message: unknown }[]) {
          expect(error).withContext(context).toEqual({ path: jasmine.any(String), message: jasmine.any(String) });
        }
        expect(await counts(db.sequelize)).withContext(context).toEqual(before);
      }
    }
  });
});
