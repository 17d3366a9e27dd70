import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { actionSchema, evenementSchema, propositionSchema } from '@imilo/domain';
import { aMissionLocale, auditRows } from '../support/builders';
import { aProposition, anAction, anEvenement, anOffre, aSuiviWorld, aTypeEvenement, suiviCounts } from '../support/suivi-builders';
import { capturedLogs } from '../support/test-app';

// Free text typed about the jeune: it may be read by the staff, never copied into an audit row or a log line.
const OBJET = 'Bilan de la recherche de stage';
const CONTEXTE = 'Le jeune évoque des tensions familiales importantes';
const COMMENTAIRE = 'Très motivé par la restauration collective';
const DESCRIPTION = 'Reprendre la rubrique expériences avec la lettre';

const aBody = (overrides: object = {}) => ({
  date: '2026-11-30T09:30:00+01:00',
  typeCode: 'ENTRETIEN_INDIVIDUEL',
  lieu: { type: 'DISTANCE' },
  themes: ['EMPLOI'],
  objet: OBJET,
  contexte: CONTEXTE,
  ...overrides,
});

const one = async (sequelize: Sequelize, sql: string, bind: Record<string, unknown>) =>
  (await sequelize.query<Record<string, unknown>>(sql, { type: QueryTypes.SELECT, bind }))[0];

/** A world with a conseiller and a jeune of their portfolio. */
const withJeune = async (options: Parameters<typeof aSuiviWorld>[0] = {}) => {
  const world = await aSuiviWorld(options);
  const conseiller = await world.staff(['conseiller']);
  const jeune = await world.jeune({ referentId: conseiller.id });
  return { world, conseiller, jeune, url: `/api/v1/jeunes/${jeune.id}/evenements` };
};

describe('Suivi — événements (POST/GET /jeunes/:id/evenements, GET/PATCH/DELETE /evenements/:id)', () => {
  describe('creation', () => {
    it('when a conseiller records an événement with actions and propositions, all are created in one go, linked to it', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const offre = await anOffre(world.db.sequelize, world.ml, { libelle: 'Atelier projet professionnel', theme: 'PROJET_PROFESSIONNEL' });

      const res = await conseiller.post(
        url,
        aBody({
          lieu: { type: 'SITE', siteId: world.ml.siteId },
          dureeMinutes: 45,
          partenaire: 'Lycée hôtelier',
          actions: [{ titre: 'Mettre à jour son CV', description: DESCRIPTION, echeance: '2026-12-07' }],
          propositions: [{ offreId: offre.id }, { libelle: 'Stage en cuisine', theme: 'FORMATION', commentaire: COMMENTAIRE }],
        }),
      );

      expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['location']).toBe(`/api/v1/evenements/${res.body.id}`);
      expect(evenementSchema.safeParse(res.body).error).toBeUndefined();
      expect(res.body).toEqual(
        jasmine.objectContaining({
          jeuneId: jeune.id,
          date: '2026-11-30T08:30:00.000Z',
          dureeMinutes: 45,
          type: { code: 'ENTRETIEN_INDIVIDUEL', libelle: 'Entretien individuel' },
          lieu: { type: 'SITE', siteId: world.ml.siteId, siteNom: 'Siège', adresse: null },
          themes: ['EMPLOI'],
          objet: OBJET,
          contexte: CONTEXTE,
          partenaire: 'Lycée hôtelier',
          conseiller: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' },
          origine: 'SAISIE',
          propositionId: null,
          version: 1,
          modifiePar: null,
        }),
      );
      expect(res.body.actionIds.length).toBe(1);
      expect(res.body.propositionIds.length).toBe(2);

      const actions = await conseiller.get(`/api/v1/jeunes/${jeune.id}/actions`);
      expect(actions.body).toEqual([
        jasmine.objectContaining({ id: res.body.actionIds[0], evenementId: res.body.id, statut: 'A_FAIRE', createur: 'CONSEILLER', description: DESCRIPTION }),
      ]);
      expect(actionSchema.safeParse(actions.body[0]).error).toBeUndefined();
      const propositions = (await conseiller.get(`/api/v1/jeunes/${jeune.id}/propositions`)).body as { libelle: string }[];
      expect(propositions.map((proposition) => proposition.libelle).sort()).toEqual(['Atelier projet professionnel', 'Stage en cuisine']);
      const fromOffre = propositions.find((proposition) => proposition.libelle === 'Atelier projet professionnel')!;
      expect(propositionSchema.safeParse(fromOffre).error).toBeUndefined();
      expect(fromOffre).toEqual(
        jasmine.objectContaining({
          evenementId: res.body.id,
          theme: 'PROJET_PROFESSIONNEL',
          etat: 'PROPOSEE',
          offre: { id: offre.id, code: offre.code, libelle: 'Atelier projet professionnel', type: 'ATELIER' },
          // Decided during the événement: proposed on its day.
          historique: [{ etat: 'PROPOSEE', date: '2026-11-30', resultat: null, par: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' }, evenementId: null }],
        }),
      );
      const read = await conseiller.get(`/api/v1/evenements/${res.body.id}`);
      expect(read.status).toBe(200);
      expect(read.headers['cache-control']).toBe('no-store');
      expect(read.body).toEqual(res.body);
    });

    it("when a type is the Mission Locale's own, it is accepted; another Mission Locale's type, site or offre is a 400 on its field and nothing is written", async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const other = await aMissionLocale(world.db.sequelize);
      const own = await aTypeEvenement(world.db.sequelize, world.ml, { code: 'PERMANENCE_LYCEE', libelle: 'Permanence au lycée' });
      const foreignType = await aTypeEvenement(world.db.sequelize, other, { code: 'PERMANENCE_CAF' });
      const withdrawn = await aTypeEvenement(world.db.sequelize, world.ml, { code: 'ANCIEN_TYPE', actif: false });
      const foreignOffre = await anOffre(world.db.sequelize, other);
      const inactive = await anOffre(world.db.sequelize, world.ml, { actif: false });
      const before = await suiviCounts(world.db.sequelize, jeune.id);
      const cases: [object, string[]][] = [
        [aBody({ typeCode: foreignType.code }), ['typeCode']],
        [aBody({ typeCode: withdrawn.code }), ['typeCode']],
        [aBody({ typeCode: 'INCONNU' }), ['typeCode']],
        [aBody({ lieu: { type: 'SITE', siteId: other.siteId } }), ['lieu.siteId']],
        [aBody({ lieu: { type: 'SITE', siteId: randomUUID() } }), ['lieu.siteId']],
        [aBody({ propositions: [{ libelle: 'Atelier CV', theme: 'EMPLOI' }, { offreId: foreignOffre.id }] }), ['propositions.1.offreId']],
        [aBody({ propositions: [{ offreId: inactive.id }] }), ['propositions.0.offreId']],
        [aBody({ typeCode: 'INCONNU', lieu: { type: 'SITE', siteId: other.siteId } }), ['typeCode', 'lieu.siteId']],
        [aBody({ actions: [{ id: jeune.id, titre: 'A', echeance: '2026-12-01' }, { id: jeune.id, titre: 'B', echeance: '2026-12-01' }] }), ['actions.1.id']],
      ];

      for (const [body, paths] of cases) {
        const res = await conseiller.post(url, body);

        expect(res.status).withContext(JSON.stringify(body)).toBe(400);
        expect(res.body.code).toBe('validation-failed');
        expect(res.body.errors.map((error: { path: string }) => error.path))
          .withContext(JSON.stringify(body))
          .toEqual(paths);
      }
      expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);

      const created = await conseiller.post(url, aBody({ typeCode: ' permanence_lycee ' }));
      expect(created.status).toBe(201);
      expect(created.body.type).toEqual({ code: own.code, libelle: 'Permanence au lycée' });
    });

    it('when a body is malformed, it answers 400 with the failing fields and nothing is written', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const before = await suiviCounts(world.db.sequelize, jeune.id);
      const cases: [unknown, string[]][] = [
        [{}, ['date', 'typeCode', 'lieu', 'themes']],
        [aBody({ themes: [] }), ['themes']],
        [aBody({ date: '2026-11-30T09:30:00' }), ['date']],
        [aBody({ dureeMinutes: 0 }), ['dureeMinutes']],
        // ISO allows offsets no place has, and a year past 9999 once in UTC: refused, not a database error.
        [aBody({ date: '2026-11-30T10:00:00+16:00' }), ['date']],
        [aBody({ date: '9999-12-31T23:59:59-14:00' }), ['date']],
        [aBody({ inconnu: true }), ['(corps)']],
        [aBody({ objet: 'Bilan\u0000' }), ['objet']],
        [aBody({ id: 'pas-un-uuid' }), ['id']],
        [aBody({ actions: [{ titre: '', echeance: '2026-12-01' }] }), ['actions.0.titre']],
        [aBody({ propositions: [{ theme: 'EMPLOI' }] }), ['propositions.0.libelle']],
        [[aBody()], ['(corps)']],
        // Not a JSON object: refused by the body parser, before any schema.
        ['texte', []],
      ];

      for (const [body, paths] of cases) {
        const res = await conseiller.post(url, body);

        expect(res.status).withContext(JSON.stringify(body)).toBe(400);
        expect(res.body.code).toBe('validation-failed');
        expect(res.body.errors.map((error: { path: string }) => error.path).sort())
          .withContext(JSON.stringify(body))
          .toEqual([...paths].sort());
      }
      const badId = await conseiller.post('/api/v1/jeunes/pas-un-uuid/evenements', aBody());
      expect([badId.status, badId.body.errors?.[0]?.path]).toEqual([400, 'id']);
      expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
    });

    it('when a client-chosen id is already taken (événement, action or proposition), it answers 409 and nothing is written', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const taken = await anEvenement(world.db.sequelize, jeune, conseiller.id);
      const action = await anAction(world.db.sequelize, jeune);
      const proposition = await aProposition(world.db.sequelize, jeune);
      const before = await suiviCounts(world.db.sequelize, jeune.id);

      for (const body of [
        aBody({ id: taken.id }),
        aBody({ actions: [{ id: action.id, titre: 'Mettre à jour son CV', echeance: '2026-12-07' }] }),
        aBody({ propositions: [{ id: proposition.id, libelle: 'Atelier CV', theme: 'EMPLOI' }] }),
      ]) {
        const res = await conseiller.post(url, body);

        expect([res.status, res.body.code]).withContext(JSON.stringify(body)).toEqual([409, 'conflict']);
      }
      expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);

      const chosen = randomUUID();
      const created = await conseiller.post(url, aBody({ id: chosen }));
      expect([created.status, created.body.id]).toEqual([201, chosen]);
    });

    it('when the jeune is outside the portfolio, the conseiller must give a reason first; then reads and writes go through, audited with it', async () => {
      const world = await aSuiviWorld();
      const conseiller = await world.staff(['conseiller']);
      const jeune = await world.jeune();
      const url = `/api/v1/jeunes/${jeune.id}/evenements`;

      const refused = await conseiller.post(url, aBody());
      const refusedRead = await conseiller.get(url);
      expect([refused.status, refused.body.code]).toEqual([403, 'motif-acces-requis']);
      expect([refusedRead.status, refusedRead.body.code]).toEqual([403, 'motif-acces-requis']);
      expect((await suiviCounts(world.db.sequelize, jeune.id))['evenements']).toBe('0');

      await conseiller.reason(jeune.id);
      const created = await conseiller.post(url, aBody());
      const list = await conseiller.get(url);

      expect(created.status).toBe(201);
      expect(list.body.length).toBe(1);
      const [row] = await auditRows(world.db.sequelize, { targetId: jeune.id, action: 'evenements.create' });
      expect(row?.['details']).toEqual(jasmine.objectContaining({ horsPortefeuille: true, motif: 'Remplacement de la conseillère référente' }));
    });
  });

  describe('who may do what', () => {
    it("when a chargé d'accueil records the premier accueil, it is accepted; any other type, or with actions or propositions, is refused (403)", async () => {
      const { world, jeune, url } = await withJeune();
      const accueil = await world.staff(['charge_accueil']);
      const before = await suiviCounts(world.db.sequelize, jeune.id);

      for (const body of [
        aBody(),
        aBody({ typeCode: 'ATELIER' }),
        aBody({ typeCode: 'PREMIER_ACCUEIL', actions: [{ titre: 'Mettre à jour son CV', echeance: '2026-12-07' }] }),
        aBody({ typeCode: 'PREMIER_ACCUEIL', propositions: [{ libelle: 'Atelier CV', theme: 'EMPLOI' }] }),
      ]) {
        const res = await accueil.post(url, body);

        expect([res.status, res.body.code]).withContext(JSON.stringify(body)).toEqual([403, 'forbidden']);
        expect(res.body.detail).toContain('premier accueil');
      }
      expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);

      const created = await accueil.post(url, aBody({ typeCode: 'PREMIER_ACCUEIL', lieu: { type: 'SITE', siteId: world.ml.siteId } }));
      expect(created.status).toBe(201);
      expect(created.body.conseiller.id).toBe(accueil.id);
      // The accueil reads the identity part of the dossier only, and edits nothing of the suivi.
      expect((await accueil.get(url)).status).toBe(403);
      expect((await accueil.get(`/api/v1/evenements/${created.body.id}`)).status).toBe(403);
      expect((await accueil.patch(`/api/v1/evenements/${created.body.id}`, { ...aBody(), version: 1 })).status).toBe(403);
      expect((await accueil.del(`/api/v1/evenements/${created.body.id}`, { motif: 'Erreur' })).status).toBe(403);
      expect((await accueil.get('/api/v1/types-evenement')).status).toBe(200);
    });

    it('when the direction opens the suivi, it reads everything but writes nothing (403)', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const direction = await world.staff(['direction']);
      const evenement = await anEvenement(world.db.sequelize, jeune, conseiller.id);
      const proposition = await aProposition(world.db.sequelize, jeune);
      const action = await anAction(world.db.sequelize, jeune);
      await direction.reason(jeune.id);
      const before = await suiviCounts(world.db.sequelize, jeune.id);

      const writes = [
        await direction.post(url, aBody()),
        await direction.patch(`/api/v1/evenements/${evenement.id}`, { ...aBody(), version: 1 }),
        await direction.del(`/api/v1/evenements/${evenement.id}`, { motif: 'Erreur de saisie' }),
        await direction.post(`/api/v1/jeunes/${jeune.id}/propositions`, { libelle: 'Atelier CV', theme: 'EMPLOI' }),
        await direction.patch(`/api/v1/propositions/${proposition.id}`, { version: 1, etat: 'ACCEPTEE', date: '2026-11-30' }),
        await direction.post(`/api/v1/jeunes/${jeune.id}/actions`, { titre: 'Mettre à jour son CV', echeance: '2026-12-07' }),
        await direction.patch(`/api/v1/actions/${action.id}`, { version: 1, titre: 'CV', description: null, echeance: '2026-12-07', statut: 'TERMINEE' }),
      ];

      expect(writes.map((res) => `${res.status} ${res.body.code}`)).toEqual(Array(7).fill('403 forbidden'));
      expect((await suiviCounts(world.db.sequelize, jeune.id))['evenements']).toBe(before['evenements']);
      for (const read of [url, `/api/v1/evenements/${evenement.id}`, `/api/v1/jeunes/${jeune.id}/propositions`, `/api/v1/propositions/${proposition.id}`]) {
        expect((await direction.get(read)).status).withContext(read).toBe(200);
      }
      for (const read of [`/api/v1/jeunes/${jeune.id}/actions`, `/api/v1/actions/${action.id}`, '/api/v1/offres-internes', '/api/v1/types-evenement']) {
        expect((await direction.get(read)).status).withContext(read).toBe(200);
      }
    });

    it('when another conseiller edits or deletes an événement, it is refused (403); propositions and actions follow the jeune: any conseiller moves them', async () => {
      const { world, conseiller, jeune } = await withJeune();
      const colleague = await world.staff(['conseiller']);
      await colleague.reason(jeune.id);
      const evenement = await anEvenement(world.db.sequelize, jeune, conseiller.id);
      const proposition = await aProposition(world.db.sequelize, jeune, { createdBy: conseiller.id });
      const action = await anAction(world.db.sequelize, jeune, { createdBy: conseiller.id });
      const before = await suiviCounts(world.db.sequelize, jeune.id);

      const patched = await colleague.patch(`/api/v1/evenements/${evenement.id}`, { ...aBody(), version: 1 });
      const deleted = await colleague.del(`/api/v1/evenements/${evenement.id}`, { motif: 'Doublon' });

      expect([patched.status, patched.body.code]).toEqual([403, 'forbidden']);
      expect([deleted.status, deleted.body.code]).toEqual([403, 'forbidden']);
      expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
      const accepted = await colleague.patch(`/api/v1/propositions/${proposition.id}`, { version: 1, etat: 'ACCEPTEE', date: '2026-11-30' });
      const done = await colleague.patch(`/api/v1/actions/${action.id}`, {
        version: 1,
        titre: 'Mettre à jour son CV',
        description: null,
        echeance: '2026-12-07',
        statut: 'TERMINEE',
      });
      expect([accepted.status, done.status]).toEqual([200, 200]);
    });

    it('when an administrator of the Mission Locale calls the suivi of a jeune, it is refused: they manage referentials, not dossiers', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const admin = await world.staff(['admin_ml']);
      const evenement = await anEvenement(world.db.sequelize, jeune, conseiller.id);

      expect((await admin.get(url)).status).toBe(403);
      expect((await admin.get(`/api/v1/evenements/${evenement.id}`)).status).toBe(403);
      expect((await admin.post(url, aBody())).status).toBe(403);
    });
  });

  describe('edit and deletion', () => {
    it('when its conseiller edits an événement, it is replaced whole, next version, with who and when', async () => {
      const { world, conseiller, url } = await withJeune();
      const created = (await conseiller.post(url, aBody({ partenaire: 'CAF', dureeMinutes: 30 }))).body;
      world.clock.advanceMinutes(10);

      const res = await conseiller.patch(`/api/v1/evenements/${created.id}`, {
        version: 1,
        date: '2026-11-30T10:00:00Z',
        typeCode: 'ATELIER',
        lieu: { type: 'ADRESSE', adresse: '3 rue du Port' },
        themes: ['FORMATION', 'MOBILITE'],
      });

      expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual(
        jasmine.objectContaining({
          id: created.id,
          date: '2026-11-30T10:00:00.000Z',
          type: { code: 'ATELIER', libelle: 'Atelier' },
          lieu: { type: 'ADRESSE', siteId: null, siteNom: null, adresse: '3 rue du Port' },
          themes: ['FORMATION', 'MOBILITE'],
          objet: null,
          contexte: null,
          partenaire: null,
          dureeMinutes: null,
          version: 2,
          creeLe: created.creeLe,
          modifieLe: '2026-11-30T09:10:00.000Z',
          modifiePar: { id: conseiller.id, prenom: 'Camille', nom: 'Martin' },
        }),
      );
    });

    it('when the version sent is stale, it answers 409 with the current événement and changes nothing', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const created = (await conseiller.post(url, aBody())).body;
      const first = await conseiller.patch(`/api/v1/evenements/${created.id}`, { ...aBody({ themes: ['SANTE'] }), version: 1 });
      const before = await suiviCounts(world.db.sequelize, jeune.id);

      const stale = await conseiller.patch(`/api/v1/evenements/${created.id}`, { ...aBody({ themes: ['LOGEMENT'] }), version: 1 });

      expect(first.status).toBe(200);
      expect([stale.status, stale.body.code]).toEqual([409, 'conflict']);
      expect(stale.headers['cache-control']).toBe('no-store');
      expect(stale.body.current).toEqual(first.body);
      expect(stale.body.current.themes).toEqual(['SANTE']);
      expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
    });

    it('when its conseiller deletes an événement with a motif, it is kept but marked, read nowhere after, and the deletion is audited with the motif', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const kept = (await conseiller.post(url, aBody({ date: '2026-11-20T09:00:00Z' }))).body;
      const created = (await conseiller.post(url, aBody())).body;

      const res = await conseiller.del(`/api/v1/evenements/${created.id}`, { motif: 'Saisi dans le mauvais dossier' });

      expect(res.status).toBe(204);
      expect((await conseiller.get(`/api/v1/evenements/${created.id}`)).status).toBe(404);
      expect((await conseiller.get(url)).body.map((evenement: { id: string }) => evenement.id)).toEqual([kept.id]);
      expect((await conseiller.patch(`/api/v1/evenements/${created.id}`, { ...aBody(), version: 2 })).status).toBe(404);
      expect((await conseiller.del(`/api/v1/evenements/${created.id}`, { motif: 'Encore' })).status).toBe(404);
      expect(
        await one(world.db.sequelize, 'SELECT supprime_par, motif_suppression, supprime_le IS NOT NULL AS supprime FROM evenement WHERE id = $id', {
          id: created.id,
        }),
      ).toEqual({ supprime_par: conseiller.id, motif_suppression: 'Saisi dans le mauvais dossier', supprime: true });
      const [audit] = await auditRows(world.db.sequelize, { targetId: jeune.id, action: 'evenements.delete' });
      expect(audit?.['details']).toEqual(jasmine.objectContaining({ evenementId: created.id, motifSuppression: 'Saisi dans le mauvais dossier' }));
    });

    it('when a deletion has no motif, it answers 400 and the événement stays', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const created = (await conseiller.post(url, aBody())).body;
      const before = await suiviCounts(world.db.sequelize, jeune.id);

      for (const body of [{}, { motif: '   ' }, { motif: 'x', autre: 1 }]) {
        const res = await conseiller.del(`/api/v1/evenements/${created.id}`, body);
        expect(res.status).withContext(JSON.stringify(body)).toBe(400);
      }
      expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
    });
  });

  describe('the dossier’s dernier contact', () => {
    it('when événements are recorded, edited and deleted, it is the latest local day (La Réunion) of the contacts, without a new dossier version', async () => {
      // 21:30 UTC on 30 November is 01:30 on 1 December in La Réunion.
      const { world, conseiller, jeune, url } = await withJeune({ timezone: 'Indian/Reunion', now: new Date('2026-11-30T21:30:00Z') });
      const dernierContact = async () => (await suiviCounts(world.db.sequelize, jeune.id))['dernier_contact'];
      const jeuneRow = () => one(world.db.sequelize, 'SELECT version, updated_at FROM jeune WHERE id = $id', { id: jeune.id });
      const before = await jeuneRow();

      const late = (await conseiller.post(url, aBody({ date: '2026-11-30T21:00:00Z' }))).body;
      expect(await dernierContact()).toBe('2026-12-01');

      // An administrative step is not a contact with the jeune, whatever its day.
      await conseiller.post(url, aBody({ date: '2026-12-05T08:00:00+04:00', typeCode: 'ADMINISTRATIF' }));
      const silent = await aTypeEvenement(world.db.sequelize, world.ml, { code: 'NOTE_INTERNE', contact: false });
      await conseiller.post(url, aBody({ date: '2026-12-06T08:00:00+04:00', typeCode: silent.code }));
      const earlier = (await conseiller.post(url, aBody({ date: '2026-11-20T08:00:00+04:00', typeCode: 'TELEPHONE' }))).body;
      expect(await dernierContact()).toBe('2026-12-01');

      expect((await conseiller.del(`/api/v1/evenements/${late.id}`, { motif: 'Doublon' })).status).toBe(204);
      expect(await dernierContact()).toBe('2026-11-20');

      const patched = await conseiller.patch(`/api/v1/evenements/${earlier.id}`, { ...aBody({ date: '2026-11-25T23:30:00Z' }), version: 1 });
      expect(patched.status).toBe(200);
      expect(await dernierContact()).toBe('2026-11-26');

      await conseiller.patch(`/api/v1/evenements/${earlier.id}`, { ...aBody({ typeCode: 'ADMINISTRATIF' }), version: 2 });
      expect(await dernierContact()).toBeNull();
      expect(await jeuneRow()).toEqual(before);
    });

    it('when the jeune has a contact, a dossier edit with the version read before it still goes through', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const dossier = (await conseiller.get(`/api/v1/jeunes/${jeune.id}`)).body;

      await conseiller.post(url, aBody());
      const edit = await conseiller.patch(`/api/v1/jeunes/${jeune.id}`, {
        version: dossier.version,
        logement: { situation: 'PARENTS', difficulte: false },
      });

      expect(edit.status).withContext(JSON.stringify(edit.body)).toBe(200);
      expect((await suiviCounts(world.db.sequelize, jeune.id))['dernier_contact']).toBe('2026-11-30');
    });
  });

  describe('list', () => {
    it('when listed, événements come newest first, filtered by thème, type and local days of the Mission Locale, deleted ones skipped', async () => {
      const { world, conseiller, jeune, url } = await withJeune({ timezone: 'Indian/Reunion' });
      const at = (date: string, themes: string[], typeCode = 'ENTRETIEN_INDIVIDUEL') =>
        anEvenement(world.db.sequelize, jeune, conseiller.id, { dateHeure: date, themes: themes as never, typeCode });
      const a = await at('2026-11-02T10:00:00Z', ['EMPLOI']);
      const b = await at('2026-11-10T21:00:00Z', ['SANTE', 'EMPLOI'], 'TELEPHONE'); // 11 November in La Réunion
      const c = await at('2026-11-20T10:00:00Z', ['LOGEMENT']);
      await anEvenement(world.db.sequelize, jeune, conseiller.id, { dateHeure: '2026-11-25T10:00:00Z', supprime: true });
      const ids = async (query: Record<string, string> = {}) => {
        const res = await conseiller.get(url, query);
        expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
        return (res.body as { id: string }[]).map((evenement) => evenement.id);
      };

      expect(await ids()).toEqual([c.id, b.id, a.id]);
      expect(await ids({ theme: 'EMPLOI' })).toEqual([b.id, a.id]);
      expect(await ids({ type: 'telephone' })).toEqual([b.id]);
      expect(await ids({ du: '2026-11-11' })).toEqual([c.id, b.id]);
      expect(await ids({ au: '2026-11-10' })).toEqual([a.id]);
      expect(await ids({ du: '2026-11-11', au: '2026-11-11' })).toEqual([b.id]);
      const inverted = await conseiller.get(url, { du: '2026-11-12', au: '2026-11-11' });
      const unknown = await conseiller.get(url, { theme: 'CUISINE' });
      expect([inverted.status, inverted.body.errors?.[0]?.path]).toEqual([400, 'au']);
      expect([unknown.status, unknown.body.errors?.[0]?.path]).toEqual([400, 'theme']);
    });

    it('when a jeune has more than 500 événements, the list answers the 500 latest', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      await world.db.sequelize.query(
        `INSERT INTO evenement (id, jeune_id, mission_locale_id, date_heure, type_code, lieu_type, themes, conseiller_id)
         SELECT gen_random_uuid(), $jeuneId::uuid, $ml::uuid, timestamptz '2026-01-01T00:00:00Z' + n * interval '1 hour', 'TELEPHONE', 'DISTANCE', '{EMPLOI}', $by::uuid
         FROM generate_series(1, 501) AS n`,
        { bind: { jeuneId: jeune.id, ml: world.ml.id, by: conseiller.id } },
      );

      const res = await conseiller.get(url);

      expect(res.body.length).toBe(500);
      expect(res.body[0].date).toBe('2026-01-21T21:00:00.000Z');
      expect(res.body[499].date).toBe('2026-01-01T02:00:00.000Z');
    });
  });

  describe('audit', () => {
    it('when the suivi is read and written, each act leaves an audit row on the jeune, never the objet, contexte, commentaire, description or résultat', async () => {
      const { world, conseiller, jeune, url } = await withJeune();
      const created = (
        await conseiller.post(
          url,
          aBody({
            actions: [{ titre: 'Relancer le lycée hôtelier', description: DESCRIPTION, echeance: '2026-12-07' }],
            propositions: [{ libelle: 'Stage en cuisine', theme: 'FORMATION', commentaire: COMMENTAIRE }],
          }),
        )
      ).body;
      await conseiller.get(url);
      await conseiller.get(`/api/v1/evenements/${created.id}`);
      await conseiller.patch(`/api/v1/evenements/${created.id}`, { ...aBody({ objet: `${OBJET} (suite)` }), version: 1 });
      const proposition = (await conseiller.get(`/api/v1/propositions/${created.propositionIds[0]}`)).body;
      await conseiller.patch(`/api/v1/propositions/${proposition.id}`, { version: 1, etat: 'ACCEPTEE', date: '2026-11-30', resultat: 'Entretien prévu lundi chez le chef' });
      await conseiller.get(`/api/v1/jeunes/${jeune.id}/propositions`);
      await conseiller.get(`/api/v1/jeunes/${jeune.id}/actions`);
      await conseiller.get(`/api/v1/actions/${created.actionIds[0]}`);
      await conseiller.patch(`/api/v1/actions/${created.actionIds[0]}`, {
        version: 1,
        titre: 'Relancer le lycée hôtelier',
        description: DESCRIPTION,
        echeance: '2026-12-07',
        statut: 'EN_COURS',
      });
      await conseiller.post(`/api/v1/jeunes/${jeune.id}/actions`, { titre: 'Ouvrir son compte personnel de formation', description: DESCRIPTION, echeance: '2026-12-20' });
      await conseiller.post(`/api/v1/jeunes/${jeune.id}/propositions`, { libelle: 'Atelier CV', theme: 'EMPLOI', commentaire: COMMENTAIRE });
      await conseiller.del(`/api/v1/evenements/${created.id}`, { motif: 'Doublon' });

      const rows = await auditRows(world.db.sequelize, { targetId: jeune.id });

      expect(rows.map((row) => row['action'])).toEqual([
        'evenements.create',
        'evenements.list',
        'evenements.read',
        'evenements.update',
        'propositions.read',
        'propositions.transition',
        'propositions.list',
        'actions.list',
        'actions.read',
        'actions.update',
        'actions.create',
        'propositions.create',
        'evenements.delete',
      ]);
      for (const row of rows) {
        expect(row).withContext(String(row['action'])).toEqual(
          jasmine.objectContaining({ actor_id: conseiller.id, mission_locale_id: world.ml.id, target_type: 'jeune', outcome: 'success' }),
        );
      }
      const written = JSON.stringify(rows);
      const logged = capturedLogs.join('\n');
      for (const text of [OBJET, CONTEXTE, COMMENTAIRE, DESCRIPTION, 'Entretien prévu lundi', 'Stage en cuisine', 'Relancer le lycée']) {
        expect(written).withContext(text).not.toContain(text);
        expect(logged).withContext(text).not.toContain(text);
      }
    });
  });
});
