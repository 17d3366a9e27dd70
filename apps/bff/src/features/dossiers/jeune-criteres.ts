import type { JeuneCriteresQuery, jeuneCriteresShape } from '@imilo/domain';

/** A piece of SQL for a WHERE clause, with its own named replacements. */
export interface SqlCondition {
  readonly sql: string;
  readonly replacements: Readonly<Record<string, unknown>>;
}

/** What a criterion may depend on besides its value: who searches, the instant, and the other criteria. */
export interface CritereContext {
  /** The signed-in user: `referent=moi`. */
  readonly callerId: string;
  /** The search's instant: ages are counted on each Mission Locale's local day of it. */
  readonly now: Date;
  /** Every criterion of the search, for a criterion whose meaning another one qualifies (a situation's état). */
  readonly criteres: Criteres;
}

/** One criterion of the search, as named in the URL and the API. */
export type CritereKey = keyof typeof jeuneCriteresShape;
/** The criteria of a search, as validated. */
export type Criteres = Pick<JeuneCriteresQuery, CritereKey>;

type CritereFilter<K extends CritereKey> = (value: NonNullable<Criteres[K]>, context: CritereContext) => SqlCondition;

const TRUE: SqlCondition = { sql: 'TRUE', replacements: {} };

/** `YYYY-MM-DD` of the UTC day `years` years and `days` days from `now` (a day past the month's end rolls over). */
const utcDayFrom = (now: Date, years: number, days: number): string =>
  new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);

// The jeune's age on the local day of their Mission Locale (as the result line shows it): at 23:30 in Paris it is
// already tomorrow in La Réunion. "At least N" is "born on or before the local day N years ago" (PostgreSQL takes
// 29 February back to the 28th, which agrees with `ageOn`: nobody is born on 29 February of a common year).
// The local day depends on the Mission Locale, so the exact bound is a semi-join on its 400 rows; a constant bound
// three days wider (every time zone's day is within one of UTC's) comes first, so that an index on the birth date
// — alone or after the Mission Locale — narrows the rows before the exact test.
const localDayYearsAgo = (alias: string, key: string) =>
  `((:${key}_now::timestamptz AT TIME ZONE ${alias}.timezone)::date - make_interval(years => :${key}_years))::date`;

const ageBound = (key: 'ageMin' | 'ageMax', years: number, now: Date): SqlCondition => {
  const alias = `ml_${key}`;
  const [loose, exact] =
    key === 'ageMin'
      ? [`j.date_naissance <= :${key}_loose::date`, `j.date_naissance <= ${localDayYearsAgo(alias, key)}`]
      : [`j.date_naissance > :${key}_loose::date`, `j.date_naissance > ${localDayYearsAgo(alias, key)}`];
  return {
    sql: `${loose} AND EXISTS (SELECT 1 FROM mission_locale ${alias} WHERE ${alias}.id = j.mission_locale_id AND ${exact})`,
    replacements: {
      [`${key}_now`]: now.toISOString(),
      // At most `ageMax` is "not yet ageMax + 1".
      [`${key}_years`]: key === 'ageMin' ? years : years + 1,
      [`${key}_loose`]: key === 'ageMin' ? utcDayFrom(now, -years, 3) : utcDayFrom(now, -(years + 1), -3),
    },
  };
};

/**
 * The criteria of the multi-criteria search (#3), one SQL condition each on the jeune's row, aliased `j`; a condition
 * names its replacements after its criterion, so that conditions combine with each other and with the query they
 * join. Values are always replacements, never written into the SQL. Most criteria read a column the BFF keeps on
 * `jeune` (completude, current situation, commune and QPV of the current address, last contact), indexed with the
 * Mission Locale by migration 2026.11.29T16.
 *
 * Adding a criterion (the Dispositifs univers will add `dispositif`): one key in `jeuneCriteresShape`
 * (libs/domain/src/dossiers/jeune-criteres.schema.ts) and one entry here, e.g.
 * `dispositif: (code) => ({ sql: 'EXISTS (SELECT 1 FROM jeune_dispositif d WHERE d.jeune_id = j.id AND d.code =
 * :dispositif_code)', replacements: { dispositif_code: code } })`. The type below refuses a key without its entry;
 * the repositories, the audit and the OpenAPI document need no change.
 */
export const CRITERES: { readonly [K in CritereKey]: CritereFilter<K> } = {
  ageMin: (years, { now }) => ageBound('ageMin', years, now),
  ageMax: (years, { now }) => ageBound('ageMax', years, now),
  sexe: (sexe) => ({ sql: 'j.sexe = :sexe_value', replacements: { sexe_value: sexe } }),
  niveau: (niveau) => ({ sql: 'j.niveau_formation = :niveau_value', replacements: { niveau_value: niveau } }),
  // The catégorie alone is the current situation's (the stored `situation_courante_categorie`, which the result's
  // badge shows): "en emploi" means in a job now, not once. With an état, it is any situation of the dossier of that
  // catégorie in that état ("a formation planned", "an emploi finished"): the pair is this entry's condition.
  situationCategorie: (categorie, { criteres }) =>
    criteres.situationEtat === undefined
      ? { sql: 'j.situation_courante_categorie = :situationCategorie_value', replacements: { situationCategorie_value: categorie } }
      : {
          sql:
            'EXISTS (SELECT 1 FROM situation s WHERE s.jeune_id = j.id AND s.categorie = :situationCategorie_value ' +
            'AND s.etat = :situationCategorie_etat)',
          replacements: { situationCategorie_value: categorie, situationCategorie_etat: criteres.situationEtat },
        },
  // The état alone: any situation of the dossier in that état. EN_COURS is "has a current situation": the current
  // situation is the first EN_COURS one (situationCourante), so the stored column says it without reading `situation`.
  situationEtat: (etat, { criteres }) =>
    criteres.situationCategorie !== undefined
      ? TRUE
      : etat === 'EN_COURS'
        ? { sql: 'j.situation_courante_categorie IS NOT NULL', replacements: {} }
        : {
            sql: 'EXISTS (SELECT 1 FROM situation s WHERE s.jeune_id = j.id AND s.etat = :situationEtat_value)',
            replacements: { situationEtat_value: etat },
          },
  communeInsee: (insee) => ({ sql: 'j.commune_insee = :communeInsee_value', replacements: { communeInsee_value: insee } }),
  // The département of the current address's commune: the INSEE code's first two characters, three overseas (97x).
  departement: (departement) => ({
    sql: "(CASE WHEN j.commune_insee LIKE '97%' THEN left(j.commune_insee, 3) ELSE left(j.commune_insee, 2) END) = :departement_value",
    replacements: { departement_value: departement },
  }),
  qpv: (qpv) => ({ sql: qpv === 'oui' ? 'j.qpv_code IS NOT NULL' : 'j.qpv_code IS NULL', replacements: {} }),
  referent: (referent, { callerId }) =>
    referent === 'aucun'
      ? { sql: 'j.referent_id IS NULL', replacements: {} }
      : { sql: 'j.referent_id = :referent_id', replacements: { referent_id: referent === 'moi' ? callerId : referent } },
  completude: (niveau) => ({ sql: 'j.completude = :completude_value', replacements: { completude_value: niveau } }),
  contactDepuis: (day) => ({ sql: 'j.dernier_contact_le >= :contactDepuis_value::date', replacements: { contactDepuis_value: day } }),
  // Never contacted is "not since" too.
  contactAvant: (day) => ({
    sql: '(j.dernier_contact_le < :contactAvant_value::date OR j.dernier_contact_le IS NULL)',
    replacements: { contactAvant_value: day },
  }),
  // An anonymised dossier (retention, décret art. 6) is kept for statistics only: no status finds it.
  statut: (statut) =>
    statut === 'tous'
      ? { sql: "j.statut_dossier IN ('actif', 'archive')", replacements: {} }
      : { sql: 'j.statut_dossier = :statut_value', replacements: { statut_value: statut } },
};

/** The registered criteria, in the order of the schema. */
export const CRITERE_KEYS = Object.keys(CRITERES) as readonly CritereKey[];

const conditionOf = <K extends CritereKey>(key: K, context: CritereContext): SqlCondition | null => {
  const value = context.criteres[key];
  return value === undefined || value === null ? null : CRITERES[key](value, context);
};

/** The criteria given (an absent one narrows nothing), as one condition on `j`; `TRUE` when there is none. */
export const criteresCondition = (context: CritereContext): SqlCondition => {
  const conditions = CRITERE_KEYS.map((key) => conditionOf(key, context)).filter(
    (condition): condition is SqlCondition => condition !== null && condition !== TRUE,
  );
  return conditions.length === 0
    ? TRUE
    : {
        sql: conditions.map((condition) => `(${condition.sql})`).join(' AND '),
        replacements: conditions.reduce<Record<string, unknown>>((all, condition) => ({ ...all, ...condition.replacements }), {}),
      };
};

/** The criteria set in a validated query, in the schema's order: what the audit records. */
export const criteresOf = (query: Partial<Criteres>): Partial<Criteres> =>
  Object.fromEntries(CRITERE_KEYS.filter((key) => query[key] !== undefined).map((key) => [key, query[key]]));
