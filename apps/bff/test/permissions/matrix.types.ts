import type { Sequelize } from 'sequelize';
import type { aClient } from '../support/test-app';

// What the route matrix hands each sample, and what a sample is: shared with the per-feature sample files
// (matrix-samples/*.ts), whose records route-matrix.spec.ts spreads into its SAMPLES.

export interface Fixture {
  readonly ml: { id: string; siteId: string };
  /** A conseiller of `ml`: the user the `:id` routes are about. */
  readonly userId: string;
  /** A jeune of `ml` whose référent is nobody, with a NIR: the dossier the `/jeunes/:id` routes are about. */
  readonly jeuneId: string;
  readonly sequelize: Sequelize;
  /** The signed-in caller, when the role matrix calls: what belongs to a user (a saved search) is theirs then. */
  readonly callerId?: string;
}

export interface Sample {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: object;
  /** Files sent as multipart/form-data, `body` then giving its text fields. */
  readonly files?: Readonly<Record<string, { readonly bytes: Buffer; readonly filename: string }>>;
  /** What the PWA does first, whatever it answers (a reason for a dossier outside the portfolio). */
  readonly prepare?: (client: Client) => Promise<unknown>;
}

/** The matrix's signed-in client. */
export type Client = Awaited<ReturnType<typeof aClient>>;

/** A sample request per route name (`GET /api/v1/…/:id`). */
export type Samples = Readonly<Record<string, (fixture: Fixture) => Sample | Promise<Sample>>>;

/** Opening a dossier outside one's portfolio asks for a reason first; roles that cannot give one are refused later. */
export const reasonFirst = (jeuneId: string) => (client: Client) =>
  client.agent.post(`/api/v1/jeunes/${jeuneId}/acces`).set('X-XSRF-TOKEN', client.token).send({ motif: 'Contrôle de la matrice des rôles' });

