import type { Sequelize, Transaction } from 'sequelize';
import { type CompletudeDto, type CompletudeInput, computeCompletude, localDateIn, situationCourante } from '@imilo/domain';
import { type DossierRecord, findDossier, saveDerived } from './dossier.repository';

/**
 * What completeness reads of a stored dossier. `nirMasque` is not a requirement of any level; the read passes the
 * real mask, the derived refresh (which never decrypts) only whether a NIR is recorded.
 */
export const completudeInputOf = (dossier: DossierRecord, nirMasque: string | null): CompletudeInput => {
  const { jeune } = dossier;
  const adresse = dossier.adresses.find((candidate) => candidate.validTo === null) ?? null;
  return {
    identite: {
      nomNaissance: jeune.nomNaissance,
      prenoms: jeune.prenoms,
      sexe: jeune.sexe,
      dateNaissance: jeune.dateNaissance,
      neEtranger: jeune.neEtranger,
      communeNaissanceInsee: jeune.communeNaissanceInsee,
      paysNaissance: jeune.paysNaissance,
      nationalite: jeune.nationalite,
      titreSejourExpireLe: jeune.titreSejourExpireLe,
      nirMasque,
    },
    coordonnees: { telephone: jeune.telephone, email: jeune.email, adresse: adresse === null ? null : { communeInsee: adresse.communeInsee } },
    famille: jeune.famille,
    cursus: { niveauFormation: jeune.cursus.niveauFormation },
    ressources: jeune.ressources,
    logement: jeune.logement,
    sante: jeune.sante,
    franceTravail: jeune.franceTravail,
    pieces: dossier.pieces.map((piece) => ({ type: piece.type, statut: piece.statut })),
  };
};

/** The completeness of a stored dossier on its Mission Locale's local day. */
export const completudeOf = (dossier: DossierRecord, nirMasque: string | null, now: Date): CompletudeDto =>
  computeCompletude(completudeInputOf(dossier, nirMasque), localDateIn(now, dossier.jeune.missionLocale.timezone));

/**
 * Recomputes and stores what the domain derives from a dossier: `completude` and the current situation
 * (`situation_courante_categorie`/`_etat`), which the criteria search filters on. Call it inside the transaction
 * that changed the dossier, its situations or its pièces (upload, decision), after the change.
 */
export const refreshDossierDerived = async (
  sequelize: Sequelize,
  jeuneId: string,
  options: { transaction: Transaction; now: Date },
): Promise<void> => {
  const dossier = await findDossier(sequelize, jeuneId, { scope: null, transaction: options.transaction });
  if (dossier === null) {
    return;
  }
  const completude = completudeOf(dossier, dossier.jeune.nirEnc === null ? null : '•••', options.now);
  const courante = situationCourante(dossier.situations);
  await saveDerived(
    sequelize,
    jeuneId,
    { completude: completude.niveau, situationCategorie: courante?.categorie ?? null, situationEtat: courante?.etat ?? null },
    { transaction: options.transaction },
  );
};
