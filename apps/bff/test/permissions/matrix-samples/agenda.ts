import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { aRendezVous } from '../../support/agenda-builders';
import type { Fixture, Samples } from '../matrix.types';

// The route matrix's requests for the agenda (#5): the rendez-vous are the fixture conseiller's with the fixture's
// jeune (any staff member of the Mission Locale may move, cancel or close them); a mémo edited is the caller's own.

const HOUR_MS = 3_600_000;

const inThreeDays = (): string => new Date(Date.now() + 72 * HOUR_MS).toISOString();

/** A planned rendez-vous of the fixture; `startedHoursAgo` for one that may be closed. */
const rendezVousOf = async ({ sequelize, jeuneId, userId }: Fixture, startedHoursAgo?: number): Promise<string> =>
  (await aRendezVous(sequelize, { id: jeuneId }, userId, startedHoursAgo === undefined ? {} : { debut: new Date(Date.now() - startedHoursAgo * HOUR_MS) })).id;

/** A MOI mémo of its author in the Mission Locale. */
const aMemo = async (sequelize: Sequelize, missionLocaleId: string, auteurId: string): Promise<string> => {
  const id = randomUUID();
  await sequelize.query(`INSERT INTO memo (id, mission_locale_id, auteur_id, portee, texte) VALUES ($id, $ml, $auteurId, 'MOI', 'Rappeler la jeune')`, {
    bind: { id, ml: missionLocaleId, auteurId },
  });
  return id;
};

export const agendaSamples: Samples = {
  'POST /api/v1/rendez-vous': ({ jeuneId, userId }) => ({ body: { jeuneId, conseillerId: userId, modalite: 'TELEPHONE', debut: inThreeDays(), dureeMinutes: 30 } }),
  'GET /api/v1/rendez-vous/:id': async (fixture) => ({ params: { id: await rendezVousOf(fixture) } }),
  'PATCH /api/v1/rendez-vous/:id': async (fixture) => ({
    params: { id: await rendezVousOf(fixture) },
    body: { version: 1, jeuneId: fixture.jeuneId, modalite: 'VISIO', debut: inThreeDays(), dureeMinutes: 45 },
  }),
  'DELETE /api/v1/rendez-vous/:id': async (fixture) => ({ params: { id: await rendezVousOf(fixture) }, body: { motif: 'Empêchement du conseiller' } }),
  'POST /api/v1/rendez-vous/:id/cloture': async (fixture) => ({ params: { id: await rendezVousOf(fixture, 1) }, body: { presence: 'PRESENT' } }),
  'GET /api/v1/agenda': ({ ml }) => {
    const today = new Date().toISOString().slice(0, 10);
    return { query: { from: today, to: today, site: ml.siteId } };
  },
  'GET /api/v1/agenda/conseillers': () => ({}),
  'GET /api/v1/memos': () => ({}),
  'POST /api/v1/memos': ({ jeuneId }) => ({ body: { texte: 'Rappeler la jeune pour son CV', jeuneId } }),
  'PATCH /api/v1/memos/:id': async ({ sequelize, ml, userId, callerId }) => ({
    params: { id: await aMemo(sequelize, ml.id, callerId ?? userId) },
    body: { version: 1, texte: 'Rappeler la jeune', portee: 'MOI', jeuneId: null, echeance: null, fait: true },
  }),
  'DELETE /api/v1/memos/:id': async ({ sequelize, ml, userId, callerId }) => ({ params: { id: await aMemo(sequelize, ml.id, callerId ?? userId) } }),
  'GET /api/v1/ics/flux': () => ({}),
  'POST /api/v1/ics/flux': () => ({ body: { afficherNoms: false } }),
  'DELETE /api/v1/ics/flux': () => ({}),
};
