import { TYPES_EVENEMENT_NATIONAUX } from '@imilo/domain';
import type { Migration } from '../umzug';

// The Agenda univers (#5): rendez-vous, collective sessions and their registrations, mémos, the per-user calendar
// feed, the jeune's push subscriptions and every message sent to a jeune with its attempts per channel.
// - Every row carries its Mission Locale (denormalised from the jeune or the author): tenancy is one equality.
// - The agenda reads a conseiller's (or a site's) items over a few days: btrees on (owner, start).
// - `message_jeune` is the delivery log and the reminders' schedule at once: one row per message key (a reminder's key
//   carries the start, so a move makes new rows and cancels the old); the unique key is what makes a message exist once
//   whatever the number of BFF processes; `message_envoi` keeps each channel's attempt (push, SMS, e-mail) with its fate.
// - Signed single-use tokens (the notification's "Je confirme") are remembered by their id until they expire.
export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    ALTER TABLE mission_locale
      ADD COLUMN rappels text[] NOT NULL DEFAULT '{J-7,J-1}',
      ADD COLUMN rappel_heure integer NOT NULL DEFAULT 10 CHECK (rappel_heure BETWEEN 0 AND 23),
      ADD COLUMN push_acquittement_minutes integer NOT NULL DEFAULT 60 CHECK (push_acquittement_minutes BETWEEN 1 AND 1440),
      ADD COLUMN sms_budget_mensuel integer NOT NULL DEFAULT 500 CHECK (sms_budget_mensuel >= 0);

    CREATE TABLE rendez_vous (
      id uuid PRIMARY KEY,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      conseiller_id uuid NOT NULL REFERENCES utilisateur(id),
      type text NOT NULL,
      modalite text NOT NULL CHECK (modalite IN ('PRESENTIEL_SITE', 'TELEPHONE', 'VISIO', 'AUTRE_LIEU')),
      site_id uuid REFERENCES site(id),
      adresse text,
      debut timestamptz NOT NULL,
      duree_minutes integer NOT NULL CHECK (duree_minutes BETWEEN 5 AND 480),
      objet text NOT NULL,
      commentaire text,
      a_apporter text,
      presence_conseiller boolean NOT NULL DEFAULT true,
      statut text NOT NULL DEFAULT 'PLANIFIE' CHECK (statut IN ('PLANIFIE', 'ANNULE', 'CLOS')),
      presence text CHECK (presence IN ('PRESENT', 'ABSENT', 'EXCUSE')),
      reponse_jeune text CHECK (reponse_jeune IN ('CONFIRME', 'ANNULE')),
      reponse_jeune_le timestamptz,
      motif_annulation text,
      annule_le timestamptz,
      annule_par uuid REFERENCES utilisateur(id),
      clos_le timestamptz,
      clos_par uuid REFERENCES utilisateur(id),
      evenement_id uuid REFERENCES evenement(id),
      ics_sequence integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES utilisateur(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES utilisateur(id),
      CHECK ((modalite = 'PRESENTIEL_SITE') = (site_id IS NOT NULL)),
      CHECK ((modalite = 'AUTRE_LIEU') = (adresse IS NOT NULL)),
      CHECK ((statut = 'CLOS') = (presence IS NOT NULL)),
      CHECK ((statut = 'ANNULE') = (motif_annulation IS NOT NULL))
    );
    CREATE INDEX rendez_vous_conseiller_idx ON rendez_vous (conseiller_id, debut);
    CREATE INDEX rendez_vous_ml_idx ON rendez_vous (mission_locale_id, debut);
    CREATE INDEX rendez_vous_jeune_idx ON rendez_vous (jeune_id, debut DESC, id DESC);

    -- Who changed a rendez-vous and when (§c.4: an update keeps its history).
    CREATE TABLE rendez_vous_historique (
      id bigserial PRIMARY KEY,
      rendez_vous_id uuid NOT NULL REFERENCES rendez_vous(id) ON DELETE CASCADE,
      le timestamptz NOT NULL,
      auteur_id uuid REFERENCES utilisateur(id),
      operation text NOT NULL CHECK (operation IN ('CREATION', 'MODIFICATION', 'ANNULATION', 'CLOTURE', 'CONFIRMATION')),
      detail jsonb
    );
    CREATE INDEX rendez_vous_historique_rdv_idx ON rendez_vous_historique (rendez_vous_id, le);

    CREATE TABLE session_collective (
      id uuid PRIMARY KEY,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      offre_id uuid NOT NULL REFERENCES offre_interne(id),
      titre text NOT NULL,
      debut timestamptz NOT NULL,
      duree_minutes integer NOT NULL CHECK (duree_minutes BETWEEN 5 AND 600),
      site_id uuid REFERENCES site(id),
      adresse text,
      animateur_id uuid NOT NULL REFERENCES utilisateur(id),
      places integer NOT NULL CHECK (places BETWEEN 1 AND 500),
      date_limite_inscription date NOT NULL,
      autoinscription boolean NOT NULL DEFAULT false,
      visible boolean NOT NULL DEFAULT true,
      commentaire text,
      a_apporter text,
      statut text NOT NULL DEFAULT 'A_VENIR' CHECK (statut IN ('A_VENIR', 'CLOTUREE', 'ANNULEE')),
      clos_le timestamptz,
      clos_par uuid REFERENCES utilisateur(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES utilisateur(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES utilisateur(id),
      CHECK (site_id IS NOT NULL OR adresse IS NOT NULL),
      CHECK (NOT autoinscription OR visible)
    );
    CREATE INDEX session_collective_ml_idx ON session_collective (mission_locale_id, debut);
    CREATE INDEX session_collective_animateur_idx ON session_collective (animateur_id, debut);

    CREATE TABLE inscription_session (
      id uuid PRIMARY KEY,
      session_id uuid NOT NULL REFERENCES session_collective(id) ON DELETE CASCADE,
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      statut text NOT NULL CHECK (statut IN ('INSCRIT', 'ATTENTE', 'DESINSCRIT', 'PRESENT', 'ABSENT', 'EXCUSE')),
      -- The order of registration, which the waiting list follows.
      inscrit_le timestamptz NOT NULL,
      par uuid REFERENCES utilisateur(id),
      evenement_id uuid REFERENCES evenement(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (session_id, jeune_id)
    );
    CREATE INDEX inscription_session_jeune_idx ON inscription_session (jeune_id);

    CREATE TABLE memo (
      id uuid PRIMARY KEY,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      auteur_id uuid NOT NULL REFERENCES utilisateur(id),
      portee text NOT NULL CHECK (portee IN ('MOI', 'EQUIPE')),
      jeune_id uuid REFERENCES jeune(id) ON DELETE CASCADE,
      texte text NOT NULL,
      echeance date,
      fait_le timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX memo_auteur_idx ON memo (auteur_id, echeance);
    CREATE INDEX memo_ml_idx ON memo (mission_locale_id, echeance) WHERE portee = 'EQUIPE';

    -- A user's secret calendar feed: only the token's hash is kept; revoking deletes the row.
    CREATE TABLE flux_calendrier (
      utilisateur_id uuid PRIMARY KEY REFERENCES utilisateur(id) ON DELETE CASCADE,
      jeton_hash text NOT NULL UNIQUE,
      afficher_noms boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE push_subscription (
      id uuid PRIMARY KEY,
      utilisateur_id uuid NOT NULL REFERENCES utilisateur(id) ON DELETE CASCADE,
      endpoint text NOT NULL UNIQUE,
      p256dh text NOT NULL,
      auth text NOT NULL,
      appareil text,
      created_at timestamptz NOT NULL DEFAULT now(),
      derniere_reussite_le timestamptz,
      dernier_echec_le timestamptz
    );
    CREATE INDEX push_subscription_utilisateur_idx ON push_subscription (utilisateur_id);

    CREATE TABLE message_jeune (
      id uuid PRIMARY KEY,
      cle text NOT NULL UNIQUE,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      rendez_vous_id uuid REFERENCES rendez_vous(id) ON DELETE CASCADE,
      session_id uuid REFERENCES session_collective(id) ON DELETE CASCADE,
      nature text NOT NULL CHECK (nature IN ('CREATION', 'MODIFICATION', 'ANNULATION', 'RAPPEL', 'INSCRIPTION', 'ACTIVATION')),
      rappel text,
      envoi_prevu_le timestamptz NOT NULL,
      statut text NOT NULL DEFAULT 'PLANIFIE' CHECK (statut IN ('PLANIFIE', 'ENVOYE', 'ECHEC', 'ANNULE')),
      motif text,
      traite_le timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX message_jeune_rdv_idx ON message_jeune (rendez_vous_id);
    CREATE INDEX message_jeune_jeune_idx ON message_jeune (jeune_id, envoi_prevu_le DESC);
    CREATE INDEX message_jeune_planifie_idx ON message_jeune (envoi_prevu_le) WHERE statut = 'PLANIFIE';

    CREATE TABLE message_envoi (
      id uuid PRIMARY KEY,
      message_id uuid NOT NULL REFERENCES message_jeune(id) ON DELETE CASCADE,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      canal text NOT NULL CHECK (canal IN ('push', 'sms', 'email')),
      statut text NOT NULL CHECK (statut IN ('ENVOYE', 'DELIVRE', 'ECHEC', 'ANNULE')),
      motif text,
      segments integer,
      reference_fournisseur text,
      push_subscription_id uuid REFERENCES push_subscription(id) ON DELETE SET NULL,
      acquitte_le timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX message_envoi_message_idx ON message_envoi (message_id);
    -- The monthly SMS count of a Mission Locale.
    CREATE INDEX message_envoi_sms_idx ON message_envoi (mission_locale_id, created_at) WHERE canal = 'sms';

    -- The development SMS adapter's outbox, shown in the Admin portal instead of reaching a phone.
    CREATE TABLE sms_boite_dev (
      id uuid PRIMARY KEY,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      destinataire text NOT NULL,
      texte text NOT NULL,
      segments integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sms_boite_dev_ml_idx ON sms_boite_dev (mission_locale_id, created_at DESC);

    -- One alert per Mission Locale and month when its SMS budget crosses 80 %.
    CREATE TABLE sms_budget_alerte (
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      mois text NOT NULL,
      alerte_le timestamptz NOT NULL,
      PRIMARY KEY (mission_locale_id, mois)
    );

    -- Single-use signed tokens already used (notification actions), kept until they expire.
    CREATE TABLE jeton_utilise (
      jti text PRIMARY KEY,
      utilise_le timestamptz NOT NULL,
      expire_le timestamptz NOT NULL
    );
  `);
  // The national types a closing writes (absence, excused absence), on databases whose suivi migration predates them.
  const types = TYPES_EVENEMENT_NATIONAUX.filter((type) => type.code.startsWith('RENDEZ_VOUS_'));
  const rows = types.map((_type, index) => `($${index * 4 + 1}, $${index * 4 + 2}, $${index * 4 + 3}, $${index * 4 + 4})`);
  await sequelize.query(
    `INSERT INTO type_evenement (code, libelle, contact, ordre) VALUES ${rows.join(', ')}
     ON CONFLICT (code) WHERE mission_locale_id IS NULL DO NOTHING`,
    { bind: types.flatMap((type) => [type.code, type.libelle, type.contact, TYPES_EVENEMENT_NATIONAUX.indexOf(type) + 1]) },
  );
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    DROP TABLE jeton_utilise, sms_budget_alerte, sms_boite_dev, message_envoi, message_jeune, push_subscription,
      flux_calendrier, memo, inscription_session, session_collective, rendez_vous_historique, rendez_vous;
    ALTER TABLE mission_locale DROP COLUMN rappels, DROP COLUMN rappel_heure, DROP COLUMN push_acquittement_minutes,
      DROP COLUMN sms_budget_mensuel;
  `);
};
