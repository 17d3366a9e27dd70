import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import request from 'supertest';
import {
  compareTimeline,
  decodeTimelineCursor,
  encodeTimelineCursor,
  type Role,
  type TimelineItemDto,
  type TimelineKey,
  type TimelineKind,
  timelinePageSchema,
} from '@imilo/domain';
import { aJeune, aMissionLocale, aSituation, auditRows, aUser } from '../support/builders';
import { aBusyDossier, anAction, anEvenement, aProposition, aTypeEvenement } from '../support/suivi-builders';
import { createTestApp, signedIn, TestClock } from '../support/test-app';

const NOW = new Date('2026-11-30T09:00:00Z');
const CONTEXTE = 'SENTINELLE-CONTEXTE-INTERNE-7f3a';
const COMMENTAIRE = 'SENTINELLE-COMMENTAIRE-INTERNE-91b2';
const MOTIF = 'Remplacement de la conseillère référente';

/** A Mission Locale with its app, a conseiller and a jeune of their portfolio. */
const aWorld = async (options: { timezone?: string } = {}) => {
  const test = createTestApp({ clock: new TestClock(NOW) });
  const { app, db } = test;
  const ml = await aMissionLocale(db.sequelize, { timezone: options.timezone });
  const staff = async (roles: Role[] = ['conseiller'], inMl: { id: string; siteId?: string } = ml, names: { prenom?: string; nom?: string } = {}) => {
    const user = await aUser(db.sequelize, inMl, { roles, passwordChangedAt: NOW, ...names });
    const client = await signedIn(app, user.login);
    return {
      ...user,
      client,
      timeline: (jeuneId: string, query: Record<string, string> = {}) => client.agent.get(`/api/v1/jeunes/${jeuneId}/timeline`).query(query),
    };
  };
  const conseiller = await staff(['conseiller'], ml, { prenom: 'Awa', nom: 'Diallo' });
  const jeune = await aJeune(db.sequelize, ml, { referentId: conseiller.id });
  return { ...test, ml, staff, conseiller, jeune };
};

const keyOf = (item: TimelineKey) => `${item.kind}:${item.id}`;

/** Every item of the dossier, as the tables hold them, in the domain's order: what the pages must add up to. */
const expectedOrder = async (sequelize: Sequelize, jeuneId: string): Promise<TimelineKey[]> => {
  const rows = await sequelize.query<{ kind: TimelineKind; id: string; at: Date }>(
    `SELECT 'evenement' AS kind, id::text, date_heure AS at FROM evenement WHERE jeune_id = $jeuneId AND supprime_le IS NULL
     UNION ALL SELECT 'proposition', id::text, created_at FROM proposition WHERE jeune_id = $jeuneId
     UNION ALL SELECT 'action', id::text, created_at FROM action_jeune WHERE jeune_id = $jeuneId
     UNION ALL SELECT 'situation', s.id::text, s.date_debut::timestamp AT TIME ZONE ml.timezone
                 FROM situation s JOIN jeune j ON j.id = s.jeune_id JOIN mission_locale ml ON ml.id = j.mission_locale_id
                WHERE s.jeune_id = $jeuneId`,
    { type: QueryTypes.SELECT, bind: { jeuneId } },
  );
  return rows.map((row) => ({ kind: row.kind, id: row.id, at: row.at.toISOString() })).sort(compareTimeline);
};

type PageReader = (query: Record<string, string>) => Promise<{ status: number; body: { items: TimelineItemDto[]; nextCursor: string | null } }>;

/** Reads every page with the cursor; fails past `maxPages`. */
const walk = async (read: PageReader, limit: number, maxPages = 1000) => {
  const items: TimelineItemDto[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const res = await read({ limit: String(limit), ...(cursor === null ? {} : { cursor }) });
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    sizes.push(res.body.items.length);
    cursor = res.body.nextCursor;
    if (cursor === null) {
      return { items, sizes };
    }
  }
  throw new Error('the timeline never ended');
};

describe('GET /api/v1/jeunes/:id/timeline (timeline)', () => {
  it('when a dossier holds every kind, the items come newest first, and at the same instant événement, proposition, action, situation, then id', async () => {
    const world = await aWorld();
    const { sequelize } = world.db;
    // 2026-11-29 00:00 in Paris is 2026-11-28T23:00:00Z: the situation's instant, shared with three other kinds.
    const tie = '2026-11-28T23:00:00.000Z';
    const [low, high] = ['00000000-0000-4000-8000-000000000001', 'ffffffff-0000-4000-8000-000000000001'];
    await anEvenement(sequelize, world.jeune, world.conseiller.id, { id: low, dateHeure: tie });
    await anEvenement(sequelize, world.jeune, world.conseiller.id, { id: high, dateHeure: tie });
    await aProposition(sequelize, world.jeune, { id: high.replace('0001', '0002'), createdAt: tie });
    await anAction(sequelize, world.jeune, { id: high.replace('0001', '0003'), createdAt: tie });
    await aSituation(sequelize, world.jeune, { id: high.replace('0001', '0004'), dateDebut: '2026-11-29' });
    await anAction(sequelize, world.jeune, { id: low.replace('0001', '0005'), createdAt: '2026-11-29T08:00:00Z' });
    await aProposition(sequelize, world.jeune, { id: low.replace('0001', '0006'), createdAt: '2026-11-28T22:59:59.999Z' });

    const res = await world.conseiller.timeline(world.jeune.id);

    expect(res.status).toBe(200);
    expect(timelinePageSchema.parse(res.body)).toEqual(res.body);
    expect(res.body.items.map((item: TimelineItemDto) => `${keyOf(item)} ${item.at}`)).toEqual([
      `action:${low.replace('0001', '0005')} 2026-11-29T08:00:00.000Z`,
      `evenement:${high} ${tie}`,
      `evenement:${low} ${tie}`,
      `proposition:${high.replace('0001', '0002')} ${tie}`,
      `action:${high.replace('0001', '0003')} ${tie}`,
      `situation:${high.replace('0001', '0004')} ${tie}`,
      `proposition:${low.replace('0001', '0006')} 2026-11-28T22:59:59.999Z`,
    ]);
    expect([...res.body.items].sort(compareTimeline)).toEqual(res.body.items);
    expect(res.body.nextCursor).toBeNull();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when a dossier holds 500 items, reading it 50 by 50 gives every item exactly once, in order, and the last page has no cursor', async () => {
    const world = await aWorld();
    await aBusyDossier(world.db.sequelize, world.jeune, world.conseiller.id, 500, { deleted: true });
    const expected = await expectedOrder(world.db.sequelize, world.jeune.id);

    const { items, sizes } = await walk((query) => world.conseiller.timeline(world.jeune.id, query), 50);

    expect(expected.length).toBe(500);
    expect(sizes).toEqual(Array(10).fill(50));
    expect(items.map(keyOf)).toEqual(expected.map(keyOf));
    expect(new Set(items.map(keyOf)).size).toBe(500);
    expect(items.map((item) => item.at)).toEqual(expected.map((item) => item.at));
  });

  it('when items lie within one millisecond, the cursor keeps the microseconds: read one by one, none is skipped or repeated', async () => {
    const world = await aWorld();
    const { sequelize } = world.db;
    const instants = ['2026-11-20T09:00:00.123456Z', '2026-11-20T09:00:00.123400Z', '2026-11-20T09:00:00.123999Z', '2026-11-20T09:00:00.123Z'];
    for (const [index, at] of instants.entries()) {
      await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: at });
      await (index % 2 === 0 ? aProposition(sequelize, world.jeune, { createdAt: at }) : anAction(sequelize, world.jeune, { createdAt: at }));
    }

    const { items } = await walk((query) => world.conseiller.timeline(world.jeune.id, query), 1);

    expect(items.map((item) => item.at)).toEqual([
      '2026-11-20T09:00:00.123999Z',
      '2026-11-20T09:00:00.123999Z',
      '2026-11-20T09:00:00.123456Z',
      '2026-11-20T09:00:00.123456Z',
      '2026-11-20T09:00:00.123400Z',
      '2026-11-20T09:00:00.123400Z',
      '2026-11-20T09:00:00.123Z',
      '2026-11-20T09:00:00.123Z',
    ]);
    expect(items.map((item) => item.kind)).toEqual(['evenement', 'proposition', 'evenement', 'proposition', 'evenement', 'action', 'evenement', 'action']);
    expect(timelinePageSchema.parse({ items, nextCursor: null }).items).toEqual(items);
  });

  it('when each kind is shown, its line carries its own title, detail, thèmes, type, author and state, never the internal contexte', async () => {
    const world = await aWorld();
    const { sequelize } = world.db;
    await aTypeEvenement(sequelize, world.ml, { code: 'ATELIER', libelle: 'Atelier collectif de la ML' });
    const { id: evenement } = await anEvenement(sequelize, world.jeune, world.conseiller.id, {
      dateHeure: '2026-11-25T10:00:00Z',
      typeCode: 'ATELIER',
      themes: ['EMPLOI', 'MOBILITE'],
      objet: 'Atelier CV',
      contexte: CONTEXTE,
    });
    const { id: avecPartenaire } = await anEvenement(sequelize, world.jeune, world.conseiller.id, {
      dateHeure: '2026-11-24T10:00:00Z',
      typeCode: 'TELEPHONE',
      objet: null,
      partenaire: 'Garage Dupuy',
      contexte: CONTEXTE,
    });
    const { id: proposition } = await aProposition(sequelize, world.jeune, {
      createdAt: '2026-11-23T10:00:00Z',
      libelle: 'Permis à 1 euro',
      theme: 'MOBILITE',
      etat: 'ACCEPTEE',
      commentaire: COMMENTAIRE,
      createdBy: world.conseiller.id,
    });
    const { id: action } = await anAction(sequelize, world.jeune, {
      createdAt: '2026-11-22T10:00:00Z',
      titre: 'Rédiger une lettre de motivation',
      echeance: '2026-12-05',
      statut: 'EN_COURS',
      createdBy: world.conseiller.id,
    });
    const { id: situation } = await aSituation(sequelize, world.jeune, {
      dateDebut: '2026-11-02',
      dateFin: '2027-01-31',
      intitule: 'Vendeuse',
      categorie: 'EMPLOI',
      etat: 'EN_COURS',
      createdBy: world.conseiller.id,
    });

    const res = await world.conseiller.timeline(world.jeune.id);

    expect(res.body.items).toEqual([
      {
        kind: 'evenement', id: evenement, at: '2026-11-25T10:00:00.000Z',
        titre: 'Atelier collectif de la ML', detail: 'Atelier CV', themes: ['EMPLOI', 'MOBILITE'], typeEvenement: 'ATELIER', auteur: 'Awa Diallo', statut: null,
      },
      {
        kind: 'evenement', id: avecPartenaire, at: '2026-11-24T10:00:00.000Z',
        titre: 'Téléphone', detail: 'Avec : Garage Dupuy', themes: ['EMPLOI'], typeEvenement: 'TELEPHONE', auteur: 'Awa Diallo', statut: null,
      },
      {
        kind: 'proposition', id: proposition, at: '2026-11-23T10:00:00.000Z',
        titre: 'Proposition : Permis à 1 euro', detail: null, themes: ['MOBILITE'], typeEvenement: null, auteur: 'Awa Diallo', statut: 'ACCEPTEE',
      },
      {
        kind: 'action', id: action, at: '2026-11-22T10:00:00.000Z',
        titre: 'Rédiger une lettre de motivation', detail: 'Échéance : 05/12/2026', themes: [], typeEvenement: null, auteur: 'Awa Diallo', statut: 'EN_COURS',
      },
      {
        kind: 'situation', id: situation, at: '2026-11-01T23:00:00.000Z',
        titre: 'Emploi — Vendeuse', detail: "Jusqu'au 31/01/2027", themes: [], typeEvenement: null, auteur: 'Awa Diallo', statut: 'EN_COURS',
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(CONTEXTE);
    expect(JSON.stringify(res.body)).not.toContain(COMMENTAIRE);
  });

  it('when another Mission Locale has its own libellé for a code, this dossier keeps the national one', async () => {
    const world = await aWorld();
    const other = await aMissionLocale(world.db.sequelize);
    await aTypeEvenement(world.db.sequelize, other, { code: 'ATELIER', libelle: "Atelier de l'autre ML" });
    await anEvenement(world.db.sequelize, world.jeune, world.conseiller.id, { typeCode: 'ATELIER' });

    const res = await world.conseiller.timeline(world.jeune.id);

    expect(res.body.items.map((item: TimelineItemDto) => item.titre)).toEqual(['Atelier']);
  });

  it('when événements were deleted, they are skipped, whatever the page size', async () => {
    const world = await aWorld();
    const { sequelize } = world.db;
    const { id: kept } = await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-20T09:00:00Z' });
    await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-21T09:00:00Z', supprime: true });
    await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-19T09:00:00Z', supprime: true });

    const all = await world.conseiller.timeline(world.jeune.id);
    const { items } = await walk((query) => world.conseiller.timeline(world.jeune.id, query), 1);

    expect(all.body.items.map((item: TimelineItemDto) => item.id)).toEqual([kept]);
    expect(items.map((item) => item.id)).toEqual([kept]);
  });

  it('when the Mission Locale is in La Réunion, a situation sorts at midnight there (20:00 UTC the day before)', async () => {
    const world = await aWorld({ timezone: 'Indian/Reunion' });
    const { sequelize } = world.db;
    const { id: situation } = await aSituation(sequelize, world.jeune, { dateDebut: '2026-11-30' });
    // 00:30 on 30 November in La Réunion, then 23:59 on the 29th.
    const { id: after } = await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-29T20:30:00Z' });
    const { id: before } = await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-29T19:59:00Z' });
    const { id: same } = await anAction(sequelize, world.jeune, { createdAt: '2026-11-29T20:00:00Z' });

    const res = await world.conseiller.timeline(world.jeune.id);

    expect(res.body.items.map((item: TimelineItemDto) => [item.id, item.at])).toEqual([
      [after, '2026-11-29T20:30:00.000Z'],
      [same, '2026-11-29T20:00:00.000Z'],
      [situation, '2026-11-29T20:00:00.000Z'],
      [before, '2026-11-29T19:59:00.000Z'],
    ]);
  });

  describe('filters', () => {
    const filtered = async () => {
      const world = await aWorld();
      const { sequelize } = world.db;
      const ids = {
        emploi: (await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-25T10:00:00Z', themes: ['EMPLOI'], typeCode: 'ATELIER' })).id,
        logement: (await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-24T10:00:00Z', themes: ['SANTE', 'LOGEMENT'] })).id,
        propositionEmploi: (await aProposition(sequelize, world.jeune, { createdAt: '2026-11-23T10:00:00Z', theme: 'EMPLOI' })).id,
        propositionLogement: (await aProposition(sequelize, world.jeune, { createdAt: '2026-11-22T10:00:00Z', theme: 'LOGEMENT' })).id,
        action: (await anAction(sequelize, world.jeune, { createdAt: '2026-11-21T10:00:00Z' })).id,
        situation: (await aSituation(sequelize, world.jeune, { dateDebut: '2026-11-02' })).id,
      };
      const ids$ = async (query: Record<string, string>) => {
        const res = await world.conseiller.timeline(world.jeune.id, query);
        expect(res.status).withContext(JSON.stringify(query)).toBe(200);
        return res.body.items.map((item: TimelineItemDto) => item.id);
      };
      return { world, ids, ids$ };
    };

    it('when kinds are chosen, only those kinds are listed', async () => {
      const { ids, ids$ } = await filtered();

      expect(await ids$({ kinds: 'evenement,action' })).toEqual([ids.emploi, ids.logement, ids.action]);
      expect(await ids$({ kinds: 'situation' })).toEqual([ids.situation]);
      expect(await ids$({ kinds: 'proposition,proposition' })).toEqual([ids.propositionEmploi, ids.propositionLogement]);
    });

    it('when a thème is chosen, the événements carrying it and the propositions of it are listed; actions and situations, which have none, are not', async () => {
      const { ids, ids$ } = await filtered();

      expect(await ids$({ theme: 'LOGEMENT' })).toEqual([ids.logement, ids.propositionLogement]);
      expect(await ids$({ theme: 'EMPLOI' })).toEqual([ids.emploi, ids.propositionEmploi]);
      expect(await ids$({ theme: 'EMPLOI', kinds: 'proposition' })).toEqual([ids.propositionEmploi]);
      expect(await ids$({ theme: 'EMPLOI', kinds: 'action,situation' })).toEqual([]);
      expect(await ids$({ theme: 'CITOYENNETE' })).toEqual([]);
    });

    it("when a type of événement is chosen, only the événements of that type are listed (typed in lower case too)", async () => {
      const { ids, ids$ } = await filtered();

      expect(await ids$({ typeEvenement: 'ATELIER' })).toEqual([ids.emploi]);
      expect(await ids$({ typeEvenement: 'entretien_individuel' })).toEqual([ids.logement]);
      expect(await ids$({ typeEvenement: 'ATELIER', theme: 'LOGEMENT' })).toEqual([]);
      expect(await ids$({ typeEvenement: 'ATELIER', kinds: 'proposition' })).toEqual([]);
    });

    it('when a filtered timeline is read page by page, the pages add up to the filtered list', async () => {
      const world = await aWorld();
      await aBusyDossier(world.db.sequelize, world.jeune, world.conseiller.id, 120);
      const expected = (await expectedOrder(world.db.sequelize, world.jeune.id)).filter((item) => item.kind === 'proposition' || item.kind === 'situation');

      const { items } = await walk((query) => world.conseiller.timeline(world.jeune.id, { ...query, kinds: 'proposition,situation' }), 7);

      expect(items.map(keyOf)).toEqual(expected.map(keyOf));
    });
  });

  describe('refusals', () => {
    it('when the cursor, the page size or a kind is wrong, it answers 400 on that parameter and records nothing', async () => {
      const world = await aWorld();
      await anEvenement(world.db.sequelize, world.jeune, world.conseiller.id);
      const audit = async () => (await auditRows(world.db.sequelize, { targetId: world.jeune.id })).length;
      const before = await audit();
      const foreignKind = Buffer.from(`2026-11-20T09:00:00Z|rendezvous|${randomUUID()}`).toString('base64url');

      for (const [query, path] of [
        [{ cursor: 'pas-un-curseur' }, 'cursor'],
        [{ cursor: foreignKind }, 'cursor'],
        [{ cursor: 'x'.repeat(201) }, 'cursor'],
        [{ limit: '0' }, 'limit'],
        [{ limit: '201' }, 'limit'],
        [{ limit: 'beaucoup' }, 'limit'],
        [{ kinds: 'evenement,rendezvous' }, 'kinds.1'],
        [{ theme: 'CUISINE' }, 'theme'],
        [{ inconnu: '1' }, '(corps)'],
      ] as const) {
        const res = await world.conseiller.timeline(world.jeune.id, query);

        expect({ status: res.status, code: res.body.code }).withContext(JSON.stringify(query)).toEqual({ status: 400, code: 'validation-failed' });
        expect(res.body.errors.map((error: { path: string }) => error.path)).withContext(JSON.stringify(query)).toEqual([path]);
      }
      expect(await audit()).toBe(before);
    });

    it('when the id is not a uuid, it answers 400 on id', async () => {
      const world = await aWorld();

      const res = await world.conseiller.timeline('pas-un-uuid');

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'id', message: jasmine.any(String) }]);
    });

    it("when the jeune belongs to another Mission Locale, or does not exist, it answers 404 as for a dossier that does not exist", async () => {
      const world = await aWorld();
      const other = await aMissionLocale(world.db.sequelize);
      const foreigner = await aUser(world.db.sequelize, other);
      const foreignJeune = await aJeune(world.db.sequelize, other, { referentId: foreigner.id });
      await anEvenement(world.db.sequelize, foreignJeune, foreigner.id);

      const foreign = await world.conseiller.timeline(foreignJeune.id);
      const missing = await world.conseiller.timeline(randomUUID());

      expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 404, code: 'not-found' });
      expect(foreign.body.detail).toBe(missing.body.detail);
      expect(foreign.body.items).toBeUndefined();
      expect(await auditRows(world.db.sequelize, { targetId: foreignJeune.id })).toEqual([]);
    });

    it('when a conseiller opens a timeline outside their portfolio, a reason is asked first; once given, the read is audited with it', async () => {
      const world = await aWorld();
      const collegue = await world.staff(['conseiller']);
      await anEvenement(world.db.sequelize, world.jeune, world.conseiller.id, { contexte: CONTEXTE });

      const refused = await collegue.timeline(world.jeune.id);
      await collegue.client.post(`/api/v1/jeunes/${world.jeune.id}/acces`, { motif: MOTIF });
      const opened = await collegue.timeline(world.jeune.id);

      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'motif-acces-requis' });
      expect(refused.body.items).toBeUndefined();
      expect(opened.status).toBe(200);
      expect(opened.body.items.length).toBe(1);
      expect(await auditRows(world.db.sequelize, { targetId: world.jeune.id, actorId: collegue.id })).toEqual([
        jasmine.objectContaining({ action: 'dossiers.access-reason' }),
        jasmine.objectContaining({
          action: 'evenements.timeline',
          outcome: 'success',
          target_type: 'jeune',
          details: { premierePage: true, items: 1, horsPortefeuille: true, motif: MOTIF },
        }),
      ]);
      expect(JSON.stringify(await auditRows(world.db.sequelize, { targetId: world.jeune.id }))).not.toContain(CONTEXTE);
    });

    it("when a chargé d'accueil, who reads identity and contact details only, asks for the timeline, it answers 403 forbidden", async () => {
      const world = await aWorld();
      const accueil = await world.staff(['charge_accueil']);

      const res = await accueil.timeline(world.jeune.id);

      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'forbidden' });
    });

    it('when nobody is signed in, it answers 401', async () => {
      const world = await aWorld();

      const res = await request(world.app).get(`/api/v1/jeunes/${world.jeune.id}/timeline`);

      expect(res.status).toBe(401);
    });
  });

  it('when the référent reads pages, each one is audited without its content', async () => {
    const world = await aWorld();
    await aBusyDossier(world.db.sequelize, world.jeune, world.conseiller.id, 30);

    const first = await world.conseiller.timeline(world.jeune.id, { limit: '20' });
    await world.conseiller.timeline(world.jeune.id, { limit: '20', cursor: first.body.nextCursor });

    expect(decodeTimelineCursor(first.body.nextCursor)).toEqual(jasmine.objectContaining({ id: first.body.items[19].id }));
    expect(first.body.nextCursor).toBe(encodeTimelineCursor(first.body.items[19]));
    expect((await auditRows(world.db.sequelize, { targetId: world.jeune.id, action: 'evenements.timeline' })).map((row) => row['details'])).toEqual([
      { premierePage: true, items: 20, horsPortefeuille: false },
      { premierePage: false, items: 10, horsPortefeuille: false },
    ]);
  });
});
