import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { StatutInscription } from '@imilo/domain';
import { aJeune, aUser } from './builders';
import { anOffre } from './suivi-builders';

// Collective sessions (#5) and their registrations stored directly, like builders.ts, for the specs of what reads or
// acts on them; the routes that write them have their own specs.

const DAY_MS = 86_400_000;

/** What a test session may be given. */
export interface SessionOverrides {
  id?: string;
  /** An offre of the Mission Locale; a new active atelier unless told. */
  offreId?: string;
  titre?: string;
  debut?: Date;
  dureeMinutes?: number;
  /** On the Mission Locale's site unless an address is given. */
  adresse?: string | null;
  places?: number;
  /** `YYYY-MM-DD`; the start's UTC day unless told. */
  dateLimiteInscription?: string;
  autoinscription?: boolean;
  visible?: boolean;
  commentaire?: string | null;
  statut?: 'A_VENIR' | 'CLOTUREE' | 'ANNULEE';
}

/**
 * A session of the Mission Locale animated by the user: an atelier on its site, in a week for two hours, ten places,
 * open to self-registration unless told. Returns its id and start.
 */
export const aSession = async (
  sequelize: Sequelize,
  ml: { id: string; siteId: string },
  animateurId: string,
  overrides: SessionOverrides = {},
): Promise<{ id: string; debut: Date }> => {
  const id = overrides.id ?? randomUUID();
  const debut = overrides.debut ?? new Date(Date.now() + 7 * DAY_MS);
  const offreId = overrides.offreId ?? (await anOffre(sequelize, ml)).id;
  const adresse = overrides.adresse ?? null;
  const autoinscription = overrides.autoinscription ?? true;
  await sequelize.query(
    `INSERT INTO session_collective (id, mission_locale_id, offre_id, titre, debut, duree_minutes, site_id, adresse, animateur_id, places,
                                     date_limite_inscription, autoinscription, visible, commentaire, statut, clos_le, clos_par,
                                     created_by, updated_by)
     VALUES ($id, $ml, $offreId, $titre, $debut, $duree, $siteId, $adresse, $animateurId, $places, $dateLimite, $autoinscription,
             $visible, $commentaire, $statut, CASE WHEN $statut = 'CLOTUREE' THEN now() END,
             CASE WHEN $statut = 'CLOTUREE' THEN $animateurId::uuid END, $animateurId, $animateurId)`,
    {
      bind: {
        id,
        ml: ml.id,
        offreId,
        titre: overrides.titre ?? 'Atelier CV',
        debut,
        duree: overrides.dureeMinutes ?? 120,
        siteId: adresse === null ? ml.siteId : null,
        adresse,
        animateurId,
        places: overrides.places ?? 10,
        dateLimite: overrides.dateLimiteInscription ?? debut.toISOString().slice(0, 10),
        autoinscription,
        visible: overrides.visible ?? true,
        commentaire: overrides.commentaire === undefined ? 'Prévoir le vidéoprojecteur' : overrides.commentaire,
        statut: overrides.statut ?? 'A_VENIR',
      },
    },
  );
  return { id, debut };
};

/** A registration of the jeune to the session (registered now, unless told); copies the jeune's Mission Locale. */
export const anInscription = async (
  sequelize: Sequelize,
  session: { id: string },
  jeune: { id: string },
  overrides: { statut?: StatutInscription; inscritLe?: Date } = {},
): Promise<{ id: string }> => {
  const id = randomUUID();
  await sequelize.query(
    `INSERT INTO inscription_session (id, session_id, jeune_id, mission_locale_id, statut, inscrit_le)
     SELECT $id::uuid, $sessionId::uuid, j.id, j.mission_locale_id, $statut::text, $inscritLe::timestamptz FROM jeune j WHERE j.id = $jeuneId`,
    { bind: { id, sessionId: session.id, jeuneId: jeune.id, statut: overrides.statut ?? 'INSCRIT', inscritLe: overrides.inscritLe ?? new Date() } },
  );
  return { id };
};

/**
 * A jeune with a C-Milo account, as the demo seeds demo.jeune: a user holding the `jeune` role (CGU accepted), linked
 * to a dossier of the Mission Locale. Returns both ids and the login.
 */
export const aJeuneWithAccount = async (
  sequelize: Sequelize,
  ml: { id: string; siteId?: string },
  overrides: { prenoms?: string; nomNaissance?: string; passwordChangedAt?: Date } = {},
): Promise<{ id: string; userId: string; login: string }> => {
  const user = await aUser(sequelize, ml, { roles: ['jeune'], prenom: overrides.prenoms ?? 'Camille', nom: overrides.nomNaissance ?? 'DURAND', passwordChangedAt: overrides.passwordChangedAt });
  const jeune = await aJeune(sequelize, ml, { prenoms: overrides.prenoms, nomNaissance: overrides.nomNaissance });
  await linkAccount(sequelize, jeune, user.id);
  return { id: jeune.id, userId: user.id, login: user.login };
};

/** Links an existing dossier to an account, as the C-Milo activation does. */
export const linkAccount = async (sequelize: Sequelize, jeune: { id: string }, userId: string): Promise<void> => {
  await sequelize.query('UPDATE jeune SET utilisateur_id = $userId WHERE id = $id', { bind: { id: jeune.id, userId } });
};
