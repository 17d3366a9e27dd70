import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { type Theme, TIMELINE_KINDS, TIMELINE_RANKS, type TimelineKey, type TimelineKind } from '@imilo/domain';

// A dossier's timeline and its parcours export in SQL (#4).
//
// The timeline is one keyset-paginated list over four tables. Each kind is read by its own sub-select, which walks
// that table's timeline btree (`evenement_timeline_idx`, `proposition_timeline_idx`, `action_jeune_timeline_idx`:
// jeune, time DESC, id DESC) from the cursor on and stops after one page (+1 to know whether there is a next one);
// the outer query merges the few rows they return (UNION ALL, ORDER BY, LIMIT), then only the page's rows are joined
// to their type and author. A page therefore costs about the same for the first page of a dossier with 500 items
// among millions of événements as for a dossier with five.
//
// The order is the domain's `compareTimeline`: instant DESC, kind rank DESC, id DESC. The cursor condition is the row
// comparison `(at, rank, id) < (cursor.at, cursor.rank, cursor.id)`; since a sub-select's rank is a constant, it is
// written per kind in the form the btree reads directly (an Index Cond, not a Filter):
//   rank of the kind > the cursor's: at < cursor.at
//   rank of the kind = the cursor's: (at, id) < (cursor.at, cursor.id)
//   rank of the kind < the cursor's: at <= cursor.at
// Instants keep PostgreSQL's microseconds end to end (the cursor carries them): a cursor rounded to the millisecond
// would skip the items of the same millisecond.
//
// Situations have no time of day: they sort at 00:00 of their first day in the Mission Locale's time zone
// (`date_debut::timestamp AT TIME ZONE tz`). A dossier holds a handful, read through `situation_jeune_idx`.
//
// Never selected here: an événement's `contexte`, a proposition's `commentaire` (internal comments, D15 art. 4).

/** What a page asks for. */
export interface TimelinePageQuery {
  readonly jeuneId: string;
  /** The jeune's Mission Locale's time zone (a situation sorts at its local midnight). */
  readonly timezone: string;
  /** The kinds listed; all when absent. */
  readonly kinds?: readonly TimelineKind[];
  /** Événements of this thème and propositions of this thème only (actions and situations have none). */
  readonly theme?: Theme;
  /** Événements of this type only. */
  readonly typeEvenement?: string;
  /** The last item of the previous page (decoded cursor). */
  readonly after?: TimelineKey | null;
  readonly limit: number;
}

/** One timeline row as stored, before it is labelled. */
export interface TimelineRow {
  readonly kind: TimelineKind;
  readonly id: string;
  /** ISO instant, UTC, with the microseconds PostgreSQL holds when there are some. */
  readonly at: string;
  /** Événement: its type's libellé; proposition: its libellé; action: its titre; situation: its catégorie code. */
  readonly libelle: string;
  /** A situation's intitulé. */
  readonly intitule: string | null;
  readonly objet: string | null;
  readonly partenaire: string | null;
  readonly themes: readonly Theme[];
  /** An événement's type code. */
  readonly typeCode: string | null;
  /** A proposition's état, an action's statut, a situation's état. */
  readonly statut: string | null;
  /** An action's échéance, a situation's last day (`YYYY-MM-DD`). */
  readonly jour: string | null;
  readonly auteur: { readonly prenom: string; readonly nom: string } | null;
}

/** A page of rows and whether more follow. */
export interface TimelineRows {
  readonly rows: TimelineRow[];
  readonly hasMore: boolean;
}

interface RawRow {
  kind: TimelineKind;
  id: string;
  at: string;
  libelle: string | null;
  intitule: string | null;
  objet: string | null;
  partenaire: string | null;
  themes: Theme[] | null;
  type_code: string | null;
  statut: string | null;
  jour: string | null;
  auteur_prenom: string | null;
  auteur_nom: string | null;
}

type Options = { readonly transaction?: Transaction };

/** The cursor condition of a kind's sub-select on its `at` and `id` columns (see the header). */
const afterCursor = (kind: TimelineKind, at: string, id: string, after: TimelineKey | null | undefined): string => {
  if (!after) {
    return 'true';
  }
  const rank = TIMELINE_RANKS[kind];
  const cursorRank = TIMELINE_RANKS[after.kind];
  if (rank > cursorRank) {
    return `${at} < $cursorAt::timestamptz`;
  }
  if (rank < cursorRank) {
    return `${at} <= $cursorAt::timestamptz`;
  }
  return `(${at}, ${id}) < ($cursorAt::timestamptz, $cursorId::uuid)`;
};

// Each sub-select returns the same columns: kind, rank, id, at, then what labels the item. The page's rows are read
// first (LIMIT inside each kind, then over their union); the joins (author, type's libellé) come after, on the page.
const COLUMNS = 'kind, rank, id, at, libelle, intitule, objet, partenaire, themes, type_code, statut, jour, auteur_id, ml_id';

const evenementSelect = (query: TimelinePageQuery): string => `
  SELECT 'evenement'::text AS kind, ${TIMELINE_RANKS.evenement} AS rank, e.id, e.date_heure AS at, NULL::text AS libelle,
         NULL::text AS intitule, e.objet, e.partenaire, e.themes, e.type_code, NULL::text AS statut, NULL::text AS jour,
         e.conseiller_id AS auteur_id, e.mission_locale_id AS ml_id
    FROM (SELECT id, mission_locale_id, date_heure, type_code, themes, objet, partenaire, conseiller_id
            FROM evenement
           WHERE jeune_id = $jeuneId AND supprime_le IS NULL
             AND ${afterCursor('evenement', 'date_heure', 'id', query.after)}
             ${query.theme === undefined ? '' : 'AND $theme::text = ANY(themes)'}
             ${query.typeEvenement === undefined ? '' : 'AND type_code = $typeEvenement'}
           ORDER BY date_heure DESC, id DESC
           LIMIT $limit) e`;

const propositionSelect = (query: TimelinePageQuery): string => `
  SELECT 'proposition'::text AS kind, ${TIMELINE_RANKS.proposition} AS rank, p.id, p.created_at AS at, p.libelle,
         NULL::text AS intitule, NULL::text AS objet, p.partenaire, ARRAY[p.theme] AS themes, NULL::text AS type_code,
         p.etat AS statut, NULL::text AS jour, p.created_by AS auteur_id, NULL::uuid AS ml_id
    FROM (SELECT id, created_at, libelle, partenaire, theme, etat, created_by
            FROM proposition
           WHERE jeune_id = $jeuneId
             AND ${afterCursor('proposition', 'created_at', 'id', query.after)}
             ${query.theme === undefined ? '' : 'AND theme = $theme'}
           ORDER BY created_at DESC, id DESC
           LIMIT $limit) p`;

const actionSelect = (query: TimelinePageQuery): string => `
  SELECT 'action'::text AS kind, ${TIMELINE_RANKS.action} AS rank, a.id, a.created_at AS at, a.titre AS libelle,
         NULL::text AS intitule, NULL::text AS objet, NULL::text AS partenaire, '{}'::text[] AS themes,
         NULL::text AS type_code, a.statut, to_char(a.echeance, 'YYYY-MM-DD') AS jour, a.created_by AS auteur_id, NULL::uuid AS ml_id
    FROM (SELECT id, created_at, titre, statut, echeance, created_by
            FROM action_jeune
           WHERE jeune_id = $jeuneId
             AND ${afterCursor('action', 'created_at', 'id', query.after)}
           ORDER BY created_at DESC, id DESC
           LIMIT $limit) a`;

const situationSelect = (query: TimelinePageQuery): string => `
  SELECT 'situation'::text AS kind, ${TIMELINE_RANKS.situation} AS rank, s.id, s.at, s.categorie AS libelle, s.intitule,
         NULL::text AS objet, NULL::text AS partenaire, '{}'::text[] AS themes, NULL::text AS type_code, s.etat AS statut,
         to_char(s.date_fin, 'YYYY-MM-DD') AS jour, s.created_by AS auteur_id, NULL::uuid AS ml_id
    FROM (SELECT id, (date_debut::timestamp AT TIME ZONE $timezone::text) AS at, categorie, intitule, etat, date_fin, created_by
            FROM situation
           WHERE jeune_id = $jeuneId
             AND ${afterCursor('situation', '(date_debut::timestamp AT TIME ZONE $timezone::text)', 'id', query.after)}
           ORDER BY 2 DESC, id DESC
           LIMIT $limit) s`;

const SELECTS: Readonly<Record<TimelineKind, (query: TimelinePageQuery) => string>> = {
  evenement: evenementSelect,
  proposition: propositionSelect,
  action: actionSelect,
  situation: situationSelect,
};

/** The kinds a query lists once its filters apply: a thème or a type of événement leaves out what cannot have one. */
export const kindsListed = (query: Pick<TimelinePageQuery, 'kinds' | 'theme' | 'typeEvenement'>): TimelineKind[] =>
  TIMELINE_KINDS.filter(
    (kind) =>
      (query.kinds === undefined || query.kinds.includes(kind)) &&
      (query.typeEvenement === undefined || kind === 'evenement') &&
      (query.theme === undefined || kind === 'evenement' || kind === 'proposition'),
  );

/** The SQL of a page and its bind parameters (null when no kind is left to list); exported for the benchmark. */
export const timelinePageSql = (query: TimelinePageQuery): { sql: string; bind: Record<string, unknown> } | null => {
  const kinds = kindsListed(query);
  if (kinds.length === 0) {
    return null;
  }
  const union = kinds.map((kind) => `(${SELECTS[kind](query)})`).join('\n  UNION ALL\n');
  const sql = `
SELECT t.kind, t.id::text AS id,
       to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
       CASE WHEN t.kind = 'evenement' THEN COALESCE(ty.libelle, t.type_code) ELSE t.libelle END AS libelle,
       t.intitule, t.objet, t.partenaire, t.themes, t.type_code, t.statut, t.jour,
       u.prenom AS auteur_prenom, u.nom AS auteur_nom
  FROM (SELECT ${COLUMNS} FROM (
  ${union}
  ) AS kinds ORDER BY at DESC, rank DESC, id DESC LIMIT $limit) t
  LEFT JOIN utilisateur u ON u.id = t.auteur_id
  -- The type's libellé: the Mission Locale's own type when it has one of that code, else the national one.
  LEFT JOIN LATERAL (
    SELECT ty.libelle FROM type_evenement ty
     WHERE t.kind = 'evenement' AND ty.code = t.type_code AND (ty.mission_locale_id IS NULL OR ty.mission_locale_id = t.ml_id)
     ORDER BY ty.mission_locale_id NULLS LAST LIMIT 1) ty ON true
 ORDER BY t.at DESC, t.rank DESC, t.id DESC`;
  const bind: Record<string, unknown> = { jeuneId: query.jeuneId, limit: query.limit + 1 };
  if (kinds.includes('situation')) {
    bind['timezone'] = query.timezone;
  }
  if (query.after) {
    bind['cursorAt'] = query.after.at;
    if (kinds.includes(query.after.kind)) {
      bind['cursorId'] = query.after.id;
    }
  }
  if (query.theme !== undefined) {
    bind['theme'] = query.theme;
  }
  if (query.typeEvenement !== undefined) {
    bind['typeEvenement'] = query.typeEvenement;
  }
  return { sql, bind };
};

/** `…00.123000Z` → `…00.123Z`: the instant as JavaScript writes it when it has no microseconds. */
const isoOf = (at: string): string => at.replace(/(\.\d{3})000Z$/, '$1Z');

const toRow = (raw: RawRow): TimelineRow => ({
  kind: raw.kind,
  id: raw.id,
  at: isoOf(raw.at),
  libelle: raw.libelle ?? '',
  intitule: raw.intitule,
  objet: raw.objet,
  partenaire: raw.partenaire,
  themes: raw.themes ?? [],
  typeCode: raw.type_code,
  statut: raw.statut,
  jour: raw.jour,
  auteur: raw.auteur_prenom === null || raw.auteur_nom === null ? null : { prenom: raw.auteur_prenom, nom: raw.auteur_nom },
});

/** One page of a jeune's timeline, newest first, after the cursor's item when there is one. */
export const readTimelinePage = async (sequelize: Sequelize, query: TimelinePageQuery, options: Options = {}): Promise<TimelineRows> => {
  const statement = timelinePageSql(query);
  if (statement === null) {
    return { rows: [], hasMore: false };
  }
  const raw = await sequelize.query<RawRow>(statement.sql, { type: QueryTypes.SELECT, bind: statement.bind, transaction: options.transaction });
  return { rows: raw.slice(0, query.limit).map(toRow), hasMore: raw.length > query.limit };
};

/** One line of the parcours export, oldest first. */
export interface ParcoursRow {
  readonly kind: 'evenement' | 'proposition';
  readonly id: string;
  /** Événement: its instant; proposition: its creation. */
  readonly at: Date;
  /** A proposition's day (its first step), `YYYY-MM-DD`; null for an événement. */
  readonly jour: string | null;
  /** Événement: its type's libellé; proposition: its libellé. */
  readonly libelle: string;
  readonly themes: readonly Theme[];
  readonly objet: string | null;
  readonly partenaire: string | null;
  readonly conseiller: { readonly prenom: string; readonly nom: string } | null;
  /** A proposition's état. */
  readonly etat: string | null;
}

interface RawParcoursRow {
  kind: 'evenement' | 'proposition';
  id: string;
  at: Date;
  jour: string | null;
  libelle: string | null;
  themes: Theme[] | null;
  objet: string | null;
  partenaire: string | null;
  prenom: string | null;
  nom: string | null;
  etat: string | null;
}

/**
 * The jeune's non-deleted événements and propositions, oldest first: what a parcours export lists. The internal
 * comments (`contexte`, `commentaire`) are not even read.
 */
export const readParcours = async (sequelize: Sequelize, jeuneId: string, options: Options = {}): Promise<ParcoursRow[]> => {
  const raw = await sequelize.query<RawParcoursRow>(
    `SELECT x.kind, x.id::text AS id, x.at, x.jour, x.libelle, x.themes, x.objet, x.partenaire, u.prenom, u.nom, x.etat
       FROM (
         SELECT 'evenement'::text AS kind, 4 AS rank, e.id, e.date_heure AS at, NULL::text AS jour,
                COALESCE(
                  (SELECT t.libelle FROM type_evenement t
                    WHERE t.code = e.type_code AND (t.mission_locale_id IS NULL OR t.mission_locale_id = e.mission_locale_id)
                    ORDER BY t.mission_locale_id NULLS LAST LIMIT 1),
                  e.type_code) AS libelle,
                e.themes, e.objet, e.partenaire, e.conseiller_id AS auteur_id, NULL::text AS etat
           FROM evenement e
          WHERE e.jeune_id = $jeuneId AND e.supprime_le IS NULL
         UNION ALL
         SELECT 'proposition', 3, p.id, p.created_at,
                (SELECT to_char(pe.date, 'YYYY-MM-DD') FROM proposition_etape pe WHERE pe.proposition_id = p.id ORDER BY pe.rang LIMIT 1),
                p.libelle, ARRAY[p.theme], NULL, p.partenaire, p.created_by, p.etat
           FROM proposition p
          WHERE p.jeune_id = $jeuneId
       ) x
       LEFT JOIN utilisateur u ON u.id = x.auteur_id
      ORDER BY x.at, x.rank DESC, x.id`,
    { type: QueryTypes.SELECT, bind: { jeuneId }, transaction: options.transaction },
  );
  return raw.map((row) => ({
    kind: row.kind,
    id: row.id,
    at: row.at,
    jour: row.jour,
    libelle: row.libelle ?? '',
    themes: row.themes ?? [],
    objet: row.objet,
    partenaire: row.partenaire,
    conseiller: row.prenom === null || row.nom === null ? null : { prenom: row.prenom, nom: row.nom },
    etat: row.etat,
  }));
};
