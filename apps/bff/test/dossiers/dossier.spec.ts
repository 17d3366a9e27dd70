import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { QueryTypes, type Sequelize } from 'sequelize';
import { dossierSchema, type Role, SECTIONS_ACCUEIL, SECTIONS_DOSSIER } from '@imilo/domain';
import { sealSensitive } from '../../src/features/dossiers/dossier-input';
import { aJeune, type JeuneOverrides, aMissionLocale, auditRows, aUser } from '../support/builders';
import { capturedLogs, createTestApp, keepOutOfLogs, signedIn, TestClock } from '../support/test-app';

// A Monday morning in Bordeaux; the default jeune (born 2008-03-14) is 18.
const NOW = new Date('2026-11-30T09:00:00Z');
const NIR = '108023306304265';
const NIR_SPACED = '1 08 02 33 063 042 65';
const MOTIF = 'Remplacement de la conseillère référente';
keepOutOfLogs(NIR);

/** A Mission Locale with its app (on a test clock), and a way to sign its staff in. */
const aWorld = async (options: { timezone?: string; now?: Date } = {}) => {
  const clock = new TestClock(options.now ?? NOW);
  const test = createTestApp({ clock });
  const { app, db } = test;
  const ml = await aMissionLocale(db.sequelize, { timezone: options.timezone });
  const staff = async (roles: Role[], inMl: { id: string; siteId?: string } = ml) => {
    const user = await aUser(db.sequelize, inMl, { roles, passwordChangedAt: clock.now() });
    const client = await signedIn(app, user.login);
    return {
      ...user,
      client,
      get: (id: string) => client.agent.get(`/api/v1/jeunes/${id}`),
      // Serialised here, so that a fuzzed primitive or array travels as the JSON it is.
      patch: (id: string, body: unknown) =>
        client.agent
          .patch(`/api/v1/jeunes/${id}`)
          .set('X-XSRF-TOKEN', client.token)
          .type('json')
          .send(JSON.stringify(body)),
      post: (url: string, body: object) => client.post(url, body),
    };
  };
  const jeune = (overrides: JeuneOverrides = {}, inMl: { id: string } = ml) => aJeune(db.sequelize, inMl, overrides);
  return { ...test, ml, staff, jeune };
};

// The sections of the default jeune, filled so that the dossier reaches « complet ».
const IDENTITE = {
  nomNaissance: 'Durand',
  nomUsage: null,
  prenoms: 'Camille',
  sexe: 'F',
  dateNaissance: '2008-03-14',
  neEtranger: false,
  communeNaissanceInsee: '33063',
  paysNaissance: null,
  nationalite: 'FRANCAISE',
  titreSejourExpireLe: null,
  parentNeEtranger: null,
  pieceIdentiteType: null,
  recense: true,
  jdcEffectuee: null,
};
const ADRESSE = { ligne1: '12 rue Sainte-Catherine', codePostal: '33000', communeInsee: '33063' };
const COORDONNEES = { telephone: '06 12 34 56 78', email: null, consentements: { sms: true, email: false, push: false }, adresse: ADRESSE };
const COMPLET = {
  identite: IDENTITE,
  coordonnees: COORDONNEES,
  famille: { situationFamiliale: 'CELIBATAIRE', enfantsACharge: 0, modeGarde: null, representantsLegaux: [] },
  cursus: { niveauFormation: '4', derniereClasse: 'Terminale', dateSortieFormationInitiale: null, diplomes: [], experiences: [], langues: [] },
  ressources: { liste: [] },
  logement: { situation: 'PARENTS', difficulte: false },
  sante: { rqth: false, rqthFin: null },
  franceTravail: { inscrit: false, identifiant: null, dateInscription: null },
};

// Fuzzing: mostly well-formed fields (so that whole sections reach the database), now and then anything at all —
// wrong types, NUL and lone surrogates, year 0000, unknown communes.
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('0000-01-01', '2026-02-29', '00000', '99999', '', '\u0000', '\ud800'),
);
const maybe = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: anyValue, weight: 1 });
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const day = fc.date({ min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
/** A section: each field mostly valid, sometimes anything. */
const section = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record(Object.fromEntries(Object.entries(fields).map(([key, arb]) => [key, maybe(arb)])));
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const lieuDeNaissance = fc.oneof(
  fc.record({ neEtranger: fc.constant(false), communeNaissanceInsee: nullable(fc.constantFrom('33063', '97411', '2A004')), paysNaissance: fc.constant(null) }),
  fc.record({ neEtranger: fc.constant(true), communeNaissanceInsee: fc.constant(null), paysNaissance: fc.constantFrom('Maroc', 'Comores') }),
);
const identiteArb = fc
  .tuple(
    lieuDeNaissance,
    section({
      nomNaissance: fc.constantFrom('Durand', "N'Diaye", "lefèvre-d'arc"),
      nomUsage: nullable(fc.constantFrom('Payet', 'de la Fontaine')),
      prenoms: fc.constantFrom('Camille', 'Élodie  Marie', 'Jean-Pierre'),
      sexe: fc.constantFrom('F', 'M'),
      dateNaissance: day,
      nationalite: nullable(fc.constantFrom('FRANCAISE', 'UE', 'HORS_UE')),
      titreSejourExpireLe: nullable(day),
      parentNeEtranger: nullable(fc.boolean()),
      nirCertifie: fc.boolean(),
      pieceIdentiteType: nullable(fc.constantFrom('CNI', 'PASSEPORT', 'TITRE_SEJOUR')),
      recense: nullable(fc.boolean()),
      jdcEffectuee: nullable(fc.boolean()),
    }),
    fc.option(nullable(fc.constantFrom(NIR, NIR_SPACED)), { nil: undefined }),
    fc.option(nullable(fc.stringMatching(/^[A-Z0-9]{5,20}$/)), { nil: undefined }),
  )
  .map(([lieu, rest, nir, pieceIdentiteNumero]) => ({
    ...lieu,
    ...rest,
    ...(nir === undefined ? {} : { nir }),
    ...(pieceIdentiteNumero === undefined ? {} : { pieceIdentiteNumero }),
  }));
const adresseArb = fc.record({
  ligne1: fc.constantFrom('12 rue Sainte-Catherine', '3 place du Capitole', 'Lieu-dit Les Hauts'),
  ligne2: nullable(fc.constantFrom('Bâtiment B', 'Chez M. Payet')),
  codePostal: fc.constantFrom('33000', '31000', '97430'),
  communeInsee: fc.constantFrom('33063', '31555', '97422'),
  qpvCode: nullable(fc.constantFrom('QN03101M', 'qn97401i')),
});
const situationArb = fc
  .record({
    id: fc.option(fc.uuid({ version: 4 }), { nil: undefined }),
    categorie: fc.constantFrom('EMPLOI', 'FORMATION', 'PMSMP', 'DEMANDEUR_EMPLOI'),
    etat: fc.constantFrom('EN_COURS', 'PREVU', 'TERMINE'),
    dateDebut: day,
    dateFin: nullable(day),
    intitule: nullable(fc.constantFrom('Titre pro cuisinier', 'Vendeur')),
    romeCode: nullable(fc.constantFrom('G1602', 'd1106')),
  }, { requiredKeys: ['categorie', 'etat', 'dateDebut', 'dateFin'] })
  .map((situation) => {
    const [debut, fin] = situation.dateFin !== null && situation.dateFin < situation.dateDebut ? [situation.dateFin, situation.dateDebut] : [situation.dateDebut, situation.dateFin];
    return { ...situation, dateDebut: debut, dateFin: situation.etat === 'TERMINE' ? (fin ?? debut) : fin };
  });
/** A PATCH body: a version (`CURRENT`: the stored one, read when sent) and some sections. */
const patchBody = fc.record(
  {
    version: fc.oneof({ arbitrary: fc.constant('CURRENT'), weight: 8 }, { arbitrary: fc.integer({ min: -2, max: 5 }), weight: 1 }, { arbitrary: anyValue, weight: 1 }),
    identite: maybe(identiteArb),
    coordonnees: section({
      telephone: nullable(fc.constantFrom('06 12 34 56 78', '+262 692 11 22 33', '05.56.00.00.00')),
      email: nullable(fc.constantFrom('camille.durand@example.org', 'C.Payet@Example.FR')),
      consentements: fc.record({ sms: fc.boolean(), email: fc.boolean(), push: fc.boolean() }),
      adresse: nullable(adresseArb),
    }),
    famille: section({
      situationFamiliale: nullable(fc.constantFrom('CELIBATAIRE', 'EN_COUPLE', 'MARIE_PACSE')),
      enfantsACharge: nullable(fc.integer({ min: 0, max: 15 })),
      modeGarde: nullable(fc.constantFrom('SANS_OBJET', 'DIFFICULTE')),
      representantsLegaux: fc.array(fc.record({ nom: fc.constantFrom('Durand', 'Hoarau'), prenom: fc.constantFrom('Anne', 'Paul'), lien: fc.constantFrom('Mère', 'Tuteur'), telephone: nullable(fc.constant('0612345678')), email: fc.constant(null) }), { maxLength: 4 }),
    }),
    cursus: section({
      niveauFormation: nullable(fc.constantFrom('3', '4', 'V_BIS')),
      derniereClasse: nullable(fc.constantFrom('Terminale', '3e', 'CAP 2e année')),
      dateSortieFormationInitiale: nullable(day),
      diplomes: fc.array(fc.record({ intitule: fc.constantFrom('CAP cuisine', 'Bac pro'), niveau: nullable(fc.constantFrom('3', '4')), dateObtention: nullable(day) }), { maxLength: 3 }),
      experiences: fc.array(fc.record({ intitule: fc.constantFrom('Plonge', 'Vendanges'), romeCode: nullable(fc.constantFrom('G1602', 'a1401')), employeur: nullable(fc.constant('SARL Test')), dateDebut: nullable(day), dateFin: nullable(day) }), { maxLength: 3 }),
      langues: fc.array(fc.record({ langue: fc.constantFrom('Anglais', 'Créole'), niveau: fc.constantFrom('B1', 'MATERNELLE') }), { maxLength: 3 }),
    }),
    situations: fc.array(maybe(situationArb), { maxLength: 4 }),
    ressources: fc.record({ liste: nullable(fc.array(fc.record({ type: fc.constantFrom('RSA', 'AAH', 'ARE'), dateDebut: nullable(day), dateFin: nullable(day), numeroAllocataire: nullable(fc.stringMatching(/^[0-9A-Za-z]{4,20}$/)) }), { maxLength: 3 })) }),
    logement: section({ situation: nullable(fc.constantFrom('PARENTS', 'SANS_DOMICILE')), difficulte: nullable(fc.boolean()) }),
    mobilite: section({ permis: fc.array(fc.constantFrom('B', 'AM', 'A1'), { maxLength: 8 }), vehicule: nullable(fc.boolean()), moyensTransport: fc.array(fc.constantFrom('VELO', 'A_PIED'), { maxLength: 5 }) }),
    sante: section({ rqth: nullable(fc.boolean()), rqthFin: nullable(day) }),
    franceTravail: section({ inscrit: nullable(fc.boolean()), identifiant: nullable(fc.stringMatching(/^[0-9A-Z]{7,11}$/)), dateInscription: nullable(day) }),
  },
  { requiredKeys: ['version'] },
);

/** Everything a dossier edit may write: the row, its addresses and situations, its update audit rows. */
const stateOf = async (sequelize: Sequelize, id: string) =>
  (
    await sequelize.query(
      `SELECT to_jsonb(j) AS jeune,
              (SELECT count(*) FROM jeune_adresse a WHERE a.jeune_id = j.id) AS adresses,
              (SELECT count(*) FROM situation s WHERE s.jeune_id = j.id) AS situations,
              (SELECT count(*) FROM audit_log l WHERE l.target_id = j.id::text AND l.action <> 'dossiers.read') AS writes
       FROM jeune j WHERE j.id = :id`,
      { type: QueryTypes.SELECT, replacements: { id } },
    )
  )[0];

const columnsOf = async (sequelize: Sequelize, id: string, columns: string) =>
  (await sequelize.query<Record<string, unknown>>(`SELECT ${columns} FROM jeune WHERE id = :id`, { type: QueryTypes.SELECT, replacements: { id } }))[0]!;

describe('the dossier of a jeune (GET/PATCH /api/v1/jeunes/{id})', () => {
  describe('reading', () => {
    it('when the référent conseiller opens the dossier, every section is there, editable, masked, and the read is audited', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const id = randomUUID();
      await world.jeune({ id, referentId: conseiller.id, nirEnc: sealSensitive(world.ctx.crypto, 'nir', id, NIR) });

      const res = await conseiller.get(id);

      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(dossierSchema.safeParse(res.body).error).toBeUndefined();
      expect(res.body.sections).toEqual([...SECTIONS_DOSSIER]);
      expect(res.body.editables).toEqual([...SECTIONS_DOSSIER]);
      for (const section of SECTIONS_DOSSIER) {
        expect(res.body[section]).withContext(section).toBeDefined();
      }
      expect(res.body).toEqual(
        jasmine.objectContaining({ id, version: 1, age: 18, dansMonPortefeuille: true, referent: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' } }),
      );
      expect(res.body.identite.nirMasque).toBe('••••••••••••265');
      expect(JSON.stringify(res.body)).not.toContain(NIR);
      expect(res.body.completude.niveau).toBe('partiel');
      expect(await auditRows(world.db.sequelize, { targetId: id, action: 'dossiers.read' })).toEqual([
        jasmine.objectContaining({
          actor_id: conseiller.id,
          mission_locale_id: world.ml.id,
          target_type: 'jeune',
          details: { sections: [...SECTIONS_DOSSIER], horsPortefeuille: false },
        }),
      ]);
    });

    it("when a chargé d'accueil opens a dossier, only identité and coordonnées are there, and no reason is asked", async () => {
      const world = await aWorld();
      const accueil = await world.staff(['charge_accueil']);
      const { id } = await world.jeune();

      const res = await accueil.get(id);

      expect(res.status).toBe(200);
      expect(dossierSchema.safeParse(res.body).error).toBeUndefined();
      expect(res.body.sections).toEqual([...SECTIONS_ACCUEIL]);
      expect(res.body.editables).toEqual([...SECTIONS_ACCUEIL]);
      expect(Object.keys(res.body)).toEqual(jasmine.arrayContaining(['identite', 'coordonnees']));
      for (const section of SECTIONS_DOSSIER.filter((section) => !SECTIONS_ACCUEIL.includes(section))) {
        expect(section in res.body).withContext(section).toBeFalse();
      }
    });

    it("when the Mission Locale is in La Réunion, the age is counted on La Réunion's day", async () => {
      // 23:00 in Paris on the 13th is already the 14th, the jeune's birthday, in La Réunion (UTC+4).
      const world = await aWorld({ timezone: 'Indian/Reunion', now: new Date('2026-03-13T22:00:00Z') });
      const conseiller = await world.staff(['conseiller']);
      const { id } = await world.jeune({ referentId: conseiller.id });

      expect((await conseiller.get(id)).body.age).toBe(18);
    });

    it('when anyone asks for a dossier of another Mission Locale or an unknown one, every route answers 404 and writes nothing', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const other = await aMissionLocale(world.db.sequelize);
      const foreignId = randomUUID();
      await world.jeune({ id: foreignId, nirEnc: sealSensitive(world.ctx.crypto, 'nir', foreignId, NIR) }, other);

      for (const id of [foreignId, randomUUID()]) {
        const before = await stateOf(world.db.sequelize, foreignId);
        const answers = [
          await conseiller.get(id),
          await conseiller.patch(id, { version: 1, mobilite: { permis: ['B'], vehicule: true, moyensTransport: [] } }),
          await conseiller.post(`/api/v1/jeunes/${id}/acces`, { motif: MOTIF }),
          await conseiller.post(`/api/v1/jeunes/${id}/revelation`, { champ: 'nir' }),
        ];

        for (const [index, res] of answers.entries()) {
          expect({ status: res.status, code: res.body.code }).withContext(`call ${index} on ${id}`).toEqual({ status: 404, code: 'not-found' });
          expect(JSON.stringify(res.body)).not.toContain(NIR);
        }
        expect(await stateOf(world.db.sequelize, foreignId)).toEqual(before);
      }
    });

    it('when the id is not a uuid, it answers 400 on the id', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);

      const res = await conseiller.get('pas-un-uuid');

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'id', message: jasmine.any(String) }]);
    });
  });

  describe('outside the portfolio', () => {
    it('when a conseiller opens a dossier they are not référent of, a reason is asked first, stored in the audit, then remembered', async () => {
      const world = await aWorld();
      const referente = await world.staff(['conseiller']);
      const collegue = await world.staff(['conseiller']);
      const { id } = await world.jeune({ referentId: referente.id });

      const refused = await collegue.get(id);
      const badReason = await collegue.post(`/api/v1/jeunes/${id}/acces`, { motif: 'ok' });
      const reason = await collegue.post(`/api/v1/jeunes/${id}/acces`, { motif: MOTIF });
      const opened = await collegue.get(id);
      const again = await collegue.get(id);

      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'motif-acces-requis' });
      expect(refused.body.identite).toBeUndefined();
      expect(badReason.status).toBe(400);
      expect(reason.status).toBe(204);
      expect(opened.status).toBe(200);
      expect(opened.body.dansMonPortefeuille).toBeFalse();
      expect(again.status).toBe(200);
      expect(await auditRows(world.db.sequelize, { targetId: id, actorId: collegue.id })).toEqual([
        jasmine.objectContaining({ action: 'dossiers.access-reason', details: { motif: MOTIF, horsPortefeuille: true } }),
        jasmine.objectContaining({ action: 'dossiers.read', details: { sections: [...SECTIONS_DOSSIER], horsPortefeuille: true, motif: MOTIF } }),
        jasmine.objectContaining({ action: 'dossiers.read', details: { sections: [...SECTIONS_DOSSIER], horsPortefeuille: true, motif: MOTIF } }),
      ]);
    });

    it('when the same user signs in again, or opens another dossier, the reason is asked again', async () => {
      const world = await aWorld();
      const collegue = await world.staff(['conseiller']);
      const first = await world.jeune();
      const second = await world.jeune();
      await collegue.post(`/api/v1/jeunes/${first.id}/acces`, { motif: MOTIF });

      const otherDossier = await collegue.get(second.id);
      const newSession = await signedIn(world.app, collegue.login);
      const sameDossierNewSession = await newSession.agent.get(`/api/v1/jeunes/${first.id}`);

      expect(otherDossier.body.code).toBe('motif-acces-requis');
      expect(sameDossierNewSession.body.code).toBe('motif-acces-requis');
    });

    it('when the direction edits, reveals or reads outside its portfolio, the same reason is asked (a 409 would show the dossier)', async () => {
      const world = await aWorld();
      const direction = await world.staff(['direction']);
      const collegue = await world.staff(['conseiller']);
      const id = randomUUID();
      await world.jeune({ id, nirEnc: sealSensitive(world.ctx.crypto, 'nir', id, NIR) });

      const reveal = await direction.post(`/api/v1/jeunes/${id}/revelation`, { champ: 'nir' });
      const patch = await collegue.patch(id, { version: 99, sante: { rqth: true, rqthFin: null } });

      expect(reveal.body.code).toBe('motif-acces-requis');
      expect({ status: patch.status, code: patch.body.code }).toEqual({ status: 403, code: 'motif-acces-requis' });
      expect(patch.body.current).toBeUndefined();
    });
  });

  describe('editing', () => {
    it('when the version read is stale, it answers 409 with the current dossier and writes nothing', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const { id } = await world.jeune({ referentId: conseiller.id });
      expect((await conseiller.patch(id, { version: 1, logement: { situation: 'AUTONOME', difficulte: false } })).status).toBe(200);
      const before = await stateOf(world.db.sequelize, id);

      const res = await conseiller.patch(id, { version: 1, logement: { situation: 'SANS_DOMICILE', difficulte: true } });

      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'conflict' });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(dossierSchema.safeParse(res.body.current).error).toBeUndefined();
      expect(res.body.current.version).toBe(2);
      expect(res.body.current.logement).toEqual({ situation: 'AUTONOME', difficulte: false });
      expect(await stateOf(world.db.sequelize, id)).toEqual(before);
    });

    it('when the conseiller fills what « complet » asks, the version moves on, completeness is recomputed and stored, the audit names the sections only', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const { id } = await world.jeune({ referentId: conseiller.id });
      const before = await conseiller.get(id);
      world.clock.advanceMinutes(5);

      const res = await conseiller.patch(id, { version: 1, ...COMPLET });

      expect(before.body.completude.niveau).toBe('partiel');
      expect(res.status).toBe(200);
      expect(dossierSchema.safeParse(res.body).error).toBeUndefined();
      expect(res.body.version).toBe(2);
      expect(res.body.completude).toEqual(jasmine.objectContaining({ niveau: 'complet', prochainNiveau: 'justifie' }));
      expect(res.body.modifiePar).toEqual({ id: conseiller.id, prenom: 'Camille', nom: 'Martin' });
      expect(res.body.modifieLe).toBe(world.clock.now().toISOString());
      expect(res.body.identite.nomNaissance).toBe('DURAND');
      expect(res.body.coordonnees.telephone).toBe('0612345678');
      expect(res.body.coordonnees.adresse).toEqual({ ...ADRESSE, ligne2: null, qpvCode: null, communeNom: 'Bordeaux', depuis: '2026-11-30' });
      expect(await columnsOf(world.db.sequelize, id, 'version, completude, updated_by, commune_insee')).toEqual({
        version: 2,
        completude: 'complet',
        updated_by: conseiller.id,
        commune_insee: '33063',
      });
      const [update] = await auditRows(world.db.sequelize, { targetId: id, action: 'dossiers.update' });
      expect(update?.['details']).toEqual({ sections: ['identite', 'coordonnees', 'famille', 'cursus', 'ressources', 'logement', 'sante', 'franceTravail'] });
      expect(JSON.stringify(update)).not.toContain('0612345678');
    });

    it('when the address changes on a later day, the old one is kept as history and the commune follows the new one', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const { id } = await world.jeune({ referentId: conseiller.id });
      await conseiller.patch(id, { version: 1, coordonnees: COORDONNEES });
      // A same-day correction is a typo, not a move: corrected in place.
      await conseiller.patch(id, { version: 2, coordonnees: { ...COORDONNEES, adresse: { ...ADRESSE, ligne1: '14 rue Sainte-Catherine' } } });
      world.clock.advanceDays(40);
      const nextMonth = await signedIn(world.app, conseiller.login);
      const toulouse = { ligne1: '3 place du Capitole', codePostal: '31000', communeInsee: '31555', qpvCode: 'qn03101m' };

      const res = await nextMonth.agent
        .patch(`/api/v1/jeunes/${id}`)
        .set('X-XSRF-TOKEN', nextMonth.token)
        .send({ version: 3, coordonnees: { ...COORDONNEES, adresse: toulouse } });

      expect(res.status).toBe(200);
      expect(res.body.coordonnees.adresse).toEqual({ ...toulouse, qpvCode: 'QN03101M', ligne2: null, communeNom: 'Toulouse', depuis: '2027-01-09' });
      expect(res.body.coordonnees.adressesPrecedentes).toEqual([
        { ...ADRESSE, ligne1: '14 rue Sainte-Catherine', ligne2: null, qpvCode: null, communeNom: 'Bordeaux', depuis: '2026-11-30', jusquau: '2027-01-09' },
      ]);
      expect(await columnsOf(world.db.sequelize, id, 'commune_insee, qpv_code')).toEqual({ commune_insee: '31555', qpv_code: 'QN03101M' });
    });

    it('when situations are sent, they replace the stored ones by id and the current one is computed and stored', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const { id } = await world.jeune({ referentId: conseiller.id });
      const formation = { categorie: 'FORMATION', etat: 'EN_COURS', dateDebut: '2026-09-01', dateFin: null };
      const first = await conseiller.patch(id, {
        version: 1,
        situations: [formation, { categorie: 'DEMANDEUR_EMPLOI', etat: 'TERMINE', dateDebut: '2026-01-05', dateFin: '2026-08-31' }],
      });
      const kept = (first.body.situations as { id: string; categorie: string }[]).find((situation) => situation.categorie === 'FORMATION')!;

      const res = await conseiller.patch(id, {
        version: 2,
        situations: [
          { ...formation, id: kept.id, intitule: 'Titre pro cuisinier' },
          { categorie: 'EMPLOI', etat: 'EN_COURS', dateDebut: '2026-11-02', dateFin: null, romeCode: 'g1602' },
        ],
      });

      expect(first.body.situationCourante).toEqual(jasmine.objectContaining({ categorie: 'FORMATION', etat: 'EN_COURS' }));
      expect(res.status).toBe(200);
      expect(res.body.situations.length).toBe(2);
      expect(res.body.situations).toContain(jasmine.objectContaining({ id: kept.id, intitule: 'Titre pro cuisinier' }));
      // i-milo's order: EMPLOI before FORMATION.
      expect(res.body.situationCourante).toEqual(jasmine.objectContaining({ categorie: 'EMPLOI', romeCode: 'G1602' }));
      expect(await columnsOf(world.db.sequelize, id, 'situation_courante_categorie, situation_courante_etat')).toEqual({
        situation_courante_categorie: 'EMPLOI',
        situation_courante_etat: 'EN_COURS',
      });
    });

    it("when a situation id belongs to another jeune's dossier, it answers 400 on that situation and writes nothing", async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const mine = await world.jeune({ referentId: conseiller.id });
      const theirs = await world.jeune({ referentId: conseiller.id });
      const situation = { categorie: 'FORMATION', etat: 'EN_COURS', dateDebut: '2026-09-01', dateFin: null };
      const theirSituation = (await conseiller.patch(theirs.id, { version: 1, situations: [situation] })).body.situations[0].id as string;
      const before = [await stateOf(world.db.sequelize, mine.id), await stateOf(world.db.sequelize, theirs.id)];

      const res = await conseiller.patch(mine.id, { version: 1, situations: [situation, { ...situation, id: theirSituation }] });

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'situations.1.id', message: jasmine.any(String) }]);
      expect([await stateOf(world.db.sequelize, mine.id), await stateOf(world.db.sequelize, theirs.id)]).toEqual(before);
    });

    it("when a chargé d'accueil edits the cursus it answers 403; identité and coordonnées they may edit", async () => {
      const world = await aWorld();
      const accueil = await world.staff(['charge_accueil']);
      const { id } = await world.jeune();
      const before = await stateOf(world.db.sequelize, id);

      const cursus = await accueil.patch(id, { version: 1, cursus: COMPLET.cursus });
      const mixed = await accueil.patch(id, { version: 1, coordonnees: COORDONNEES, cursus: COMPLET.cursus });
      const afterRefusals = await stateOf(world.db.sequelize, id);
      const coordonnees = await accueil.patch(id, { version: 1, identite: IDENTITE, coordonnees: COORDONNEES });

      expect({ status: cursus.status, code: cursus.body.code }).toEqual({ status: 403, code: 'forbidden' });
      expect(mixed.status).toBe(403);
      expect(afterRefusals).toEqual(before);
      expect(coordonnees.status).toBe(200);
      expect(coordonnees.body.sections).toEqual([...SECTIONS_ACCUEIL]);
      expect(coordonnees.body.cursus).toBeUndefined();
    });

    it('when the direction edits a dossier, it answers 403 forbidden', async () => {
      const world = await aWorld();
      const direction = await world.staff(['direction']);
      const { id } = await world.jeune({ referentId: direction.id });

      const res = await direction.patch(id, { version: 1, logement: { situation: 'PARENTS', difficulte: null } });

      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'forbidden' });
    });

    it('when a commune INSEE code names no commune, it answers 400 on each such field and writes nothing', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const { id } = await world.jeune({ referentId: conseiller.id });
      const before = await stateOf(world.db.sequelize, id);

      const res = await conseiller.patch(id, {
        version: 1,
        identite: { ...IDENTITE, communeNaissanceInsee: '33999' },
        coordonnees: { ...COORDONNEES, adresse: { ...ADRESSE, communeInsee: '99999' } },
      });

      expect(res.status).toBe(400);
      expect(res.body.errors.map((error: { path: string }) => error.path)).toEqual(['identite.communeNaissanceInsee', 'coordonnees.adresse.communeInsee']);
      expect(await stateOf(world.db.sequelize, id)).toEqual(before);
    });

    it('when a body is invalid, it answers 400 with the failing fields and writes nothing', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const { id } = await world.jeune({ referentId: conseiller.id });
      const before = await stateOf(world.db.sequelize, id);
      const cases: [unknown, string[]][] = [
        [{ version: 1 }, ['(corps)']],
        [{ logement: { situation: 'PARENTS', difficulte: null } }, ['version']],
        [{ version: 1, inconnu: true, logement: { situation: 'PARENTS', difficulte: null } }, ['(corps)']],
        [{ version: 1, identite: { ...IDENTITE, nir: '108023306304266' } }, ['identite.nir']],
        [{ version: 1, identite: { ...IDENTITE, dateNaissance: '2008-02-30' } }, ['identite.dateNaissance']],
        [{ version: 1, identite: { ...IDENTITE, dateNaissance: '0000-01-01' } }, ['identite.dateNaissance']],
        [{ version: 1, coordonnees: { ...COORDONNEES, telephone: '12' } }, ['coordonnees.telephone']],
        [{ version: 1, situations: [{ categorie: 'EMPLOI', etat: 'TERMINE', dateDebut: '2026-01-01', dateFin: null }] }, ['situations.0.dateFin']],
        [{ version: 1, cursus: { ...COMPLET.cursus, diplomes: [{ intitule: 'CAP\u0000', niveau: null, dateObtention: null }] } }, ['cursus.diplomes.0.intitule']],
        [{ version: 1, cursus: { ...COMPLET.cursus, derniereClasse: 'Seconde \ud800' } }, ['cursus.derniereClasse']],
      ];

      for (const [body, paths] of cases) {
        const res = await conseiller.patch(id, body);

        expect(res.status).withContext(JSON.stringify(body)).toBe(400);
        expect(res.body.code).toBe('validation-failed');
        expect(res.body.errors.map((error: { path: string }) => error.path))
          .withContext(JSON.stringify(body))
          .toEqual(paths);
      }
      expect(await stateOf(world.db.sequelize, id)).toEqual(before);
    });

    it('when PATCH bodies are fuzzed, the answer is 200, 400 or 409 — never a server error — and a 200 is a valid dossier', async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const { id } = await world.jeune({ referentId: conseiller.id });
      const seen = new Set<number>();

      await fc.assert(
        fc.asyncProperty(fc.oneof({ arbitrary: patchBody, weight: 6 }, { arbitrary: anyValue, weight: 1 }), async (generated) => {
          const current = (await columnsOf(world.db.sequelize, id, 'version'))['version'];
          const sent = isRecord(generated) && generated['version'] === 'CURRENT' ? { ...generated, version: current } : generated;

          const res = await conseiller.patch(id, sent);

          seen.add(res.status);
          expect([200, 400, 409]).withContext(`${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(sent)}`).toContain(res.status);
          if (res.status === 200) {
            expect(dossierSchema.safeParse(res.body).error).toBeUndefined();
          }
          return [200, 400, 409].includes(res.status);
        }),
        { numRuns: 150, seed: 20261130 },
      );
      expect([...seen].sort()).toEqual([200, 400, 409]);
    }, 120_000);
  });

  describe('sensitive numbers', () => {
    const withNir = async () => {
      const world = await aWorld();
      const conseiller = await world.staff(['conseiller']);
      const { id } = await world.jeune({ referentId: conseiller.id });
      const saved = await conseiller.patch(id, {
        version: 1,
        identite: { ...IDENTITE, nir: NIR_SPACED, nirCertifie: true, pieceIdentiteType: 'CNI', pieceIdentiteNumero: 'x4rt56y' },
      });
      return { world, conseiller, id, saved };
    };

    it('when a NIR is recorded, the dossier shows its mask only, and the table holds no digit of it in clear', async () => {
      const { world, id, saved } = await withNir();

      const stored = await columnsOf(world.db.sequelize, id, "nir_enc, encode(nir_enc, 'escape') AS escaped, piece_identite_num_enc, nir_certifie");

      expect(saved.status).toBe(200);
      expect(saved.body.identite).toEqual(
        jasmine.objectContaining({ nirMasque: '••••••••••••265', nirCertifie: true, pieceIdentiteNumeroMasque: '••••56Y' }),
      );
      expect(JSON.stringify(saved.body)).not.toContain(NIR);
      const nirEnc = stored['nir_enc'] as Buffer;
      expect(Buffer.isBuffer(nirEnc)).toBeTrue();
      expect(nirEnc.length).toBe(1 + 12 + 16 + NIR.length);
      for (const view of [nirEnc.toString('latin1'), nirEnc.toString('utf8'), nirEnc.toString('hex'), String(stored['escaped'])]) {
        expect(view).not.toContain(NIR);
        expect(view).not.toContain(NIR.slice(0, 7));
      }
      expect((stored['piece_identite_num_enc'] as Buffer).toString('latin1')).not.toContain('X4RT56Y');
    });

    it('when a conseiller reveals the NIR, they get it, and the audit row names the field, never the value', async () => {
      const { world, conseiller, id } = await withNir();

      const nir = await conseiller.post(`/api/v1/jeunes/${id}/revelation`, { champ: 'nir' });
      const piece = await conseiller.post(`/api/v1/jeunes/${id}/revelation`, { champ: 'pieceIdentiteNumero' });

      expect(nir.status).toBe(200);
      expect(nir.headers['cache-control']).toBe('no-store');
      expect(nir.body).toEqual({ champ: 'nir', valeur: NIR });
      expect(piece.body).toEqual({ champ: 'pieceIdentiteNumero', valeur: 'X4RT56Y' });
      const rows = await auditRows(world.db.sequelize, { targetId: id, action: 'dossiers.reveal' });
      expect(rows.map((row) => row['details'])).toEqual([{ champ: 'nir' }, { champ: 'pieceIdentiteNumero' }]);
      const everything = JSON.stringify(await auditRows(world.db.sequelize, { targetId: id }));
      expect(everything).not.toContain(NIR);
      expect(everything).not.toContain('X4RT56Y');
      expect(capturedLogs.filter((line) => line.includes(NIR) || line.includes('X4RT56Y'))).toEqual([]);
    });

    it('when the NIR is left out of an edit it is kept, and null erases it; then revealing it answers 404', async () => {
      const { world, conseiller, id } = await withNir();

      const kept = await conseiller.patch(id, { version: 2, identite: { ...IDENTITE, nirCertifie: true } });
      const erased = await conseiller.patch(id, { version: 3, identite: { ...IDENTITE, nir: null, nirCertifie: true } });
      const reveal = await conseiller.post(`/api/v1/jeunes/${id}/revelation`, { champ: 'nir' });

      expect(kept.body.identite.nirMasque).toBe('••••••••••••265');
      expect(erased.body.identite).toEqual(jasmine.objectContaining({ nirMasque: null, nirCertifie: false }));
      expect(await columnsOf(world.db.sequelize, id, 'nir_enc')).toEqual({ nir_enc: null });
      expect({ status: reveal.status, code: reveal.body.code }).toEqual({ status: 404, code: 'not-found' });
    });

    it("when a chargé d'accueil asks to reveal a NIR, it answers 403", async () => {
      const { world, id } = await withNir();
      const accueil = await world.staff(['charge_accueil']);

      const res = await accueil.post(`/api/v1/jeunes/${id}/revelation`, { champ: 'nir' });

      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'forbidden' });
    });
  });
});
