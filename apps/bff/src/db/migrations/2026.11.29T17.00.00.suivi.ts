import { TYPES_EVENEMENT_NATIONAUX } from '@imilo/domain';
import type { Migration } from '../umzug';

// The Suivi univers (#4): événements, propositions and the jeune's actions, the referentials they use, and the keys
// that make a replayed write (the tablet's offline outbox) happen once.
// - `type_evenement` is the first referential a Mission Locale extends: national rows (mission_locale_id NULL) are
//   seeded here, a Mission Locale adds its own codes; a code is unique within the national list plus one ML's.
// - Every row carries its Mission Locale (denormalised from the jeune): tenancy is one equality, as on `jeune`.
// - The timeline reads each kind by jeune, newest first, through one btree per table whose order is the timeline's
//   (time DESC, id DESC), so that a page of a dossier with hundreds of items among millions is an index range scan.
// - Événements are never deleted: `supprime_le` marks them (with who and why), the timeline skips them.
// - `idempotency_key` holds the answer of each keyed write, stored in the write's own transaction: a replay after a
//   crash either finds the answer or finds nothing written (docs/decisions/0005).
export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    CREATE TABLE type_evenement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      mission_locale_id uuid REFERENCES mission_locale(id),
      code text NOT NULL,
      libelle text NOT NULL,
      contact boolean NOT NULL,
      actif boolean NOT NULL DEFAULT true,
      ordre integer NOT NULL DEFAULT 100,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX type_evenement_national_code_idx ON type_evenement (code) WHERE mission_locale_id IS NULL;
    CREATE UNIQUE INDEX type_evenement_ml_code_idx ON type_evenement (mission_locale_id, code) WHERE mission_locale_id IS NOT NULL;

    CREATE TABLE offre_interne (
      id uuid PRIMARY KEY,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      code text NOT NULL,
      libelle text NOT NULL,
      theme text NOT NULL,
      type text NOT NULL CHECK (type IN ('ATELIER', 'PRESTATION', 'INFORMATION_COLLECTIVE')),
      actif boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (mission_locale_id, code)
    );

    CREATE TABLE evenement (
      id uuid PRIMARY KEY,
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      date_heure timestamptz NOT NULL,
      duree_minutes integer CHECK (duree_minutes BETWEEN 1 AND 720),
      type_code text NOT NULL,
      lieu_type text NOT NULL CHECK (lieu_type IN ('SITE', 'ADRESSE', 'DISTANCE')),
      site_id uuid REFERENCES site(id),
      lieu_adresse text,
      themes text[] NOT NULL,
      objet text,
      contexte text,
      partenaire text,
      conseiller_id uuid NOT NULL REFERENCES utilisateur(id),
      origine text NOT NULL DEFAULT 'SAISIE' CHECK (origine IN ('SAISIE', 'PROPOSITION')),
      proposition_id uuid,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES utilisateur(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES utilisateur(id),
      supprime_le timestamptz,
      supprime_par uuid REFERENCES utilisateur(id),
      motif_suppression text,
      CHECK ((lieu_type = 'SITE') = (site_id IS NOT NULL)),
      CHECK ((lieu_type = 'ADRESSE') = (lieu_adresse IS NOT NULL))
    );
    CREATE INDEX evenement_timeline_idx ON evenement (jeune_id, date_heure DESC, id DESC) WHERE supprime_le IS NULL;

    CREATE TABLE proposition (
      id uuid PRIMARY KEY,
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      evenement_id uuid REFERENCES evenement(id),
      offre_id uuid REFERENCES offre_interne(id),
      libelle text NOT NULL,
      theme text NOT NULL,
      partenaire text,
      commentaire text,
      etat text NOT NULL CHECK (etat IN ('PROPOSEE', 'ACCEPTEE', 'REFUSEE', 'REALISEE', 'ABANDONNEE')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES utilisateur(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES utilisateur(id)
    );
    CREATE INDEX proposition_timeline_idx ON proposition (jeune_id, created_at DESC, id DESC);
    ALTER TABLE evenement ADD FOREIGN KEY (proposition_id) REFERENCES proposition(id);

    -- One row per state a proposition went through, the first being "proposée".
    CREATE TABLE proposition_etape (
      proposition_id uuid NOT NULL REFERENCES proposition(id) ON DELETE CASCADE,
      rang integer NOT NULL,
      etat text NOT NULL,
      date date NOT NULL,
      resultat text,
      par uuid REFERENCES utilisateur(id),
      evenement_id uuid REFERENCES evenement(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (proposition_id, rang)
    );

    CREATE TABLE action_jeune (
      id uuid PRIMARY KEY,
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      evenement_id uuid REFERENCES evenement(id),
      titre text NOT NULL,
      description text,
      echeance date NOT NULL,
      statut text NOT NULL CHECK (statut IN ('A_FAIRE', 'EN_COURS', 'TERMINEE', 'ANNULEE')),
      createur text NOT NULL CHECK (createur IN ('CONSEILLER', 'JEUNE')),
      close_le date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES utilisateur(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES utilisateur(id)
    );
    CREATE INDEX action_jeune_timeline_idx ON action_jeune (jeune_id, created_at DESC, id DESC);

    CREATE TABLE idempotency_key (
      utilisateur_id uuid NOT NULL REFERENCES utilisateur(id) ON DELETE CASCADE,
      cle text NOT NULL,
      empreinte text NOT NULL,
      statut integer,
      reponse jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (utilisateur_id, cle)
    );
    CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
  `);
  const rows = TYPES_EVENEMENT_NATIONAUX.map((_type, index) => `($${index * 4 + 1}, $${index * 4 + 2}, $${index * 4 + 3}, $${index * 4 + 4})`);
  await sequelize.query(`INSERT INTO type_evenement (code, libelle, contact, ordre) VALUES ${rows.join(', ')}`, {
    bind: TYPES_EVENEMENT_NATIONAUX.flatMap((type, index) => [type.code, type.libelle, type.contact, index + 1]),
  });
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    ALTER TABLE evenement DROP CONSTRAINT IF EXISTS evenement_proposition_id_fkey;
    DROP TABLE idempotency_key, action_jeune, proposition_etape, proposition, evenement, offre_interne, type_evenement;
  `);
};
