import type { Migration } from '../umzug';

// Structures, users, credentials, CGU, sessions, throttling and audit: the skeleton every univers builds on.
export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    CREATE TABLE region (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      nom text NOT NULL
    );

    CREATE TABLE mission_locale (
      id uuid PRIMARY KEY,
      code_imilo text NOT NULL UNIQUE,
      nom text NOT NULL,
      region_id uuid NOT NULL REFERENCES region(id),
      code_departement text NOT NULL,
      timezone text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE site (
      id uuid PRIMARY KEY,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      nom text NOT NULL,
      type text NOT NULL CHECK (type IN ('siege', 'antenne', 'permanence')),
      commune_insee text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX site_mission_locale_idx ON site (mission_locale_id);

    CREATE TABLE utilisateur (
      id uuid PRIMARY KEY,
      login text NOT NULL UNIQUE,
      prenom text NOT NULL,
      nom text NOT NULL,
      email text,
      roles text[] NOT NULL,
      bi_profils text[] NOT NULL DEFAULT '{}',
      password_hash text,
      password_changed_at timestamptz,
      active boolean NOT NULL DEFAULT true,
      activated_at timestamptz,
      failed_attempts integer NOT NULL DEFAULT 0,
      last_failure_at timestamptz,
      last_login_at timestamptz,
      deactivated_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (cardinality(roles) > 0)
    );

    CREATE TABLE utilisateur_mission_locale (
      utilisateur_id uuid NOT NULL REFERENCES utilisateur(id) ON DELETE CASCADE,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      principale boolean NOT NULL DEFAULT false,
      site_id uuid REFERENCES site(id),
      PRIMARY KEY (utilisateur_id, mission_locale_id)
    );
    CREATE UNIQUE INDEX utilisateur_mission_locale_principale_idx
      ON utilisateur_mission_locale (utilisateur_id) WHERE principale;
    CREATE INDEX utilisateur_mission_locale_ml_idx ON utilisateur_mission_locale (mission_locale_id);

    CREATE TABLE access_code (
      id uuid PRIMARY KEY,
      utilisateur_id uuid NOT NULL REFERENCES utilisateur(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      issued_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz,
      issued_by uuid REFERENCES utilisateur(id)
    );
    CREATE INDEX access_code_utilisateur_idx ON access_code (utilisateur_id, issued_at DESC);

    CREATE TABLE password_history (
      id bigserial PRIMARY KEY,
      utilisateur_id uuid NOT NULL REFERENCES utilisateur(id) ON DELETE CASCADE,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX password_history_utilisateur_idx ON password_history (utilisateur_id, created_at DESC);

    CREATE TABLE cgu_version (
      id uuid PRIMARY KEY,
      audience text NOT NULL CHECK (audience IN ('staff', 'jeune')),
      version integer NOT NULL,
      texte text NOT NULL,
      published_at timestamptz NOT NULL,
      published_by uuid REFERENCES utilisateur(id),
      UNIQUE (audience, version)
    );

    CREATE TABLE cgu_acceptance (
      utilisateur_id uuid NOT NULL REFERENCES utilisateur(id) ON DELETE CASCADE,
      cgu_version_id uuid NOT NULL REFERENCES cgu_version(id),
      accepted_at timestamptz NOT NULL,
      PRIMARY KEY (utilisateur_id, cgu_version_id)
    );

    CREATE TABLE jeune (
      id uuid PRIMARY KEY,
      matricule text NOT NULL UNIQUE,
      mission_locale_id uuid NOT NULL REFERENCES mission_locale(id),
      referent_id uuid REFERENCES utilisateur(id),
      utilisateur_id uuid UNIQUE REFERENCES utilisateur(id),
      nom_naissance text NOT NULL,
      nom_usage text,
      prenoms text NOT NULL,
      sexe text NOT NULL CHECK (sexe IN ('F', 'M')),
      date_naissance date NOT NULL,
      commune_insee text,
      telephone text,
      email text,
      statut_dossier text NOT NULL DEFAULT 'actif' CHECK (statut_dossier IN ('actif', 'archive', 'anonymise')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX jeune_mission_locale_idx ON jeune (mission_locale_id);
    CREATE INDEX jeune_referent_idx ON jeune (referent_id);

    -- connect-pg-simple's table, plus the user id so that "log out everywhere" finds every session of a user.
    CREATE TABLE user_session (
      sid varchar PRIMARY KEY,
      sess json NOT NULL,
      expire timestamp(6) NOT NULL
    );
    CREATE INDEX user_session_expire_idx ON user_session (expire);
    CREATE INDEX user_session_user_idx ON user_session (((sess -> 'passport' ->> 'user')));

    -- Sign-in and activation attempts per client address, by fixed window, shared by every BFF process.
    CREATE TABLE auth_throttle (
      key text NOT NULL,
      window_start timestamptz NOT NULL,
      attempts integer NOT NULL,
      PRIMARY KEY (key, window_start)
    );

    -- Décret 2015-59 art. 10: who did what, when, from where; kept 7 months.
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id uuid,
      mission_locale_id uuid,
      action text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
      target_type text,
      target_id text,
      ip text,
      user_agent text,
      details jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_at_idx ON audit_log (at);
    CREATE INDEX audit_log_ml_at_idx ON audit_log (mission_locale_id, at);
    CREATE INDEX audit_log_actor_at_idx ON audit_log (actor_id, at);
  `);
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    DROP TABLE audit_log, auth_throttle, user_session, jeune, cgu_acceptance, cgu_version, password_history,
      access_code, utilisateur_mission_locale, utilisateur, site, mission_locale, region;
  `);
};
