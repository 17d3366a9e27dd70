import { randomUUID } from 'node:crypto';
import { fakerFR as faker } from '@faker-js/faker';
import { QueryTypes } from 'sequelize';
import { ageOn, localDateIn, nomCharte, TYPE_PIECE_LABELS } from '@imilo/domain';
import { refreshDossierDerived } from '../../features/dossiers/dossier-derived';
import { sealSensitive } from '../../features/dossiers/dossier-input';
import type { Seeder } from '../umzug';
import { aDemoDossier, DEMO_WALKTHROUGH_JEUNE, demoNir, demoPdf, sha256 } from './demo-dossiers.data';
import { communesOf, DEMO_MISSIONS_LOCALES, demoId } from './demo.data';

// The dossiers of #3 on the demo jeunes: sections, address, situations and pièces in every state, so that search,
// criteria, completeness and pièce validation have something to show. Names follow the charte de saisie
// (unaccented capitals) from now on. One dossier is written for the walkthrough: Élodie LEFEVRE, followed by
// demo.conseiller, complete, her identity validated and her proof of address waiting for a conseiller.

const WALKTHROUGH_JEUNE = demoId(DEMO_WALKTHROUGH_JEUNE.key);
const ARCHIVED_SHARE = 0.08;

type DemoDossier = ReturnType<typeof aDemoDossier>;

/** The walkthrough's dossier: born in France, nothing declared that would ask for more pièces, proof of address waiting. */
const walkthrough = (dossier: DemoDossier): DemoDossier => ({
  ...dossier,
  sections: {
    ...dossier.sections,
    ne_etranger: false,
    pays_naissance: null,
    commune_naissance_insee: dossier.adresse?.commune_insee ?? null,
    nationalite: 'FRANCAISE',
    titre_sejour_expire_le: null,
    rqth: false,
    ressources: [],
  },
  pieces: [
    { type: 'IDENTITE', statut: 'VALIDEE', motif_refus: null },
    { type: 'DOMICILE', statut: 'A_VALIDER', motif_refus: null },
  ],
});

interface JeuneRow {
  id: string;
  date_naissance: string;
  commune_insee: string;
  mission_locale_id: string;
  timezone: string;
  code_departement: string;
}

export const up: Seeder = async ({ context: { sequelize, crypto } }) => {
  faker.seed(2027);
  const seededAt = new Date();
  const conseiller = demoId('utilisateur:demo.conseiller');
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string, replacements: Record<string, unknown>) => sequelize.query(sql, { replacements, transaction });
    await run(
      `UPDATE jeune SET nom_naissance = :nomNaissance, prenoms = :prenoms, sexe = 'F', referent_id = :conseiller WHERE id = :id`,
      { ...DEMO_WALKTHROUGH_JEUNE, id: WALKTHROUGH_JEUNE, conseiller },
    );
    const jeunes = await sequelize.query<JeuneRow & { nom_naissance: string; nom_usage: string | null; sexe: 'F' | 'M'; compte: boolean }>(
      `SELECT j.id, j.sexe, j.utilisateur_id IS NOT NULL AS compte, to_char(j.date_naissance, 'YYYY-MM-DD') AS date_naissance, j.commune_insee, j.mission_locale_id,
              j.nom_naissance, j.nom_usage, ml.timezone, ml.code_departement
       FROM jeune j JOIN mission_locale ml ON ml.id = j.mission_locale_id
       WHERE j.mission_locale_id IN (:mls) ORDER BY j.matricule`,
      { type: QueryTypes.SELECT, replacements: { mls: DEMO_MISSIONS_LOCALES.map((ml) => ml.id) }, transaction },
    );
    const communes = new Map(DEMO_MISSIONS_LOCALES.map((ml) => [ml.id, new Map(communesOf(ml.codeDepartement).map((c) => [c.code, c]))]));
    for (const jeune of jeunes) {
      const age = ageOn(jeune.date_naissance, localDateIn(seededAt, jeune.timezone));
      const commune = communes.get(jeune.mission_locale_id)?.get(jeune.commune_insee) ?? { code: jeune.commune_insee, codePostal: jeune.commune_insee };
      const context = { seededAt, age, commune, departement: jeune.code_departement };
      const dossier = jeune.id === WALKTHROUGH_JEUNE ? walkthrough(aDemoDossier(faker, context, 'complet-pieces')) : aDemoDossier(faker, context);
      const { sections } = dossier;
      const nir = demoNir(faker, { sexe: jeune.sexe, dateNaissance: jeune.date_naissance, communeNaissanceInsee: sections.commune_naissance_insee });
      const cni = nir !== null && faker.datatype.boolean(0.6) ? faker.string.alphanumeric({ length: 12, casing: 'upper' }) : null;
      await run(
        `UPDATE jeune SET
           nom_naissance = :nomNaissance, nom_usage = :nomUsage,
           ne_etranger = :ne_etranger, commune_naissance_insee = :commune_naissance_insee, pays_naissance = :pays_naissance,
           nationalite = :nationalite, titre_sejour_expire_le = :titre_sejour_expire_le,
           consentement_sms = :consentement_sms, consentement_email = :consentement_email, consentement_push = :consentement_push,
           situation_familiale = :situation_familiale, enfants_a_charge = :enfants_a_charge,
           representants_legaux = :representants_legaux::jsonb, niveau_formation = :niveau_formation,
           derniere_classe = :derniere_classe, diplomes = :diplomes::jsonb, experiences = :experiences::jsonb,
           langues = :langues::jsonb, ressources = :ressources::jsonb, logement_situation = :logement_situation,
           permis = :permis::text[], rqth = :rqth, ft_inscrit = :ft_inscrit, ft_identifiant = :ft_identifiant,
           date_premier_accueil = :date_premier_accueil, dernier_contact_le = :dernier_contact_le,
           qpv_code = :qpvCode, statut_dossier = :statut, nir_enc = :nirEnc, piece_identite_type = :pieceIdentiteType,
           piece_identite_num_enc = :pieceIdentiteNumEnc
         WHERE id = :id`,
        {
          ...sections,
          id: jeune.id,
          nomNaissance: nomCharte(jeune.nom_naissance),
          nomUsage: jeune.nom_usage === null ? null : nomCharte(jeune.nom_usage),
          representants_legaux: JSON.stringify(sections.representants_legaux),
          diplomes: JSON.stringify(sections.diplomes),
          experiences: JSON.stringify(sections.experiences),
          langues: JSON.stringify(sections.langues),
          ressources: sections.ressources === null ? null : JSON.stringify(sections.ressources),
          permis: `{${sections.permis.join(',')}}`,
          qpvCode: dossier.adresse?.qpv_code ?? null,
          // The walkthrough's and demo.jeune's dossiers stay active: they are shown.
          statut: jeune.id !== WALKTHROUGH_JEUNE && !jeune.compte && faker.datatype.boolean(ARCHIVED_SHARE) ? 'archive' : 'actif',
          nirEnc: sealSensitive(crypto, 'nir', jeune.id, nir),
          pieceIdentiteType: cni === null ? null : 'CNI',
          pieceIdentiteNumEnc: sealSensitive(crypto, 'pieceIdentiteNumero', jeune.id, cni),
        },
      );
      if (dossier.adresse) {
        await run(
          `INSERT INTO jeune_adresse (id, jeune_id, ligne1, code_postal, commune_insee, qpv_code, valid_from)
           VALUES (:id, :jeuneId, :ligne1, :code_postal, :commune_insee, :qpv_code, :valid_from)`,
          { ...dossier.adresse, id: randomUUID(), jeuneId: jeune.id },
        );
      }
      for (const situation of dossier.situations) {
        await run(
          `INSERT INTO situation (id, jeune_id, categorie, etat, date_debut, date_fin, intitule)
           VALUES (:id, :jeuneId, :categorie, :etat, :date_debut, :date_fin, :intitule)`,
          { ...situation, id: randomUUID(), jeuneId: jeune.id },
        );
      }
      for (const piece of dossier.pieces) {
        const bytes = demoPdf(`Piece de demonstration - ${TYPE_PIECE_LABELS[piece.type]}`);
        const decided = piece.statut !== 'A_VALIDER';
        await run(
          `INSERT INTO piece_justificative (id, jeune_id, type, nom_fichier, mime, taille, sha256, contenu, statut, motif_refus,
                                            deposee_le, deposee_par, decidee_le, decidee_par)
           VALUES (:id, :jeuneId, :type, :nomFichier, 'application/pdf', :taille, :sha256, :contenu, :statut, :motif_refus,
                   :seededAt, :conseiller, :decidedAt, :decidedBy)`,
          {
            ...piece,
            id: randomUUID(),
            jeuneId: jeune.id,
            nomFichier: `${piece.type.toLowerCase()}.pdf`,
            taille: bytes.length,
            sha256: sha256(bytes),
            contenu: bytes,
            seededAt,
            conseiller,
            decidedAt: decided ? seededAt : null,
            decidedBy: decided ? conseiller : null,
          },
        );
      }
      await refreshDossierDerived(sequelize, jeune.id, { transaction, now: seededAt });
    }
  });
};

export const down: Seeder = async ({ context: { sequelize } }) => {
  const mls = DEMO_MISSIONS_LOCALES.map((ml) => ml.id);
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { replacements: { mls }, transaction });
    await run('DELETE FROM piece_justificative WHERE jeune_id IN (SELECT id FROM jeune WHERE mission_locale_id IN (:mls))');
    await run('DELETE FROM situation WHERE jeune_id IN (SELECT id FROM jeune WHERE mission_locale_id IN (:mls))');
    await run('DELETE FROM jeune_adresse WHERE jeune_id IN (SELECT id FROM jeune WHERE mission_locale_id IN (:mls))');
  });
};
