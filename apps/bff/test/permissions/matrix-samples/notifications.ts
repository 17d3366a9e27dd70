import type { Samples } from '../matrix.types';

/** The route matrix's requests for the notifications' routes. */
export const notificationsSamples: Samples = {
  'GET /api/v1/admin/sms': () => ({}),
};
