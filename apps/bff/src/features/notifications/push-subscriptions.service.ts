import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { PushSubscriptionCreation, PushSubscriptionsDto } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, type RequestOrigin } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';

// The caller's push subscriptions, one per device (browser): a jeune's in C-Milo, a conseiller's for the answers of
// their jeunes. The endpoint identifies the device: subscribing again (a new key, or another user signed in on the same
// browser) replaces the row. The push service's 404/410 deletes it (dispatcher.ts).

type Subscription = PushSubscriptionsDto['subscriptions'][number];

interface SubscriptionRow {
  id: string;
  appareil: string | null;
  created_at: Date;
}

const toDto = (row: SubscriptionRow): Subscription => ({ id: row.id, appareil: row.appareil, creeLe: new Date(row.created_at).toISOString() });

/** The VAPID public key and the caller's devices, oldest first. */
export const listOwnSubscriptions = async (ctx: AppContext, user: SessionUser): Promise<PushSubscriptionsDto> => {
  const rows = await ctx.db.sequelize.query<SubscriptionRow>(
    'SELECT id, appareil, created_at FROM push_subscription WHERE utilisateur_id = $user ORDER BY created_at, id',
    { type: QueryTypes.SELECT, bind: { user: user.id } },
  );
  return { publicKey: ctx.channels.push.publicKey, subscriptions: rows.map(toDto) };
};

/** Records (or renews) the caller's device; the keys are never logged nor audited. */
export const subscribe = async (
  ctx: AppContext,
  user: SessionUser,
  origin: RequestOrigin,
  input: PushSubscriptionCreation,
  transaction: Transaction,
): Promise<Subscription> => {
  const [row] = await ctx.db.sequelize.query<SubscriptionRow>(
    `INSERT INTO push_subscription (id, utilisateur_id, endpoint, p256dh, auth, appareil, created_at)
     VALUES ($id, $user, $endpoint, $p256dh, $auth, $appareil, $now)
     ON CONFLICT (endpoint) DO UPDATE SET utilisateur_id = EXCLUDED.utilisateur_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
       appareil = EXCLUDED.appareil, dernier_echec_le = NULL
     RETURNING id, appareil, created_at`,
    {
      type: QueryTypes.SELECT,
      transaction,
      bind: {
        id: randomUUID(),
        user: user.id,
        endpoint: input.endpoint,
        p256dh: input.keys.p256dh,
        auth: input.keys.auth,
        appareil: input.appareil,
        now: ctx.clock.now().toISOString(),
      },
    },
  );
  await ctx.audit.record({ action: 'push.subscribe', outcome: 'success', ...actedBy(user, origin), targetType: 'push_subscription', targetId: row!.id }, transaction);
  return toDto(row!);
};

/** Forgets one of the caller's devices; another user's is not found (404). */
export const unsubscribe = async (ctx: AppContext, user: SessionUser, origin: RequestOrigin, id: string, transaction: Transaction): Promise<void> => {
  const deleted = await ctx.db.sequelize.query('DELETE FROM push_subscription WHERE id = $id AND utilisateur_id = $user RETURNING id', {
    type: QueryTypes.SELECT,
    transaction,
    bind: { id, user: user.id },
  });
  if (deleted.length === 0) {
    throw notFound("Cet appareil n'est pas abonné aux notifications.");
  }
  await ctx.audit.record({ action: 'push.unsubscribe', outcome: 'success', ...actedBy(user, origin), targetType: 'push_subscription', targetId: id }, transaction);
};

/**
 * The device received the push (its service worker GETs the link, without a session): the attempt becomes « délivré ».
 * The attempt's id, random and only sent to that device, is the proof; an unknown one is not found, a second
 * acknowledgement changes nothing.
 */
export const acknowledge = async (ctx: AppContext, envoiId: string): Promise<void> => {
  const now = ctx.clock.now().toISOString();
  const found = await ctx.db.sequelize.query<{ statut: string }>(
    `UPDATE message_envoi SET statut = CASE WHEN statut = 'ENVOYE' THEN 'DELIVRE' ELSE statut END,
            acquitte_le = COALESCE(acquitte_le, $now), updated_at = $now
     WHERE id = $id AND canal = 'push' AND statut IN ('ENVOYE', 'DELIVRE')
     RETURNING statut`,
    { type: QueryTypes.SELECT, bind: { id: envoiId, now } },
  );
  if (found.length === 0) {
    throw notFound("Cet envoi n'existe pas.");
  }
};
