import fc from 'fast-check';
import { QueryTypes, type Sequelize } from 'sequelize';
import { dossierSchema, type Role, SECTIONS_ACCUEIL, SECTIONS_DOSSIER } from '@imilo/domain';
import { aJeune, type JeuneOverrides, aMissionLocale, auditRows, aUser } from '../support/builders';
import { createTestApp, signedIn, TestClock } from '../support/test-app';

// A Monday morning in Bordeaux.
const NOW = new Date('2026-11-30T09:00:00Z');
const TODAY = '2026-11-30';

/** A Mission Locale with its app (on a test clock), and a way to sign its staff in. */
const aWorld = async () => {
  const clock = new TestClock(NOW);
  const test = createTestApp({ clock });
  const { app, db } = test;
  const ml = await aMissionLocale(db.sequelize);
  const staff = async (roles: Role[], inMl: { id: string; siteId?: string } = ml) => {
    const user = await aUser(db.sequelize, inMl, { roles, passwordChangedAt: clock.now(), prenom: 'Inès', nom: 'Accueil' });
    const client = await signedIn(app, user.login);
    return {
      ...user,
      client,
      // Serialised here, so that a fuzzed primitive travels as the JSON it is.
      create: (body: unknown) =>
        client.agent.post('/api/v1/jeunes').set('X-XSRF-TOKEN', client.token).type('json').send(JSON.stringify(body)),
      transfer: (body: object) => client.post('/api/v1/jeunes/demandes-transfert', body),
      get: (id: string) => client.agent.get(`/api/v1/jeunes/${id}`),
    };
  };
  const jeune = (overrides: JeuneOverrides, inMl: { id: string } = ml) => aJeune(db.sequelize, inMl, overrides);
  return { ...test, ml, staff, jeune };
};

// Identities of their own (names and birth dates no other spec uses): the duplicate check is national.
const identite = (overrides: object = {}) => ({
  nomNaissance: 'lefèvre',
  prenoms: '  Élodie   Marie ',
  sexe: 'F',
  dateNaissance: '1999-04-01',
  neEtranger: false,
  communeNaissanceInsee: '33063',
  ...overrides,
});
const COORDONNEES = {
  telephone: '06 98 76 54 32',
  email: 'Elodie.Lefevre@Example.org',
  consentements: { sms: true, email: true, push: false },
  adresse: { ligne1: '5 cours Victor Hugo', codePostal: '33000', communeInsee: '33063' },
};

const countsOf = async (sequelize: Sequelize) =>
  (
    await sequelize.query(
      `SELECT (SELECT count(*) FROM jeune) AS jeunes, (SELECT count(*) FROM jeune_adresse) AS adresses,
              (SELECT count(*) FROM demande_transfert) AS demandes,
              (SELECT count(*) FROM audit_log WHERE action IN ('dossiers.create', 'dossiers.transfer-request')) AS audit`,
      { type: QueryTypes.SELECT },
    )
  )[0];

const codeOf = async (sequelize: Sequelize, mlId: string) =>
  (await sequelize.query<{ code_imilo: string }>('SELECT code_imilo FROM mission_locale WHERE id = :mlId', { type: QueryTypes.SELECT, replacements: { mlId } }))[0]!
    .code_imilo;

describe('premier accueil (POST /api/v1/jeunes)', () => {
  it('when a conseiller registers a jeune, the dossier is created in their Mission Locale with them as référent, and audited', async () => {
    const world = await aWorld();
    const conseiller = await world.staff(['conseiller']);

    const res = await conseiller.create({ identite: identite(), coordonnees: COORDONNEES });

    expect(res.status).toBe(201);
    expect(res.headers['location']).toBe(`/api/v1/jeunes/${res.body.id}`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(dossierSchema.safeParse(res.body).error).toBeUndefined();
    expect(res.body).toEqual(
      jasmine.objectContaining({
        matricule: `${await codeOf(world.db.sequelize, world.ml.id)}-00001`,
        missionLocale: { id: world.ml.id, nom: jasmine.any(String), timezone: 'Europe/Paris' },
        version: 1,
        referent: { id: conseiller.id, prenom: 'Inès', nom: 'Accueil' },
        dansMonPortefeuille: true,
        age: 27,
        sections: [...SECTIONS_DOSSIER],
      }),
    );
    expect(res.body.identite).toEqual(jasmine.objectContaining({ nomNaissance: 'LEFEVRE', prenoms: 'Élodie Marie', communeNaissanceNom: 'Bordeaux' }));
    expect(res.body.coordonnees).toEqual(
      jasmine.objectContaining({ telephone: '0698765432', email: 'elodie.lefevre@example.org', adresse: jasmine.objectContaining({ depuis: TODAY }) }),
    );
    expect(res.body.completude.niveau).toBe('partiel');
    const [row] = await world.db.sequelize.query<Record<string, unknown>>(
      `SELECT mission_locale_id, referent_id, created_by, to_char(date_premier_accueil, 'YYYY-MM-DD') AS accueil,
              to_char(dernier_contact_le, 'YYYY-MM-DD') AS contact, commune_insee, completude, version
       FROM jeune WHERE id = :id`,
      { type: QueryTypes.SELECT, replacements: { id: res.body.id } },
    );
    expect(row).toEqual({
      mission_locale_id: world.ml.id,
      referent_id: conseiller.id,
      created_by: conseiller.id,
      accueil: TODAY,
      contact: TODAY,
      commune_insee: '33063',
      completude: 'partiel',
      version: 1,
    });
    expect(await auditRows(world.db.sequelize, { targetId: res.body.id, action: 'dossiers.create' })).toEqual([
      jasmine.objectContaining({ actor_id: conseiller.id, mission_locale_id: world.ml.id, details: { doublonConfirme: false, sections: ['identite', 'coordonnees'] } }),
    ]);
  });

  it('when several dossiers are created at once in a Mission Locale, each gets its own next matricule', async () => {
    const world = await aWorld();
    const conseiller = await world.staff(['conseiller']);
    const code = await codeOf(world.db.sequelize, world.ml.id);

    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => conseiller.create({ identite: identite({ nomNaissance: 'Matricule', prenoms: 'Lou', dateNaissance: `1999-05-0${n}` }) })),
    );

    expect(answers.map((res) => res.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((res) => res.body.matricule as string).sort()).toEqual([1, 2, 3, 4].map((n) => `${code}-0000${n}`));
  });

  it("when a chargé d'accueil registers a jeune, nobody is référent and the answer holds identité and coordonnées only", async () => {
    const world = await aWorld();
    const accueil = await world.staff(['charge_accueil']);

    const res = await accueil.create({ identite: identite({ dateNaissance: '1999-04-02' }) });
    const read = await accueil.get(res.body.id);

    expect(res.status).toBe(201);
    expect(res.body.referent).toBeNull();
    expect(res.body.sections).toEqual([...SECTIONS_ACCUEIL]);
    expect(res.body.famille).toBeUndefined();
    expect(read.status).toBe(200);
  });

  it('when the direction registers a jeune, it may open the new dossier in that session without giving a reason', async () => {
    const world = await aWorld();
    const direction = await world.staff(['direction']);

    const res = await direction.create({ identite: identite({ dateNaissance: '1999-04-03' }) });
    const read = await direction.get(res.body.id);

    expect(res.body.referent).toBeNull();
    expect(read.status).toBe(200);
    const [audit] = await auditRows(world.db.sequelize, { targetId: res.body.id, action: 'dossiers.read' });
    expect(audit?.['details']).toEqual(jasmine.objectContaining({ horsPortefeuille: true, motif: jasmine.stringContaining('Premier accueil') }));
  });

  describe('duplicate check', () => {
    it('when a probable duplicate is in the same Mission Locale, it answers 409 with the candidate and writes nothing', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const known = await world.jeune({ nomNaissance: 'LEFEBVRE', prenoms: 'Elodie', dateNaissance: '1999-04-04', referentId: conseiller.id });
      const before = await countsOf(world.db.sequelize);

      // One typo in the name, no accents: still the same jeune.
      const res = await conseiller.create({ identite: identite({ dateNaissance: '1999-04-04' }) });

      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'conflict' });
      expect(res.body.doublons).toEqual({
        missionLocale: [
          {
            id: known.id,
            matricule: known.matricule,
            nomNaissance: 'LEFEBVRE',
            nomUsage: null,
            prenoms: 'Elodie',
            dateNaissance: '1999-04-04',
            referent: { id: conseiller.id, prenom: 'Inès', nom: 'Accueil' },
          },
        ],
        ailleurs: false,
      });
      expect(await countsOf(world.db.sequelize)).toEqual(before);
    });

    it('when the probable duplicate is in another Mission Locale, the 409 says only that one exists elsewhere; confirmed, the dossier is created', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const otherMl = await aMissionLocale(world.db.sequelize, { nom: 'Mission Locale Lointaine' });
      const theirReferent = await aUser(world.db.sequelize, otherMl, { prenom: 'Gaëlle', nom: 'Ailleurs' });
      const theirs = await world.jeune(
        { nomNaissance: 'HOARAU', nomUsage: 'PAYET', prenoms: 'Anaïs Josépha', dateNaissance: '1999-04-05', referentId: theirReferent.id, telephone: '0692000000' },
        otherMl,
      );
      const before = await countsOf(world.db.sequelize);
      const body = { identite: identite({ nomNaissance: 'Hoarau', prenoms: 'Anaïs', dateNaissance: '1999-04-05' }) };

      const refused = await conseiller.create(body);
      const afterRefusal = await countsOf(world.db.sequelize);
      const confirmed = await conseiller.create({ ...body, confirmerDoublon: true });

      expect(refused.status).toBe(409);
      expect(refused.body.doublons).toEqual({ missionLocale: [], ailleurs: true });
      for (const foreign of [theirs.id, theirs.matricule, otherMl.id, otherMl.nom, 'PAYET', 'Josépha', theirReferent.id, 'Ailleurs', '0692000000']) {
        expect(refused.text).withContext(foreign).not.toContain(foreign);
      }
      expect(afterRefusal).toEqual(before);
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.missionLocale.id).toBe(world.ml.id);
      const [audit] = await auditRows(world.db.sequelize, { targetId: confirmed.body.id, action: 'dossiers.create' });
      expect(audit?.['details']).toEqual(jasmine.objectContaining({ doublonConfirme: true }));
    });

    it('when duplicates are both here and elsewhere, the 409 lists the local one and says one exists elsewhere', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const local = await world.jeune({ nomNaissance: 'GRONDIN', prenoms: 'Océane', dateNaissance: '1999-04-06' });
      await world.jeune({ nomNaissance: 'GRONDIN', prenoms: 'Oceane', dateNaissance: '1999-04-06' }, await aMissionLocale(world.db.sequelize));

      const res = await conseiller.create({ identite: identite({ nomNaissance: 'Grondin', prenoms: 'Océane', dateNaissance: '1999-04-06' }) });

      expect(res.status).toBe(409);
      expect(res.body.doublons.ailleurs).toBeTrue();
      expect(res.body.doublons.missionLocale.map((doublon: { id: string }) => doublon.id)).toEqual([local.id]);
    });

    it('when the birth date differs, or the first name is another one, it is not a duplicate', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      await world.jeune({ nomNaissance: 'TECHER', prenoms: 'Maëlys', dateNaissance: '1999-04-07' });

      const otherDay = await conseiller.create({ identite: identite({ nomNaissance: 'Techer', prenoms: 'Maëlys', dateNaissance: '1999-04-08' }) });
      const otherName = await conseiller.create({ identite: identite({ nomNaissance: 'Techer', prenoms: 'Kévin', sexe: 'M', dateNaissance: '1999-04-07' }) });

      expect([otherDay.status, otherName.status]).toEqual([201, 201]);
    });
  });

  describe('invalid requests', () => {
    it('when the commune of birth or of the address names no commune, it answers 400 on those fields and writes nothing', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const before = await countsOf(world.db.sequelize);

      const res = await conseiller.create({
        identite: identite({ dateNaissance: '1999-04-09', communeNaissanceInsee: '33999' }),
        coordonnees: { ...COORDONNEES, adresse: { ...COORDONNEES.adresse, communeInsee: '2A999' } },
      });

      expect(res.status).toBe(400);
      expect(res.body.errors.map((error: { path: string }) => error.path)).toEqual(['identite.communeNaissanceInsee', 'coordonnees.adresse.communeInsee']);
      expect(await countsOf(world.db.sequelize)).toEqual(before);
    });

    it('when a body is invalid, it answers 400 with the failing fields and writes nothing', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const before = await countsOf(world.db.sequelize);
      const cases: [unknown, string[]][] = [
        [{}, ['identite']],
        [{ identite: identite(), inconnu: 1 }, ['(corps)']],
        [{ identite: identite({ nomNaissance: 'R2D2' }) }, ['identite.nomNaissance']],
        [{ identite: identite({ neEtranger: true, communeNaissanceInsee: null }) }, ['identite.paysNaissance']],
        [{ identite: identite({ dateNaissance: '1999-13-01' }) }, ['identite.dateNaissance']],
        [{ identite: identite(), confirmerDoublon: 'oui' }, ['confirmerDoublon']],
        [{ identite: identite({ prenoms: 'Élodie\u0000' }) }, ['identite.prenoms']],
        [{ identite: identite(), coordonnees: { ...COORDONNEES, email: 'pas-un-email' } }, ['coordonnees.email']],
        [[identite()], ['(corps)']],
      ];

      for (const [body, paths] of cases) {
        const res = await conseiller.create(body);

        expect(res.status).withContext(JSON.stringify(body)).toBe(400);
        expect(res.body.code).toBe('validation-failed');
        expect(res.body.errors.map((error: { path: string }) => error.path))
          .withContext(JSON.stringify(body))
          .toEqual(paths);
      }
      expect(await countsOf(world.db.sequelize)).toEqual(before);
    });

    it('when creation bodies are fuzzed, the answer is 201, 400 or 409 — never a server error — and a 201 is a valid dossier', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const anyValue = fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('0000-01-01', '\u0000', '\ud800', '99999'));
      const maybe = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: valid, weight: 25 }, { arbitrary: anyValue, weight: 1 });
      const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
      // Few names and days, so that creations meet their own duplicates.
      const day = fc.integer({ min: 1, max: 28 }).map((d) => `1998-02-${String(d).padStart(2, '0')}`);
      const lieu = fc.oneof(
        fc.record({ neEtranger: fc.constant(false), communeNaissanceInsee: nullable(fc.constantFrom('33063', '97411', '2A004', '33999')) }, { requiredKeys: ['neEtranger'] }),
        fc.record({ neEtranger: fc.constant(true), paysNaissance: fc.constantFrom('Maroc', 'Comores') }),
      );
      const body = fc.record(
        {
          identite: maybe(
            fc.tuple(
              lieu,
              fc.record(
                {
                  nomNaissance: maybe(fc.constantFrom('Fuzz', 'Fuzzé', "d'Arc", 'Fu-zz')),
                  nomUsage: maybe(nullable(fc.constantFrom('Payet', 'Hoarau'))),
                  prenoms: maybe(fc.constantFrom('Noa', 'Noah', ' Léa  Rose ')),
                  sexe: maybe(fc.constantFrom('F', 'M')),
                  dateNaissance: maybe(day),
                },
                { requiredKeys: ['nomNaissance', 'prenoms', 'sexe', 'dateNaissance'] },
              ),
            ).map(([where, who]) => ({ ...where, ...who })),
          ),
          coordonnees: maybe(
            fc.record({
              telephone: maybe(nullable(fc.constantFrom('0612345678', '+33 6 12 34 56 78'))),
              email: maybe(nullable(fc.constantFrom('noa@example.org'))),
              consentements: maybe(fc.record({ sms: fc.boolean(), email: fc.boolean(), push: fc.boolean() })),
              adresse: maybe(nullable(fc.record({ ligne1: fc.constantFrom('1 rue du Fuzz'), codePostal: fc.constantFrom('33000'), communeInsee: fc.constantFrom('33063', '97422') }))),
            }),
          ),
          confirmerDoublon: maybe(fc.boolean()),
        },
        { requiredKeys: ['identite'] },
      );
      const seen = new Set<number>();

      await fc.assert(
        fc.asyncProperty(fc.oneof({ arbitrary: body, weight: 8 }, { arbitrary: anyValue, weight: 1 }), async (sent) => {
          const res = await conseiller.create(sent);

          seen.add(res.status);
          expect([201, 400, 409]).withContext(`${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(sent)}`).toContain(res.status);
          if (res.status === 201) {
            expect(dossierSchema.safeParse(res.body).error).toBeUndefined();
          }
          return [201, 400, 409].includes(res.status);
        }),
        { numRuns: 100, seed: 20261130 },
      );
      expect([...seen].sort()).toEqual([201, 400, 409]);
    }, 120_000);
  });
});

describe('transfer requests (POST /api/v1/jeunes/demandes-transfert)', () => {
  it('when the jeune is known in another Mission Locale, a pending request is recorded once, and the answer only counts it', async () => {
    const world = await aWorld();
    const conseiller = await world.staff(['conseiller']);
    const otherMl = await aMissionLocale(world.db.sequelize);
    const theirs = await world.jeune({ nomNaissance: 'BOYER', prenoms: 'Enzo', sexe: 'M', dateNaissance: '1999-04-10' }, otherMl);
    const body = { identite: identite({ nomNaissance: 'Boyer', prenoms: 'Enzo', sexe: 'M', dateNaissance: '1999-04-10' }), motif: 'Le jeune a déménagé à Bordeaux.' };

    const first = await conseiller.transfer(body);
    const again = await conseiller.transfer(body);

    expect(first.status).toBe(201);
    expect(first.body).toEqual({ demandes: 1 });
    expect(again.body).toEqual({ demandes: 1 });
    for (const foreign of [theirs.id, theirs.matricule, otherMl.id]) {
      expect(first.text).not.toContain(foreign);
    }
    const rows = await world.db.sequelize.query(
      'SELECT jeune_id, mission_locale_demandeuse_id, demandee_par, motif, statut FROM demande_transfert WHERE jeune_id = :id',
      { type: QueryTypes.SELECT, replacements: { id: theirs.id } },
    );
    expect(rows).toEqual([
      { jeune_id: theirs.id, mission_locale_demandeuse_id: world.ml.id, demandee_par: conseiller.id, motif: body.motif, statut: 'EN_ATTENTE' },
    ]);
    const audit = await auditRows(world.db.sequelize, { actorId: conseiller.id, action: 'dossiers.transfer-request' });
    expect(audit.map((row) => row['details'])).toEqual([{ demandes: 1 }, { demandes: 1 }]);
    expect(JSON.stringify(audit)).not.toContain(theirs.id);
  });

  it('when no other Mission Locale holds the jeune (none, or only mine), it answers 404 and records nothing', async () => {
    const world = await aWorld();
    const conseiller = await world.staff(['conseiller']);
    await world.jeune({ nomNaissance: 'FONTAINE', prenoms: 'Jade', dateNaissance: '1999-04-11' });
    const before = await countsOf(world.db.sequelize);

    const mine = await conseiller.transfer({ identite: identite({ nomNaissance: 'Fontaine', prenoms: 'Jade', dateNaissance: '1999-04-11' }), motif: 'Déménagement' });
    const nobody = await conseiller.transfer({ identite: identite({ nomNaissance: 'Personne', prenoms: 'Zoé', dateNaissance: '1999-04-12' }), motif: 'Déménagement' });

    for (const res of [mine, nobody]) {
      expect({ status: res.status, code: res.body.code, detail: res.body.detail }).toEqual({
        status: 404,
        code: 'not-found',
        detail: 'Aucun dossier correspondant dans une autre Mission Locale.',
      });
    }
    expect(await countsOf(world.db.sequelize)).toEqual(before);
  });

  it('when the motif is missing, it answers 400 on it', async () => {
    const world = await aWorld();
    const conseiller = await world.staff(['conseiller']);

    const res = await conseiller.transfer({ identite: identite() });

    expect(res.status).toBe(400);
    expect(res.body.errors.map((error: { path: string }) => error.path)).toEqual(['motif']);
  });
});
