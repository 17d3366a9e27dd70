import { QueryTypes } from 'sequelize';
import { offreInterneSchema, TYPES_EVENEMENT_NATIONAUX, typeEvenementSchema } from '@imilo/domain';
import { aMissionLocale, auditRows } from '../support/builders';
import { anOffre, aSuiviWorld, aTypeEvenement } from '../support/suivi-builders';

describe('Suivi — référentiels (GET/POST /types-evenement, GET/POST/PATCH /offres-internes)', () => {
  describe('types of événement', () => {
    it("when listed, they are the active national types and the Mission Locale's own, by order then libellé; nobody else's", async () => {
      const world = await aSuiviWorld();
      const conseiller = await world.staff(['conseiller']);
      const other = await aMissionLocale(world.db.sequelize);
      await aTypeEvenement(world.db.sequelize, world.ml, { code: 'PERMANENCE_LYCEE', libelle: 'Permanence au lycée', contact: true });
      await aTypeEvenement(world.db.sequelize, world.ml, { code: 'BILAN_PARTENAIRE', libelle: 'Bilan avec un partenaire', contact: false });
      await aTypeEvenement(world.db.sequelize, world.ml, { code: 'RETIRE', actif: false });
      await aTypeEvenement(world.db.sequelize, other, { code: 'AILLEURS' });

      const res = await conseiller.get('/api/v1/types-evenement');

      expect(res.status).toBe(200);
      for (const type of res.body) {
        expect(typeEvenementSchema.safeParse(type).error).toBeUndefined();
      }
      expect(res.body).toEqual([
        ...TYPES_EVENEMENT_NATIONAUX.map((type) => ({ code: type.code, libelle: type.libelle, national: true, contact: type.contact })),
        { code: 'BILAN_PARTENAIRE', libelle: 'Bilan avec un partenaire', national: false, contact: false },
        { code: 'PERMANENCE_LYCEE', libelle: 'Permanence au lycée', national: false, contact: true },
      ]);
    });

    it("when the Mission Locale's administrator adds a type, its staff can use it; a national code or one already taken is a 409", async () => {
      const world = await aSuiviWorld();
      const admin = await world.staff(['admin_ml']);
      const conseiller = await world.staff(['conseiller']);
      const jeune = await world.jeune({ referentId: conseiller.id });
      const otherMl = await aMissionLocale(world.db.sequelize);
      const otherAdmin = await world.staff(['admin_ml'], otherMl);

      const created = await admin.post('/api/v1/types-evenement', { code: ' visite_domicile ', libelle: 'Visite à domicile', contact: true });
      const again = await admin.post('/api/v1/types-evenement', { code: 'VISITE_DOMICILE', libelle: 'Autre', contact: false });
      const national = await admin.post('/api/v1/types-evenement', { code: 'atelier', libelle: 'Atelier bis', contact: true });
      const elsewhere = await otherAdmin.post('/api/v1/types-evenement', { code: 'VISITE_DOMICILE', libelle: 'Visite', contact: true });
      const refused = await conseiller.post('/api/v1/types-evenement', { code: 'AUTRE_TYPE', libelle: 'Autre', contact: true });
      const invalid = await admin.post('/api/v1/types-evenement', { code: '1A', libelle: 'Chiffre', contact: 'oui' });

      expect([created.status, created.body]).toEqual([201, { code: 'VISITE_DOMICILE', libelle: 'Visite à domicile', national: false, contact: true }]);
      expect([again.status, again.body.code]).toEqual([409, 'conflict']);
      expect([national.status, national.body.code]).toEqual([409, 'conflict']);
      expect(elsewhere.status).toBe(201);
      expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
      expect([invalid.status, invalid.body.errors.map((error: { path: string }) => error.path)]).toEqual([400, ['code', 'contact']]);
      const count = await world.db.sequelize.query<{ n: string }>("SELECT count(*) AS n FROM type_evenement WHERE code = 'VISITE_DOMICILE'", {
        type: QueryTypes.SELECT,
      });
      expect(count[0]?.n).toBe('2');
      const used = await conseiller.post(`/api/v1/jeunes/${jeune.id}/evenements`, {
        date: '2026-11-30T10:00:00+01:00',
        typeCode: 'VISITE_DOMICILE',
        lieu: { type: 'ADRESSE', adresse: '3 rue du Port' },
        themes: ['LOGEMENT'],
      });
      expect([used.status, used.body.type]).toEqual([201, { code: 'VISITE_DOMICILE', libelle: 'Visite à domicile' }]);
      const [audit] = await auditRows(world.db.sequelize, { actorId: admin.id, action: 'types-evenement.create' });
      expect(audit).toEqual(jasmine.objectContaining({ mission_locale_id: world.ml.id, target_type: 'type_evenement', target_id: 'VISITE_DOMICILE' }));
    });

    it('when a jeune account or nobody asks for the types, it is refused', async () => {
      const world = await aSuiviWorld();
      const jeune = await world.staff(['jeune']);

      expect((await jeune.get('/api/v1/types-evenement')).status).toBe(403);
    });
  });

  describe('internal offre de service', () => {
    it("when listed, the Mission Locale's active offres come by libellé; all of them with toutes=true; never another Mission Locale's", async () => {
      const world = await aSuiviWorld();
      const conseiller = await world.staff(['conseiller']);
      const cv = await anOffre(world.db.sequelize, world.ml, { code: 'CV', libelle: 'Atelier CV', theme: 'EMPLOI' });
      const mobilite = await anOffre(world.db.sequelize, world.ml, { code: 'MOB', libelle: 'Prestation mobilité', theme: 'MOBILITE', type: 'PRESTATION' });
      const retiree = await anOffre(world.db.sequelize, world.ml, { code: 'OLD', libelle: 'Ancien atelier', actif: false });
      await anOffre(world.db.sequelize, await aMissionLocale(world.db.sequelize), { code: 'CV' });

      const active = await conseiller.get('/api/v1/offres-internes');
      const all = await conseiller.get('/api/v1/offres-internes', { toutes: 'true' });
      const bad = await conseiller.get('/api/v1/offres-internes', { toutes: 'oui' });

      expect(active.body.map((offre: { id: string }) => offre.id)).toEqual([cv.id, mobilite.id]);
      expect(all.body.map((offre: { id: string }) => offre.id)).toEqual([retiree.id, cv.id, mobilite.id]);
      for (const offre of all.body) {
        expect(offreInterneSchema.safeParse(offre).error).toBeUndefined();
      }
      expect([bad.status, bad.body.errors[0].path]).toEqual([400, 'toutes']);
    });

    it("when the administrator adds and changes offres, a code is unique in the Mission Locale (409), another Mission Locale's offre is out of reach (404)", async () => {
      const world = await aSuiviWorld();
      const admin = await world.staff(['admin_ml']);
      const conseiller = await world.staff(['conseiller']);
      const jeune = await world.jeune({ referentId: conseiller.id });
      const foreign = await anOffre(world.db.sequelize, await aMissionLocale(world.db.sequelize), { code: 'P61' });
      const offre = { code: 'p61', libelle: 'Atelier projet professionnel', theme: 'PROJET_PROFESSIONNEL', type: 'ATELIER', actif: true };

      const created = await admin.post('/api/v1/offres-internes', offre);
      const twice = await admin.post('/api/v1/offres-internes', { ...offre, libelle: 'Autre' });
      const patched = await admin.patch(`/api/v1/offres-internes/${created.body.id}`, { libelle: 'Atelier projet', theme: 'PROJET_PROFESSIONNEL', type: 'ATELIER', actif: false });
      const foreignPatch = await admin.patch(`/api/v1/offres-internes/${foreign.id}`, { libelle: 'Piraté', theme: 'EMPLOI', type: 'ATELIER', actif: false });
      const withCode = await admin.patch(`/api/v1/offres-internes/${created.body.id}`, { ...offre, actif: true });
      const byConseiller = await conseiller.post('/api/v1/offres-internes', { ...offre, code: 'P62' });

      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: jasmine.any(String), code: 'P61', libelle: 'Atelier projet professionnel', theme: 'PROJET_PROFESSIONNEL', type: 'ATELIER', actif: true });
      expect([twice.status, twice.body.code]).toEqual([409, 'conflict']);
      expect(patched.body).toEqual({ ...created.body, libelle: 'Atelier projet', actif: false });
      expect([foreignPatch.status, foreignPatch.body.code]).toEqual([404, 'not-found']);
      expect([withCode.status, withCode.body.errors[0].path]).toEqual([400, '(corps)']);
      expect(byConseiller.status).toBe(403);
      const foreignRow = await world.db.sequelize.query('SELECT libelle, actif FROM offre_interne WHERE id = $id', {
        type: QueryTypes.SELECT,
        bind: { id: foreign.id },
      });
      expect(foreignRow).toEqual([{ libelle: 'Atelier projet professionnel', actif: true }]);
      // Withdrawn: no longer proposable.
      const proposed = await conseiller.post(`/api/v1/jeunes/${jeune.id}/propositions`, { offreId: created.body.id });
      expect([proposed.status, proposed.body.errors[0].path]).toEqual([400, 'offreId']);
      const audit = await auditRows(world.db.sequelize, { actorId: admin.id });
      expect(audit.map((row) => row['action'])).toEqual(jasmine.arrayContaining(['offres-internes.create', 'offres-internes.update']));
    });
  });
});
