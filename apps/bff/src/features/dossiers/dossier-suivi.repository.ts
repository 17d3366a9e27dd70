import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { DossierSuiviDto } from '@imilo/domain';

// The suivi summary the Synthèse shows (#4), in one statement of three sub-selects, each read through its table's
// index on the jeune: the last événement walks `evenement_timeline_idx` (jeune, date_heure DESC, id DESC; deleted
// ones are not in it) and stops at the first row; actions and propositions are counted over the jeune's rows of
// `action_jeune_timeline_idx` and `proposition_timeline_idx` (a dossier holds a few dozen). Internal comments
// (`contexte`, `commentaire`) are not read.

interface SuiviRow {
  evenement_id: string | null;
  /** ISO instant, UTC, to the millisecond. */
  evenement_date: string | null;
  type_code: string | null;
  type_libelle: string | null;
  objet: string | null;
  conseiller_id: string | null;
  conseiller_prenom: string | null;
  conseiller_nom: string | null;
  actions_ouvertes: number;
  actions_en_retard: number;
  propositions_en_cours: number;
}

const SUIVI_SQL = `
  SELECT e.id::text AS evenement_id,
         to_char(e.date_heure AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS evenement_date,
         e.type_code,
         -- The type's libellé: the Mission Locale's own type when it has one of that code, else the national one.
         (SELECT ty.libelle FROM type_evenement ty
           WHERE ty.code = e.type_code AND (ty.mission_locale_id IS NULL OR ty.mission_locale_id = e.mission_locale_id)
           ORDER BY ty.mission_locale_id NULLS LAST LIMIT 1) AS type_libelle,
         e.objet, u.id::text AS conseiller_id, u.prenom AS conseiller_prenom, u.nom AS conseiller_nom,
         a.ouvertes::int AS actions_ouvertes, a.en_retard::int AS actions_en_retard, p.en_cours::int AS propositions_en_cours
    FROM (SELECT count(*) FILTER (WHERE statut IN ('A_FAIRE', 'EN_COURS')) AS ouvertes,
                 count(*) FILTER (WHERE statut IN ('A_FAIRE', 'EN_COURS') AND echeance < $today::date) AS en_retard
            FROM action_jeune WHERE jeune_id = $jeuneId::uuid) a
   CROSS JOIN (SELECT count(*) FILTER (WHERE etat IN ('PROPOSEE', 'ACCEPTEE')) AS en_cours
                 FROM proposition WHERE jeune_id = $jeuneId::uuid) p
    LEFT JOIN LATERAL (
      SELECT id, date_heure, type_code, objet, conseiller_id, mission_locale_id
        FROM evenement
       WHERE jeune_id = $jeuneId::uuid AND supprime_le IS NULL
       ORDER BY date_heure DESC, id DESC
       LIMIT 1) e ON true
    LEFT JOIN utilisateur u ON u.id = e.conseiller_id`;

/**
 * The suivi summary of a jeune's dossier: its last non-deleted événement, its open actions (and those whose échéance
 * is before `today`, the Mission Locale's local day, `YYYY-MM-DD`), its propositions under way.
 */
export const findSuivi = async (
  sequelize: Sequelize,
  jeuneId: string,
  today: string,
  options: { readonly transaction: Transaction },
): Promise<DossierSuiviDto> => {
  const [row] = await sequelize.query<SuiviRow>(SUIVI_SQL, {
    type: QueryTypes.SELECT,
    bind: { jeuneId, today },
    transaction: options.transaction,
  });
  if (row === undefined) {
    throw new Error('the suivi summary query returned no row');
  }
  return {
    dernierEvenement:
      row.evenement_id === null || row.evenement_date === null
        ? null
        : {
            id: row.evenement_id,
            date: row.evenement_date,
            typeLibelle: row.type_libelle ?? row.type_code ?? '',
            objet: row.objet,
            conseiller: { id: row.conseiller_id ?? '', prenom: row.conseiller_prenom ?? '', nom: row.conseiller_nom ?? '' },
          },
    actionsOuvertes: row.actions_ouvertes,
    actionsEnRetard: row.actions_en_retard,
    propositionsEnCours: row.propositions_en_cours,
  };
};
