import { aJeune } from '../../support/builders';
import { aRendezVous } from '../../support/agenda-builders';
import { aSession, anInscription, linkAccount } from '../../support/session-builders';
import type { Fixture, Samples } from '../matrix.types';

// The route matrix's requests for C-Milo (#5): the signed-in caller's own dossier, created and linked to their account
// (harmless for the staff roles, refused anyway); without a caller (the other Mission Locale's objects), an unlinked
// dossier, whose account-less caller answers 404 like anyone's.

/** A dossier of the fixture's Mission Locale, the caller's own when the matrix signs one in. */
const ownJeune = async ({ sequelize, ml, callerId }: Fixture): Promise<{ id: string }> => {
  const jeune = await aJeune(sequelize, ml);
  if (callerId !== undefined) {
    await linkAccount(sequelize, jeune, callerId);
  }
  return jeune;
};

const mine = async (fixture: Fixture) => {
  await ownJeune(fixture);
  return {};
};

export const cmiloSamples: Samples = {
  'GET /api/v1/me/rendez-vous': mine,
  'GET /api/v1/me/actions': mine,
  'GET /api/v1/me/preferences-notification': mine,
  'GET /api/v1/me/sessions': mine,
  'PUT /api/v1/me/preferences-notification': async (fixture) => ({ ...(await mine(fixture)), body: { push: true, sms: false, email: true } }),
  'POST /api/v1/me/rendez-vous/:id/confirmation': async (fixture) => ({
    params: { id: (await aRendezVous(fixture.sequelize, await ownJeune(fixture), fixture.userId)).id },
    body: { reponse: 'CONFIRME' },
  }),
  'POST /api/v1/me/sessions/:id/inscription': async (fixture) => {
    await ownJeune(fixture);
    return { params: { id: (await aSession(fixture.sequelize, fixture.ml, fixture.userId)).id } };
  },
  'DELETE /api/v1/me/sessions/:id/inscription': async (fixture) => {
    const session = await aSession(fixture.sequelize, fixture.ml, fixture.userId);
    await anInscription(fixture.sequelize, session, await ownJeune(fixture));
    return { params: { id: session.id } };
  },
};
