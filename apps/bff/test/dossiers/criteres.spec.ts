import type { Express } from 'express';
import type { Sequelize } from 'sequelize';
import { aJeune, type JeuneOverrides, aMissionLocale, aSituation, auditRows, aUser } from '../support/builders';
import { createTestApp, signedIn, TestClock } from '../support/test-app';

// 11:00 in Paris, 14:00 in La Réunion: the same day everywhere.
const NOW = new Date('2026-11-29T10:00:00Z');

interface Item {
  id: string;
  age: number;
  situationCourante: { categorie: string; etat: string } | null;
  completude: string;
  dernierContactLe: string | null;
}

/** A Mission Locale, a conseiller of it signed in, and the dossiers asked for (ids in the same order). */
const aMissionLocaleWith = async (jeunes: readonly JeuneOverrides[], options: { clock?: TestClock } = {}) => {
  const clock = options.clock ?? new TestClock(NOW);
  const { app, db } = createTestApp({ clock });
  const ml = await aMissionLocale(db.sequelize);
  const conseiller = await aConseiller(app, db.sequelize, ml, clock);
  const ids: string[] = [];
  for (const jeune of jeunes) {
    ids.push((await aJeune(db.sequelize, ml, jeune)).id);
  }
  return { app, db, ml, ids, conseiller, clock };
};

const aConseiller = async (app: Express, sequelize: Sequelize, ml: { id: string }, clock: TestClock, missionLocaleIds: string[] = []) => {
  const user = await aUser(sequelize, ml, { passwordChangedAt: clock.now(), missionLocaleIds });
  return { ...user, client: await signedIn(app, user.login) };
};

type Conseiller = Awaited<ReturnType<typeof aConseiller>>;

const search = (conseiller: Conseiller, query: Record<string, string | number>) => conseiller.client.agent.get('/api/v1/jeunes').query(query);

/** The ids found, in the order answered, after checking the answer is a 200. */
const found = async (conseiller: Conseiller, query: Record<string, string | number>): Promise<string[]> => {
  const res = await search(conseiller, query);
  expect(res.status).withContext(`${JSON.stringify(query)} → ${JSON.stringify(res.body)}`).toBe(200);
  return (res.body.items as Item[]).map((item) => item.id);
};

const sorted = (ids: readonly string[]) => [...ids].sort();

describe('jeune criteria search (GET /api/v1/jeunes with criteria)', () => {
  describe('each criterion', () => {
    it('when a criterion is given, only the dossiers meeting it are found, and all of them', async () => {
      const { db, ml, conseiller } = await aMissionLocaleWith([]);
      const referent = await aUser(db.sequelize, ml, { prenom: 'Sophie', nom: 'Bernard' });
      const add = async (overrides: JeuneOverrides) => (await aJeune(db.sequelize, ml, overrides)).id;
      const paul = await add({ prenoms: 'Paul', sexe: 'M', niveauFormation: '4', communeInsee: '33063', qpvCode: 'QP033001' });
      const lea = await add({ prenoms: 'Léa', niveauFormation: 'V_BIS', communeInsee: '97411', referentId: referent.id, completude: 'complet' });
      const ines = await add({
        prenoms: 'Inès',
        niveauFormation: '4',
        communeInsee: '2A004',
        referentId: conseiller.id,
        completude: 'justifie',
        dernierContactLe: '2026-11-20',
      });
      const zoe = await add({ prenoms: 'Zoé', communeInsee: null, dernierContactLe: '2026-10-01' });
      const everyone = [paul, lea, ines, zoe];

      const cases: [Record<string, string>, string[]][] = [
        [{}, everyone],
        [{ sexe: 'M' }, [paul]],
        [{ sexe: 'F' }, [lea, ines, zoe]],
        [{ niveau: '4' }, [paul, ines]],
        [{ niveau: 'V_BIS' }, [lea]],
        [{ niveau: '8' }, []],
        [{ communeInsee: '97411' }, [lea]],
        [{ communeInsee: '2a004' }, [ines]],
        [{ departement: '33' }, [paul]],
        [{ departement: '974' }, [lea]],
        [{ departement: '2A' }, [ines]],
        [{ qpv: 'oui' }, [paul]],
        [{ qpv: 'non' }, [lea, ines, zoe]],
        [{ referent: referent.id }, [lea]],
        [{ referent: 'moi' }, [ines]],
        [{ referent: 'aucun' }, [paul, zoe]],
        [{ completude: 'partiel' }, [paul, zoe]],
        [{ completude: 'complet' }, [lea]],
        [{ completude: 'justifie' }, [ines]],
        [{ contactDepuis: '2026-11-20' }, [ines]],
        [{ contactDepuis: '2026-10-01' }, [ines, zoe]],
        [{ contactAvant: '2026-11-20' }, [paul, lea, zoe]],
        [{ contactDepuis: '2026-09-01', contactAvant: '2026-11-01' }, [zoe]],
      ];

      for (const [query, expected] of cases) {
        expect(sorted(await found(conseiller, query)))
          .withContext(JSON.stringify(query))
          .toEqual(sorted(expected));
      }
    });

    it('when a situation criterion is given, the catégorie alone is the current situation, with an état any situation of the dossier', async () => {
      const { db, ml, conseiller } = await aMissionLocaleWith([]);
      // In a job now, with a formation planned.
      const emploi = await aJeune(db.sequelize, ml, { prenoms: 'Paul', situationCourante: { categorie: 'EMPLOI', etat: 'EN_COURS' } });
      await aSituation(db.sequelize, emploi, { categorie: 'EMPLOI', etat: 'EN_COURS' });
      await aSituation(db.sequelize, emploi, { categorie: 'FORMATION', etat: 'PREVU' });
      // In a formation now, after a job that ended.
      const formation = await aJeune(db.sequelize, ml, { prenoms: 'Léa', situationCourante: { categorie: 'FORMATION', etat: 'EN_COURS' } });
      await aSituation(db.sequelize, formation, { categorie: 'FORMATION', etat: 'EN_COURS' });
      await aSituation(db.sequelize, formation, { categorie: 'EMPLOI', etat: 'TERMINE' });
      // Nothing current: a formation finished.
      const sans = await aJeune(db.sequelize, ml, { prenoms: 'Zoé', situationCourante: null });
      await aSituation(db.sequelize, sans, { categorie: 'FORMATION', etat: 'TERMINE' });

      const cases: [Record<string, string>, { id: string }[]][] = [
        [{ situationCategorie: 'EMPLOI' }, [emploi]],
        [{ situationCategorie: 'FORMATION' }, [formation]],
        [{ situationCategorie: 'SCOLARITE' }, []],
        [{ situationEtat: 'EN_COURS' }, [emploi, formation]],
        [{ situationEtat: 'PREVU' }, [emploi]],
        [{ situationEtat: 'TERMINE' }, [formation, sans]],
        [{ situationCategorie: 'FORMATION', situationEtat: 'PREVU' }, [emploi]],
        [{ situationCategorie: 'FORMATION', situationEtat: 'TERMINE' }, [sans]],
        [{ situationCategorie: 'EMPLOI', situationEtat: 'TERMINE' }, [formation]],
        [{ situationCategorie: 'EMPLOI', situationEtat: 'EN_COURS' }, [emploi]],
        [{ situationCategorie: 'EMPLOI', situationEtat: 'PREVU' }, []],
      ];

      for (const [query, expected] of cases) {
        expect(sorted(await found(conseiller, query)))
          .withContext(JSON.stringify(query))
          .toEqual(sorted(expected.map((jeune) => jeune.id)));
      }
    });

    it("when an age range is given, ages count on each Mission Locale's local day: at 23:59 in Paris a Réunionnais born 18 years ago tomorrow is 18, a Parisian not yet", async () => {
      const clock = new TestClock(new Date('2027-06-14T21:59:00Z'));
      const { app, db } = createTestApp({ clock });
      const paris = await aMissionLocale(db.sequelize, { timezone: 'Europe/Paris' });
      const reunion = await aMissionLocale(db.sequelize, { timezone: 'Indian/Reunion' });
      const parisien = await aJeune(db.sequelize, paris, { prenoms: 'Paul', dateNaissance: '2009-06-15' });
      const reunionnais = await aJeune(db.sequelize, reunion, { prenoms: 'Rémi', dateNaissance: '2009-06-15' });
      const plusJeune = await aJeune(db.sequelize, paris, { prenoms: 'Hugo', dateNaissance: '2010-01-01' });
      const plusVieux = await aJeune(db.sequelize, reunion, { prenoms: 'Noé', dateNaissance: '2001-06-15' });
      const both = await aConseiller(app, db.sequelize, paris, clock, [reunion.id]);

      const before = {
        adults: await found(both, { ageMin: 18 }),
        minors: await found(both, { ageMax: 17 }),
        exactly18: await found(both, { ageMin: 18, ageMax: 18 }),
        upTo25: await found(both, { ageMax: 25 }),
      };
      clock.advanceMinutes(2);
      const after = { adults: await found(both, { ageMin: 18 }), exactly18: await found(both, { ageMin: 18, ageMax: 18 }) };

      expect(sorted(before.adults)).toEqual(sorted([reunionnais.id, plusVieux.id]));
      expect(sorted(before.minors)).toEqual(sorted([parisien.id, plusJeune.id]));
      expect(before.exactly18).toEqual([reunionnais.id]);
      // Noé turned 26 today in La Réunion.
      expect(sorted(before.upTo25)).toEqual(sorted([parisien.id, reunionnais.id, plusJeune.id]));
      expect(sorted(after.adults)).toEqual(sorted([parisien.id, reunionnais.id, plusVieux.id]));
      expect(sorted(after.exactly18)).toEqual(sorted([parisien.id, reunionnais.id]));
    });

    it('when criteria are combined, a dossier must meet every one', async () => {
      const { ids, conseiller } = await aMissionLocaleWith([
        { prenoms: 'Paul', sexe: 'M', dateNaissance: '2005-01-10', completude: 'complet', qpvCode: 'QP1', situationCourante: { categorie: 'EMPLOI', etat: 'EN_COURS' } },
        { prenoms: 'Hugo', sexe: 'M', dateNaissance: '2005-01-10', completude: 'partiel', qpvCode: 'QP1', situationCourante: { categorie: 'EMPLOI', etat: 'EN_COURS' } },
        { prenoms: 'Noé', sexe: 'M', dateNaissance: '2010-01-10', completude: 'complet', qpvCode: 'QP1', situationCourante: { categorie: 'EMPLOI', etat: 'EN_COURS' } },
        { prenoms: 'Tom', sexe: 'M', dateNaissance: '2005-01-10', completude: 'complet', qpvCode: null, situationCourante: { categorie: 'EMPLOI', etat: 'EN_COURS' } },
        { prenoms: 'Lou', sexe: 'M', dateNaissance: '2005-01-10', completude: 'complet', qpvCode: 'QP1', situationCourante: null },
        { prenoms: 'Léa', sexe: 'F', dateNaissance: '2005-01-10', completude: 'complet', qpvCode: 'QP1', situationCourante: { categorie: 'EMPLOI', etat: 'EN_COURS' } },
      ]);

      const res = await search(conseiller, { ageMin: 18, ageMax: 25, completude: 'complet', situationCategorie: 'EMPLOI', qpv: 'oui', sexe: 'M' });

      expect(res.status).toBe(200);
      expect((res.body.items as Item[]).map((item) => item.id)).toEqual([ids[0]!]);
      expect(res.body.total).toBe(1);
    });

    it('when a text is typed with criteria, the matches of the text that meet the criteria are found, best first, uncounted', async () => {
      const { ids, conseiller } = await aMissionLocaleWith([
        { nomNaissance: 'LEFÈVRE', prenoms: 'Élodie', completude: 'complet' },
        { nomNaissance: 'LEFEBVRE', prenoms: 'Élodie', completude: 'complet' },
        { nomNaissance: 'LEFÈVRE', prenoms: 'Élodie Marie', completude: 'partiel' },
        { nomNaissance: 'MARTIN', prenoms: 'Élodie', completude: 'complet' },
      ]);

      const res = await search(conseiller, { q: 'elodie lefevre', completude: 'complet' });

      expect(res.status).toBe(200);
      expect((res.body.items as Item[]).map((item) => item.id)).toEqual([ids[0]!, ids[1]!]);
      expect(res.body.total).toBeNull();
      expect(await found(conseiller, { q: 'elodie lefevre', completude: 'justifie' })).toEqual([]);
    });
  });

  describe('result page', () => {
    it('when a dossier is found, its line also carries the current situation, the completeness and the last contact', async () => {
      const { conseiller, ids } = await aMissionLocaleWith([
        { prenoms: 'Paul', completude: 'complet', situationCourante: { categorie: 'FORMATION', etat: 'EN_COURS' }, dernierContactLe: '2026-11-02' },
        { prenoms: 'Zoé', dateNaissance: '2010-11-29' },
      ]);

      const res = await search(conseiller, {});

      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const byId = new Map((res.body.items as Item[]).map((item) => [item.id, item]));
      expect(byId.get(ids[0]!)).toEqual(
        jasmine.objectContaining({ situationCourante: { categorie: 'FORMATION', etat: 'EN_COURS' }, completude: 'complet', dernierContactLe: '2026-11-02' }),
      );
      expect(byId.get(ids[1]!)).toEqual(jasmine.objectContaining({ age: 16, situationCourante: null, completude: 'partiel', dernierContactLe: null }));
      expect({ page: res.body.page, size: res.body.size, hasMore: res.body.hasMore, total: res.body.total }).toEqual({
        page: 1,
        size: 20,
        hasMore: false,
        total: 2,
      });
    });

    it('when no text is typed, total counts every match across pages; with a text it is null', async () => {
      const { conseiller } = await aMissionLocaleWith(['Léa', 'Zoé', 'Inès', 'Jade', 'Noé'].map((prenoms) => ({ nomNaissance: 'ÉTHÈVE', prenoms })));

      const page2 = await search(conseiller, { size: 2, page: 2 });
      const beyond = await search(conseiller, { size: 2, page: 4 });
      const withText = await search(conseiller, { q: 'etheve', size: 2 });

      expect({ total: page2.body.total, count: page2.body.items.length, hasMore: page2.body.hasMore }).toEqual({ total: 5, count: 2, hasMore: true });
      expect({ total: beyond.body.total, count: beyond.body.items.length, hasMore: beyond.body.hasMore }).toEqual({ total: 5, count: 0, hasMore: false });
      expect({ total: withText.body.total, count: withText.body.items.length, hasMore: withText.body.hasMore }).toEqual({
        total: null,
        count: 2,
        hasMore: true,
      });
    });
  });

  describe('sorts and pages', () => {
    // Seven dossiers with ties on every key, so that only the id tiebreak keeps pages apart.
    const SEVEN: JeuneOverrides[] = [
      { nomNaissance: 'ÉTHÈVE', prenoms: 'Léa', dateNaissance: '2006-05-01', dernierContactLe: '2026-11-01', createdAt: new Date('2026-01-03T10:00:00Z') },
      { nomNaissance: 'ÉTHÈVE', prenoms: 'Léa', dateNaissance: '2006-05-01', dernierContactLe: '2026-11-01', createdAt: new Date('2026-01-03T10:00:00Z') },
      { nomNaissance: 'BEGUE', nomUsage: 'ZITTE', prenoms: 'Anaïs', dateNaissance: '2009-02-10', dernierContactLe: null, createdAt: new Date('2026-01-01T10:00:00Z') },
      { nomNaissance: 'ZAMBO', prenoms: 'Inès', dateNaissance: '2001-12-31', dernierContactLe: '2026-06-15', createdAt: new Date('2026-01-05T10:00:00Z') },
      { nomNaissance: 'ARNAUD', prenoms: 'Jade', dateNaissance: '2006-05-01', dernierContactLe: null, createdAt: new Date('2026-01-02T10:00:00Z') },
      { nomNaissance: 'dupont', prenoms: 'Zoé', dateNaissance: '2004-08-20', dernierContactLe: '2026-11-25', createdAt: new Date('2026-01-04T10:00:00Z') },
      { nomNaissance: 'DUPONT', prenoms: 'Ambre', dateNaissance: '2004-08-20', dernierContactLe: '2026-11-25', createdAt: new Date('2026-01-04T10:00:00Z') },
    ];

    /** Every page of size 3 of a sort, in order. */
    const allPages = async (conseiller: Conseiller, sort: string | undefined) => {
      const ids: string[] = [];
      for (let page = 1; page <= 3; page += 1) {
        const res = await search(conseiller, { ...(sort === undefined ? {} : { sort }), size: 3, page });
        expect(res.status).withContext(`${sort} ${page}`).toBe(200);
        expect(res.body.hasMore).withContext(`${sort} ${page}`).toBe(page < 3);
        ids.push(...(res.body.items as Item[]).map((item) => item.id));
      }
      return ids;
    };

    it('when a sort is chosen, pages of 3 follow it, each dossier exactly once, ties in a stable order, and "-" reverses it', async () => {
      const { ids, conseiller } = await aMissionLocaleWith(SEVEN);
      const [eth1, eth2, zitte, zambo, arnaud, dupontZoe, dupontAmbre] = ids as [string, string, string, string, string, string, string];
      // Ties go by id, the key's way.
      const asc = (...tied: string[]) => [...tied].sort();
      const desc = (...tied: string[]) => [...tied].sort().reverse();

      const expected: Record<string, { up: string[]; down: string[] }> = {
        // Nom d'usage (Zitte) or de naissance, then prénoms, without accents or case (Éthève among the E).
        nom: {
          up: [arnaud, dupontAmbre, dupontZoe, ...asc(eth1, eth2), zambo, zitte],
          down: [zitte, zambo, ...desc(eth1, eth2), dupontZoe, dupontAmbre, arnaud],
        },
        // Youngest first.
        age: {
          up: [zitte, ...desc(arnaud, eth1, eth2), ...desc(dupontZoe, dupontAmbre), zambo],
          down: [zambo, ...asc(dupontZoe, dupontAmbre), ...asc(arnaud, eth1, eth2), zitte],
        },
        // Oldest contact first; never contacted last, both ways.
        dernierContact: {
          up: [zambo, ...asc(eth1, eth2), ...asc(dupontZoe, dupontAmbre), ...asc(zitte, arnaud)],
          down: [...desc(dupontZoe, dupontAmbre), ...desc(eth1, eth2), zambo, ...desc(zitte, arnaud)],
        },
        creation: {
          up: [zitte, arnaud, ...asc(eth1, eth2), ...asc(dupontZoe, dupontAmbre), zambo],
          down: [zambo, ...desc(dupontZoe, dupontAmbre), ...desc(eth1, eth2), arnaud, zitte],
        },
      };

      for (const [sort, { up, down }] of Object.entries(expected)) {
        expect(await allPages(conseiller, sort)).withContext(sort).toEqual(up);
        expect(await allPages(conseiller, `-${sort}`)).withContext(`-${sort}`).toEqual(down);
      }
      expect(await allPages(conseiller, undefined)).withContext('no sort: by nom').toEqual(expected['nom']!.up);
    });

    it('when a text is typed with another sort than pertinence, its matches come in that order', async () => {
      const { ids, conseiller } = await aMissionLocaleWith([
        { nomNaissance: 'LEFÈVRE', prenoms: 'Élodie', dateNaissance: '2005-01-01' },
        { nomNaissance: 'LEFEBVRE', prenoms: 'Élodie', dateNaissance: '2008-01-01' },
        { nomNaissance: 'LEFEUVRE', prenoms: 'Élodie', dateNaissance: '2006-01-01' },
        { nomNaissance: 'MARTIN', prenoms: 'Élodie', dateNaissance: '2007-01-01' },
      ]);

      const byRelevance = await found(conseiller, { q: 'elodie lefevre' });
      const byAge = await found(conseiller, { q: 'elodie lefevre', sort: 'age' });
      const byName = await found(conseiller, { q: 'elodie lefevre', sort: '-nom', size: 2 });

      expect(byRelevance[0]).toBe(ids[0]!);
      expect(sorted(byRelevance)).toEqual(sorted([ids[0]!, ids[1]!, ids[2]!]));
      // Youngest first; then by name descending, "lefevre" after "lefeuvre" after "lefebvre".
      expect(byAge).toEqual([ids[1]!, ids[2]!, ids[0]!]);
      expect(byName).toEqual([ids[0]!, ids[2]!]);
    });
  });

  describe('status and scope', () => {
    it('when nothing says otherwise only active dossiers are found; archived ones with statut=archive or tous; anonymised ones never', async () => {
      const { ids, conseiller } = await aMissionLocaleWith([
        { prenoms: 'Paul', statutDossier: 'actif' },
        { prenoms: 'Léa', statutDossier: 'archive' },
        { prenoms: 'Zoé', statutDossier: 'anonymise' },
      ]);
      const [actif, archive] = ids as [string, string, string];

      expect(await found(conseiller, {})).toEqual([actif]);
      expect(await found(conseiller, { statut: 'actif' })).toEqual([actif]);
      expect(await found(conseiller, { statut: 'archive' })).toEqual([archive]);
      expect(sorted(await found(conseiller, { statut: 'tous' }))).toEqual(sorted([actif, archive]));
      expect(sorted(await found(conseiller, { q: 'durand', statut: 'tous' }))).toEqual(sorted([actif, archive]));
      expect(await found(conseiller, { q: 'durand' })).toEqual([actif]);
      expect((await search(conseiller, { statut: 'tous' })).body.total).toBe(2);
    });

    it("when another Mission Locale has dossiers meeting the criteria, they are never found nor counted", async () => {
      const { db, ids, conseiller } = await aMissionLocaleWith([{ prenoms: 'Paul', completude: 'complet', qpvCode: 'QP1' }]);
      const other = await aMissionLocale(db.sequelize);
      const elsewhere = await aJeune(db.sequelize, other, { prenoms: 'Paul', completude: 'complet', qpvCode: 'QP1' });

      const queries: Record<string, string>[] = [
        {},
        { completude: 'complet', qpv: 'oui' },
        { statut: 'tous' },
        { q: 'paul durand' },
        { referent: 'aucun', sort: '-creation' },
      ];
      for (const query of queries) {
        const res = await search(conseiller, query);
        expect((res.body.items as Item[]).map((item) => item.id)).withContext(JSON.stringify(query)).toEqual([ids[0]!]);
        expect(JSON.stringify(res.body)).not.toContain(elsewhere.id);
        if (!('q' in query)) {
          expect(res.body.total).withContext(JSON.stringify(query)).toBe(1);
        }
      }
    });
  });

  describe('audit and refusals', () => {
    it('when a conseiller searches by criteria, the audit row holds the text, the criteria, the sort and the page, never a result', async () => {
      const { db, conseiller } = await aMissionLocaleWith([{ nomNaissance: 'LEFÈVRE', prenoms: 'Élodie', communeInsee: '33063', completude: 'complet' }]);

      const res = await search(conseiller, { q: 'lefevre', ageMin: '16', ageMax: '25', communeInsee: '33063', completude: 'complet', sort: '-age', size: 10 });

      expect(res.body.items.length).toBe(1);
      const rows = await auditRows(db.sequelize, { actorId: conseiller.id, action: 'jeunes.search' });
      expect(rows.length).toBe(1);
      expect(rows[0]!['details']).toEqual({
        criteria: { q: 'lefevre', ageMin: 16, ageMax: 25, communeInsee: '33063', completude: 'complet', statut: 'actif', sort: '-age', page: 1, size: 10 },
      });
      const recorded = JSON.stringify(rows[0]);
      for (const result of [res.body.items[0].id, res.body.items[0].matricule, 'Élodie', '2008-03-14']) {
        expect(recorded).not.toContain(result);
      }
    });

    it('when a criterion is invalid, it answers 400 naming the field and audits nothing', async () => {
      const { db, conseiller } = await aMissionLocaleWith([]);
      const cases: [Record<string, string>, string][] = [
        [{ ageMin: '12' }, 'ageMin'],
        [{ ageMax: 'vingt' }, 'ageMax'],
        [{ ageMin: '20', ageMax: '18' }, 'ageMax'],
        [{ sexe: 'X' }, 'sexe'],
        [{ niveau: '9' }, 'niveau'],
        [{ situationCategorie: 'CHOMAGE' }, 'situationCategorie'],
        [{ situationEtat: 'FINI' }, 'situationEtat'],
        [{ communeInsee: '3306' }, 'communeInsee'],
        [{ departement: '123' }, 'departement'],
        [{ departement: '97' }, 'departement'],
        [{ qpv: 'peut-etre' }, 'qpv'],
        [{ referent: 'quelqu-un' }, 'referent'],
        [{ completude: 'total' }, 'completude'],
        [{ contactDepuis: '2026-13-01' }, 'contactDepuis'],
        [{ contactDepuis: '2026-11-01', contactAvant: '2026-10-01' }, 'contactAvant'],
        [{ statut: 'anonymise' }, 'statut'],
        [{ sort: 'pertinence' }, 'sort'],
        [{ sort: 'prenom' }, 'sort'],
        [{ page: '51' }, 'page'],
        [{ dispositif: 'CEJ' }, '(corps)'],
      ];

      for (const [query, path] of cases) {
        const res = await search(conseiller, query);

        const context = JSON.stringify(query);
        expect(res.status).withContext(context).toBe(400);
        expect(res.body.code).withContext(context).toBe('validation-failed');
        expect((res.body.errors as { path: string }[]).map((error) => error.path)).withContext(context).toEqual([path]);
      }
      expect(await auditRows(db.sequelize, { actorId: conseiller.id, action: 'jeunes.search' })).toEqual([]);
    });
  });
});
