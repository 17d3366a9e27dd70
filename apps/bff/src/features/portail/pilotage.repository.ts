import { QueryTypes, type Sequelize } from 'sequelize';
import type { NiveauCompletude, TypeOffreInterne } from '@imilo/domain';
import { pgArray } from '../../platform/sql';

// The Mission Locale's figures in SQL (#6): counts over a range of instants, per local day of the Mission Locale's
// zone, each read through a (mission_locale_id, time) index; the offre de service; the administrator's accounts.
//
// The direction's site filter, per figure:
// - what happens (événements, rendez-vous) counts for a site when it took place there or was done by a member of the
//   staff attached to that site — the agenda's rule for a site's activity (rendez-vous.repository ownerClause), since
//   an événement or rendez-vous by phone or at a distance has no site of its own;
// - what is about a dossier (premiers accueils, complétude) counts for the site of the jeune's référent, the antenna
//   that follows them: a dossier has no site of its own.

/** A Mission Locale, and the site its figures are filtered on (`null`: all of it). */
export interface Perimetre {
  readonly missionLocaleId: string;
  readonly siteId: string | null;
}

/** A range of instants, half open, and the zone whose local days the counts are grouped by. */
export interface Plage {
  readonly from: Date;
  readonly to: Date;
  readonly timezone: string;
}

const SITE_STAFF = 'SELECT uml.utilisateur_id FROM utilisateur_mission_locale uml WHERE uml.mission_locale_id = $ml AND uml.site_id = $site';

/** The site filter of an activity row (`alias` has `site_id` and a staff column `person`); empty without a site. */
const activiteSurSite = (perimetre: Perimetre, alias: string, person: string): string =>
  perimetre.siteId === null ? '' : `AND (${alias}.site_id = $site OR ${alias}.${person} IN (${SITE_STAFF}))`;

/** The site filter of a dossier (`alias`: a jeune), by its référent's site; empty without a site. */
const dossierSurSite = (perimetre: Perimetre, alias: string): string =>
  perimetre.siteId === null ? '' : `AND ${alias}.referent_id IN (${SITE_STAFF})`;

const perimetreBind = (perimetre: Perimetre) => ({ ml: perimetre.missionLocaleId, ...(perimetre.siteId === null ? {} : { site: perimetre.siteId }) });

const plageBind = (plage: Plage) => ({ from: plage.from, to: plage.to, tz: plage.timezone });

const localDay = (column: string) => `to_char((${column} AT TIME ZONE $tz::text)::date, 'YYYY-MM-DD')`;

/** A count on a local day, of some kind. */
export interface CompteParJour<K extends string = string> {
  readonly kind: K;
  readonly jour: string;
  readonly n: number;
}

/**
 * Distinct jeunes with at least one événement (not deleted) in each range: a count of distinct jeunes does not add up
 * day by day, so each range (the periods and each bucket of the chart) is counted on its own. Answers the counts in the
 * ranges' order.
 */
export const countJeunesAccompagnes = async (sequelize: Sequelize, perimetre: Perimetre, ranges: readonly { from: Date; to: Date }[]): Promise<number[]> => {
  // The événements of the whole span are read once through the (mission_locale_id, date_heure) index, then counted
  // per range: a join on the ranges alone would not bound the index scan, and an inlined CTE would read the current
  // period's rows once per bucket.
  const rows = await sequelize.query<{ i: number; n: number }>(
    `WITH e AS MATERIALIZED (
       SELECT e.jeune_id, e.date_heure FROM evenement e
       WHERE e.mission_locale_id = $ml AND e.supprime_le IS NULL AND e.date_heure >= $from AND e.date_heure < $to
         ${activiteSurSite(perimetre, 'e', 'conseiller_id')}
     )
     SELECT b.i::int AS i, count(DISTINCT e.jeune_id)::int AS n
     FROM unnest($du::timestamptz[], $au::timestamptz[]) WITH ORDINALITY AS b(du, au, i)
     JOIN e ON e.date_heure >= b.du AND e.date_heure < b.au
     GROUP BY b.i`,
    {
      type: QueryTypes.SELECT,
      bind: {
        ...perimetreBind(perimetre),
        from: new Date(Math.min(...ranges.map((range) => range.from.getTime()))),
        to: new Date(Math.max(...ranges.map((range) => range.to.getTime()))),
        du: pgArray(ranges.map((range) => range.from.toISOString())),
        au: pgArray(ranges.map((range) => range.to.toISOString())),
      },
    },
  );
  const parRang = new Map(rows.map((row) => [row.i, row.n]));
  return ranges.map((_range, index) => parRang.get(index + 1) ?? 0);
};

/** Dossiers whose premier accueil falls on each day of [du, au] (local days, inclusive); anonymised ones still count. */
export const countPremiersAccueils = async (sequelize: Sequelize, perimetre: Perimetre, du: string, au: string): Promise<CompteParJour[]> =>
  sequelize.query<CompteParJour>(
    `SELECT 'PREMIER_ACCUEIL' AS kind, to_char(j.date_premier_accueil, 'YYYY-MM-DD') AS jour, count(*)::int AS n
     FROM jeune j
     WHERE j.mission_locale_id = $ml AND j.date_premier_accueil BETWEEN $du::date AND $au::date
       ${dossierSurSite(perimetre, 'j')}
     GROUP BY j.date_premier_accueil`,
    { type: QueryTypes.SELECT, bind: { ...perimetreBind(perimetre), du, au } },
  );

/** Rendez-vous closed présent or absent, per local day of their start. */
export const countRendezVousClos = async (sequelize: Sequelize, perimetre: Perimetre, plage: Plage): Promise<CompteParJour<'PRESENT' | 'ABSENT'>[]> =>
  sequelize.query<CompteParJour<'PRESENT' | 'ABSENT'>>(
    `SELECT r.presence AS kind, ${localDay('r.debut')} AS jour, count(*)::int AS n
     FROM rendez_vous r
     WHERE r.mission_locale_id = $ml AND r.debut >= $from AND r.debut < $to AND r.statut = 'CLOS' AND r.presence IN ('PRESENT', 'ABSENT')
       ${activiteSurSite(perimetre, 'r', 'conseiller_id')}
     GROUP BY 1, 2`,
    { type: QueryTypes.SELECT, bind: { ...perimetreBind(perimetre), ...plageBind(plage) } },
  );

/**
 * Événements (not deleted) per local day over the range (`kind` JOUR), and per thème from `themesFrom` on (`kind`
 * THEME, `jour` holding the thème: an événement with two thèmes counts for each).
 */
export const countEvenements = async (
  sequelize: Sequelize,
  perimetre: Perimetre,
  plage: Plage,
  themesFrom: Date,
): Promise<CompteParJour<'JOUR' | 'THEME'>[]> =>
  sequelize.query<CompteParJour<'JOUR' | 'THEME'>>(
    `WITH e AS (
       SELECT e.date_heure, e.themes FROM evenement e
       WHERE e.mission_locale_id = $ml AND e.date_heure >= $from AND e.date_heure < $to AND e.supprime_le IS NULL
         ${activiteSurSite(perimetre, 'e', 'conseiller_id')}
     )
     SELECT 'JOUR' AS kind, ${localDay('e.date_heure')} AS jour, count(*)::int AS n FROM e GROUP BY 2
     UNION ALL
     SELECT 'THEME', theme, count(*)::int FROM e, unnest(e.themes) AS theme WHERE e.date_heure >= $themesFrom GROUP BY 2`,
    { type: QueryTypes.SELECT, bind: { ...perimetreBind(perimetre), ...plageBind(plage), themesFrom } },
  );

/** The active dossiers per level of completude. */
export const countDossiersParCompletude = async (sequelize: Sequelize, perimetre: Perimetre): Promise<{ niveau: NiveauCompletude; n: number }[]> =>
  sequelize.query<{ niveau: NiveauCompletude; n: number }>(
    `SELECT j.completude AS niveau, count(*)::int AS n FROM jeune j
     WHERE j.mission_locale_id = $ml AND j.statut_dossier = 'actif' ${dossierSurSite(perimetre, 'j')}
     GROUP BY j.completude`,
    { type: QueryTypes.SELECT, bind: perimetreBind(perimetre) },
  );

/** A session of the offre de service with its free seats. */
export interface SessionOuverte {
  readonly id: string;
  readonly titre: string;
  readonly debut: Date;
  readonly places: number;
  readonly placesLibres: number;
}

/**
 * The next sessions of the Mission Locale still open to registration (to come, before their deadline, the Mission
 * Locale's local day) with a free seat, earliest first.
 */
export const listSessionsOuvertes = async (sequelize: Sequelize, missionLocaleId: string, now: Date, limit: number): Promise<SessionOuverte[]> => {
  const rows = await sequelize.query<{ id: string; titre: string; debut: Date; places: number; libres: number }>(
    `SELECT * FROM (
       SELECT s.id, s.titre, s.debut, s.places,
              s.places - (SELECT count(*)::int FROM inscription_session i
                          WHERE i.session_id = s.id AND i.statut IN ('INSCRIT', 'PRESENT', 'ABSENT', 'EXCUSE')) AS libres
       FROM session_collective s JOIN mission_locale ml ON ml.id = s.mission_locale_id
       WHERE s.mission_locale_id = $ml AND s.statut = 'A_VENIR' AND s.debut > $now
         AND s.date_limite_inscription >= ($now::timestamptz AT TIME ZONE ml.timezone)::date
       ORDER BY s.debut, s.id
     ) ouverte WHERE ouverte.libres > 0
     LIMIT $limit`,
    { type: QueryTypes.SELECT, bind: { ml: missionLocaleId, now, limit } },
  );
  return rows.map((row) => ({ id: row.id, titre: row.titre, debut: row.debut, places: row.places, placesLibres: row.libres }));
};

/** The internal offers most proposed since an instant (propositions made from the offre), most used first. */
export const listOffresLesPlusUtilisees = async (
  sequelize: Sequelize,
  missionLocaleId: string,
  since: Date,
  limit: number,
): Promise<{ id: string; libelle: string; type: TypeOffreInterne; utilisations: number }[]> =>
  sequelize.query(
    `SELECT o.id, o.libelle, o.type, u.n AS utilisations
     FROM (SELECT p.offre_id, count(*)::int AS n FROM proposition p
           WHERE p.mission_locale_id = $ml AND p.created_at >= $since AND p.offre_id IS NOT NULL
           GROUP BY p.offre_id) u
     JOIN offre_interne o ON o.id = u.offre_id
     ORDER BY u.n DESC, o.libelle, o.id
     LIMIT $limit`,
    { type: QueryTypes.SELECT, bind: { ml: missionLocaleId, since, limit } },
  );

/** The staff accounts of a scope (`null`: every Mission Locale): active, awaiting their activation, deactivated. */
export const countComptes = async (
  sequelize: Sequelize,
  scope: readonly string[] | null,
): Promise<{ actifs: number; enAttenteActivation: number; desactives: number }> => {
  // Read from the scope's attachments (an index range), not by probing every account; a user of two Missions Locales
  // of the scope counts once.
  const comptes =
    scope === null
      ? 'SELECT u.active, u.activated_at, u.roles FROM utilisateur u'
      : `SELECT u.active, u.activated_at, u.roles FROM utilisateur u
         WHERE u.id IN (SELECT uml.utilisateur_id FROM utilisateur_mission_locale uml WHERE uml.mission_locale_id = ANY($scope::uuid[]))`;
  const [row] = await sequelize.query<{ actifs: number; attente: number; desactives: number }>(
    `SELECT count(*) FILTER (WHERE u.active AND u.activated_at IS NOT NULL)::int AS actifs,
            count(*) FILTER (WHERE u.active AND u.activated_at IS NULL)::int AS attente,
            count(*) FILTER (WHERE NOT u.active)::int AS desactives
     FROM (${comptes}) u
     WHERE NOT ('jeune' = ANY(u.roles))`,
    { type: QueryTypes.SELECT, bind: scope === null ? {} : { scope: pgArray(scope) } },
  );
  return { actifs: row?.actifs ?? 0, enAttenteActivation: row?.attente ?? 0, desactives: row?.desactives ?? 0 };
};
