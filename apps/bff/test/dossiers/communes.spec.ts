import type { CommuneDto, Role } from '@imilo/domain';
import { aMissionLocale, aUser } from '../support/builders';
import { createTestApp, signedIn } from '../support/test-app';

type Client = Awaited<ReturnType<typeof signedIn>>;

/** A signed-in staff member (conseiller unless told). */
const aCaller = async (roles: Role[] = ['conseiller']): Promise<Client> => {
  const { app, db } = createTestApp();
  const ml = await aMissionLocale(db.sequelize);
  return signedIn(app, (await aUser(db.sequelize, ml, { roles })).login);
};

const search = (client: Client, q: string) => client.agent.get('/api/v1/communes').query({ q });
const names = (body: unknown) => (body as CommuneDto[]).map((commune) => `${commune.nom} (${commune.insee})`);

describe('commune search (GET /api/v1/communes)', () => {
  let client: Client;

  beforeAll(async () => {
    client = await aCaller();
  });

  it('when a conseiller types a name, the commune of that name comes first, with its postal codes and département; the answer may be cached', async () => {
    const res = await search(client, 'bordeaux');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.body[0]).toEqual({
      insee: '33063',
      nom: 'Bordeaux',
      codesPostaux: ['33000', '33100', '33200', '33300', '33800'],
      departement: '33',
    });
    expect(res.body.length).toBeLessThanOrEqual(10);
  });

  it('when the name is typed without accents, with "st" for "saint" and a space for the hyphen, the commune is found', async () => {
    for (const q of ['st emilion', 'Saint-Émilion', 'SAINT EMILION', 'emilion']) {
      const res = await search(client, q);

      expect(names(res.body)).withContext(q).toContain('Saint-Émilion (33394)');
    }
  });

  it('when the start of a name is typed, exact names come before longer ones, then the most populous first', async () => {
    const res = await search(client, 'saint denis');

    // Saint-Denis of La Réunion and of Seine-Saint-Denis, the largest, then the other Saint-Denis, then Saint-Denis-….
    expect(names(res.body).slice(0, 2)).toEqual(['Saint-Denis (97411)', 'Saint-Denis (93066)']);
    const exact = (res.body as CommuneDto[]).map((commune) => commune.nom === 'Saint-Denis');
    expect(exact.indexOf(false)).toBeGreaterThan(1);
    expect(exact.slice(exact.indexOf(false))).not.toContain(true);
  });

  it('when a postal code or its start is typed, the communes it serves come, the most populous first', async () => {
    expect(names((await search(client, '974')).body)[0]).toBe('Saint-Denis (97411)');
    expect(names((await search(client, '97400')).body)[0]).toBe('Saint-Denis (97411)');
    // 69007 is also Ampuis' INSEE code: both are offered, the city first.
    expect(names((await search(client, '69007')).body)).toEqual(['Lyon (69123)', 'Ampuis (69007)']);
  });

  it('when an INSEE code is typed, its commune comes first (Corsica too)', async () => {
    expect(names((await search(client, '33063')).body)[0]).toBe('Bordeaux (33063)');
    expect(names((await search(client, '2a004')).body)).toEqual(['Ajaccio (2A004)']);
  });

  it('when a name and a département are typed, as the field shows a commune, the name is narrowed to it', async () => {
    expect(names((await search(client, 'Saint-Denis (93)')).body)[0]).toBe('Saint-Denis (93066)');
  });

  it('when nothing matches, the answer is an empty list', async () => {
    const res = await search(client, 'Xyzzyville');

    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('when the query is shorter than 2 characters, missing or too long, it answers 400 with the field in French', async () => {
    for (const query of [{ q: 'b' }, { q: ' ' }, {}, { q: 'a'.repeat(61) }]) {
      const res = await client.agent.get('/api/v1/communes').query(query);

      expect({ status: res.status, code: res.body.code }).withContext(JSON.stringify(query)).toEqual({ status: 400, code: 'validation-failed' });
      expect(res.body.errors[0].path).withContext(JSON.stringify(query)).toBe('q');
    }
  });

  it('when a chargé d’accueil or the direction searches, it works; an administrator is refused', async () => {
    for (const role of ['charge_accueil', 'direction'] as const) {
      expect((await search(await aCaller([role]), 'lyon')).status).withContext(role).toBe(200);
    }

    const res = await search(await aCaller(['admin_ml']), 'lyon');

    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'forbidden' });
    expect(res.headers['cache-control']).not.toContain('public');
  });
});
