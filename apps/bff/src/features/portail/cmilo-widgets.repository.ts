import { QueryTypes, type Sequelize } from 'sequelize';
import type { NatureMessage, StatutAction } from '@imilo/domain';

// C-Milo's home in SQL (#6): the signed-in jeune's actions due soon and the messages sent to them, reached through
// their account (jeune.utilisateur_id), never through an id the request carries.

/** An action of the jeune, not done. */
export interface ActionARealiser {
  readonly id: string;
  readonly titre: string;
  readonly echeance: string;
  readonly statut: StatutAction;
}

/** The jeune's actions to do or in progress due on `au` or before (overdue included): how many, and the `limit` soonest. */
export const listActionsARealiser = async (
  sequelize: Sequelize,
  utilisateurId: string,
  au: string,
  limit: number,
): Promise<{ total: number; items: ActionARealiser[] }> => {
  const rows = await sequelize.query<ActionARealiser & { total: number }>(
    `SELECT a.id, a.titre, to_char(a.echeance, 'YYYY-MM-DD') AS echeance, a.statut, (count(*) OVER ())::int AS total
     FROM jeune j JOIN action_jeune a ON a.jeune_id = j.id
     WHERE j.utilisateur_id = $utilisateurId AND j.statut_dossier <> 'anonymise'
       AND a.statut IN ('A_FAIRE', 'EN_COURS') AND a.echeance <= $au::date
     ORDER BY a.echeance, a.id
     LIMIT $limit`,
    { type: QueryTypes.SELECT, bind: { utilisateurId, au, limit } },
  );
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...action }) => action) };
};

/** A message sent to the jeune. */
export interface MessageEnvoye {
  readonly id: string;
  readonly nature: NatureMessage;
  readonly le: Date;
  readonly lue: boolean;
}

/**
 * The last `limit` messages sent to the jeune, newest first, each read or not (sent before the jeune last opened their
 * notifications), and how many are unread.
 */
export const listMessagesEnvoyes = async (
  sequelize: Sequelize,
  utilisateurId: string,
  limit: number,
): Promise<{ nonLues: number; items: MessageEnvoye[] }> => {
  const rows = await sequelize.query<MessageEnvoye & { non_lues: number }>(
    `SELECT m.id, m.nature, COALESCE(m.traite_le, m.envoi_prevu_le) AS le,
            (u.notifications_lues_le IS NOT NULL AND COALESCE(m.traite_le, m.envoi_prevu_le) <= u.notifications_lues_le) AS lue,
            (count(*) FILTER (WHERE u.notifications_lues_le IS NULL OR COALESCE(m.traite_le, m.envoi_prevu_le) > u.notifications_lues_le) OVER ())::int AS non_lues
     FROM utilisateur u
     JOIN jeune j ON j.utilisateur_id = u.id AND j.statut_dossier <> 'anonymise'
     JOIN message_jeune m ON m.jeune_id = j.id AND m.statut = 'ENVOYE'
     WHERE u.id = $utilisateurId
     ORDER BY m.envoi_prevu_le DESC, m.id DESC
     LIMIT $limit`,
    { type: QueryTypes.SELECT, bind: { utilisateurId, limit } },
  );
  return { nonLues: rows[0]?.non_lues ?? 0, items: rows.map(({ non_lues: _nonLues, ...message }) => message) };
};
