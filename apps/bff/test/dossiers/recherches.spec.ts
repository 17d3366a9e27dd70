import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Role } from '@imilo/domain';
import { aMissionLocale, aRecherche, auditRows, aUser } from '../support/builders';
import { createTestApp, signedIn } from '../support/test-app';

type Client = Awaited<ReturnType<typeof signedIn>>;

const list = (client: Client) => client.agent.get('/api/v1/recherches');
const save = (client: Client, body: object) => client.post('/api/v1/recherches', body);
const remove = (client: Client, id: string) => client.agent.delete(`/api/v1/recherches/${id}`).set('X-XSRF-TOKEN', client.token);

const countOf = async (sequelize: Sequelize, utilisateurId: string): Promise<number> =>
  (
    await sequelize.query<{ total: number }>('SELECT count(*)::int AS total FROM recherche_sauvegardee WHERE utilisateur_id = :utilisateurId', {
      type: QueryTypes.SELECT,
      replacements: { utilisateurId },
    })
  )[0]!.total;

/** A Mission Locale with a signed-in staff member (conseiller unless told). */
const aSearcher = async (roles: Role[] = ['conseiller']) => {
  const { app, db } = createTestApp();
  const ml = await aMissionLocale(db.sequelize);
  const user = await aUser(db.sequelize, ml, { roles });
  const client = await signedIn(app, user.login);
  const colleague = async () => {
    const other = await aUser(db.sequelize, ml);
    return { ...other, client: await signedIn(app, other.login) };
  };
  return { app, sequelize: db.sequelize, ml, user, client, colleague };
};

describe('saved searches (/api/v1/recherches)', () => {
  it('when a conseiller saves searches, they are listed by name (French order) with their validated criteria', async () => {
    const { client } = await aSearcher();

    const created = await save(client, { nom: 'Mineurs sans solution', criteres: { ageMax: '17', situationEtat: 'EN_COURS', sort: '-age' } });
    await save(client, { nom: 'écoles de la 2e chance', criteres: { q: 'lefevre' } });
    await save(client, { nom: 'Accompagnés QPV', criteres: { qpv: 'oui', departement: '2a' } });
    const res = await list(client);

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: jasmine.any(String),
      nom: 'Mineurs sans solution',
      criteres: { ageMax: 17, situationEtat: 'EN_COURS', sort: '-age', statut: 'actif' },
      creeeLe: jasmine.any(String),
    });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect((res.body as { nom: string }[]).map((recherche) => recherche.nom)).toEqual([
      'Accompagnés QPV',
      'écoles de la 2e chance',
      'Mineurs sans solution',
    ]);
    expect(res.body[0].criteres).toEqual({ qpv: 'oui', departement: '2A', statut: 'actif' });
    expect(res.body[2]).toEqual(created.body);
  });

  it('when a chargé d’accueil or a direction user saves a search, it works; an admin is refused with 403', async () => {
    for (const role of ['charge_accueil', 'direction'] as const) {
      const { client } = await aSearcher([role]);

      expect((await save(client, { nom: 'Mes jeunes', criteres: { referent: 'moi' } })).status).withContext(role).toBe(201);
    }
    const { client, sequelize, user } = await aSearcher(['admin_ml']);

    const res = await save(client, { nom: 'Mes jeunes', criteres: {} });

    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'forbidden' });
    expect(await countOf(sequelize, user.id)).toBe(0);
  });

  it('when the same name is saved again, it answers 409 and keeps the first one; a colleague may use the name', async () => {
    const { client, colleague, sequelize, user } = await aSearcher();
    await save(client, { nom: 'Relances', criteres: { contactAvant: '2026-01-01' } });

    const again = await save(client, { nom: '  Relances ', criteres: { q: 'payet' } });
    const byColleague = await save((await colleague()).client, { nom: 'Relances', criteres: {} });

    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'conflict' });
    expect(again.body.detail).toBe('Une recherche porte déjà ce nom.');
    expect(byColleague.status).toBe(201);
    expect(await countOf(sequelize, user.id)).toBe(1);
    expect((await list(client)).body[0].criteres).toEqual({ contactAvant: '2026-01-01', statut: 'actif' });
  });

  it('when a user already has 50 saved searches, the 51st answers 409 and is not stored', async () => {
    const { client, sequelize, user } = await aSearcher();
    for (let n = 1; n <= 50; n += 1) {
      await aRecherche(sequelize, user.id, { nom: `Recherche ${n}` });
    }

    const res = await save(client, { nom: 'Une de trop', criteres: {} });

    expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'conflict' });
    expect(await countOf(sequelize, user.id)).toBe(50);
  });

  it('when the criteria are invalid, it answers 400 with the path of each failing field and stores nothing', async () => {
    const { client, sequelize, user } = await aSearcher();

    const cases: [object, string[]][] = [
      [{ nom: 'Âges', criteres: { ageMin: 40 } }, ['criteres.ageMin']],
      [{ nom: 'Âges', criteres: { ageMin: 20, ageMax: 18 } }, ['criteres.ageMax']],
      [{ nom: 'Inconnu', criteres: { couleur: 'bleu' } }, ['criteres']],
      [{ nom: 'Pertinence', criteres: { sort: 'pertinence' } }, ['criteres.sort']],
      [{ nom: '', criteres: {} }, ['nom']],
      [{ nom: 'Sans critères' }, ['criteres']],
    ];
    for (const [body, paths] of cases) {
      const res = await save(client, body);

      expect({ status: res.status, code: res.body.code }).withContext(JSON.stringify(body)).toEqual({ status: 400, code: 'validation-failed' });
      expect((res.body.errors as { path: string }[]).map((error) => error.path)).withContext(JSON.stringify(body)).toEqual(paths);
    }
    expect(await countOf(sequelize, user.id)).toBe(0);
  });

  it('when a user deletes one of their searches, it is gone (204); another user’s id or an unknown one answers 404', async () => {
    const { client, colleague, sequelize, user } = await aSearcher();
    const mine = (await save(client, { nom: 'À supprimer', criteres: { sexe: 'F' } })).body.id as string;
    const theirs = await aRecherche(sequelize, (await colleague()).id);

    const deleted = await remove(client, mine);
    const again = await remove(client, mine);
    const foreign = await remove(client, theirs.id);
    const unknown = await remove(client, randomUUID());
    const malformed = await remove(client, 'pas-un-uuid');

    expect(deleted.status).toBe(204);
    expect(await countOf(sequelize, user.id)).toBe(0);
    for (const res of [again, foreign, unknown]) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'not-found' });
    }
    expect(malformed.status).toBe(400);
    expect(
      await sequelize.query('SELECT id FROM recherche_sauvegardee WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id: theirs.id } }),
    ).toEqual([{ id: theirs.id }]);
  });

  it('when a delete lacks the X-XSRF-TOKEN header, it answers 403 and keeps the search', async () => {
    const { client, sequelize, user } = await aSearcher();
    const { id } = await aRecherche(sequelize, user.id);

    const res = await client.agent.delete(`/api/v1/recherches/${id}`);

    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'csrf-token-invalid' });
    expect(await countOf(sequelize, user.id)).toBe(1);
  });

  it('when a user lists their searches, nobody else’s appear', async () => {
    const { client, colleague, sequelize } = await aSearcher();
    await aRecherche(sequelize, (await colleague()).id, { nom: 'De ma collègue' });

    const res = await list(client);

    expect(res.body).toEqual([]);
  });

  it('when a search is saved or deleted, it is audited with the names of its criteria, never their values nor its name', async () => {
    const { client, sequelize, user } = await aSearcher();

    const { id } = (await save(client, { nom: 'Famille TECHER', criteres: { q: 'techer', communeInsee: '97416' } })).body as { id: string };
    await remove(client, id);

    const rows = await auditRows(sequelize, { targetId: id });
    expect(rows.map((row) => [row['action'], row['actor_id'], row['target_type'], row['details']])).toEqual([
      ['recherches.create', user.id, 'recherche_sauvegardee', { criteres: ['communeInsee', 'q', 'statut'] }],
      ['recherches.delete', user.id, 'recherche_sauvegardee', {}],
    ]);
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('techer');
  });
});
