import request from 'supertest';
import { liveRoutes, openApiPath, routeName } from '../support/routes';
import { createTestApp } from '../support/test-app';

interface OperationDoc {
  readonly 'x-imilo-access': string;
  readonly requestBody?: { content: Record<string, { schema: unknown }> };
  readonly responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

interface OpenApiDoc {
  readonly openapi: string;
  readonly info: { version: string };
  readonly paths: Record<string, Record<string, OperationDoc>>;
  readonly components: { schemas: Record<string, { required?: string[]; additionalProperties?: boolean }> };
}

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
});
