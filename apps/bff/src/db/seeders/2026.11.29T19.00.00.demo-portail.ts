import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { anniversaire, AGE_LIMITE, localDateIn, plusJours } from '@imilo/domain';
import { refreshDossierDerived } from '../../features/dossiers/dossier-derived';
import { insertAction } from '../../features/evenements/actions.repository';
import type { Seeder } from '../umzug';
import { DEMO_WALKTHROUGH_JEUNE } from './demo-dossiers.data';
import { DEMO_JEUNE_REFERENT, DEMO_MISSIONS_LOCALES, demoId } from './demo.data';

// The Portail of #6 on the demo: each demo conseiller's « Alertes » show, whatever the day of seeding, a jeune of
// their portfolio whose titre de séjour expires in three weeks and one turning 26 next month, among a few dossiers
// without contact for 90 days; demo.jeune's C-Milo home
// shows an action due soon and two notifications (one already read). The direction's figures and the administrator's
// accounts come from the other seeders' événements, rendez-vous and users.

/** The demo conseiller of each Mission Locale. */
const CONSEILLERS: readonly string[] = ['demo.conseiller', 'demo.conseiller2'];

/** Two jeunes of a portfolio the other demo seeders leave alone (not the walkthrough's, no account, last by matricule). */
const portfolioTail = async (sequelize: Sequelize, transaction: Transaction, conseillerId: string) =>
  sequelize.query<{ id: string; mission_locale_id: string; timezone: string }>(
    `SELECT j.id, j.mission_locale_id, ml.timezone FROM jeune j JOIN mission_locale ml ON ml.id = j.mission_locale_id
     WHERE j.referent_id = $conseillerId AND j.utilisateur_id IS NULL AND j.statut_dossier = 'actif' AND j.id <> $walkthrough
     ORDER BY j.matricule DESC LIMIT 2`,
    { type: QueryTypes.SELECT, bind: { conseillerId, walkthrough: demoId(DEMO_WALKTHROUGH_JEUNE.key) }, transaction },
  );

/** How many long-silent dossiers a demo portfolio keeps, so that « Aucun contact » shows without hiding the rest. */
const SANS_CONTACT_GARDES = 2;

/**
 * The demo dossiers got a random last contact up to 200 days back: half a portfolio would be « sans contact » and fill
 * the alerts. The demo conseillers keep in touch: their dossiers without any événement (whose last contact is the
 * demo's invention) get one within the last two months, a couple excepted; a dossier with événements keeps the last
 * contact its événements give.
 */
const rafraichirContacts = async (sequelize: Sequelize, transaction: Transaction, conseillerId: string, today: string) => {
  await sequelize.query(
    `WITH silencieux AS (
       SELECT j.id, row_number() OVER (ORDER BY j.matricule) AS rang FROM jeune j
       WHERE j.referent_id = $conseillerId AND j.statut_dossier = 'actif' AND j.dernier_contact_le < $today::date - 85
         AND NOT EXISTS (SELECT 1 FROM evenement e WHERE e.jeune_id = j.id)
     )
     UPDATE jeune j SET dernier_contact_le = $today::date - (5 + abs(hashtext(j.id::text)) % 55)
     FROM silencieux s WHERE s.id = j.id AND s.rang > $gardes`,
    { bind: { conseillerId, today, gardes: SANS_CONTACT_GARDES }, transaction },
  );
};

const seedAlertes = async (sequelize: Sequelize, transaction: Transaction, login: string, seededAt: Date) => {
  const conseillerId = demoId(`utilisateur:${login}`);
  const [titre, age] = await portfolioTail(sequelize, transaction, conseillerId);
  if (titre === undefined || age === undefined) {
    return;
  }
  const today = localDateIn(seededAt, titre.timezone);
  await rafraichirContacts(sequelize, transaction, conseillerId, today);
  // A non-EU national: « complet » then asks for the titre's expiry, which is given.
  await sequelize.query(`UPDATE jeune SET nationalite = 'HORS_UE', titre_sejour_expire_le = $expire WHERE id = $id`, {
    bind: { id: titre.id, expire: plusJours(today, 21) },
    transaction,
  });
  await sequelize.query('UPDATE jeune SET date_naissance = $naissance, rqth = false WHERE id = $id', {
    bind: { id: age.id, naissance: anniversaire(plusJours(today, 35), -AGE_LIMITE) },
    transaction,
  });
  for (const jeune of [titre, age]) {
    await refreshDossierDerived(sequelize, jeune.id, { transaction, now: seededAt });
  }
};

const HOUR_MS = 3_600_000;

/** demo.jeune: an action due in five days, a reminder sent this morning (unread) and a message read yesterday. */
const seedCmilo = async (sequelize: Sequelize, transaction: Transaction, seededAt: Date) => {
  const [jeune] = await sequelize.query<{ id: string; mission_locale_id: string; utilisateur_id: string; timezone: string }>(
    `SELECT j.id, j.mission_locale_id, j.utilisateur_id, ml.timezone FROM jeune j JOIN mission_locale ml ON ml.id = j.mission_locale_id
     WHERE j.referent_id = $conseillerId AND j.utilisateur_id IS NOT NULL AND j.mission_locale_id = $ml`,
    { type: QueryTypes.SELECT, bind: { conseillerId: demoId(`utilisateur:${DEMO_JEUNE_REFERENT}`), ml: DEMO_MISSIONS_LOCALES[0]!.id }, transaction },
  );
  if (jeune === undefined) {
    return;
  }
  await insertAction(
    sequelize,
    {
      id: demoId('action:portail:demo-jeune'),
      jeuneId: jeune.id,
      missionLocaleId: jeune.mission_locale_id,
      evenementId: null,
      titre: 'Envoyer deux candidatures en alternance',
      description: null,
      echeance: plusJours(localDateIn(seededAt, jeune.timezone), 5),
      createur: 'CONSEILLER',
      by: demoId(`utilisateur:${DEMO_JEUNE_REFERENT}`),
      at: seededAt,
    },
    { transaction },
  );
  const messages = [
    { key: 'creation', nature: 'CREATION', le: new Date(seededAt.getTime() - 26 * HOUR_MS) },
    { key: 'rappel', nature: 'RAPPEL', le: new Date(seededAt.getTime() - 2 * HOUR_MS) },
  ];
  for (const message of messages) {
    const id = demoId(`message:portail:demo-jeune:${message.key}`);
    await sequelize.query(
      `INSERT INTO message_jeune (id, cle, mission_locale_id, jeune_id, nature, envoi_prevu_le, statut, traite_le, created_at)
       VALUES ($id, $cle, $ml, $jeuneId, $nature, $le, 'ENVOYE', $le, $le)
       ON CONFLICT (cle) DO NOTHING`,
      { bind: { id, cle: `demo:portail:${message.key}`, ml: jeune.mission_locale_id, jeuneId: jeune.id, nature: message.nature, le: message.le }, transaction },
    );
    await sequelize.query(
      `INSERT INTO message_envoi (id, message_id, mission_locale_id, canal, statut, created_at, updated_at)
       VALUES ($id, $messageId, $ml, 'email', 'ENVOYE', $le, $le)
       ON CONFLICT (id) DO NOTHING`,
      { bind: { id: demoId(`envoi:portail:demo-jeune:${message.key}`), messageId: id, ml: jeune.mission_locale_id, le: message.le }, transaction },
    );
  }
  // Read after the first message, before the reminder.
  await sequelize.query('UPDATE utilisateur SET notifications_lues_le = $le WHERE id = $id', {
    bind: { id: jeune.utilisateur_id, le: new Date(seededAt.getTime() - 20 * HOUR_MS) },
    transaction,
  });
};

export const up: Seeder = async ({ context: { sequelize } }) => {
  const seededAt = new Date();
  await sequelize.transaction(async (transaction) => {
    for (const login of CONSEILLERS) {
      await seedAlertes(sequelize, transaction, login, seededAt);
    }
    await seedCmilo(sequelize, transaction, seededAt);
  });
};

export const down: Seeder = async ({ context: { sequelize } }) => {
  await sequelize.query(`DELETE FROM message_jeune WHERE cle LIKE 'demo:portail:%'`);
  await sequelize.query('DELETE FROM action_jeune WHERE id = $id', { bind: { id: demoId('action:portail:demo-jeune') } });
};
