import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { EtatProposition, Role, StatutAction, Theme, TypeOffreInterne } from '@imilo/domain';
import { aJeune, type JeuneOverrides, aMissionLocale, aUser } from './builders';
import { createTestApp, signedIn, TestClock } from './test-app';

// Rows of the suivi (#4) stored directly, like builders.ts, for the specs of what reads them (the routes that write
// them have their own specs): each takes the jeune and copies its Mission Locale, as the BFF denormalises it.

let sequence = 0;
const next = () => `${process.pid}${++sequence}`;

const DAY_MS = 86_400_000;

/** A local day `days` before today (UTC), `YYYY-MM-DD`. */
export const daysAgo = (days: number, from = new Date()): string => new Date(from.getTime() - days * DAY_MS).toISOString().slice(0, 10);

/** What a test événement may be given. */
export interface EvenementOverrides {
  id?: string;
  /** A Date, or an ISO instant (microseconds kept, for the timeline's cursor). */
  dateHeure?: Date | string;
  typeCode?: string;
  themes?: Theme[];
  objet?: string | null;
  contexte?: string | null;
  partenaire?: string | null;
  siteId?: string | null;
  /** Marked deleted by its conseiller (kept, skipped by the lists, the timeline and the export). */
  supprime?: boolean;
  version?: number;
}

/** An événement of the jeune by the conseiller (an individual interview, remotely, an hour ago unless told); returns its id. */
export const anEvenement = async (
  sequelize: Sequelize,
  jeune: { id: string },
  conseillerId: string,
  overrides: EvenementOverrides = {},
): Promise<{ id: string }> => {
  const id = overrides.id ?? randomUUID();
  const siteId = overrides.siteId ?? null;
  await sequelize.query(
    `INSERT INTO evenement (id, jeune_id, mission_locale_id, date_heure, type_code, lieu_type, site_id, themes, objet, contexte, partenaire,
                            conseiller_id, created_by, version, supprime_le, supprime_par, motif_suppression)
     SELECT $id::uuid, j.id, j.mission_locale_id, $dateHeure::timestamptz, $typeCode::text, $lieuType::text, $siteId::uuid, $themes::text[],
            $objet::text, $contexte::text, $partenaire::text, $conseillerId::uuid, $conseillerId::uuid, $version::integer,
            CASE WHEN $supprime::boolean THEN now() END, CASE WHEN $supprime::boolean THEN $conseillerId::uuid END,
            CASE WHEN $supprime::boolean THEN 'Saisi par erreur' END
     FROM jeune j WHERE j.id = $jeuneId`,
    {
      bind: {
        id,
        jeuneId: jeune.id,
        dateHeure: overrides.dateHeure ?? new Date(Date.now() - 3_600_000),
        typeCode: overrides.typeCode ?? 'ENTRETIEN_INDIVIDUEL',
        lieuType: siteId === null ? 'DISTANCE' : 'SITE',
        siteId,
        themes: overrides.themes ?? ['EMPLOI'],
        objet: overrides.objet === undefined ? 'Point sur la recherche' : overrides.objet,
        contexte: overrides.contexte ?? null,
        partenaire: overrides.partenaire ?? null,
        conseillerId,
        version: overrides.version ?? 1,
        supprime: overrides.supprime ?? false,
      },
    },
  );
  return { id };
};

/** What a test proposition or action may be given, besides its own fields. */
interface SuiviRowOverrides {
  /** Chosen ahead when a spec orders rows by id. */
  id?: string;
  /** ISO instant of its creation, where the timeline puts it; now unless told. */
  createdAt?: string;
  /** Its author, whom the timeline and the export name. */
  createdBy?: string | null;
  version?: number;
}

/** The binds of what a proposition and an action share: the row's id, its jeune, and the defaults of `SuiviRowOverrides`. */
const suiviRowBind = (id: string, jeune: { id: string }, overrides: SuiviRowOverrides) => ({
  id,
  jeuneId: jeune.id,
  createdAt: overrides.createdAt ?? null,
  createdBy: overrides.createdBy ?? null,
  version: overrides.version ?? 1,
});

/** What a test proposition may be given; its author also took its steps. */
export interface PropositionOverrides extends SuiviRowOverrides {
  etat?: EtatProposition;
  /**
   * The day of its steps, `YYYY-MM-DD`; 30 days ago unless told. `null` stores none: the parcours export then dates
   * the proposition by its creation instant.
   */
  date?: string | null;
  libelle?: string;
  theme?: Theme;
  offreId?: string | null;
  partenaire?: string | null;
  commentaire?: string | null;
}

/**
 * A proposition to the jeune (a free "Atelier CV", proposée 30 days ago unless told), with its first step, and the
 * steps that lead to its state when it is another; returns its id.
 */
export const aProposition = async (sequelize: Sequelize, jeune: { id: string }, overrides: PropositionOverrides = {}): Promise<{ id: string }> => {
  const id = overrides.id ?? randomUUID();
  const etat = overrides.etat ?? 'PROPOSEE';
  const date = overrides.date === undefined ? daysAgo(30) : overrides.date;
  await sequelize.query(
    `INSERT INTO proposition (id, jeune_id, mission_locale_id, offre_id, libelle, theme, partenaire, commentaire, etat, created_at, created_by, version)
     SELECT $id::uuid, j.id, j.mission_locale_id, $offreId::uuid, $libelle::text, $theme::text, $partenaire::text, $commentaire::text, $etat::text,
            COALESCE($createdAt::timestamptz, now()), $createdBy::uuid, $version::integer
     FROM jeune j WHERE j.id = $jeuneId`,
    {
      bind: {
        ...suiviRowBind(id, jeune, overrides),
        offreId: overrides.offreId ?? null,
        libelle: overrides.libelle ?? 'Atelier CV',
        theme: overrides.theme ?? 'EMPLOI',
        partenaire: overrides.partenaire ?? null,
        commentaire: overrides.commentaire ?? null,
        etat,
      },
    },
  );
  if (date === null) {
    return { id };
  }
  const etats: EtatProposition[] = etat === 'PROPOSEE' ? ['PROPOSEE'] : ['REALISEE', 'ABANDONNEE'].includes(etat) ? ['PROPOSEE', 'ACCEPTEE', etat] : ['PROPOSEE', etat];
  for (const [index, step] of etats.entries()) {
    await sequelize.query(`INSERT INTO proposition_etape (proposition_id, rang, etat, date, par) VALUES ($id, $rang, $etat, $date, $par)`, {
      bind: { id, rang: index + 1, etat: step, date, par: overrides.createdBy ?? null },
    });
  }
  return { id };
};

/** What a test action may be given. */
export interface ActionOverrides extends SuiviRowOverrides {
  titre?: string;
  description?: string | null;
  statut?: StatutAction;
  /** `YYYY-MM-DD`. */
  echeance?: string;
  closeLe?: string | null;
  evenementId?: string | null;
}

/** An action of the jeune ("Mettre à jour son CV", à faire in a week unless told); returns its id. */
export const anAction = async (sequelize: Sequelize, jeune: { id: string }, overrides: ActionOverrides = {}): Promise<{ id: string }> => {
  const id = overrides.id ?? randomUUID();
  await sequelize.query(
    `INSERT INTO action_jeune (id, jeune_id, mission_locale_id, evenement_id, titre, description, echeance, statut, createur, close_le,
                              created_at, created_by, version)
     SELECT $id::uuid, j.id, j.mission_locale_id, $evenementId::uuid, $titre::text, $description::text, $echeance::date, $statut::text,
            'CONSEILLER', $closeLe::date, COALESCE($createdAt::timestamptz, now()), $createdBy::uuid, $version::integer
     FROM jeune j WHERE j.id = $jeuneId`,
    {
      bind: {
        ...suiviRowBind(id, jeune, overrides),
        evenementId: overrides.evenementId ?? null,
        titre: overrides.titre ?? 'Mettre à jour son CV',
        description: overrides.description ?? null,
        echeance: overrides.echeance ?? daysAgo(-7),
        statut: overrides.statut ?? 'A_FAIRE',
        closeLe: overrides.closeLe ?? null,
      },
    },
  );
  return { id };
};

/** What a test offre may be given. */
export interface OffreOverrides {
  code?: string;
  libelle?: string;
  theme?: Theme;
  type?: TypeOffreInterne;
  actif?: boolean;
}

/** An offre of the Mission Locale's internal offre de service (an active workshop unless told); returns id and code. */
export const anOffre = async (sequelize: Sequelize, ml: { id: string }, overrides: OffreOverrides = {}): Promise<{ id: string; code: string }> => {
  const id = randomUUID();
  const code = overrides.code ?? `O${next()}`.slice(0, 20);
  await sequelize.query(
    `INSERT INTO offre_interne (id, mission_locale_id, code, libelle, theme, type, actif) VALUES ($id, $ml, $code, $libelle, $theme, $type, $actif)`,
    {
      bind: {
        id,
        ml: ml.id,
        code,
        libelle: overrides.libelle ?? 'Atelier projet professionnel',
        theme: overrides.theme ?? 'PROJET_PROFESSIONNEL',
        type: overrides.type ?? 'ATELIER',
        actif: overrides.actif ?? true,
      },
    },
  );
  return { id, code };
};

/**
 * A type of événement of the Mission Locale, added to the national list or overriding a national code's libellé (a
 * contact unless told); returns its code.
 */
export const aTypeEvenement = async (
  sequelize: Sequelize,
  ml: { id: string },
  overrides: { code?: string; libelle?: string; contact?: boolean; actif?: boolean } = {},
): Promise<{ code: string }> => {
  const code = overrides.code ?? `TYPE_${next()}`;
  await sequelize.query(
    `INSERT INTO type_evenement (mission_locale_id, code, libelle, contact, actif) VALUES ($ml, $code, $libelle, $contact, $actif)`,
    { bind: { ml: ml.id, code, libelle: overrides.libelle ?? 'Permanence au lycée', contact: overrides.contact ?? true, actif: overrides.actif ?? true } },
  );
  return { code };
};

/**
 * A busy dossier of the jeune, by the conseiller, in one statement per kind (row by row, hundreds of items would slow
 * the specs down): `count` items spread over the four kinds (mostly événements), a new instant every three items so
 * that kinds and ids meet at the same instant, and a fifth as many deleted événements when `deleted` (not counted).
 * Returns nothing: the spec reads the expected order back from the tables.
 */
export const aBusyDossier = async (
  sequelize: Sequelize,
  jeune: { id: string },
  conseillerId: string,
  count: number,
  options: { deleted?: boolean } = {},
): Promise<void> => {
  const bind = { jeuneId: jeune.id, by: conseillerId, count };
  // Item n: kind by n % 10 (0–5 événement, 6–7 proposition, 8 action, 9 situation); instant: 2026-11-30 minus n div 3
  // hours, so that three consecutive items share it.
  const at = `(timestamptz '2026-11-30T12:00:00Z' - ((n / 3) * interval '1 hour'))`;
  const items = `generate_series(0, $count::int - 1) n CROSS JOIN jeune j WHERE j.id = $jeuneId`;
  await sequelize.query(
    `INSERT INTO evenement (id, jeune_id, mission_locale_id, date_heure, type_code, lieu_type, themes, objet, conseiller_id)
     SELECT gen_random_uuid(), j.id, j.mission_locale_id, ${at}, 'ATELIER', 'DISTANCE', ARRAY['EMPLOI'], 'Item ' || n, $by
       FROM ${items} AND n % 10 < 6`,
    { bind },
  );
  if (options.deleted) {
    await sequelize.query(
      `INSERT INTO evenement (id, jeune_id, mission_locale_id, date_heure, type_code, lieu_type, themes, objet, conseiller_id, supprime_le)
       SELECT gen_random_uuid(), j.id, j.mission_locale_id, ${at}, 'ATELIER', 'DISTANCE', ARRAY['EMPLOI'], 'Supprimé ' || n, $by, now()
         FROM ${items} AND n % 5 = 0`,
      { bind },
    );
  }
  await sequelize.query(
    `INSERT INTO proposition (id, jeune_id, mission_locale_id, libelle, theme, etat, created_at, created_by)
     SELECT gen_random_uuid(), j.id, j.mission_locale_id, 'Proposition ' || n, 'FORMATION', 'PROPOSEE', ${at}, $by
       FROM ${items} AND n % 10 IN (6, 7)`,
    { bind },
  );
  await sequelize.query(
    `INSERT INTO action_jeune (id, jeune_id, mission_locale_id, titre, echeance, statut, createur, created_at, created_by)
     SELECT gen_random_uuid(), j.id, j.mission_locale_id, 'Action ' || n, date '2026-12-31', 'A_FAIRE', 'CONSEILLER', ${at}, $by
       FROM ${items} AND n % 10 = 8`,
    { bind },
  );
  // Situations start on a day: one a day back from 2026-11-30.
  await sequelize.query(
    `INSERT INTO situation (id, jeune_id, categorie, etat, date_debut)
     SELECT gen_random_uuid(), j.id, 'FORMATION', 'TERMINE', date '2026-11-30' - (n / 3)
       FROM ${items} AND n % 10 = 9`,
    { bind },
  );
};

/** The suivi rows of a jeune, its dernier contact, version and audit rows: what a refused write must leave as it was. */
export const suiviCounts = async (sequelize: Sequelize, jeuneId: string): Promise<Record<string, string>> =>
  (
    await sequelize.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM evenement WHERE jeune_id = $jeuneId::uuid) AS evenements,
              (SELECT count(*) FROM evenement WHERE jeune_id = $jeuneId::uuid AND supprime_le IS NOT NULL) AS supprimes,
              (SELECT coalesce(sum(version), 0) FROM evenement WHERE jeune_id = $jeuneId::uuid) AS versions_evenements,
              (SELECT count(*) FROM proposition WHERE jeune_id = $jeuneId::uuid) AS propositions,
              (SELECT coalesce(sum(version), 0) FROM proposition WHERE jeune_id = $jeuneId::uuid) AS versions_propositions,
              (SELECT count(*) FROM proposition_etape s JOIN proposition p ON p.id = s.proposition_id WHERE p.jeune_id = $jeuneId::uuid) AS etapes,
              (SELECT count(*) FROM action_jeune WHERE jeune_id = $jeuneId::uuid) AS actions,
              (SELECT coalesce(sum(version), 0) FROM action_jeune WHERE jeune_id = $jeuneId::uuid) AS versions_actions,
              (SELECT to_char(dernier_contact_le, 'YYYY-MM-DD') FROM jeune WHERE id = $jeuneId::uuid) AS dernier_contact,
              (SELECT version FROM jeune WHERE id = $jeuneId::uuid)::text AS version_jeune,
              (SELECT count(*) FROM audit_log WHERE target_id = $jeuneId::uuid::text) AS audit`,
      { type: QueryTypes.SELECT, bind: { jeuneId } },
    )
  )[0]!;

/** A Mission Locale with its app on a test clock, and a way to sign its staff in and call the suivi routes. */
export const aSuiviWorld = async (options: { timezone?: string; now?: Date } = {}) => {
  const clock = new TestClock(options.now ?? new Date('2026-11-30T09:00:00Z'));
  const test = createTestApp({ clock });
  const { app, db } = test;
  const ml = await aMissionLocale(db.sequelize, { timezone: options.timezone });
  const staff = async (roles: Role[] = ['conseiller'], inMl: { id: string; siteId?: string } = ml) => {
    const user = await aUser(db.sequelize, inMl, { roles, passwordChangedAt: clock.now() });
    const client = await signedIn(app, user.login);
    // Serialised here, so that a fuzzed primitive or array travels as the JSON it is.
    const write = (method: 'post' | 'patch' | 'delete', url: string, body: unknown, key?: string) => {
      const request = client.agent[method](url).set('X-XSRF-TOKEN', client.token).type('json');
      return (key === undefined ? request : request.set('Idempotency-Key', key)).send(JSON.stringify(body));
    };
    return {
      ...user,
      client,
      get: (url: string, query: Record<string, string> = {}) => client.agent.get(url).query(query),
      post: (url: string, body: unknown, key?: string) => write('post', url, body, key),
      patch: (url: string, body: unknown, key?: string) => write('patch', url, body, key),
      del: (url: string, body: unknown, key?: string) => write('delete', url, body, key),
      /** Gives the reason for opening a dossier outside the portfolio, for this session. */
      reason: (jeuneId: string) => client.post(`/api/v1/jeunes/${jeuneId}/acces`, { motif: 'Remplacement de la conseillère référente' }),
    };
  };
  const jeune = (overrides: JeuneOverrides = {}, inMl: { id: string } = ml) => aJeune(db.sequelize, inMl, overrides);
  return { ...test, ml, staff, jeune };
};

/** A signed-in member of the staff of a suivi world. */
export type SuiviStaff = Awaited<ReturnType<Awaited<ReturnType<typeof aSuiviWorld>>['staff']>>;
