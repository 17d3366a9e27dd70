import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { CategorieSituation, EtatProposition, EtatSituation, StatutAction, Theme } from '@imilo/domain';

// Rows of the Suivi univers (#4) stored directly by SQL, for the timeline and export specs: the routes that write
// them have their own specs.

/** The dossier the rows belong to, and who wrote them. */
export interface SuiviOwner {
  readonly jeuneId: string;
  readonly missionLocaleId: string;
  /** The conseiller of the événements, the creator of the propositions and actions. */
  readonly conseillerId: string;
}

/** What a test événement may be given. */
export interface EvenementOverrides {
  id?: string;
  /** ISO instant (microseconds allowed). */
  dateHeure?: string;
  typeCode?: string;
  themes?: Theme[];
  objet?: string | null;
  contexte?: string | null;
  partenaire?: string | null;
  /** Marked deleted (kept, skipped by the timeline). */
  supprime?: boolean;
}

/** An événement (ENTRETIEN_INDIVIDUEL, EMPLOI, at a distance, unless told); returns its id. */
export const anEvenement = async (sequelize: Sequelize, owner: SuiviOwner, overrides: EvenementOverrides = {}): Promise<string> => {
  const id = overrides.id ?? randomUUID();
  await sequelize.query(
    `INSERT INTO evenement (id, jeune_id, mission_locale_id, date_heure, type_code, lieu_type, themes, objet, contexte, partenaire,
                            conseiller_id, created_by, supprime_le, supprime_par, motif_suppression)
     VALUES ($id, $jeuneId, $ml, $dateHeure::timestamptz, $typeCode, 'DISTANCE', $themes::text[], $objet, $contexte, $partenaire,
             $conseillerId, $conseillerId,
             CASE WHEN $supprime::boolean THEN now() END, CASE WHEN $supprime::boolean THEN $conseillerId::uuid END,
             CASE WHEN $supprime::boolean THEN 'Saisi par erreur' END)`,
    {
      bind: {
        id,
        jeuneId: owner.jeuneId,
        ml: owner.missionLocaleId,
        dateHeure: overrides.dateHeure ?? '2026-11-20T09:00:00Z',
        typeCode: overrides.typeCode ?? 'ENTRETIEN_INDIVIDUEL',
        themes: `{${(overrides.themes ?? ['EMPLOI']).join(',')}}`,
        objet: overrides.objet === undefined ? 'Point sur la recherche' : overrides.objet,
        contexte: overrides.contexte ?? null,
        partenaire: overrides.partenaire ?? null,
        conseillerId: owner.conseillerId,
        supprime: overrides.supprime ?? false,
      },
    },
  );
  return id;
};

/** What a test proposition may be given. */
export interface PropositionOverrides {
  id?: string;
  /** ISO instant of its creation (where the timeline puts it). */
  createdAt?: string;
  libelle?: string;
  theme?: Theme;
  etat?: EtatProposition;
  partenaire?: string | null;
  commentaire?: string | null;
  /** Its day (first step), `YYYY-MM-DD`; none when absent. */
  jour?: string;
}

/** A proposition (PROPOSEE, EMPLOI unless told); returns its id. */
export const aProposition = async (sequelize: Sequelize, owner: SuiviOwner, overrides: PropositionOverrides = {}): Promise<string> => {
  const id = overrides.id ?? randomUUID();
  await sequelize.query(
    `INSERT INTO proposition (id, jeune_id, mission_locale_id, libelle, theme, partenaire, commentaire, etat, created_at, created_by)
     VALUES ($id, $jeuneId, $ml, $libelle, $theme, $partenaire, $commentaire, $etat, $createdAt::timestamptz, $by)`,
    {
      bind: {
        id,
        jeuneId: owner.jeuneId,
        ml: owner.missionLocaleId,
        libelle: overrides.libelle ?? 'Atelier CV',
        theme: overrides.theme ?? 'EMPLOI',
        partenaire: overrides.partenaire ?? null,
        commentaire: overrides.commentaire ?? null,
        etat: overrides.etat ?? 'PROPOSEE',
        createdAt: overrides.createdAt ?? '2026-11-20T09:00:00Z',
        by: owner.conseillerId,
      },
    },
  );
  if (overrides.jour !== undefined) {
    await sequelize.query(
      `INSERT INTO proposition_etape (proposition_id, rang, etat, date, par) VALUES ($id, 1, 'PROPOSEE', $jour::date, $by)`,
      { bind: { id, jour: overrides.jour, by: owner.conseillerId } },
    );
  }
  return id;
};

/** What a test action may be given. */
export interface ActionOverrides {
  id?: string;
  createdAt?: string;
  titre?: string;
  /** `YYYY-MM-DD`. */
  echeance?: string;
  statut?: StatutAction;
  description?: string | null;
}

/** An action of the jeune (A_FAIRE unless told); returns its id. */
export const anAction = async (sequelize: Sequelize, owner: SuiviOwner, overrides: ActionOverrides = {}): Promise<string> => {
  const id = overrides.id ?? randomUUID();
  await sequelize.query(
    `INSERT INTO action_jeune (id, jeune_id, mission_locale_id, titre, description, echeance, statut, createur, created_at, created_by)
     VALUES ($id, $jeuneId, $ml, $titre, $description, $echeance::date, $statut, 'CONSEILLER', $createdAt::timestamptz, $by)`,
    {
      bind: {
        id,
        jeuneId: owner.jeuneId,
        ml: owner.missionLocaleId,
        titre: overrides.titre ?? 'Mettre à jour son CV',
        description: overrides.description ?? null,
        echeance: overrides.echeance ?? '2026-12-05',
        statut: overrides.statut ?? 'A_FAIRE',
        createdAt: overrides.createdAt ?? '2026-11-20T09:00:00Z',
        by: owner.conseillerId,
      },
    },
  );
  return id;
};

/** What a test situation may be given. */
export interface TimelineSituationOverrides {
  id?: string;
  categorie?: CategorieSituation;
  etat?: EtatSituation;
  /** `YYYY-MM-DD`. */
  dateDebut?: string;
  dateFin?: string | null;
  intitule?: string | null;
}

/** A situation row of the jeune (EMPLOI, EN_COURS unless told), with its intitulé and author; returns its id. */
export const aTimelineSituation = async (
  sequelize: Sequelize,
  owner: SuiviOwner,
  overrides: TimelineSituationOverrides = {},
): Promise<string> => {
  const id = overrides.id ?? randomUUID();
  await sequelize.query(
    `INSERT INTO situation (id, jeune_id, categorie, etat, date_debut, date_fin, intitule, created_by)
     VALUES ($id, $jeuneId, $categorie, $etat, $dateDebut::date, $dateFin::date, $intitule, $by)`,
    {
      bind: {
        id,
        jeuneId: owner.jeuneId,
        categorie: overrides.categorie ?? 'EMPLOI',
        etat: overrides.etat ?? 'EN_COURS',
        dateDebut: overrides.dateDebut ?? '2026-11-02',
        dateFin: overrides.dateFin ?? null,
        intitule: overrides.intitule ?? null,
        by: owner.conseillerId,
      },
    },
  );
  return id;
};

/** A type of événement of the Mission Locale (added to the national list, or overriding a national code's libellé). */
export const aTypeEvenement = async (sequelize: Sequelize, missionLocaleId: string, code: string, libelle: string): Promise<void> => {
  await sequelize.query(`INSERT INTO type_evenement (mission_locale_id, code, libelle, contact) VALUES ($ml, $code, $libelle, true)`, {
    bind: { ml: missionLocaleId, code, libelle },
  });
};

/**
 * A busy dossier in one statement per kind: `count` items spread over the four kinds (mostly événements), a new
 * instant every `tieEvery` items so that kinds and ids meet at the same instant, a fifth of the événements deleted
 * when `deleted` (not counted). Returns nothing: the spec reads the expected order back from the tables.
 */
export const aBusyDossier = async (sequelize: Sequelize, owner: SuiviOwner, count: number, options: { deleted?: boolean } = {}): Promise<void> => {
  const bind = { jeuneId: owner.jeuneId, ml: owner.missionLocaleId, by: owner.conseillerId, count };
  // Item n: kind by n % 10 (0–5 événement, 6–7 proposition, 8 action, 9 situation); instant: 2026-11-30 minus n div 3
  // hours, so that three consecutive items share it.
  const at = `(timestamptz '2026-11-30T12:00:00Z' - ((n / 3) * interval '1 hour'))`;
  await sequelize.query(
    `INSERT INTO evenement (id, jeune_id, mission_locale_id, date_heure, type_code, lieu_type, themes, objet, conseiller_id)
     SELECT gen_random_uuid(), $jeuneId, $ml, ${at}, 'ATELIER', 'DISTANCE', ARRAY['EMPLOI'], 'Item ' || n, $by
       FROM generate_series(0, $count::int - 1) n WHERE n % 10 < 6`,
    { bind },
  );
  if (options.deleted) {
    await sequelize.query(
      `INSERT INTO evenement (id, jeune_id, mission_locale_id, date_heure, type_code, lieu_type, themes, objet, conseiller_id, supprime_le)
       SELECT gen_random_uuid(), $jeuneId, $ml, ${at}, 'ATELIER', 'DISTANCE', ARRAY['EMPLOI'], 'Supprimé ' || n, $by, now()
         FROM generate_series(0, $count::int - 1) n WHERE n % 5 = 0`,
      { bind },
    );
  }
  await sequelize.query(
    `INSERT INTO proposition (id, jeune_id, mission_locale_id, libelle, theme, etat, created_at, created_by)
     SELECT gen_random_uuid(), $jeuneId, $ml, 'Proposition ' || n, 'FORMATION', 'PROPOSEE', ${at}, $by
       FROM generate_series(0, $count::int - 1) n WHERE n % 10 IN (6, 7)`,
    { bind },
  );
  await sequelize.query(
    `INSERT INTO action_jeune (id, jeune_id, mission_locale_id, titre, echeance, statut, createur, created_at, created_by)
     SELECT gen_random_uuid(), $jeuneId, $ml, 'Action ' || n, date '2026-12-31', 'A_FAIRE', 'CONSEILLER', ${at}, $by
       FROM generate_series(0, $count::int - 1) n WHERE n % 10 = 8`,
    { bind },
  );
  // Situations start on a day: one a day back from 2026-11-30.
  await sequelize.query(
    `INSERT INTO situation (id, jeune_id, categorie, etat, date_debut)
     SELECT gen_random_uuid(), $jeuneId, 'FORMATION', 'TERMINE', date '2026-11-30' - (n / 3)
       FROM generate_series(0, $count::int - 1) n WHERE n % 10 = 9`,
    { bind },
  );
};
