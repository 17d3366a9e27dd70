import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { aProposition, anAction, aSuiviWorld, suiviCounts } from '../support/suivi-builders';

// The tablet's outbox replays a write after a lost answer with the same Idempotency-Key: the write happens once and
// the replay gets the first answer.

const aBody = (overrides: object = {}) => ({
  date: '2026-11-30T09:30:00+01:00',
  typeCode: 'ENTRETIEN_INDIVIDUEL',
  lieu: { type: 'DISTANCE' },
  themes: ['EMPLOI'],
  objet: 'Point mensuel',
  ...overrides,
});

const keysOf = async (sequelize: Sequelize, userId: string) =>
  (
    await sequelize.query<{ n: string }>('SELECT count(*) AS n FROM idempotency_key WHERE utilisateur_id = $userId', {
      type: QueryTypes.SELECT,
      bind: { userId },
    })
  )[0]?.n;

const withJeune = async () => {
  const world = await aSuiviWorld();
  const conseiller = await world.staff(['conseiller']);
  const jeune = await world.jeune({ referentId: conseiller.id });
  return { world, conseiller, jeune, url: `/api/v1/jeunes/${jeune.id}/evenements` };
};

describe('Suivi — idempotent writes (Idempotency-Key)', () => {
  it('when the same key is sent twice, the événement is created once and the replay gets the same status, body and Location', async () => {
    const { world, conseiller, jeune, url } = await withJeune();
    const key = randomUUID();
    const body = aBody({ actions: [{ titre: 'Mettre à jour son CV', echeance: '2026-12-07' }] });

    const first = await conseiller.post(url, body, key);
    const replay = await conseiller.post(url, body, key);

    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBe('false');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect([replay.status, replay.body, replay.headers['location']]).toEqual([first.status, first.body, first.headers['location']]);
    expect(replay.headers['cache-control']).toBe('no-store');
    const counts = await suiviCounts(world.db.sequelize, jeune.id);
    expect([counts['evenements'], counts['actions']]).toEqual(['1', '1']);
    expect(await keysOf(world.db.sequelize, conseiller.id)).toBe('1');
  });

  it('when the same key comes with another body, it answers 409 idempotency-key-reused and changes nothing', async () => {
    const { world, conseiller, jeune, url } = await withJeune();
    const key = randomUUID();
    await conseiller.post(url, aBody(), key);
    const before = await suiviCounts(world.db.sequelize, jeune.id);

    const reused = await conseiller.post(url, aBody({ themes: ['SANTE'] }), key);
    const elsewhere = await conseiller.post(`/api/v1/jeunes/${jeune.id}/actions`, { titre: 'Mettre à jour son CV', echeance: '2026-12-07' }, key);

    expect([reused.status, reused.body.code]).toEqual([409, 'idempotency-key-reused']);
    expect([elsewhere.status, elsewhere.body.code]).toEqual([409, 'idempotency-key-reused']);
    expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
  });

  it('when the same key is sent twice at once, exactly one événement is created and both answers are the same', async () => {
    const { world, conseiller, jeune, url } = await withJeune();
    const key = randomUUID();
    const body = aBody({ propositions: [{ libelle: 'Atelier CV', theme: 'EMPLOI' }] });

    const answers = await Promise.all([conseiller.post(url, body, key), conseiller.post(url, body, key), conseiller.post(url, body, key)]);

    expect(answers.map((res) => res.status)).toEqual([201, 201, 201]);
    expect(answers.map((res) => res.headers['idempotent-replayed']).sort()).toEqual(['false', 'true', 'true']);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(answers[2]!.body).toEqual(answers[0]!.body);
    const counts = await suiviCounts(world.db.sequelize, jeune.id);
    expect([counts['evenements'], counts['propositions'], counts['etapes']]).toEqual(['1', '1', '1']);
  });

  it('when the key header is malformed, it answers 400 on the header and writes nothing', async () => {
    const { world, conseiller, jeune, url } = await withJeune();
    const before = await suiviCounts(world.db.sequelize, jeune.id);

    for (const key of ['court', 'une clé avec des espaces', 'x'.repeat(101), 'clé-accentuée-123']) {
      const res = await conseiller.post(url, aBody(), key);

      expect([res.status, res.body.code, res.body.errors?.[0]?.path]).withContext(key).toEqual([400, 'validation-failed', 'Idempotency-Key']);
    }
    expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
    expect(await keysOf(world.db.sequelize, conseiller.id)).toBe('0');
  });

  it('when a keyed write is refused, the key is not spent: the corrected write goes through under the same key', async () => {
    const { world, conseiller, jeune, url } = await withJeune();
    const key = randomUUID();

    const refused = await conseiller.post(url, aBody({ typeCode: 'INCONNU' }), key);
    const accepted = await conseiller.post(url, aBody(), key);

    expect(refused.status).toBe(400);
    expect([accepted.status, accepted.headers['idempotent-replayed']]).toEqual([201, 'false']);
    expect((await suiviCounts(world.db.sequelize, jeune.id))['evenements']).toBe('1');
  });

  it('when another user sends the same key, it is their own write', async () => {
    const { world, conseiller, jeune, url } = await withJeune();
    const colleague = await world.staff(['conseiller']);
    await colleague.reason(jeune.id);
    const key = randomUUID();

    const mine = await conseiller.post(url, aBody(), key);
    const theirs = await colleague.post(url, aBody(), key);

    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers['idempotent-replayed']).toBe('false');
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('when a PATCH, a transition or a DELETE is replayed with its key, it is applied once and answered the same', async () => {
    const { world, conseiller, jeune, url } = await withJeune();
    const evenement = (await conseiller.post(url, aBody())).body;
    const proposition = await aProposition(world.db.sequelize, jeune, { date: '2026-11-20' });
    const action = await anAction(world.db.sequelize, jeune);
    const writes: [() => Promise<{ status: number; body: unknown; headers: Record<string, string> }>, number][] = [];
    const patchKey = randomUUID();
    const patch = () => conseiller.patch(`/api/v1/evenements/${evenement.id}`, { ...aBody({ themes: ['SANTE'] }), version: 1 }, patchKey);
    const transitionKey = randomUUID();
    const transition = () => conseiller.patch(`/api/v1/propositions/${proposition.id}`, { version: 1, etat: 'ACCEPTEE', date: '2026-11-30' }, transitionKey);
    const actionKey = randomUUID();
    const close = () =>
      conseiller.patch(
        `/api/v1/actions/${action.id}`,
        { version: 1, titre: 'Mettre à jour son CV', description: null, echeance: '2026-12-07', statut: 'TERMINEE' },
        actionKey,
      );
    const deleteKey = randomUUID();
    const remove = () => conseiller.del(`/api/v1/evenements/${evenement.id}`, { motif: 'Doublon' }, deleteKey);
    writes.push([patch, 200], [transition, 200], [close, 200], [remove, 204]);

    for (const [write, status] of writes) {
      const first = await write();
      const before = await suiviCounts(world.db.sequelize, jeune.id);
      const replay = await write();

      expect([first.status, replay.status]).toEqual([status, status]);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(await suiviCounts(world.db.sequelize, jeune.id)).toEqual(before);
    }
    const counts = await suiviCounts(world.db.sequelize, jeune.id);
    // The created événement, deleted, and the one the transition wrote; one step added; every version bumped once.
    expect([counts['evenements'], counts['supprimes'], counts['etapes'], counts['versions_actions']]).toEqual(['2', '1', '2', '2']);
  });

  it('when the dossier edit (PATCH /jeunes/:id) is replayed with its key, it is applied once, and the key is refused for another body', async () => {
    const { world, conseiller, jeune } = await withJeune();
    const key = randomUUID();
    const body = { version: 1, logement: { situation: 'PARENTS', difficulte: false } };
    const version = async () =>
      (await world.db.sequelize.query<{ version: number }>('SELECT version FROM jeune WHERE id = $id', { type: QueryTypes.SELECT, bind: { id: jeune.id } }))[0]
        ?.version;

    const first = await conseiller.patch(`/api/v1/jeunes/${jeune.id}`, body, key);
    const replay = await conseiller.patch(`/api/v1/jeunes/${jeune.id}`, body, key);
    const reused = await conseiller.patch(`/api/v1/jeunes/${jeune.id}`, { ...body, logement: { situation: 'AUTONOME', difficulte: true } }, key);
    const concurrentKey = randomUUID();
    const concurrent = await Promise.all([
      conseiller.patch(`/api/v1/jeunes/${jeune.id}`, { version: 2, logement: { situation: 'FAMILLE_AMIS', difficulte: true } }, concurrentKey),
      conseiller.patch(`/api/v1/jeunes/${jeune.id}`, { version: 2, logement: { situation: 'FAMILLE_AMIS', difficulte: true } }, concurrentKey),
    ]);

    expect(first.status).withContext(JSON.stringify(first.body)).toBe(200);
    expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(replay.body).toEqual(first.body);
    expect([reused.status, reused.body.code]).toEqual([409, 'idempotency-key-reused']);
    expect(concurrent.map((res) => res.status)).toEqual([200, 200]);
    expect(concurrent[1]!.body).toEqual(concurrent[0]!.body);
    expect(await version()).toBe(3);
    const bad = await conseiller.patch(`/api/v1/jeunes/${jeune.id}`, { ...body, version: 3 }, 'pas bon');
    expect([bad.status, bad.body.errors?.[0]?.path]).toEqual([400, 'Idempotency-Key']);
    expect(await version()).toBe(3);
  });
});
