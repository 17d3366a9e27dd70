import { QueryTypes, type Sequelize } from 'sequelize';
import type { JeuneResume } from '@imilo/domain';
import { pgArray } from '../../platform/sql';

// The conseiller's own day in SQL (#6): what is left to close, and the week's activity. Each query reads one
// conseiller's rows through the (conseiller_id | animateur_id, debut) and (conseiller_id, date_heure) indexes.

/** Whose day: a conseiller inside their Missions Locales (`null`: every one). */
export interface Conseiller {
  readonly conseillerId: string;
  readonly scope: readonly string[] | null;
}

const conseillerBind = (conseiller: Conseiller) => ({ conseillerId: conseiller.conseillerId, scope: pgArray(conseiller.scope) });

const inScope = (alias: string) => `($scope::uuid[] IS NULL OR ${alias}.mission_locale_id = ANY($scope::uuid[]))`;

/** A rendez-vous or session to close. */
export interface ACloturerRecord {
  readonly kind: 'rendez-vous' | 'session';
  readonly id: string;
  readonly debut: Date;
  readonly titre: string;
  readonly jeune: JeuneResume | null;
}

/**
 * The conseiller's planned rendez-vous whose start has passed and the sessions they animate, started and not signed:
 * how many, and the `limit` oldest.
 */
export const listACloturer = async (
  sequelize: Sequelize,
  conseiller: Conseiller,
  now: Date,
  limit: number,
): Promise<{ total: number; items: ACloturerRecord[] }> => {
  const rows = await sequelize.query<{
    kind: 'rendez-vous' | 'session';
    id: string;
    debut: Date;
    titre: string | null;
    jeune_id: string | null;
    jeune_prenom: string | null;
    jeune_nom: string | null;
    total: number;
  }>(
    `WITH items AS (
       SELECT 'rendez-vous' AS kind, r.id, r.debut, NULL AS titre, j.id AS jeune_id, j.prenoms AS jeune_prenom,
              COALESCE(j.nom_usage, j.nom_naissance) AS jeune_nom
       FROM rendez_vous r JOIN jeune j ON j.id = r.jeune_id
       WHERE r.conseiller_id = $conseillerId AND r.statut = 'PLANIFIE' AND r.debut <= $now AND ${inScope('r')}
       UNION ALL
       SELECT 'session', s.id, s.debut, s.titre, NULL, NULL, NULL
       FROM session_collective s
       WHERE s.animateur_id = $conseillerId AND s.statut = 'A_VENIR' AND s.debut <= $now AND ${inScope('s')}
     )
     SELECT *, (count(*) OVER ())::int AS total FROM items ORDER BY debut, id LIMIT $limit`,
    { type: QueryTypes.SELECT, bind: { ...conseillerBind(conseiller), now, limit } },
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      debut: row.debut,
      titre: row.titre ?? `${row.jeune_prenom ?? ''} ${row.jeune_nom ?? ''}`.trim(),
      jeune: row.jeune_id === null ? null : { id: row.jeune_id, prenom: row.jeune_prenom ?? '', nom: row.jeune_nom ?? '' },
    })),
  };
};

/** What the conseiller's week counts, per local day. */
export type ActiviteKind = 'PRESENT' | 'ABSENT' | 'EVENEMENT';

/**
 * Per local day of the zone, over [from, to[: the conseiller's rendez-vous closed présent (held) and absent
 * (no-shows), by their start, and the événements they recorded (not deleted), by their date.
 */
export const countActivite = async (
  sequelize: Sequelize,
  conseiller: Conseiller,
  range: { readonly from: Date; readonly to: Date; readonly timezone: string },
): Promise<{ kind: ActiviteKind; jour: string; n: number }[]> =>
  sequelize.query<{ kind: ActiviteKind; jour: string; n: number }>(
    `SELECT r.presence AS kind, to_char((r.debut AT TIME ZONE $tz::text)::date, 'YYYY-MM-DD') AS jour, count(*)::int AS n
     FROM rendez_vous r
     WHERE r.conseiller_id = $conseillerId AND r.debut >= $from AND r.debut < $to AND r.statut = 'CLOS'
       AND r.presence IN ('PRESENT', 'ABSENT') AND ${inScope('r')}
     GROUP BY 1, 2
     UNION ALL
     SELECT 'EVENEMENT', to_char((e.date_heure AT TIME ZONE $tz::text)::date, 'YYYY-MM-DD'), count(*)::int
     FROM evenement e
     WHERE e.conseiller_id = $conseillerId AND e.date_heure >= $from AND e.date_heure < $to AND e.supprime_le IS NULL AND ${inScope('e')}
     GROUP BY 1, 2`,
    { type: QueryTypes.SELECT, bind: { ...conseillerBind(conseiller), from: range.from, to: range.to, tz: range.timezone } },
  );
