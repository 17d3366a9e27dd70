import type { Sequelize } from 'sequelize';
import { aSession, anInscription } from '../../support/session-builders';
import { anOffre } from '../../support/suivi-builders';
import type { Fixture, Samples } from '../matrix.types';

// The route matrix's requests for collective sessions (#5): sessions of the fixture's Mission Locale animated by its
// conseiller (any planner of the Mission Locale may edit them), the fixture's jeune registered where a route needs it.

const DAY_MS = 86_400_000;

/** A start in a week, at 10:00 UTC: the same local day in metropolitan France. */
const inAWeek = (): Date => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + 7 * DAY_MS + 10 * 3_600_000);

/** A session of the fixture, with its offre; `started` for one under way (its émargement is due). */
const sessionOf = async ({ sequelize, ml, userId }: Fixture, started = false) => {
  const offreId = (await anOffre(sequelize, ml)).id;
  const debut = started ? new Date(Date.now() - 3_600_000) : inAWeek();
  return { ...(await aSession(sequelize, ml, userId, { offreId, debut })), offreId };
};

const registered = async (sequelize: Sequelize, sessionId: string, jeuneId: string) => anInscription(sequelize, { id: sessionId }, { id: jeuneId });

const formOf = (offreId: string, siteId: string) => {
  const debut = inAWeek();
  return { offreId, titre: 'Atelier CV', debut: debut.toISOString(), dureeMinutes: 120, siteId, places: 8, dateLimiteInscription: debut.toISOString().slice(0, 10) };
};

export const sessionsSamples: Samples = {
  'GET /api/v1/sessions': ({ ml }) => {
    const today = new Date().toISOString().slice(0, 10);
    return { query: { from: today, to: today, site: ml.siteId } };
  },
  'GET /api/v1/sessions/:id': async (fixture) => ({ params: { id: (await sessionOf(fixture)).id } }),
  'POST /api/v1/sessions': async ({ sequelize, ml }) => ({ body: formOf((await anOffre(sequelize, ml)).id, ml.siteId) }),
  'PATCH /api/v1/sessions/:id': async (fixture) => {
    const session = await sessionOf(fixture);
    return { params: { id: session.id }, body: { version: 1, ...formOf(session.offreId, fixture.ml.siteId) } };
  },
  'DELETE /api/v1/sessions/:id': async (fixture) => ({ params: { id: (await sessionOf(fixture)).id }, body: { motif: 'Animateur absent' } }),
  'POST /api/v1/sessions/:id/inscriptions': async (fixture) => ({ params: { id: (await sessionOf(fixture)).id }, body: { jeuneId: fixture.jeuneId } }),
  'DELETE /api/v1/sessions/:id/inscriptions/:jeuneId': async (fixture) => {
    const session = await sessionOf(fixture);
    await registered(fixture.sequelize, session.id, fixture.jeuneId);
    return { params: { id: session.id, jeuneId: fixture.jeuneId } };
  },
  'POST /api/v1/sessions/:id/emargement': async (fixture) => {
    const session = await sessionOf(fixture, true);
    await registered(fixture.sequelize, session.id, fixture.jeuneId);
    return { params: { id: session.id }, body: { presences: [{ jeuneId: fixture.jeuneId, presence: 'PRESENT' }] } };
  },
};
