import type { Migration } from '../umzug';

// The Portail (#6): each user's home disposition, the alerts a conseiller marked « traitée », when a jeune last read
// their notifications, and the indexes the widgets read through.
// - The disposition is one row per user (a JSON list of widgets in order): read and written whole, never queried.
// - An alert is keyed by rule, jeune and échéance (libs/domain alertes.rules cleAlerte), per Mission Locale: treating
//   it is shared by the team, and a new occurrence (another échéance) has another key.
// - The direction's figures count a Mission Locale's événements, premiers accueils and rendez-vous over a period; the
//   conseiller's activity counts their own événements: btrees on (owner, time) keep each to one index range. The
//   Mission Locale's carries the jeune, so that « jeunes accompagnés » counts distinct jeunes from the index alone
//   (bench:portail: 3 000 heap blocks a read in the biggest Mission Locale otherwise).
export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    CREATE TABLE portail_disposition (
      utilisateur_id uuid PRIMARY KEY REFERENCES utilisateur(id) ON DELETE CASCADE,
      home text NOT NULL CHECK (home IN ('conseiller', 'direction', 'admin', 'c-milo')),
      widgets jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE alerte_traitee (
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      cle text NOT NULL,
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      traitee_par uuid NOT NULL REFERENCES utilisateur(id),
      traitee_le timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (mission_locale_id, cle)
    );
    CREATE INDEX alerte_traitee_jeune_idx ON alerte_traitee (jeune_id);

    ALTER TABLE utilisateur ADD COLUMN notifications_lues_le timestamptz;

    CREATE INDEX evenement_ml_date_idx ON evenement (mission_locale_id, date_heure) INCLUDE (jeune_id) WHERE supprime_le IS NULL;
    CREATE INDEX evenement_conseiller_date_idx ON evenement (conseiller_id, date_heure) WHERE supprime_le IS NULL;
    CREATE INDEX jeune_ml_premier_accueil_idx ON jeune (mission_locale_id, date_premier_accueil);
    CREATE INDEX proposition_ml_created_idx ON proposition (mission_locale_id, created_at) WHERE offre_id IS NOT NULL;
    CREATE INDEX action_jeune_echeance_idx ON action_jeune (jeune_id, echeance) WHERE statut IN ('A_FAIRE', 'EN_COURS');
  `);
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    DROP INDEX action_jeune_echeance_idx, proposition_ml_created_idx, jeune_ml_premier_accueil_idx,
      evenement_conseiller_date_idx, evenement_ml_date_idx;
    ALTER TABLE utilisateur DROP COLUMN notifications_lues_le;
    DROP TABLE alerte_traitee, portail_disposition;
  `);
};
