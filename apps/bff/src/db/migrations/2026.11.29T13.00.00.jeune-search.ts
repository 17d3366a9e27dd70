import type { Migration } from '../umzug';

// Finding a jeune's dossier (#3): accent-less and typo-tolerant search on the names, exact lookups on matricule,
// phone and e-mail. `unaccent()` is only STABLE (it reads a dictionary chosen by search_path), so generated columns
// and indexes go through an IMMUTABLE wrapper naming its dictionary and schema.
export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS unaccent;

    CREATE FUNCTION public.imilo_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

    ALTER TABLE jeune
      ADD COLUMN search_text text GENERATED ALWAYS AS (
        lower(public.imilo_unaccent(COALESCE(nom_usage || ' ', '') || nom_naissance || ' ' || prenoms))
      ) STORED,
      ADD COLUMN telephone_digits text GENERATED ALWAYS AS (regexp_replace(telephone, '[^0-9]', '', 'g')) STORED;

    CREATE INDEX jeune_search_text_trgm_idx ON jeune USING gin (search_text gin_trgm_ops);
    -- Leads with the Mission Locale, so it also serves every lookup the single-column index served.
    CREATE INDEX jeune_ml_nom_prenoms_idx ON jeune (mission_locale_id, nom_naissance, prenoms);
    DROP INDEX jeune_mission_locale_idx;
    CREATE INDEX jeune_telephone_digits_idx ON jeune (telephone_digits);
    CREATE INDEX jeune_email_lower_idx ON jeune (lower(email));
  `);
};

// The extensions stay: other objects may have come to use them.
export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    DROP INDEX jeune_email_lower_idx, jeune_telephone_digits_idx, jeune_ml_nom_prenoms_idx, jeune_search_text_trgm_idx;
    CREATE INDEX jeune_mission_locale_idx ON jeune (mission_locale_id);
    ALTER TABLE jeune DROP COLUMN telephone_digits, DROP COLUMN search_text;
    DROP FUNCTION public.imilo_unaccent(text);
  `);
};
