import { reasonFirst, type Samples } from '../matrix.types';

// The route matrix's requests for a jeune's C-Milo account (#5), on the fixture's dossier (the other Mission Locale's
// for the 404 check). It has no telephone: an allowed caller gets a 400 for the SMS, never a 403, and nothing leaves.

export const compteCmiloSamples: Samples = {
  'GET /api/v1/jeunes/:id/compte-cmilo': ({ jeuneId }) => ({ params: { id: jeuneId }, prepare: reasonFirst(jeuneId) }),
  'POST /api/v1/jeunes/:id/compte-cmilo': ({ jeuneId }) => ({ params: { id: jeuneId }, body: { canal: 'SMS' }, prepare: reasonFirst(jeuneId) }),
};
