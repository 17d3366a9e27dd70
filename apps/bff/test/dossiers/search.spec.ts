import type { Express } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import { normaliseSearchText, type Role } from '@imilo/domain';
import { aJeune, type JeuneOverrides, aMissionLocale, auditRows, aUser } from '../support/builders';
import { aClient, createTestApp, signedIn, TestClock } from '../support/test-app';

const USER_AGENT = 'search-spec';

/** A staff member of the Mission Locale (and of `missionLocaleIds`), signed in from their own address. */
const aSearcher = async (
  app: Express,
  sequelize: Sequelize,
  ml: { id: string; siteId?: string },
  options: { roles?: Role[]; missionLocaleIds?: string[]; passwordChangedAt?: Date } = {},
) => {
  const user = await aUser(sequelize, ml, { roles: options.roles ?? ['conseiller'], ...options });
  const client = await signedIn(app, user.login);
  client.agent.set('User-Agent', USER_AGENT);
  return { ...user, client };
};

type Searcher = Awaited<ReturnType<typeof aSearcher>>;

interface Item {
  id: string;
  nomNaissance: string;
  prenoms: string;
  age: number;
}

const search = (searcher: Searcher, query: Record<string, string | number>) => searcher.client.agent.get('/api/v1/jeunes').query(query);

/** The ids of the jeunes found, best first. */
const idsFound = async (searcher: Searcher, q: string): Promise<string[]> => {
  const res = await search(searcher, { q });
  expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
  return (res.body.items as Item[]).map((item) => item.id);
};

/** A Mission Locale with a conseiller signed in and a few dossiers. */
const aMissionLocaleWith = async (jeunes: readonly JeuneOverrides[], options: { timezone?: string } = {}) => {
  const { app, db } = createTestApp();
  const ml = await aMissionLocale(db.sequelize, options);
  const ids = [];
  for (const jeune of jeunes) {
    ids.push((await aJeune(db.sequelize, ml, jeune)).id);
  }
  const conseiller = await aSearcher(app, db.sequelize, ml);
  return { app, db, ml, ids, conseiller };
};

const searchesBy = (sequelize: Sequelize, actorId: string) => auditRows(sequelize, { actorId, action: 'jeunes.search' });

describe('jeune search (GET /api/v1/jeunes)', () => {
  describe('relevance', () => {
    it('when a conseiller types a name without accents, the accented dossier comes first', async () => {
      const { ids, conseiller } = await aMissionLocaleWith([
        { nomNaissance: 'LEFEBVRE', prenoms: 'Élodie' },
        { nomNaissance: 'LEFÈVRE', prenoms: 'Mélodie' },
        { nomNaissance: 'MARTIN', prenoms: 'Élodie' },
        { nomNaissance: 'LEFÈVRE', prenoms: 'Élodie Marie' },
      ]);

      const found = await idsFound(conseiller, 'elodie lefevre');

      expect(found[0]).toBe(ids[3]!);
      expect(found).toContain(ids[0]!);
    });

    it('when a conseiller types "lefebre", LEFÈVRE comes first among several similar names', async () => {
      const { ids, conseiller } = await aMissionLocaleWith([
        { nomNaissance: 'LEFEUVRE', prenoms: 'Hugo' },
        { nomNaissance: 'LEBRETON', prenoms: 'Hugo' },
        { nomNaissance: 'LEFORT', prenoms: 'Hugo' },
        { nomNaissance: 'FEBRE', prenoms: 'Hugo' },
        { nomNaissance: 'LEFÈVRE', prenoms: 'Hugo' },
        { nomNaissance: 'MARTIN', prenoms: 'Hugo' },
      ]);

      const found = await idsFound(conseiller, 'lefebre');

      expect(found[0]).toBe(ids[4]!);
      expect(found).not.toContain(ids[5]!);
    });

    it('when the dossier has a nom d’usage, the jeune is found by it as well as by the birth name', async () => {
      const { ids, conseiller } = await aMissionLocaleWith([{ nomNaissance: 'HOARAU', nomUsage: 'PAYET', prenoms: 'Anaïs' }]);

      expect((await idsFound(conseiller, 'anais payet'))[0]).toBe(ids[0]!);
      expect((await idsFound(conseiller, 'hoarau'))[0]).toBe(ids[0]!);
    });
  });

  describe('exact lookups', () => {
    it('when a conseiller types a matricule, in capitals or not, that dossier comes first', async () => {
      const { ids, conseiller } = await aMissionLocaleWith([
        { matricule: `T33S${process.pid}-00042`, nomNaissance: 'GRONDIN' },
        { nomNaissance: 'GRONDIN' },
      ]);

      expect(await idsFound(conseiller, `T33S${process.pid}-00042`)).toEqual([ids[0]!]);
      expect((await idsFound(conseiller, `t33s${process.pid}-00042`))[0]).toBe(ids[0]!);
    });

    it('when a conseiller types a phone number with spaces, dots or in international form, the dossier is found', async () => {
      const { ids, conseiller } = await aMissionLocaleWith([{ telephone: '06 12 34 56 78' }, { telephone: '0692 11 22 33' }]);

      expect(await idsFound(conseiller, '06 12 34 56 78')).toEqual([ids[0]!]);
      expect(await idsFound(conseiller, '06.12.34.56.78')).toEqual([ids[0]!]);
      expect(await idsFound(conseiller, '0612345678')).toEqual([ids[0]!]);
      expect(await idsFound(conseiller, '+262 692 11 22 33')).toEqual([ids[1]!]);
    });

    it('when a conseiller types an e-mail address, in any case, the dossier is found', async () => {
      const { ids, conseiller } = await aMissionLocaleWith([{ email: 'Elodie.Lefevre@Example.org' }, { email: 'autre@example.org' }]);

      expect(await idsFound(conseiller, 'elodie.lefevre@example.org')).toEqual([ids[0]!]);
      expect(await idsFound(conseiller, 'ELODIE.LEFEVRE@EXAMPLE.ORG')).toEqual([ids[0]!]);
    });
  });

  describe('scope', () => {
    it('when another Mission Locale has a jeune of the same name, the conseiller only ever sees their own', async () => {
      const { db, ids, conseiller } = await aMissionLocaleWith([
        { nomNaissance: 'TECHER', prenoms: 'Maëlys', telephone: '0693 00 00 01', email: 'maelys.techer@example.org' },
      ]);
      const other = await aMissionLocale(db.sequelize);
      const { matricule } = await aJeune(db.sequelize, other, {
        nomNaissance: 'TECHER',
        prenoms: 'Maëlys',
        telephone: '0693 00 00 01',
        email: 'maelys.techer@example.org',
      });

      for (const q of ['maelys techer', 'techer', '0693000001', 'maelys.techer@example.org']) {
        expect(await idsFound(conseiller, q)).withContext(q).toEqual([ids[0]!]);
      }
      expect(await idsFound(conseiller, matricule)).toEqual([]);
    });

    it('when a dossier has been anonymised, nobody finds it, by name or by matricule', async () => {
      const { db, ids, conseiller } = await aMissionLocaleWith([{ nomNaissance: 'GRONDIN', prenoms: 'Océane' }]);
      const [first] = ids;
      const { matricule } = (
        await db.sequelize.query<{ matricule: string }>(`UPDATE jeune SET statut_dossier = 'anonymise' WHERE id = :id RETURNING matricule`, {
          replacements: { id: first },
          type: QueryTypes.SELECT,
        })
      )[0]!;

      expect(await idsFound(conseiller, 'oceane grondin')).toEqual([]);
      expect(await idsFound(conseiller, matricule)).toEqual([]);
    });

    it('when a user belongs to two Missions Locales, they find the jeunes of both', async () => {
      const { app, db } = createTestApp();
      const first = await aMissionLocale(db.sequelize);
      const second = await aMissionLocale(db.sequelize);
      const mine = await aJeune(db.sequelize, first, { nomNaissance: 'NATIVEL', prenoms: 'Noé' });
      const alsoMine = await aJeune(db.sequelize, second, { nomNaissance: 'NATIVEL', prenoms: 'Noé' });
      const both = await aSearcher(app, db.sequelize, first, { missionLocaleIds: [second.id] });

      expect((await idsFound(both, 'noe nativel')).sort()).toEqual([mine.id, alsoMine.id].sort());
    });
  });

  describe('result page', () => {
    it('when a dossier is found, its line has the identity, age, commune name and référent, and nothing else', async () => {
      const { app, db } = createTestApp({ clock: new TestClock(new Date('2026-11-29T10:00:00Z')) });
      const ml = await aMissionLocale(db.sequelize);
      const referent = await aUser(db.sequelize, ml, { prenom: 'Sophie', nom: 'Bernard' });
      const jeune = await aJeune(db.sequelize, ml, {
        nomNaissance: 'LEFÈVRE',
        nomUsage: 'DIJOUX',
        prenoms: 'Élodie Marie',
        sexe: 'F',
        dateNaissance: '2008-03-14',
        communeInsee: '33063',
        telephone: '0612345678',
        email: 'elodie@example.org',
        referentId: referent.id,
      });
      await aJeune(db.sequelize, ml, { nomNaissance: 'LEFÈVRE', prenoms: 'Élodie', communeInsee: null, dateNaissance: '2009-12-01' });
      const conseiller = await aSearcher(app, db.sequelize, ml);

      const res = await search(conseiller, { q: 'Élodie Marie Lefèvre' });

      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.items[0]).toEqual({
        id: jeune.id,
        matricule: jeune.matricule,
        nomUsage: 'DIJOUX',
        nomNaissance: 'LEFÈVRE',
        prenoms: 'Élodie Marie',
        sexe: 'F',
        dateNaissance: '2008-03-14',
        age: 18,
        commune: { insee: '33063', nom: 'Bordeaux' },
        referent: { id: referent.id, prenom: 'Sophie', nom: 'Bernard' },
        statutDossier: 'actif',
        situationCourante: null,
        completude: 'partiel',
        dernierContactLe: null,
      });
      expect(res.body.items[1]).toEqual(jasmine.objectContaining({ age: 16, commune: null, referent: null }));
      // A text's fuzzy matches are never counted.
      expect({ page: res.body.page, size: res.body.size, hasMore: res.body.hasMore, total: res.body.total }).toEqual({
        page: 1,
        size: 20,
        hasMore: false,
        total: null,
      });
    });

    it('when results span pages of 2, page 1 says more follow, page 2 has the rest, and the order is stable', async () => {
      const { ids, conseiller } = await aMissionLocaleWith(
        ['Léa', 'Zoé', 'Inès', 'Jade'].map((prenoms) => ({ nomNaissance: 'ÉTHÈVE', prenoms })),
      );

      const page1 = await search(conseiller, { q: 'etheve', size: 2 });
      const page2 = await search(conseiller, { q: 'etheve', size: 2, page: 2 });
      const again = await search(conseiller, { q: 'etheve', size: 2 });

      expect([page1.status, page2.status]).toEqual([200, 200]);
      expect({ page: page1.body.page, size: page1.body.size, hasMore: page1.body.hasMore, count: page1.body.items.length }).toEqual({
        page: 1,
        size: 2,
        hasMore: true,
        count: 2,
      });
      expect({ page: page2.body.page, hasMore: page2.body.hasMore, count: page2.body.items.length }).toEqual({ page: 2, hasMore: false, count: 2 });
      const prenomsOf = (body: { items: Item[] }) => body.items.map((item) => item.prenoms);
      // Same similarity for all four: by nom, then prénoms (byte order).
      expect([...prenomsOf(page1.body), ...prenomsOf(page2.body)]).toEqual(['Inès', 'Jade', 'Léa', 'Zoé']);
      expect(prenomsOf(again.body)).toEqual(prenomsOf(page1.body));
      expect([...page1.body.items, ...page2.body.items].map((item: Item) => item.id).sort()).toEqual([...ids].sort());
    });

    it('when it is 23:59 in Paris (21:59 UTC), a jeune of La Réunion (already 01:59 the next day) is 18 and one of Paris not yet; two minutes later both are', async () => {
      const clock = new TestClock(new Date('2027-06-14T21:59:00Z'));
      const { app, db } = createTestApp({ clock });
      const paris = await aMissionLocale(db.sequelize, { timezone: 'Europe/Paris' });
      const reunion = await aMissionLocale(db.sequelize, { timezone: 'Indian/Reunion' });
      const parisien = await aJeune(db.sequelize, paris, { nomNaissance: 'ANNIVERSAIRE', prenoms: 'Paul', dateNaissance: '2009-06-15' });
      const reunionnais = await aJeune(db.sequelize, reunion, { nomNaissance: 'ANNIVERSAIRE', prenoms: 'Rémi', dateNaissance: '2009-06-15' });
      const both = await aSearcher(app, db.sequelize, paris, { missionLocaleIds: [reunion.id], passwordChangedAt: clock.now() });
      const ages = async () => {
        const res = await search(both, { q: 'anniversaire' });
        expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
        return Object.fromEntries((res.body.items as Item[]).map((item) => [item.id, item.age]));
      };

      const before = await ages();
      clock.advanceMinutes(2);
      const after = await ages();

      expect(before).toEqual({ [parisien.id]: 17, [reunionnais.id]: 18 });
      expect(after).toEqual({ [parisien.id]: 18, [reunionnais.id]: 18 });
    });
  });

  describe('audit', () => {
    it('when a conseiller searches, one audit row records who, where from and the criteria, never what was found', async () => {
      const { db, ml, conseiller } = await aMissionLocaleWith([{ nomNaissance: 'LEFÈVRE', prenoms: 'Élodie', matricule: `AUDIT${process.pid}` }]);

      const res = await search(conseiller, { q: 'lefevre', size: 10 });

      expect(res.body.items.length).toBe(1);
      const rows = await searchesBy(db.sequelize, conseiller.id);
      expect(rows.length).toBe(1);
      const row = rows[0]!;
      expect(row['actor_id']).toBe(conseiller.id);
      expect(row['mission_locale_id']).toBe(ml.id);
      expect(row['action']).toBe('jeunes.search');
      expect(row['outcome']).toBe('success');
      expect(row['target_type']).toBeNull();
      expect(row['target_id']).toBeNull();
      expect(row['ip']).toBe(conseiller.client.ip);
      expect(row['user_agent']).toBe(USER_AGENT);
      // `statut` is the criteria's default: active dossiers only.
      expect(row['details']).toEqual({ criteria: { q: 'lefevre', statut: 'actif', page: 1, size: 10 } });
      const recorded = JSON.stringify(row);
      for (const found of [res.body.items[0].id, `AUDIT${process.pid}`, 'Élodie', '2008-03-14']) {
        expect(recorded).not.toContain(found);
      }
    });
  });

  describe('refusals', () => {
    it('when the query is invalid, it answers 400 with French field errors and audits nothing', async () => {
      const { db, conseiller } = await aMissionLocaleWith([]);
      const cases: [Record<string, string>, { path: string; message: string }][] = [
        [{ q: 'a' }, { path: 'q', message: 'La recherche compte au moins 2 caractères.' }],
        [{ q: '   ' }, { path: 'q', message: 'La recherche compte au moins 2 caractères.' }],
        [{ q: 'martin', size: '500' }, { path: 'size', message: 'La taille de page est un nombre entier de 1 à 50.' }],
        [{ q: 'martin', page: '0' }, { path: 'page', message: 'La page est un nombre entier de 1 à 50 : au-delà, précisez la recherche.' }],
        [{ q: 'martin', page: '51' }, { path: 'page', message: 'La page est un nombre entier de 1 à 50 : au-delà, précisez la recherche.' }],
        [{ q: 'martin', tri: 'nom' }, { path: '(corps)', message: 'Champ(s) inconnu(s) : tri.' }],
      ];

      for (const [query, error] of cases) {
        const res = await search(conseiller, query);

        const context = JSON.stringify(query);
        expect(res.status).withContext(context).toBe(400);
        expect(res.type).withContext(context).toBe('application/problem+json');
        expect(res.body.code).withContext(context).toBe('validation-failed');
        expect(res.body.errors).withContext(context).toEqual([error]);
      }
      expect(await searchesBy(db.sequelize, conseiller.id)).toEqual([]);
    });

    it('when nobody is signed in, it answers 401', async () => {
      const { app } = createTestApp();

      const res = await (await aClient(app)).agent.get('/api/v1/jeunes').query({ q: 'martin' });

      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'unauthenticated' });
    });

    it('when an admin_ml or a jeune searches, it answers 403 and audits nothing', async () => {
      const { app, db, ml } = await aMissionLocaleWith([{ nomNaissance: 'MARTIN' }]);

      for (const role of ['admin_ml', 'jeune'] as const) {
        const user = await aSearcher(app, db.sequelize, ml, { roles: [role] });

        const res = await search(user, { q: 'martin' });

        expect({ status: res.status, code: res.body.code }).withContext(role).toEqual({ status: 403, code: 'forbidden' });
        expect(await searchesBy(db.sequelize, user.id)).withContext(role).toEqual([]);
      }
    });
  });
});

describe('search text: the database and the domain normalise alike', () => {
  it('when given French names and each accented letter French names use, lower(imilo_unaccent()) and normaliseSearchText agree', async () => {
    const { db } = createTestApp();
    const samples = ['Élodie LEFÈVRE', 'Ñ', 'œ', 'Œ', 'é è ê ë à â ä î ï ô ö ù û ü ç œ æ ÿ', 'É È Ê Ë À Â Ä Î Ï Ô Ö Ù Û Ü Ç Œ Æ Ÿ'];

    for (const sample of samples) {
      const [row] = await db.sequelize.query<{ normalised: string }>('SELECT lower(public.imilo_unaccent(:sample)) AS normalised', {
        type: QueryTypes.SELECT,
        replacements: { sample },
      });

      expect(row!.normalised).withContext(sample).toBe(normaliseSearchText(sample));
    }
  });

  it("when a dossier is stored, its search text is nom d'usage, nom de naissance and prénoms, normalised", async () => {
    const { db } = createTestApp();
    const ml = await aMissionLocale(db.sequelize);
    const withUsage = await aJeune(db.sequelize, ml, { nomUsage: 'CŒUR', nomNaissance: 'LEFÈVRE', prenoms: 'Élodie Maëlys' });
    const withoutUsage = await aJeune(db.sequelize, ml, { nomNaissance: 'BÈGUE', prenoms: 'Noé' });

    const rows = await db.sequelize.query<{ id: string; search_text: string }>('SELECT id, search_text FROM jeune WHERE id IN (:ids)', {
      type: QueryTypes.SELECT,
      replacements: { ids: [withUsage.id, withoutUsage.id] },
    });

    expect(Object.fromEntries(rows.map((row) => [row.id, row.search_text]))).toEqual({
      [withUsage.id]: 'coeur lefevre elodie maelys',
      [withoutUsage.id]: 'begue noe',
    });
  });
});
