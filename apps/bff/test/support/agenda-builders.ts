import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { ModaliteRendezVous, StatutPresence } from '@imilo/domain';

// Rows of the agenda (#5) stored directly, like builders.ts, for the specs of what reads them or acts on them later
// (reminders, C-Milo, the feed); the routes that write them have their own specs.

const HOUR_MS = 3_600_000;

/** What a test rendez-vous may be given. */
export interface RendezVousOverrides {
  id?: string;
  debut?: Date;
  dureeMinutes?: number;
  modalite?: Exclude<ModaliteRendezVous, 'PRESENTIEL_SITE' | 'AUTRE_LIEU'>;
  objet?: string;
  commentaire?: string | null;
  statut?: 'PLANIFIE' | 'ANNULE' | 'CLOS';
  /** For a closed one (ABSENT unless told). */
  presence?: StatutPresence;
}

/**
 * A planned rendez-vous of the jeune with the conseiller, by phone, in two days for 45 minutes unless told; copies the
 * jeune's Mission Locale as the BFF does. Returns its id and start.
 */
export const aRendezVous = async (
  sequelize: Sequelize,
  jeune: { id: string },
  conseillerId: string,
  overrides: RendezVousOverrides = {},
): Promise<{ id: string; debut: Date }> => {
  const id = overrides.id ?? randomUUID();
  const debut = overrides.debut ?? new Date(Date.now() + 48 * HOUR_MS);
  const statut = overrides.statut ?? 'PLANIFIE';
  await sequelize.query(
    `INSERT INTO rendez_vous (id, mission_locale_id, jeune_id, conseiller_id, type, modalite, debut, duree_minutes, objet, commentaire,
                              statut, presence, motif_annulation, annule_le, annule_par, clos_le, clos_par, created_by, updated_by)
     SELECT $id::uuid, j.mission_locale_id, j.id, $conseillerId::uuid, 'ENTRETIEN_INDIVIDUEL_CONSEILLER', $modalite::text, $debut::timestamptz,
            $duree::integer, $objet::text, $commentaire::text, $statut::text,
            CASE WHEN $statut = 'CLOS' THEN $presence::text END,
            CASE WHEN $statut = 'ANNULE' THEN 'Empêchement du conseiller' END,
            CASE WHEN $statut = 'ANNULE' THEN now() END, CASE WHEN $statut = 'ANNULE' THEN $conseillerId::uuid END,
            CASE WHEN $statut = 'CLOS' THEN now() END, CASE WHEN $statut = 'CLOS' THEN $conseillerId::uuid END,
            $conseillerId::uuid, $conseillerId::uuid
     FROM jeune j WHERE j.id = $jeuneId`,
    {
      bind: {
        id,
        jeuneId: jeune.id,
        conseillerId,
        modalite: overrides.modalite ?? 'TELEPHONE',
        debut,
        duree: overrides.dureeMinutes ?? 45,
        objet: overrides.objet ?? 'Point sur la recherche d’emploi',
        commentaire: overrides.commentaire === undefined ? null : overrides.commentaire,
        statut,
        presence: overrides.presence ?? 'ABSENT',
      },
    },
  );
  return { id, debut };
};
