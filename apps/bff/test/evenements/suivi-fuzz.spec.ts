import fc from 'fast-check';
import { actionSchema, evenementSchema, propositionSchema, THEMES, TYPES_EVENEMENT_NATIONAUX } from '@imilo/domain';
import { aProposition, anAction, anOffre, aSuiviWorld, suiviCounts } from '../support/suivi-builders';

// Fuzzing the suivi's writes: arbitrary JSON, and valid bodies with one field broken, dropped or added. Every answer
// is a 400 that changes nothing, or the success (a valid body) — never a server error.

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    '\u0000',
    '\ud800',
    '0000-01-01',
    '2026-02-29',
    '9999-12-31',
    '2026-11-30T10:00:00+23:59',
    '2026-11-30T10:00:00+16:00',
    '9999-12-31T23:59:59-14:00',
    '1999-12-31T23:59:59Z',
    '00000000-0000-0000-0000-000000000000',
    -1,
    1e308,
  ),
);

const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const instant = fc
  .tuple(day, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('Z', '+01:00', '+04:00', '-10:00', '+14:00'))
  .map(([d, h, m, offset]) => `${d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00${offset}`);
const texte = fc.constantFrom('Bilan', '  Point mensuel  ', 'Entretien « projet »', "L'atelier", 'x'.repeat(200));
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A valid body now and then broken: a field replaced by anything, dropped, or an unknown one added. */
const mutated = (valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: valid, weight: 3 },
    {
      arbitrary: fc.tuple(valid, fc.nat(), anyValue).map(([body, index, value]) => {
        const keys = Object.keys(body);
        return { ...body, [keys[index % keys.length]!]: value };
      }),
      weight: 3,
    },
    {
      arbitrary: fc.tuple(valid, fc.nat()).map(([body, index]) => {
        const keys = Object.keys(body);
        const { [keys[index % keys.length]!]: _dropped, ...rest } = body;
        return rest;
      }),
      weight: 1,
    },
    { arbitrary: fc.tuple(valid, anyValue).map(([body, value]) => ({ ...body, inconnu: value })), weight: 1 },
    { arbitrary: anyValue, weight: 2 },
  );

describe('Suivi — fuzzed bodies', () => {
  it('when POST /jeunes/:id/evenements bodies are fuzzed, the answer is 201 (a valid événement) or 400 that writes nothing — never a server error', async () => {
    const world = await aSuiviWorld();
    const conseiller = await world.staff(['conseiller']);
    const jeune = await world.jeune({ referentId: conseiller.id });
    const offre = await anOffre(world.db.sequelize, world.ml);
    const lieu = fc.oneof(
      fc.constant({ type: 'DISTANCE' }),
      fc.record({ type: fc.constant('ADRESSE'), adresse: texte }),
      fc.record({ type: fc.constant('SITE'), siteId: fc.constantFrom(world.ml.siteId, '00000000-0000-4000-8000-000000000000') }),
    );
    const action = fc.record({ titre: texte, description: nullable(texte), echeance: day });
    const proposition = fc.oneof(
      fc.record({ offreId: fc.constantFrom(offre.id, '00000000-0000-4000-8000-000000000000') }),
      fc.record({ libelle: texte, theme: fc.constantFrom(...THEMES), commentaire: nullable(texte), date: day }, { requiredKeys: ['libelle', 'theme'] }),
    );
    const valid = fc.record(
      {
        date: instant,
        dureeMinutes: nullable(fc.integer({ min: 1, max: 720 })),
        typeCode: fc.constantFrom(...TYPES_EVENEMENT_NATIONAUX.map((type) => type.code), 'INCONNU', 'atelier'),
        lieu,
        themes: fc.uniqueArray(fc.constantFrom(...THEMES), { minLength: 1, maxLength: 3 }),
        objet: nullable(texte),
        contexte: nullable(texte),
        partenaire: nullable(texte),
        actions: fc.array(action, { maxLength: 2 }),
        propositions: fc.array(proposition, { maxLength: 2 }),
      },
      { requiredKeys: ['date', 'typeCode', 'lieu', 'themes'] },
    );
    const seen = new Set<number>();

    await fc.assert(
      fc.asyncProperty(mutated(valid), async (body) => {
        const before = await suiviCounts(world.db.sequelize, jeune.id);

        const res = await conseiller.post(`/api/v1/jeunes/${jeune.id}/evenements`, body);

        seen.add(res.status);
        const context = `${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(body)}`;
        expect([201, 400]).withContext(context).toContain(res.status);
        if (res.status === 201) {
          expect(evenementSchema.safeParse(res.body).error).withContext(context).toBeUndefined();
        } else {
          expect(res.body.code).withContext(context).toBe('validation-failed');
          expect(await suiviCounts(world.db.sequelize, jeune.id)).withContext(context).toEqual(before);
        }
        return [201, 400].includes(res.status);
      }),
      { numRuns: 120, seed: 20261130 },
    );
    expect([...seen].sort()).toEqual([201, 400]);
  }, 120_000);

  it('when PATCH bodies of an événement, a proposition and an action are fuzzed, the answer is 200, 400 or 409 — never a server error', async () => {
    const world = await aSuiviWorld();
    const conseiller = await world.staff(['conseiller']);
    const jeune = await world.jeune({ referentId: conseiller.id });
    const evenement = (
      await conseiller.post(`/api/v1/jeunes/${jeune.id}/evenements`, {
        date: '2026-11-30T09:00:00Z',
        typeCode: 'ATELIER',
        lieu: { type: 'DISTANCE' },
        themes: ['EMPLOI'],
      })
    ).body as { id: string };
    const action = await anAction(world.db.sequelize, jeune);
    const evenementPatch = fc.record({
      version: fc.constantFrom<unknown>('CURRENT', 1, 0),
      date: instant,
      dureeMinutes: nullable(fc.integer({ min: 1, max: 720 })),
      typeCode: fc.constantFrom('ATELIER', 'TELEPHONE', 'INCONNU'),
      lieu: fc.oneof(fc.constant({ type: 'DISTANCE' }), fc.record({ type: fc.constant('ADRESSE'), adresse: texte })),
      themes: fc.uniqueArray(fc.constantFrom(...THEMES), { minLength: 1, maxLength: 3 }),
      objet: nullable(texte),
    });
    const actionPatch = fc.record({
      version: fc.constantFrom<unknown>('CURRENT', 1),
      titre: texte,
      description: nullable(texte),
      echeance: day,
      statut: fc.constantFrom('A_FAIRE', 'EN_COURS', 'TERMINEE', 'ANNULEE', 'FINIE'),
    });
    const transition = fc.record({
      version: fc.constantFrom<unknown>('CURRENT', 1),
      etat: fc.constantFrom('ACCEPTEE', 'REFUSEE', 'REALISEE', 'ABANDONNEE', 'PROPOSEE', 'INCONNU'),
      date: day,
      resultat: nullable(texte),
    });
    const target = fc.oneof(
      mutated(evenementPatch).map((body) => ({ kind: 'evenement' as const, body })),
      mutated(actionPatch).map((body) => ({ kind: 'action' as const, body })),
      mutated(transition).map((body) => ({ kind: 'proposition' as const, body })),
    );
    const seen = new Set<number>();
    const schemas = { evenement: evenementSchema, action: actionSchema, proposition: propositionSchema };

    await fc.assert(
      fc.asyncProperty(target, async ({ kind, body }) => {
        // A fresh proposition each time, so that transitions keep meeting every state.
        const id = kind === 'evenement' ? evenement.id : kind === 'action' ? action.id : (await aProposition(world.db.sequelize, jeune, { date: '2026-01-01' })).id;
        const url = `/api/v1/${kind === 'evenement' ? 'evenements' : kind === 'action' ? 'actions' : 'propositions'}/${id}`;
        const current = ((await conseiller.get(url)).body as { version: number }).version;
        const sent = isRecord(body) && body['version'] === 'CURRENT' ? { ...body, version: current } : body;
        const before = await suiviCounts(world.db.sequelize, jeune.id);

        const res = await conseiller.patch(url, sent);

        seen.add(res.status);
        const context = `${kind} ${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(sent)}`;
        expect([200, 400, 409]).withContext(context).toContain(res.status);
        if (res.status === 200) {
          expect(schemas[kind].safeParse(res.body).error).withContext(context).toBeUndefined();
        } else {
          // The GET above is audited; nothing else moves.
          const after: Record<string, string | undefined> = { ...(await suiviCounts(world.db.sequelize, jeune.id)), audit: before['audit'] };
          expect(after).withContext(context).toEqual(before);
        }
        return [200, 400, 409].includes(res.status);
      }),
      { numRuns: 120, seed: 20261201 },
    );
    expect([...seen].sort()).toEqual([200, 400, 409]);
  }, 120_000);

  it('when POST bodies of propositions and actions are fuzzed, the answer is 201 or 400 that writes nothing', async () => {
    const world = await aSuiviWorld();
    const conseiller = await world.staff(['conseiller']);
    const jeune = await world.jeune({ referentId: conseiller.id });
    const offre = await anOffre(world.db.sequelize, world.ml);
    const proposition = fc.record(
      {
        offreId: nullable(fc.constantFrom(offre.id, '00000000-0000-4000-8000-000000000000')),
        libelle: nullable(texte),
        theme: nullable(fc.constantFrom(...THEMES)),
        partenaire: nullable(texte),
        commentaire: nullable(texte),
        date: day,
      },
      { requiredKeys: [] },
    );
    const action = fc.record({ titre: texte, description: nullable(texte), echeance: day }, { requiredKeys: ['titre', 'echeance'] });
    const target = fc.oneof(
      mutated(proposition).map((body) => ({ kind: 'propositions' as const, body })),
      mutated(action).map((body) => ({ kind: 'actions' as const, body })),
    );
    const seen = new Set<number>();

    await fc.assert(
      fc.asyncProperty(target, async ({ kind, body }) => {
        const before = await suiviCounts(world.db.sequelize, jeune.id);

        const res = await conseiller.post(`/api/v1/jeunes/${jeune.id}/${kind}`, body);

        seen.add(res.status);
        const context = `${kind} ${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(body)}`;
        expect([201, 400]).withContext(context).toContain(res.status);
        if (res.status === 201) {
          expect((kind === 'actions' ? actionSchema : propositionSchema).safeParse(res.body).error).withContext(context).toBeUndefined();
        } else {
          expect(await suiviCounts(world.db.sequelize, jeune.id)).withContext(context).toEqual(before);
        }
        return [201, 400].includes(res.status);
      }),
      { numRuns: 100, seed: 20261202 },
    );
    expect([...seen].sort()).toEqual([201, 400]);
  }, 120_000);
});
