import type { Migration } from '../umzug';

// The jeune's dossier as the décret's annex lists it (#3). Scalar facts live on `jeune`; small lists edited as a
// whole with their section (diplômes, expériences, langues, représentants légaux, ressources) are jsonb validated by
// the domain's zod schemas; what has its own life or rules gets a table: addresses (history), situations (the
// current-situation rule), pièces (bytes, decisions). NIR and identity-document numbers are stored encrypted
// (bytea, AES-256-GCM in the BFF). `completude` and the current situation are computed by libs/domain on every write
// and stored, so that the criteria search can filter on them with an index. See docs/decisions/0004.
export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    ALTER TABLE jeune
      ADD COLUMN version integer NOT NULL DEFAULT 1,
      ADD COLUMN created_by uuid REFERENCES utilisateur(id),
      ADD COLUMN updated_by uuid REFERENCES utilisateur(id),
      ADD COLUMN ne_etranger boolean NOT NULL DEFAULT false,
      ADD COLUMN commune_naissance_insee text,
      ADD COLUMN pays_naissance text,
      ADD COLUMN nationalite text CHECK (nationalite IN ('FRANCAISE', 'UE', 'HORS_UE')),
      ADD COLUMN titre_sejour_expire_le date,
      ADD COLUMN parent_ne_etranger boolean,
      ADD COLUMN nir_enc bytea,
      ADD COLUMN nir_certifie boolean NOT NULL DEFAULT false,
      ADD COLUMN piece_identite_type text CHECK (piece_identite_type IN ('CNI', 'PASSEPORT', 'TITRE_SEJOUR')),
      ADD COLUMN piece_identite_num_enc bytea,
      ADD COLUMN recense boolean,
      ADD COLUMN jdc_effectuee boolean,
      ADD COLUMN date_premier_accueil date,
      ADD COLUMN consentement_sms boolean NOT NULL DEFAULT false,
      ADD COLUMN consentement_email boolean NOT NULL DEFAULT false,
      ADD COLUMN consentement_push boolean NOT NULL DEFAULT false,
      -- Denormalised from the current address (jeune_adresse), like commune_insee: criteria filter on them.
      ADD COLUMN qpv_code text,
      ADD COLUMN situation_familiale text,
      ADD COLUMN enfants_a_charge integer CHECK (enfants_a_charge BETWEEN 0 AND 15),
      ADD COLUMN mode_garde text,
      ADD COLUMN representants_legaux jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN niveau_formation text CHECK (niveau_formation IN ('3', '4', '5', '6', '7', '8', 'VI', 'V_BIS', 'V')),
      ADD COLUMN derniere_classe text,
      ADD COLUMN date_sortie_formation_initiale date,
      ADD COLUMN diplomes jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN experiences jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN langues jsonb NOT NULL DEFAULT '[]',
      -- NULL: not asked yet; '[]': asked, none.
      ADD COLUMN ressources jsonb,
      ADD COLUMN logement_situation text,
      ADD COLUMN logement_difficulte boolean,
      ADD COLUMN permis text[] NOT NULL DEFAULT '{}',
      ADD COLUMN vehicule boolean,
      ADD COLUMN moyens_transport text[] NOT NULL DEFAULT '{}',
      ADD COLUMN rqth boolean,
      ADD COLUMN rqth_fin date,
      ADD COLUMN ft_inscrit boolean,
      ADD COLUMN ft_identifiant text,
      ADD COLUMN ft_date_inscription date,
      ADD COLUMN completude text NOT NULL DEFAULT 'partiel' CHECK (completude IN ('partiel', 'complet', 'justifie')),
      ADD COLUMN situation_courante_categorie text,
      ADD COLUMN situation_courante_etat text,
      -- The last interaction's day; the Suivi univers (événements) keeps it current.
      ADD COLUMN dernier_contact_le date;

    CREATE TABLE jeune_adresse (
      id uuid PRIMARY KEY,
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      ligne1 text NOT NULL,
      ligne2 text,
      code_postal text NOT NULL,
      commune_insee text NOT NULL,
      qpv_code text,
      valid_from date NOT NULL,
      valid_to date,
      created_by uuid REFERENCES utilisateur(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX jeune_adresse_jeune_idx ON jeune_adresse (jeune_id, valid_from DESC);
    CREATE UNIQUE INDEX jeune_adresse_courante_idx ON jeune_adresse (jeune_id) WHERE valid_to IS NULL;

    CREATE TABLE situation (
      id uuid PRIMARY KEY,
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      categorie text NOT NULL CHECK (categorie IN ('EMPLOI', 'CONTRAT_ALTERNANCE', 'FORMATION', 'IMMERSION', 'PMSMP',
        'VOLONTARIAT_BENEVOLAT', 'SCOLARITE', 'DEMANDEUR_EMPLOI')),
      etat text NOT NULL CHECK (etat IN ('PREVU', 'EN_COURS', 'TERMINE')),
      date_debut date NOT NULL,
      date_fin date,
      intitule text,
      rome_code text,
      created_by uuid REFERENCES utilisateur(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (date_fin IS NULL OR date_fin >= date_debut)
    );
    CREATE INDEX situation_jeune_idx ON situation (jeune_id);

    -- The bytes stay in PostgreSQL (one backup, one tenancy); TOAST keeps them out of the listing's way.
    CREATE TABLE piece_justificative (
      id uuid PRIMARY KEY,
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('IDENTITE', 'DOMICILE', 'RQTH', 'RESSOURCES', 'TITRE_SEJOUR', 'DIPLOME', 'AUTRE')),
      nom_fichier text NOT NULL,
      mime text NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
      taille integer NOT NULL CHECK (taille > 0 AND taille <= 10485760),
      sha256 text NOT NULL,
      contenu bytea NOT NULL,
      statut text NOT NULL DEFAULT 'A_VALIDER' CHECK (statut IN ('A_VALIDER', 'VALIDEE', 'REFUSEE')),
      motif_refus text,
      deposee_le timestamptz NOT NULL,
      deposee_par uuid REFERENCES utilisateur(id),
      decidee_le timestamptz,
      decidee_par uuid REFERENCES utilisateur(id),
      CHECK (statut <> 'REFUSEE' OR motif_refus IS NOT NULL)
    );
    CREATE INDEX piece_justificative_jeune_idx ON piece_justificative (jeune_id, deposee_le DESC);

    CREATE TABLE recherche_sauvegardee (
      id uuid PRIMARY KEY,
      utilisateur_id uuid NOT NULL REFERENCES utilisateur(id) ON DELETE CASCADE,
      nom text NOT NULL,
      criteres jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (utilisateur_id, nom)
    );

    -- A Mission Locale asks for a dossier held elsewhere; the holder decides (art. 3 II). No data crosses meanwhile.
    CREATE TABLE demande_transfert (
      id uuid PRIMARY KEY,
      jeune_id uuid NOT NULL REFERENCES jeune(id) ON DELETE CASCADE,
      mission_locale_demandeuse_id uuid NOT NULL REFERENCES mission_locale(id),
      demandee_par uuid NOT NULL REFERENCES utilisateur(id),
      motif text NOT NULL,
      statut text NOT NULL DEFAULT 'EN_ATTENTE' CHECK (statut IN ('EN_ATTENTE', 'ACCEPTEE', 'REFUSEE')),
      created_at timestamptz NOT NULL,
      decided_at timestamptz
    );
    CREATE UNIQUE INDEX demande_transfert_en_attente_idx
      ON demande_transfert (jeune_id, mission_locale_demandeuse_id) WHERE statut = 'EN_ATTENTE';
  `);
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    DROP TABLE demande_transfert, recherche_sauvegardee, piece_justificative, situation, jeune_adresse;
    ALTER TABLE jeune
      DROP COLUMN version, DROP COLUMN created_by, DROP COLUMN updated_by, DROP COLUMN ne_etranger,
      DROP COLUMN commune_naissance_insee, DROP COLUMN pays_naissance, DROP COLUMN nationalite,
      DROP COLUMN titre_sejour_expire_le, DROP COLUMN parent_ne_etranger, DROP COLUMN nir_enc, DROP COLUMN nir_certifie,
      DROP COLUMN piece_identite_type, DROP COLUMN piece_identite_num_enc, DROP COLUMN recense, DROP COLUMN jdc_effectuee,
      DROP COLUMN date_premier_accueil, DROP COLUMN consentement_sms, DROP COLUMN consentement_email,
      DROP COLUMN consentement_push, DROP COLUMN qpv_code, DROP COLUMN situation_familiale, DROP COLUMN enfants_a_charge,
      DROP COLUMN mode_garde, DROP COLUMN representants_legaux, DROP COLUMN niveau_formation, DROP COLUMN derniere_classe,
      DROP COLUMN date_sortie_formation_initiale, DROP COLUMN diplomes, DROP COLUMN experiences, DROP COLUMN langues,
      DROP COLUMN ressources, DROP COLUMN logement_situation, DROP COLUMN logement_difficulte, DROP COLUMN permis,
      DROP COLUMN vehicule, DROP COLUMN moyens_transport, DROP COLUMN rqth, DROP COLUMN rqth_fin, DROP COLUMN ft_inscrit,
      DROP COLUMN ft_identifiant, DROP COLUMN ft_date_inscription, DROP COLUMN completude,
      DROP COLUMN situation_courante_categorie, DROP COLUMN situation_courante_etat, DROP COLUMN dernier_contact_le;
  `);
};
