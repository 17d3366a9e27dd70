import { aJeune } from '../../support/builders';
import type { Samples } from '../matrix.types';

// The route matrix's requests for the Portail (#6): every role has a home, and an empty disposition is one every home
// accepts; the alert treated is about a jeune of the caller's portfolio (the fixture's own jeune is nobody's).

export const portailSamples: Samples = {
  'GET /api/v1/portail': () => ({ query: { periode: 'semaine' } }),
  'PUT /api/v1/portail/layout': () => ({ body: { widgets: [] } }),
  'DELETE /api/v1/portail/layout': () => ({}),
  'POST /api/v1/portail/alertes/traitees': async ({ sequelize, ml, userId, callerId }) => {
    const jeune = await aJeune(sequelize, ml, { referentId: callerId ?? userId, dateNaissance: '2000-12-15' });
    return { body: { cle: `AGE_LIMITE:${jeune.id}:2026-12-15` } };
  },
  'POST /api/v1/portail/notifications/lues': () => ({}),
};
