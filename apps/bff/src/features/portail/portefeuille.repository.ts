import { QueryTypes, type Sequelize } from 'sequelize';
import type { CategorieSituation, CompletudeInput, FamilleInput, fenetresAlertes, LocalDate } from '@imilo/domain';
import { pgArray } from '../../platform/sql';
import type { Conseiller } from './journee.repository';

// The conseiller's portfolio in SQL (#6): the jeunes they are référent of, active dossiers only, read through the
// jeune_referent_idx; what each row needs (situations, next rendez-vous, push subscription, treated alerts) is read
// by index in the same statement, never by a query per jeune.

/** The facts of one jeune the alert rules read, as stored. */
export interface FaitsRecord {
  readonly id: string;
  readonly prenom: string;
  readonly nom: string;
  readonly missionLocaleId: string;
  readonly dateNaissance: LocalDate;
  readonly rqth: boolean;
  readonly ouvertLe: LocalDate;
  readonly titreSejourExpireLe: LocalDate | null;
  readonly dernierContactLe: LocalDate | null;
  readonly finsSituations: readonly { readonly categorie: CategorieSituation; readonly fin: LocalDate }[];
  readonly prochainRendezVousLe: LocalDate | null;
  readonly joignablePush: boolean;
  /** The keys of this jeune's alerts already treated. */
  readonly traitees: readonly string[];
}

interface FaitsRow {
  id: string;
  prenom: string;
  nom: string;
  mission_locale_id: string;
  date_naissance: string;
  rqth: boolean;
  ouvert_le: string;
  titre_sejour_expire_le: string | null;
  dernier_contact_le: string | null;
  fins: { categorie: CategorieSituation; fin: string }[] | null;
  prochain_rdv: string | null;
  joignable: boolean;
  traitees: string[] | null;
}

/**
 * The facts of the portfolio's jeunes that may raise an alert today: the SQL keeps only those inside one of the rules'
 * windows (libs/domain fenetresAlertes), and reads a situation's end and the next rendez-vous within their window only
 * (later ones raise nothing). Days are the Mission Locale's (`timezone`); `semaine` is [today's start, Monday next[.
 */
export const listFaitsAlertes = async (
  sequelize: Sequelize,
  conseiller: Conseiller,
  jours: {
    readonly today: LocalDate;
    readonly timezone: string;
    readonly fenetres: ReturnType<typeof fenetresAlertes>;
    readonly semaine: { readonly from: Date; readonly to: Date };
  },
): Promise<FaitsRecord[]> => {
  const { fenetres } = jours;
  const rows = await sequelize.query<FaitsRow>(
    `SELECT j.id, j.prenoms AS prenom, COALESCE(j.nom_usage, j.nom_naissance) AS nom, j.mission_locale_id,
            to_char(j.date_naissance, 'YYYY-MM-DD') AS date_naissance, COALESCE(j.rqth, false) AS rqth,
            to_char(COALESCE(j.date_premier_accueil, (j.created_at AT TIME ZONE $tz::text)::date), 'YYYY-MM-DD') AS ouvert_le,
            to_char(j.titre_sejour_expire_le, 'YYYY-MM-DD') AS titre_sejour_expire_le,
            to_char(j.dernier_contact_le, 'YYYY-MM-DD') AS dernier_contact_le,
            fins.fins, rdv.prochain AS prochain_rdv,
            (j.utilisateur_id IS NOT NULL AND EXISTS (SELECT 1 FROM push_subscription p WHERE p.utilisateur_id = j.utilisateur_id)) AS joignable,
            (SELECT array_agg(t.cle) FROM alerte_traitee t WHERE t.jeune_id = j.id AND t.mission_locale_id = j.mission_locale_id) AS traitees
     FROM jeune j
     LEFT JOIN LATERAL (
       SELECT json_agg(json_build_object('categorie', s.categorie, 'fin', to_char(s.date_fin, 'YYYY-MM-DD'))) AS fins
       FROM situation s WHERE s.jeune_id = j.id AND s.etat = 'EN_COURS' AND s.date_fin BETWEEN $today::date AND $finSituationAvant::date
     ) fins ON true
     LEFT JOIN LATERAL (
       SELECT to_char((min(r.debut) AT TIME ZONE $tz::text)::date, 'YYYY-MM-DD') AS prochain
       FROM rendez_vous r WHERE r.jeune_id = j.id AND r.statut = 'PLANIFIE' AND r.debut >= $semaineFrom AND r.debut < $semaineTo
     ) rdv ON true
     WHERE j.referent_id = $conseillerId AND j.statut_dossier = 'actif'
       AND ($scope::uuid[] IS NULL OR j.mission_locale_id = ANY($scope::uuid[]))
       AND (j.date_naissance <= CASE WHEN j.rqth THEN $naissanceRqth::date ELSE $naissance::date END
            OR j.titre_sejour_expire_le <= $titreSejourAvant::date
            OR COALESCE(j.dernier_contact_le, j.date_premier_accueil, (j.created_at AT TIME ZONE $tz::text)::date) <= $contactAvant::date
            OR fins.fins IS NOT NULL
            OR rdv.prochain IS NOT NULL)`,
    {
      type: QueryTypes.SELECT,
      bind: {
        conseillerId: conseiller.conseillerId,
        scope: pgArray(conseiller.scope),
        tz: jours.timezone,
        today: jours.today,
        naissance: fenetres.naissanceAgeLimiteAvant,
        naissanceRqth: fenetres.naissanceAgeLimiteRqthAvant,
        titreSejourAvant: fenetres.titreSejourAvant,
        finSituationAvant: fenetres.finSituationAvant,
        contactAvant: fenetres.contactAvant,
        semaineFrom: jours.semaine.from,
        semaineTo: jours.semaine.to,
      },
    },
  );
  return rows.map((row) => ({
    id: row.id,
    prenom: row.prenom,
    nom: row.nom,
    missionLocaleId: row.mission_locale_id,
    dateNaissance: row.date_naissance,
    rqth: row.rqth,
    ouvertLe: row.ouvert_le,
    titreSejourExpireLe: row.titre_sejour_expire_le,
    dernierContactLe: row.dernier_contact_le,
    finsSituations: row.fins ?? [],
    prochainRendezVousLe: row.prochain_rdv,
    joignablePush: row.joignable,
    traitees: row.traitees ?? [],
  }));
};

interface PartielRow {
  total: number;
  id: string;
  prenom: string;
  nom: string;
  timezone: string;
  nom_naissance: string;
  sexe: CompletudeInput['identite']['sexe'];
  date_naissance: string;
  ne_etranger: boolean;
  commune_naissance_insee: string | null;
  pays_naissance: string | null;
  nationalite: CompletudeInput['identite']['nationalite'];
  titre_sejour_expire_le: string | null;
  nir: boolean;
  telephone: string | null;
  email: string | null;
  adresse_commune: string | null;
  situation_familiale: FamilleInput['situationFamiliale'];
  enfants_a_charge: number | null;
  mode_garde: FamilleInput['modeGarde'];
  representants_legaux: FamilleInput['representantsLegaux'] | null;
  niveau_formation: CompletudeInput['cursus']['niveauFormation'];
  ressources: CompletudeInput['ressources']['liste'];
  logement_situation: CompletudeInput['logement']['situation'];
  logement_difficulte: boolean | null;
  rqth: boolean | null;
  rqth_fin: string | null;
  ft_inscrit: boolean | null;
  ft_identifiant: string | null;
  ft_date_inscription: string | null;
  pieces: CompletudeInput['pieces'];
}

/** A dossier below « complet », with what its completeness reads and its Mission Locale's zone. */
export interface DossierPartiel {
  readonly id: string;
  readonly prenom: string;
  readonly nom: string;
  readonly timezone: string;
  readonly completude: CompletudeInput;
}

const day = (column: string) => `to_char(j.${column}, 'YYYY-MM-DD') AS ${column}`;

/**
 * The portfolio's active dossiers below « complet »: how many, and the first `limit` by name with what their
 * completeness reads (libs/domain computeCompletude; the same sections as dossier-derived's completudeInputOf, read
 * for the listed dossiers in this one statement rather than a dossier read each).
 */
export const listDossiersPartiels = async (
  sequelize: Sequelize,
  conseiller: Conseiller,
  limit: number,
): Promise<{ total: number; dossiers: DossierPartiel[] }> => {
  const rows = await sequelize.query<PartielRow>(
    `WITH partiels AS (
       SELECT j.id, (count(*) OVER ())::int AS total,
              row_number() OVER (ORDER BY COALESCE(j.nom_usage, j.nom_naissance), j.prenoms, j.id) AS rang
       FROM jeune j
       WHERE j.referent_id = $conseillerId AND j.statut_dossier = 'actif' AND j.completude = 'partiel'
         AND ($scope::uuid[] IS NULL OR j.mission_locale_id = ANY($scope::uuid[]))
       ORDER BY rang
       LIMIT $limit
     )
     SELECT p.total, j.id, j.prenoms AS prenom, COALESCE(j.nom_usage, j.nom_naissance) AS nom, ml.timezone,
            j.nom_naissance, j.sexe, ${day('date_naissance')}, j.ne_etranger, j.commune_naissance_insee, j.pays_naissance,
            j.nationalite, ${day('titre_sejour_expire_le')}, j.nir_enc IS NOT NULL AS nir, j.telephone, j.email,
            a.commune_insee AS adresse_commune, j.situation_familiale, j.enfants_a_charge, j.mode_garde, j.representants_legaux,
            j.niveau_formation, j.ressources, j.logement_situation, j.logement_difficulte, j.rqth, ${day('rqth_fin')},
            j.ft_inscrit, j.ft_identifiant, ${day('ft_date_inscription')},
            COALESCE((SELECT json_agg(json_build_object('type', pj.type, 'statut', pj.statut))
                      FROM piece_justificative pj WHERE pj.jeune_id = j.id), '[]'::json) AS pieces
     FROM partiels p
     JOIN jeune j ON j.id = p.id
     JOIN mission_locale ml ON ml.id = j.mission_locale_id
     LEFT JOIN jeune_adresse a ON a.jeune_id = j.id AND a.valid_to IS NULL
     ORDER BY p.rang`,
    { type: QueryTypes.SELECT, bind: { conseillerId: conseiller.conseillerId, scope: pgArray(conseiller.scope), limit } },
  );
  return {
    total: rows[0]?.total ?? 0,
    dossiers: rows.map((row) => ({
      id: row.id,
      prenom: row.prenom,
      nom: row.nom,
      timezone: row.timezone,
      completude: {
        identite: {
          nomNaissance: row.nom_naissance,
          prenoms: row.prenom,
          sexe: row.sexe,
          dateNaissance: row.date_naissance,
          neEtranger: row.ne_etranger,
          communeNaissanceInsee: row.commune_naissance_insee,
          paysNaissance: row.pays_naissance,
          nationalite: row.nationalite,
          titreSejourExpireLe: row.titre_sejour_expire_le,
          // Not a requirement of any level: whether one is recorded is enough, nothing is decrypted.
          nirMasque: row.nir ? '•••' : null,
        },
        coordonnees: {
          telephone: row.telephone,
          email: row.email,
          adresse: row.adresse_commune === null ? null : { communeInsee: row.adresse_commune },
        },
        famille: {
          situationFamiliale: row.situation_familiale,
          enfantsACharge: row.enfants_a_charge,
          modeGarde: row.mode_garde,
          representantsLegaux: row.representants_legaux ?? [],
        },
        cursus: { niveauFormation: row.niveau_formation },
        ressources: { liste: row.ressources },
        logement: { situation: row.logement_situation, difficulte: row.logement_difficulte },
        sante: { rqth: row.rqth, rqthFin: row.rqth_fin },
        franceTravail: { inscrit: row.ft_inscrit, identifiant: row.ft_identifiant, dateInscription: row.ft_date_inscription },
        pieces: row.pieces,
      },
    })),
  };
};
