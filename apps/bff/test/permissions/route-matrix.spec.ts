import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Test } from 'supertest';
import { can, type Capability, ROLES } from '@imilo/domain';
import { sealSensitive } from '../../src/features/dossiers/dossier-input';
import { aJeune, aMissionLocale, aPiece, aRecherche, aUser, cguCheckpoint, TINY_PNG } from '../support/builders';
import { testDatabase } from '../support/global-setup';
import { aProposition, anAction, anEvenement, anOffre } from '../support/suivi-builders';
import { type LiveRoute, liveRoutes, openApiPath, routeName } from '../support/routes';
import { aClient, createTestApp, keepOutOfLogs, signedIn } from '../support/test-app';
import { agendaSamples } from './matrix-samples/agenda';
import { cmiloSamples } from './matrix-samples/cmilo';
import { compteCmiloSamples } from './matrix-samples/compte-cmilo';
import { notificationsSamples } from './matrix-samples/notifications';
import { notificationsB2Samples } from './matrix-samples/notifications-b2';
import { portailSamples } from './matrix-samples/portail';
import { sessionsSamples } from './matrix-samples/sessions';
import { type Client, type Fixture, reasonFirst, type Sample, type Samples } from './matrix.types';

// Routes without a capability guard must be of one of these kinds; any other unguarded route fails the suite,
// so that a new route cannot forget its `requireCapability`.
const PUBLIC = [/^GET \/api\/health$/, /^GET \/api\/docs$/, /^GET \/api\/v1\/auth\/csrf$/, /^POST \/api\/v1\/auth\/(login|activate)$/, /^GET \/api\/v1\/push\/acquittements\/:id$/, /^GET \/api\/v1\/ics\/:token\.ics$/, /^GET \/api\/v1\/me\/rendez-vous\/:id\/confirmation$/];
const SESSION_ONLY = [/^GET \/api\/v1\/me$/, /^(GET|POST) \/api\/v1\/cgu\/[\w-]+$/, /^POST \/api\/v1\/auth\/(logout|logout-all|password)$/];

const isOfKind = (kinds: readonly RegExp[], route: LiveRoute) => kinds.some((kind) => kind.test(routeName(route)));

type GuardedRoute = LiveRoute & { readonly capability: Capability };
const guarded = (app: Express): GuardedRoute[] => liveRoutes(app).filter((route): route is GuardedRoute => route.capability !== null);

interface GuardLayer {
  readonly route?: { readonly path: unknown; readonly methods: Record<string, boolean>; readonly stack: readonly GuardLayer[] };
  readonly handle: { readonly stack?: readonly GuardLayer[]; readonly capabilities?: readonly Capability[] };
  readonly rawPath?: unknown;
}

/**
 * The capabilities of the guards that accept several (`requireAnyCapability`: the dossier is read whole or, by the
 * accueil, its identity part), by route name. The route walk of support/routes.ts reads the first one only.
 */
const alternativeGuards = (app: Express): ReadonlyMap<string, readonly Capability[]> => {
  const found = new Map<string, readonly Capability[]>();
  const walk = (stack: readonly GuardLayer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string') {
        const capabilities = layer.route.stack.find((handler) => handler.handle.capabilities)?.handle.capabilities;
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all' && capabilities)) {
          found.set(`${method.toUpperCase()} ${prefix}${layer.route.path}`, capabilities!);
        }
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, `${prefix}${layer.rawPath === '/' ? '' : String(layer.rawPath)}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: readonly GuardLayer[] } }).router.stack, '');
  return found;
};

/** Every capability that opens a guarded route: its guard's one, or all those its guard accepts. */
const capabilitiesOf = (app: Express) => {
  const alternatives = alternativeGuards(app);
  return (route: GuardedRoute): readonly Capability[] => {
    const all = alternatives.get(routeName(route)) ?? [route.capability];
    expect(all[0]).withContext(`${routeName(route)}: the walk and the guard disagree`).toBe(route.capability);
    return all;
  };
};

const NIR = '295037511300162';
// An identity held by another Mission Locale than the fixture's: what a transfer request is about.
const ELSEWHERE = { nomNaissance: 'TRANSFERT', prenoms: 'Noa', sexe: 'F', dateNaissance: '2007-07-07' } as const;
let births = 0;

/** A dossier of the fixture's kind: nobody's portfolio, a NIR recorded. */
const aMatrixJeune = async (app: ReturnType<typeof createTestApp>, ml: { id: string }) => {
  const id = randomUUID();
  return (await aJeune(app.db.sequelize, ml, { id, nirEnc: sealSensitive(app.ctx.crypto, 'nir', id, NIR) })).id;
};

const versionOf = async (sequelize: Sequelize, jeuneId: string): Promise<number> =>
  (await sequelize.query<{ version: number }>('SELECT version FROM jeune WHERE id = :jeuneId', { type: QueryTypes.SELECT, replacements: { jeuneId } }))[0]
    ?.version ?? 1;

const ACCESS_CODE = /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;
let logins = 0;
const CGU_TEXT = `## Objet du service\n\n${'Conditions générales publiées par la matrice des rôles. '.repeat(6)}`;

// A well-formed request for every guarded route; a new guarded route without one fails the matrix.
const SAMPLES: Samples = {
  ...notificationsSamples,
  ...notificationsB2Samples,
  ...agendaSamples,
  ...sessionsSamples,
  ...cmiloSamples,
  ...compteCmiloSamples,
  ...portailSamples,
  'GET /api/v1/admin/users': () => ({}),
  'GET /api/v1/admin/missions-locales': () => ({}),
  'POST /api/v1/admin/users': ({ ml }) => ({
    body: { login: `matrice.${process.pid}-${++logins}`, prenom: 'Lou', nom: 'Matrice', roles: ['conseiller'], missionLocaleId: ml.id },
  }),
  'PATCH /api/v1/admin/users/:id': ({ userId }) => ({ params: { id: userId }, body: { biProfils: ['consultant'] } }),
  'POST /api/v1/admin/users/:id/access-code': ({ userId }) => ({ params: { id: userId } }),
  'POST /api/v1/admin/cgu': () => ({ body: { audience: 'jeune', texte: CGU_TEXT } }),
  'GET /api/v1/jeunes': () => ({ query: { q: 'durand', size: '5' } }),
  'POST /api/v1/jeunes': () => ({
    body: {
      // A birth date of its own: the duplicate check never sees the previous role's creation.
      identite: { nomNaissance: 'MATRICE', prenoms: 'Lou', sexe: 'M', dateNaissance: new Date(Date.UTC(1995, 0, 1 + ++births)).toISOString().slice(0, 10), neEtranger: false },
    },
  }),
  'POST /api/v1/jeunes/demandes-transfert': () => ({ body: { identite: { ...ELSEWHERE, neEtranger: false }, motif: 'Déménagement du jeune' } }),
  'GET /api/v1/jeunes/:id': ({ jeuneId }) => ({ params: { id: jeuneId }, prepare: reasonFirst(jeuneId) }),
  'PATCH /api/v1/jeunes/:id': async ({ jeuneId, sequelize }) => ({
    params: { id: jeuneId },
    body: {
      version: await versionOf(sequelize, jeuneId),
      coordonnees: { telephone: '06 12 34 56 78', email: null, consentements: { sms: true, email: false, push: false }, adresse: null },
    },
    prepare: reasonFirst(jeuneId),
  }),
  'POST /api/v1/jeunes/:id/acces': ({ jeuneId }) => ({ params: { id: jeuneId }, body: { motif: 'Contrôle de la matrice des rôles' } }),
  'POST /api/v1/jeunes/:id/revelation': ({ jeuneId }) => ({ params: { id: jeuneId }, body: { champ: 'nir' }, prepare: reasonFirst(jeuneId) }),
  'POST /api/v1/jeunes/:id/pieces': ({ jeuneId }) => ({
    params: { id: jeuneId },
    body: { type: 'IDENTITE' },
    files: { fichier: { bytes: TINY_PNG, filename: 'cni.png' } },
    prepare: reasonFirst(jeuneId),
  }),
  'GET /api/v1/jeunes/:id/pieces': ({ jeuneId }) => ({ params: { id: jeuneId }, prepare: reasonFirst(jeuneId) }),
  'GET /api/v1/jeunes/:id/timeline': ({ jeuneId }) => ({ params: { id: jeuneId }, query: { limit: '20' }, prepare: reasonFirst(jeuneId) }),
  'GET /api/v1/jeunes/:id/parcours.csv': ({ jeuneId }) => ({ params: { id: jeuneId }, prepare: reasonFirst(jeuneId) }),
  'GET /api/v1/jeunes/:id/pieces/:pieceId/contenu': async ({ jeuneId, sequelize }) => ({
    params: { id: jeuneId, pieceId: (await aPiece(sequelize, { id: jeuneId })).id },
    prepare: reasonFirst(jeuneId),
  }),
  'POST /api/v1/jeunes/:id/pieces/:pieceId/decision': async ({ jeuneId, sequelize }) => ({
    params: { id: jeuneId, pieceId: (await aPiece(sequelize, { id: jeuneId })).id },
    body: { decision: 'VALIDEE' },
    prepare: reasonFirst(jeuneId),
  }),
  'GET /api/v1/communes': () => ({ query: { q: 'bordeaux' } }),
  'GET /api/v1/recherches': () => ({}),
  'POST /api/v1/recherches': () => ({ body: { nom: 'Matrice', criteres: { q: 'durand', ageMin: 16 } } }),
  'DELETE /api/v1/recherches/:id': async ({ sequelize, userId, callerId }) => ({
    params: { id: (await aRecherche(sequelize, callerId ?? userId)).id },
  }),
  // Suivi (#4): the événement a caller edits is their own; the fixture's jeune is nobody's, so readers give a reason first.
  'GET /api/v1/jeunes/:id/evenements': ({ jeuneId }) => ({ params: { id: jeuneId }, prepare: reasonFirst(jeuneId) }),
  'POST /api/v1/jeunes/:id/evenements': ({ jeuneId }) => ({
    params: { id: jeuneId },
    body: { date: new Date().toISOString(), typeCode: 'PREMIER_ACCUEIL', lieu: { type: 'DISTANCE' }, themes: ['EMPLOI'] },
    prepare: reasonFirst(jeuneId),
  }),
  'GET /api/v1/evenements/:id': async ({ jeuneId, sequelize, userId }) => ({
    params: { id: (await anEvenement(sequelize, { id: jeuneId }, userId)).id },
    prepare: reasonFirst(jeuneId),
  }),
  'PATCH /api/v1/evenements/:id': async ({ jeuneId, sequelize, userId, callerId }) => ({
    params: { id: (await anEvenement(sequelize, { id: jeuneId }, callerId ?? userId)).id },
    body: { version: 1, date: new Date().toISOString(), typeCode: 'ATELIER', lieu: { type: 'DISTANCE' }, themes: ['FORMATION'] },
    prepare: reasonFirst(jeuneId),
  }),
  'DELETE /api/v1/evenements/:id': async ({ jeuneId, sequelize, userId, callerId }) => ({
    params: { id: (await anEvenement(sequelize, { id: jeuneId }, callerId ?? userId)).id },
    body: { motif: 'Saisi dans le mauvais dossier' },
    prepare: reasonFirst(jeuneId),
  }),
  'GET /api/v1/jeunes/:id/propositions': ({ jeuneId }) => ({ params: { id: jeuneId }, prepare: reasonFirst(jeuneId) }),
  'POST /api/v1/jeunes/:id/propositions': ({ jeuneId }) => ({
    params: { id: jeuneId },
    body: { libelle: 'Atelier CV', theme: 'EMPLOI' },
    prepare: reasonFirst(jeuneId),
  }),
  'GET /api/v1/propositions/:id': async ({ jeuneId, sequelize }) => ({
    params: { id: (await aProposition(sequelize, { id: jeuneId })).id },
    prepare: reasonFirst(jeuneId),
  }),
  'PATCH /api/v1/propositions/:id': async ({ jeuneId, sequelize }) => ({
    params: { id: (await aProposition(sequelize, { id: jeuneId })).id },
    body: { version: 1, etat: 'ACCEPTEE', date: new Date().toISOString().slice(0, 10) },
    prepare: reasonFirst(jeuneId),
  }),
  'GET /api/v1/jeunes/:id/actions': ({ jeuneId }) => ({ params: { id: jeuneId }, prepare: reasonFirst(jeuneId) }),
  'POST /api/v1/jeunes/:id/actions': ({ jeuneId }) => ({
    params: { id: jeuneId },
    body: { titre: 'Mettre à jour son CV', echeance: '2027-01-15' },
    prepare: reasonFirst(jeuneId),
  }),
  'GET /api/v1/actions/:id': async ({ jeuneId, sequelize }) => ({
    params: { id: (await anAction(sequelize, { id: jeuneId })).id },
    prepare: reasonFirst(jeuneId),
  }),
  'PATCH /api/v1/actions/:id': async ({ jeuneId, sequelize }) => ({
    params: { id: (await anAction(sequelize, { id: jeuneId })).id },
    body: { version: 1, titre: 'Mettre à jour son CV', description: null, echeance: '2027-01-15', statut: 'TERMINEE' },
    prepare: reasonFirst(jeuneId),
  }),
  'GET /api/v1/types-evenement': () => ({}),
  'GET /api/v1/sites': () => ({}),
  'POST /api/v1/types-evenement': () => ({ body: { code: `MATRICE_${process.pid}_${++logins}`, libelle: 'Permanence au lycée', contact: true } }),
  'GET /api/v1/offres-internes': () => ({ query: { toutes: 'true' } }),
  'POST /api/v1/offres-internes': () => ({
    body: { code: `M${process.pid}-${++logins}`.slice(0, 20), libelle: 'Atelier CV', theme: 'EMPLOI', type: 'ATELIER', actif: true },
  }),
  'PATCH /api/v1/offres-internes/:id': async ({ ml, sequelize }) => ({
    params: { id: (await anOffre(sequelize, ml)).id },
    body: { libelle: 'Atelier CV et lettre', theme: 'EMPLOI', type: 'ATELIER', actif: false },
  }),
};

/** Sends the sample's body: JSON, or a multipart form when it has files. */
const send = (request: Test, sample: Sample): Test => {
  if (!sample.files) {
    return request.send(sample.body ?? {});
  }
  let form = request;
  for (const [name, value] of Object.entries(sample.body ?? {})) {
    form = form.field(name, String(value));
  }
  for (const [name, file] of Object.entries(sample.files)) {
    form = form.attach(name, file.bytes, file.filename);
  }
  return form;
};

/** Calls the route as the PWA would (CSRF header on writes), with the sample's ids, query and body. */
const call = async (client: Client, route: LiveRoute, sample: Sample) => {
  await sample.prepare?.(client);
  const url = route.path.replace(/:(\w+)/g, (_, name: string) => sample.params?.[name] ?? `missing-${name}`);
  const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  const request = client.agent[method](url).query(sample.query ?? {});
  const res = method === 'get' ? await request : await send(request.set('X-XSRF-TOKEN', client.token), sample);
  // Access codes answered by the admin routes must not reach the logs either.
  for (const value of [res.body?.code, res.body?.accessCode?.code]) {
    if (typeof value === 'string' && ACCESS_CODE.test(value)) {
      keepOutOfLogs(value);
    }
  }
  return res;
};

const sampleFor = (route: LiveRoute, fixture: Fixture): Sample | Promise<Sample> => {
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

const jeuneState = async (sequelize: Sequelize, id: string) =>
  sequelize.query(
    `SELECT j.version, j.updated_at, j.telephone,
            (SELECT count(*) FROM audit_log l WHERE l.target_id = j.id::text) AS audit,
            (SELECT count(*) FROM demande_transfert d WHERE d.jeune_id = j.id) AS demandes,
            -- Pièces a user uploaded or decided; a sample's own (builder) pièce has neither.
            (SELECT count(*) FROM piece_justificative p WHERE p.jeune_id = j.id AND p.deposee_par IS NOT NULL) AS pieces_deposees,
            (SELECT count(*) FROM piece_justificative p WHERE p.jeune_id = j.id AND p.decidee_par IS NOT NULL) AS pieces_decidees
     FROM jeune j WHERE j.id = :id`,
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
    const test = createTestApp();
    const { app, db } = test;
    const ml = await aMissionLocale(db.sequelize);
    await aJeune(db.sequelize, await aMissionLocale(db.sequelize), ELSEWHERE);
    const fixture: Fixture = { ml, userId: (await aUser(db.sequelize, ml)).id, jeuneId: await aMatrixJeune(test, ml), sequelize: db.sequelize };
    const capabilities = capabilitiesOf(app);

    for (const route of guarded(app)) {
      for (const role of ROLES) {
        const caller = await aUser(db.sequelize, ml, { roles: [role] });
        const client = await signedIn(app, caller.login);

        const res = await call(client, route, await sampleFor(route, { ...fixture, callerId: caller.id }));

        const context = `${role} → ${routeName(route)} (${capabilities(route).join(' | ')})`;
        if (capabilities(route).some((capability) => can([role], capability))) {
          expect(res.status).withContext(context).not.toBe(403);
          expect(res.status).withContext(`${context}: ${JSON.stringify(res.body)}`).toBeLessThan(400);
        } else {
          expect({ status: res.status, code: res.body.code }).withContext(context).toEqual({ status: 403, code: 'forbidden' });
        }
      }
    }
  }, 120_000);

  it("when a user of one Mission Locale calls a route with the id of another's user or jeune, it answers 404 and changes nothing", async () => {
    const test = createTestApp();
    const { app, db } = test;
    const ml = await aMissionLocale(db.sequelize);
    const other = await aMissionLocale(db.sequelize);
    const foreigner = await aUser(db.sequelize, other);
    const foreignJeune = await aMatrixJeune(test, other);
    const foreignFixture: Fixture = { ml: other, userId: foreigner.id, jeuneId: foreignJeune, sequelize: db.sequelize };
    const routesWithIds = guarded(app).filter((route) => route.path.includes('/:'));
    const capabilities = capabilitiesOf(app);
    const clients = new Map<string, Client>();

    expect(routesWithIds.length).toBeGreaterThan(0);
    for (const route of routesWithIds) {
      // Someone allowed to call the route, in their own Mission Locale: only the other one's ids are out of reach.
      const role = ROLES.find((candidate) => capabilities(route).some((capability) => can([candidate], capability)))!;
      const client = clients.get(role) ?? (await signedIn(app, (await aUser(db.sequelize, ml, { roles: [role] })).login));
      clients.set(role, client);
      const before = [await userState(db.sequelize, foreigner.id), await jeuneState(db.sequelize, foreignJeune)];

      const res = await call(client, route, await sampleFor(route, foreignFixture));

      expect({ status: res.status, code: res.body.code }).withContext(`${role} → ${routeName(route)}`).toEqual({ status: 404, code: 'not-found' });
      expect([await userState(db.sequelize, foreigner.id), await jeuneState(db.sequelize, foreignJeune)])
        .withContext(routeName(route))
        .toEqual(before);
    }
  });

  it('when an admin route that takes a body gets a bad one, or a malformed id, it answers 400 with field errors and writes nothing', async () => {
    const test = createTestApp();
    const { app, db } = test;
    const ml = await aMissionLocale(db.sequelize);
    const national = await signedIn(app, (await aUser(db.sequelize, ml, { roles: ['admin_national'] })).login);
    const fixture: Fixture = { ml, userId: (await aUser(db.sequelize, ml)).id, jeuneId: await aMatrixJeune(test, ml), sequelize: db.sequelize };
    const docs = (await national.agent.get('/api/docs')).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const writes = guarded(app).filter((route) => ['POST', 'PATCH'].includes(route.method) && route.path.startsWith('/api/v1/admin/'));

    for (const route of writes) {
      const takesBody = docs.paths[openApiPath(route.path)]?.[route.method.toLowerCase()]?.requestBody !== undefined;
      const sample = await sampleFor(route, fixture);
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
