import { QueryTypes, type Sequelize } from 'sequelize';
import { portailSchema, type Role } from '@imilo/domain';
import { aSuiviWorld } from '../support/suivi-builders';
import { signedIn } from '../support/test-app';

// The Portail's specs (#6) share a Mission Locale on a test clock (a Wednesday, 10:00 in Paris) and signed-in users
// who open their home, save their disposition and act on their alerts, as the PWA does.

/** Wednesday 25 November 2026, 10:00 in Paris: the week runs from Monday 23 to Sunday 29. */
export const NOW = new Date('2026-11-25T09:00:00Z');

/** A Portail world: the suivi world's Mission Locale and staff, plus the Portail's calls. */
export const aPortailWorld = async (options: { now?: Date } = {}) => {
  const world = await aSuiviWorld({ now: options.now ?? NOW });
  const portailOf = (client: Awaited<ReturnType<typeof signedIn>>) => ({
    client,
    portail: (query: Record<string, string> = {}) => client.agent.get('/api/v1/portail').query(query),
    saveLayout: (body: unknown, query: Record<string, string> = {}) =>
      client.agent.put('/api/v1/portail/layout').query(query).set('X-XSRF-TOKEN', client.token).type('json').send(JSON.stringify(body)),
    resetLayout: () => client.agent.delete('/api/v1/portail/layout').set('X-XSRF-TOKEN', client.token),
    traiter: (cle: unknown) => client.agent.post('/api/v1/portail/alertes/traitees').set('X-XSRF-TOKEN', client.token).send({ cle }),
    lire: () => client.agent.post('/api/v1/portail/notifications/lues').set('X-XSRF-TOKEN', client.token),
  });
  /** A signed-in member of the staff (of the world's Mission Locale unless told) and their Portail calls. */
  const user = async (roles: Role[] = ['conseiller'], inMl: { id: string; siteId?: string } = world.ml) => {
    const member = await world.staff(roles, inMl);
    return { ...member, ...portailOf(member.client) };
  };
  /** The same user signed in anew (another device). */
  const otherDevice = async (login: string) => portailOf(await signedIn(world.app, login));
  return { ...world, user, otherDevice, portailOf, sequelize: world.db.sequelize };
};

/** The widgets a home answered, by id, after checking the answer's shape against the contract. */
export const widgetsOf = (body: unknown) => {
  const parsed = portailSchema.safeParse(body);
  expect(parsed.error).withContext(JSON.stringify(body)).toBeUndefined();
  return (body as { widgets: Record<string, { statut: string; donnees?: unknown; message?: string }> }).widgets;
};

/** A widget's data, checking it answered `ok`. */
export const donnees = <T = Record<string, unknown>>(body: unknown, id: string): T => {
  const etat = widgetsOf(body)[id];
  expect(etat?.statut).withContext(`${id}: ${JSON.stringify(etat)}`).toBe('ok');
  return etat?.donnees as T;
};

/** Sets columns the builders do not write (`titre_sejour_expire_le`, `rqth`, `date_premier_accueil`…) on a jeune. */
export const setJeune = async (sequelize: Sequelize, jeuneId: string, values: Record<string, unknown>): Promise<void> => {
  const columns = Object.keys(values);
  await sequelize.query(`UPDATE jeune SET ${columns.map((column) => `${column} = $${column}`).join(', ')} WHERE id = $id`, {
    bind: { id: jeuneId, ...values },
  });
};

/** The stored disposition of a user, or null. */
export const storedDisposition = async (sequelize: Sequelize, userId: string) =>
  (
    await sequelize.query<{ home: string; widgets: unknown }>('SELECT home, widgets FROM portail_disposition WHERE utilisateur_id = $userId', {
      type: QueryTypes.SELECT,
      bind: { userId },
    })
  )[0] ?? null;
