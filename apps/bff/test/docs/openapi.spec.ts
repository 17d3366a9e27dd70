import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { PROBLEM_CODES, type ProblemCode } from '@imilo/domain';
import { issueAccessCode } from '../../src/features/auth/access-code.service';
import { statusesOf } from '../../src/platform/errors';
import { CODES_EXTENSION } from '../../src/platform/openapi-kit';
import { aMissionLocale, aUser, TEST_PASSWORD } from '../support/builders';
import { liveRoutes, openApiPath, routeName } from '../support/routes';
import { aClient, createTestApp, keepOutOfLogs, signedIn, TestClock } from '../support/test-app';

interface OperationDoc {
  readonly 'x-imilo-access': string;
  readonly requestBody?: { content: Record<string, { schema: unknown }> };
  readonly responses: Record<string, { content?: Record<string, { schema: unknown }>; [CODES_EXTENSION]?: ProblemCode[] }>;
}

interface OpenApiDoc {
  readonly openapi: string;
  readonly info: { version: string };
  readonly paths: Record<string, Record<string, OperationDoc>>;
  readonly components: { schemas: Record<string, { required?: string[]; additionalProperties?: boolean }> };
}

const DAY_MS = 86_400_000;

/** The document the app serves. */
const documentOf = async (app: Express): Promise<OpenApiDoc> => (await request(app).get('/api/docs')).body as OpenApiDoc;

/** A way a route fails, and the status and code it must answer then. */
interface Failure {
  /** `METHOD /path`, the path as OpenAPI writes it. */
  readonly route: string;
  readonly scenario: string;
  readonly expected: readonly [number, ProblemCode];
  readonly act: () => Promise<Response>;
}

/**
 * The main ways the routes fail, each driven through the real app: the accounts, sessions and access codes they
 * need are built first, and the list runs in order (the used-code case spends the code the others refuse).
 */
const mainFailures = async () => {
  const test = createTestApp();
  const { app, ctx, db } = test;
  const ml = await aMissionLocale(db.sequelize);
  const conseiller = await aUser(db.sequelize, ml);
  const admin = await aUser(db.sequelize, ml, { roles: ['admin_ml'] });
  const expired = await aUser(db.sequelize, ml, { passwordChangedAt: new Date(test.clock.now().getTime() - 100 * DAY_MS) });
  const awaiting = await aUser(db.sequelize, ml, { password: null, cguAccepted: false });
  const { code } = await issueAccessCode(ctx, awaiting.id, admin.id);
  keepOutOfLogs(code);
  // The same database a week and a day later, when the code has expired.
  const nextWeek = createTestApp({ clock: new TestClock(new Date(test.clock.now().getTime() + 8 * DAY_MS)) });

  const anonymous = await aClient(app);
  const asConseiller = await signedIn(app, conseiller.login);
  const asAdmin = await signedIn(app, admin.login);
  const asExpired = await signedIn(app, expired.login);
  const cguVersion = (await asConseiller.agent.get('/api/v1/cgu/current')).body.version as number;
  const activate = (client: typeof anonymous, body: object) => client.post('/api/v1/auth/activate', { login: awaiting.login, ...body });
  const changePassword = (currentPassword: string, newPassword: string) =>
    asConseiller.post('/api/v1/auth/password', { currentPassword, newPassword });
  const newUser = (overrides: object) =>
    asAdmin.post('/api/v1/admin/users', {
      login: `docs.${randomUUID().slice(0, 8)}`,
      prenom: 'Léa',
      nom: 'Payet',
      roles: ['conseiller'],
      missionLocaleId: ml.id,
      ...overrides,
    });
  const patchUser = (id: string, body: object) =>
    asAdmin.agent.patch(`/api/v1/admin/users/${id}`).set('X-XSRF-TOKEN', asAdmin.token).send(body);
  const C = PROBLEM_CODES;
  const strong = 'Girafe-Lampion-Cerise-17';
  keepOutOfLogs(strong, 'Nuage-Brique-Violon-88');

  const failures: Failure[] = [
    {
      route: 'POST /api/v1/auth/login',
      scenario: 'unknown identifiant',
      expected: [401, C.invalidCredentials],
      act: () => anonymous.post('/api/v1/auth/login', { login: 'personne.inconnue', password: TEST_PASSWORD }),
    },
    {
      route: 'POST /api/v1/auth/login',
      scenario: 'no password',
      expected: [400, C.validation],
      act: () => anonymous.post('/api/v1/auth/login', { login: conseiller.login }),
    },
    {
      route: 'POST /api/v1/auth/login',
      scenario: 'no CSRF token',
      expected: [403, C.csrf],
      act: () => request(app).post('/api/v1/auth/login').send({ login: conseiller.login, password: TEST_PASSWORD }),
    },
    {
      route: 'POST /api/v1/auth/activate',
      scenario: 'wrong code',
      expected: [401, C.invalidCredentials],
      act: () => activate(anonymous, { code: 'ABCD-EFGH-JKM1', password: strong }),
    },
    {
      route: 'POST /api/v1/auth/activate',
      scenario: 'guessable password',
      expected: [400, C.weakPassword],
      act: () => activate(anonymous, { code, password: 'camille.martin2026' }),
    },
    {
      route: 'POST /api/v1/auth/activate',
      scenario: 'expired code',
      expected: [401, C.accessCodeExpired],
      act: async () => activate(await aClient(nextWeek.app), { code, password: strong }),
    },
    {
      route: 'POST /api/v1/auth/activate',
      scenario: 'used code',
      expected: [401, C.accessCodeUsed],
      act: async () => {
        await activate(await aClient(app), { code, password: strong });
        return activate(anonymous, { code, password: 'Nuage-Brique-Violon-88' });
      },
    },
    {
      route: 'POST /api/v1/auth/password',
      scenario: 'no session',
      expected: [401, C.unauthenticated],
      act: () => anonymous.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: strong }),
    },
    {
      route: 'POST /api/v1/auth/password',
      scenario: 'wrong current password',
      expected: [400, C.invalidCredentials],
      act: () => changePassword('pas-le-bon-mot-de-passe', strong),
    },
    {
      route: 'POST /api/v1/auth/password',
      scenario: 'current password again',
      expected: [400, C.passwordReused],
      act: () => changePassword(TEST_PASSWORD, TEST_PASSWORD),
    },
    {
      route: 'POST /api/v1/auth/password',
      scenario: 'guessable password',
      expected: [400, C.weakPassword],
      act: () => changePassword(TEST_PASSWORD, 'Martin.Camille2026'),
    },
    {
      route: 'POST /api/v1/auth/logout-all',
      scenario: 'no session',
      expected: [401, C.unauthenticated],
      act: () => anonymous.post('/api/v1/auth/logout-all'),
    },
    { route: 'GET /api/v1/me', scenario: 'no session', expected: [401, C.unauthenticated], act: () => anonymous.agent.get('/api/v1/me') },
    {
      route: 'POST /api/v1/cgu/accept',
      scenario: 'a version not in force',
      expected: [409, C.conflict],
      act: () => asConseiller.post('/api/v1/cgu/accept', { version: cguVersion + 1 }),
    },
    {
      route: 'GET /api/v1/admin/users',
      scenario: 'a conseiller',
      expected: [403, C.forbidden],
      act: () => asConseiller.agent.get('/api/v1/admin/users'),
    },
    {
      route: 'GET /api/v1/admin/users',
      scenario: 'an expired password',
      expected: [403, C.passwordExpired],
      act: () => asExpired.agent.get('/api/v1/admin/users'),
    },
    { route: 'POST /api/v1/admin/users', scenario: 'a login in use', expected: [409, C.conflict], act: () => newUser({ login: conseiller.login }) },
    {
      route: 'POST /api/v1/admin/users',
      scenario: 'an unknown Mission Locale',
      expected: [404, C.notFound],
      act: () => newUser({ missionLocaleId: randomUUID() }),
    },
    { route: 'POST /api/v1/admin/users', scenario: 'a jeune account', expected: [400, C.validation], act: () => newUser({ roles: ['jeune'] }) },
    {
      route: 'POST /api/v1/admin/users',
      scenario: 'an admin_ml granting admin_national',
      expected: [403, C.forbidden],
      act: () => newUser({ roles: ['admin_national'] }),
    },
    {
      route: 'PATCH /api/v1/admin/users/{id}',
      scenario: 'an unknown user',
      expected: [404, C.notFound],
      act: () => patchUser(randomUUID(), { active: false }),
    },
    {
      route: 'PATCH /api/v1/admin/users/{id}',
      scenario: 'deactivating oneself',
      expected: [409, C.conflict],
      act: () => patchUser(admin.id, { active: false }),
    },
    {
      route: 'POST /api/v1/admin/users/{id}/access-code',
      scenario: 'an unknown user',
      expected: [404, C.notFound],
      act: () => asAdmin.post(`/api/v1/admin/users/${randomUUID()}/access-code`),
    },
    {
      route: 'GET /api/v1/jeunes',
      scenario: 'a one-letter search',
      expected: [400, C.validation],
      act: () => asConseiller.agent.get('/api/v1/jeunes').query({ q: 'a' }),
    },
    {
      route: 'GET /api/v1/jeunes',
      scenario: 'an admin_ml',
      expected: [403, C.forbidden],
      act: () => asAdmin.agent.get('/api/v1/jeunes').query({ q: 'durand' }),
    },
    {
      route: 'GET /api/v1/jeunes',
      scenario: 'no session',
      expected: [401, C.unauthenticated],
      act: () => anonymous.agent.get('/api/v1/jeunes').query({ q: 'durand' }),
    },
  ];
  return { app, failures };
};

/** Every documented operation, named `METHOD /path` like the live routes. */
const operationsOf = (doc: OpenApiDoc): [string, OperationDoc][] =>
  Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]): [string, OperationDoc] => [`${method.toUpperCase()} ${path}`, operation]),
  );

describe('API documentation (GET /api/docs)', () => {
  it('when anyone asks, without a session, answers the OpenAPI 3.1 document of this version', async () => {
    const { app, ctx } = createTestApp();

    const res = await request(app).get('/api/docs');

    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.info.version).toBe(ctx.config.version);
  });

  it('when the live router has a route, the document has its operation with the same access; and documents no other', async () => {
    const { app } = createTestApp();
    const doc = (await request(app).get('/api/docs')).body as OpenApiDoc;
    const routes = liveRoutes(app);

    for (const route of routes) {
      const operation = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(operation).withContext(`${routeName(route)} is not documented in platform/openapi.ts`).toBeDefined();
      if (route.capability) {
        expect(operation?.['x-imilo-access']).withContext(routeName(route)).toBe(route.capability);
      } else {
        expect(['public', 'session']).withContext(routeName(route)).toContain(operation?.['x-imilo-access'] ?? 'undocumented');
      }
    }
    expect(operationsOf(doc).map(([name]) => name).sort()).toEqual(routes.map((route) => `${route.method} ${openApiPath(route.path)}`).sort());
  });

  it('when an operation can fail, each problem answer is an application/problem+json Problem', async () => {
    const { app } = createTestApp();
    const doc = (await request(app).get('/api/docs')).body as OpenApiDoc;

    for (const [name, operation] of operationsOf(doc)) {
      for (const [status, response] of Object.entries(operation.responses).filter(([status]) => Number(status) >= 400)) {
        expect(response.content?.['application/problem+json']?.schema).withContext(`${name} ${status}`).toEqual({ $ref: '#/components/schemas/Problem' });
      }
    }
  });

  it('when a body is validated by a shared schema, the document shows that schema: strict, with its required fields', async () => {
    const { app } = createTestApp();
    const doc = (await request(app).get('/api/docs')).body as OpenApiDoc;

    expect(doc.paths['/api/v1/admin/users']?.['post']?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/CreateUser',
    });
    expect(doc.components.schemas['CreateUser']).toEqual(
      jasmine.objectContaining({ additionalProperties: false, required: ['login', 'prenom', 'nom', 'roles', 'missionLocaleId'] }),
    );
    expect(doc.paths['/api/v1/admin/users/{id}']?.['patch']?.responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/AdminUser',
    });
  });

  it('when an operation documents a problem status, it lists its codes there, each one the BFF answers with that status', async () => {
    const { app } = createTestApp();
    const doc = await documentOf(app);

    for (const [name, operation] of operationsOf(doc)) {
      for (const [status, response] of Object.entries(operation.responses).filter(([status]) => Number(status) >= 400)) {
        const codes = response[CODES_EXTENSION] ?? [];
        expect(codes.length).withContext(`${name} ${status} lists no code`).toBeGreaterThan(0);
        for (const code of codes) {
          expect(statusesOf(code)).withContext(`${name} documents ${status} for ${code}`).toContain(Number(status));
        }
      }
    }
  });

  it('when a route fails in its main ways, it answers the expected status and code, and the document lists that code under that status', async () => {
    const { app, failures } = await mainFailures();
    const doc = await documentOf(app);

    for (const { route, scenario, expected, act } of failures) {
      const res = await act();

      const [method, path] = route.split(' ') as [string, string];
      const documented = doc.paths[path]?.[method.toLowerCase()]?.responses[String(res.status)]?.[CODES_EXTENSION] ?? [];
      expect([res.status, res.body.code]).withContext(`${route}, ${scenario}`).toEqual([...expected]);
      expect(documented)
        .withContext(`${route}, ${scenario}: ${res.status} ${res.body.code} is not documented`)
        .toContain(res.body.code);
    }
    // Dozens of requests, some through argon2 sign-ins, one after the other: seconds on a busy 2-core machine.
  }, 60_000);
});
