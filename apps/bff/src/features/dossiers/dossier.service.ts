import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import {
  ageOn,
  type ChampSensible,
  type DossierDto,
  type DossierPatch,
  type DossierSuiviDto,
  localDateIn,
  masque,
  PROBLEM_CODES,
  SECTIONS_DOSSIER,
  type SectionDossier,
  situationCourante,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy } from '../../platform/audit';
import { forbidden, invalidFields, notFound, problem } from '../../platform/errors';
import { communeName } from './communes';
import { toPieceDto } from './pieces.service';
import {
  type AccessReasons,
  type DossierOwnership,
  editableSections,
  isOutsidePortfolio,
  pieceVisibleTo,
  readableSections,
  requireAccessReason,
} from './dossier-access';
import { completudeOf, refreshDossierDerived } from './dossier-derived';
import { checkCommunes, openSensitive, sealSensitive } from './dossier-input';
import { findSuivi } from './dossier-suivi.repository';
import {
  type AdresseRecord,
  type AdresseValues,
  closeAdresse,
  correctAdresse,
  type DossierRecord,
  findDossier,
  insertAdresse,
  type JeuneValues,
  replaceSituations,
  type SituationRecord,
  situationIdsOfOthers,
  updateJeune,
} from './dossier.repository';
import type { DossiersCaller } from './dossiers.service';



const ownershipOf = (dossier: DossierRecord): DossierOwnership => ({ id: dossier.jeune.id, referentId: dossier.jeune.referent?.id ?? null });

const adresseDto = (adresse: AdresseRecord) => ({
  ligne1: adresse.ligne1,
  ligne2: adresse.ligne2,
  codePostal: adresse.codePostal,
  communeInsee: adresse.communeInsee,
  communeNom: communeName(adresse.communeInsee),
  qpvCode: adresse.qpvCode,
  depuis: adresse.validFrom,
});

const situationDto = (situation: SituationRecord) => ({ ...situation });

/** Whether these roles read the whole dossier (not the accueil's part only): they also see its suivi. */
const readsWholeDossier = (caller: DossiersCaller): boolean => readableSections(caller.user.roles).includes('situations');

/**
 * The suivi summary of the dossier for a reader of the whole dossier, on the Mission Locale's local day; `undefined`
 * for the others (not even read).
 */
export const suiviFor = async (
  ctx: AppContext,
  caller: DossiersCaller,
  dossier: DossierRecord,
  transaction: Transaction,
): Promise<DossierSuiviDto | undefined> =>
  readsWholeDossier(caller)
    ? findSuivi(ctx.db.sequelize, dossier.jeune.id, localDateIn(ctx.clock.now(), dossier.jeune.missionLocale.timezone), { transaction })
    : undefined;

/**
 * The dossier as this caller may read it, on the Mission Locale's local day. `suivi`, read by `suiviFor`, is shown to
 * readers of the whole dossier only.
 */
export const toDossierDto = (ctx: AppContext, dossier: DossierRecord, caller: DossiersCaller, suivi?: DossierSuiviDto): DossierDto => {
  const { jeune } = dossier;
  const now = ctx.clock.now();
  const sections = readableSections(caller.user.roles);
  const editables = editableSections(caller.user.roles).filter((section) => sections.includes(section));
  const nir = openSensitive(ctx.crypto, 'nir', jeune.id, jeune.nirEnc);
  const pieceIdentiteNumero = openSensitive(ctx.crypto, 'pieceIdentiteNumero', jeune.id, jeune.pieceIdentiteNumEnc);
  const nirMasque = nir === null ? null : masque(nir);
  const courante = situationCourante(dossier.situations);
  const adresse = dossier.adresses.find((candidate) => candidate.validTo === null) ?? null;
  const has = (section: SectionDossier) => sections.includes(section);
  return {
    id: jeune.id,
    matricule: jeune.matricule,
    missionLocale: { id: jeune.missionLocale.id, nom: jeune.missionLocale.nom, timezone: jeune.missionLocale.timezone },
    version: jeune.version,
    statutDossier: jeune.statutDossier,
    creeLe: jeune.createdAt.toISOString(),
    modifieLe: jeune.updatedAt.toISOString(),
    modifiePar: jeune.modifiePar,
    referent: jeune.referent,
    dansMonPortefeuille: jeune.referent?.id === caller.user.id,
    age: ageOn(jeune.dateNaissance, localDateIn(now, jeune.missionLocale.timezone)),
    situationCourante: courante === null ? null : situationDto(courante),
    completude: completudeOf(dossier, nirMasque, now),
    sections: [...sections],
    editables,
    identite: {
      nomNaissance: jeune.nomNaissance,
      nomUsage: jeune.nomUsage,
      prenoms: jeune.prenoms,
      sexe: jeune.sexe,
      dateNaissance: jeune.dateNaissance,
      neEtranger: jeune.neEtranger,
      communeNaissanceInsee: jeune.communeNaissanceInsee,
      communeNaissanceNom: jeune.communeNaissanceInsee === null ? null : communeName(jeune.communeNaissanceInsee),
      paysNaissance: jeune.paysNaissance,
      nationalite: jeune.nationalite,
      titreSejourExpireLe: jeune.titreSejourExpireLe,
      parentNeEtranger: jeune.parentNeEtranger,
      nirMasque,
      nirCertifie: jeune.nirCertifie,
      pieceIdentiteType: jeune.pieceIdentiteType,
      pieceIdentiteNumeroMasque: pieceIdentiteNumero === null ? null : masque(pieceIdentiteNumero),
      recense: jeune.recense,
      jdcEffectuee: jeune.jdcEffectuee,
    },
    coordonnees: {
      telephone: jeune.telephone,
      email: jeune.email,
      consentements: { ...jeune.consentements },
      adresse: adresse === null ? null : adresseDto(adresse),
      adressesPrecedentes: dossier.adresses
        .filter((candidate): candidate is AdresseRecord & { validTo: string } => candidate.validTo !== null)
        .map((candidate) => ({ ...adresseDto(candidate), jusquau: candidate.validTo })),
    },
    ...(has('famille') ? { famille: jeune.famille } : {}),
    ...(has('cursus') ? { cursus: jeune.cursus } : {}),
    ...(has('situations') ? { situations: dossier.situations.map(situationDto) } : {}),
    ...(has('ressources') ? { ressources: jeune.ressources } : {}),
    ...(has('logement') ? { logement: jeune.logement } : {}),
    ...(has('mobilite') ? { mobilite: jeune.mobilite } : {}),
    ...(has('sante') ? { sante: jeune.sante } : {}),
    ...(has('franceTravail') ? { franceTravail: jeune.franceTravail } : {}),
    pieces: dossier.pieces
      .filter((piece) => pieceVisibleTo(caller.user.roles, piece.type))
      .map(toPieceDto),
    ...(has('situations') && suivi !== undefined ? { suivi } : {}),
  };
};

const loadInScope = async (ctx: AppContext, caller: DossiersCaller, id: string, transaction: Transaction, forUpdate = false) => {
  const dossier = await findDossier(ctx.db.sequelize, id, { scope: caller.scope, transaction, forUpdate });
  if (dossier === null) {
    throw notFound("Ce dossier n'existe pas.");
  }
  return dossier;
};

/**
 * The dossier screen in one call (#3): every section the caller may read, addresses, situations, pièces, the
 * current situation, completeness and age. Every read is audited, with the reason when it is outside the portfolio.
 */
export const readDossier = async (ctx: AppContext, caller: DossiersCaller, id: string, reasons: AccessReasons): Promise<DossierDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const dossier = await loadInScope(ctx, caller, id, transaction);
    const motif = requireAccessReason(ownershipOf(dossier), caller.user, reasons);
    const dto = toDossierDto(ctx, dossier, caller, await suiviFor(ctx, caller, dossier, transaction));
    await ctx.audit.record(
      {
        action: 'dossiers.read',
        outcome: 'success',
        ...actedBy(caller.user, caller.origin),
        targetType: 'jeune',
        targetId: id,
        details: { sections: dto.sections, horsPortefeuille: motif !== undefined, ...(motif === undefined ? {} : { motif }) },
      },
      transaction,
    );
    return dto;
  });

/**
 * Records why the caller opens a dossier outside their portfolio: an audit row holding the reason, and the session
 * remembers it for that dossier.
 */
export const giveAccessReason = async (
  ctx: AppContext,
  caller: DossiersCaller,
  id: string,
  motif: string,
  reasons: AccessReasons,
): Promise<void> => {
  await ctx.db.sequelize.transaction(async (transaction) => {
    const dossier = await loadInScope(ctx, caller, id, transaction);
    await ctx.audit.record(
      {
        action: 'dossiers.access-reason',
        outcome: 'success',
        ...actedBy(caller.user, caller.origin),
        targetType: 'jeune',
        targetId: id,
        details: { motif, horsPortefeuille: isOutsidePortfolio(ownershipOf(dossier), caller.user) },
      },
      transaction,
    );
  });
  reasons.remember(id, motif);
};

/**
 * Reveals a sensitive number (NIR, identity-document number) to a conseiller or direction; audited with the field
 * name, never the value. 404 when the dossier holds none.
 */
export const revealSensitive = async (
  ctx: AppContext,
  caller: DossiersCaller,
  id: string,
  champ: ChampSensible,
  reasons: AccessReasons,
): Promise<{ champ: ChampSensible; valeur: string }> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const dossier = await loadInScope(ctx, caller, id, transaction);
    requireAccessReason(ownershipOf(dossier), caller.user, reasons);
    const sealed = champ === 'nir' ? dossier.jeune.nirEnc : dossier.jeune.pieceIdentiteNumEnc;
    const valeur = openSensitive(ctx.crypto, champ, id, sealed);
    if (valeur === null) {
      throw notFound(champ === 'nir' ? "Aucun NIR n'est enregistré dans ce dossier." : "Aucun numéro de pièce d'identité n'est enregistré.");
    }
    await ctx.audit.record(
      { action: 'dossiers.reveal', outcome: 'success', ...actedBy(caller.user, caller.origin), targetType: 'jeune', targetId: id, details: { champ } },
      transaction,
    );
    return { champ, valeur };
  });

/** The sections a patch carries, in screen order. */
const sectionsOf = (patch: DossierPatch): SectionDossier[] => SECTIONS_DOSSIER.filter((section) => patch[section] !== undefined);

const sameAdresse = (stored: AdresseRecord, sent: AdresseValues): boolean =>
  stored.ligne1 === sent.ligne1 &&
  stored.ligne2 === sent.ligne2 &&
  stored.codePostal === sent.codePostal &&
  stored.communeInsee === sent.communeInsee &&
  stored.qpvCode === sent.qpvCode;

/** The `jeune` columns of the sections a patch replaces (addresses and situations have their own tables). */
const columnsOf = (ctx: AppContext, dossier: DossierRecord, patch: DossierPatch): JeuneValues => {
  const { jeune } = dossier;
  const values: JeuneValues = {};
  const { identite, coordonnees, famille, cursus, ressources, logement, mobilite, sante, franceTravail } = patch;
  if (identite) {
    const hasNir = identite.nir === undefined ? jeune.nirEnc !== null : identite.nir !== null;
    Object.assign(values, {
      nom_naissance: identite.nomNaissance,
      nom_usage: identite.nomUsage,
      prenoms: identite.prenoms,
      sexe: identite.sexe,
      date_naissance: identite.dateNaissance,
      ne_etranger: identite.neEtranger,
      commune_naissance_insee: identite.communeNaissanceInsee,
      pays_naissance: identite.paysNaissance,
      nationalite: identite.nationalite,
      titre_sejour_expire_le: identite.titreSejourExpireLe,
      parent_ne_etranger: identite.parentNeEtranger,
      // Only a recorded NIR can be certified.
      nir_certifie: identite.nirCertifie && hasNir,
      piece_identite_type: identite.pieceIdentiteType,
      recense: identite.recense,
      jdc_effectuee: identite.jdcEffectuee,
      // Absent: kept as stored (the PWA only ever holds the mask).
      ...(identite.nir === undefined ? {} : { nir_enc: sealSensitive(ctx.crypto, 'nir', jeune.id, identite.nir) }),
      ...(identite.pieceIdentiteNumero === undefined
        ? {}
        : { piece_identite_num_enc: sealSensitive(ctx.crypto, 'pieceIdentiteNumero', jeune.id, identite.pieceIdentiteNumero) }),
    });
  }
  if (coordonnees) {
    Object.assign(values, {
      telephone: coordonnees.telephone,
      email: coordonnees.email,
      consentement_sms: coordonnees.consentements.sms,
      consentement_email: coordonnees.consentements.email,
      consentement_push: coordonnees.consentements.push,
      // The search's commune and the QPV filter follow the current address.
      commune_insee: coordonnees.adresse?.communeInsee ?? null,
      qpv_code: coordonnees.adresse?.qpvCode ?? null,
    });
  }
  if (famille) {
    Object.assign(values, {
      situation_familiale: famille.situationFamiliale,
      enfants_a_charge: famille.enfantsACharge,
      mode_garde: famille.modeGarde,
      representants_legaux: famille.representantsLegaux,
    });
  }
  if (cursus) {
    Object.assign(values, {
      niveau_formation: cursus.niveauFormation,
      derniere_classe: cursus.derniereClasse,
      date_sortie_formation_initiale: cursus.dateSortieFormationInitiale,
      diplomes: cursus.diplomes,
      experiences: cursus.experiences,
      langues: cursus.langues,
    });
  }
  if (ressources) {
    values.ressources = ressources.liste;
  }
  if (logement) {
    Object.assign(values, { logement_situation: logement.situation, logement_difficulte: logement.difficulte });
  }
  if (mobilite) {
    Object.assign(values, {
      permis: [...new Set(mobilite.permis)],
      vehicule: mobilite.vehicule,
      moyens_transport: [...new Set(mobilite.moyensTransport)],
    });
  }
  if (sante) {
    Object.assign(values, { rqth: sante.rqth, rqth_fin: sante.rqthFin });
  }
  if (franceTravail) {
    Object.assign(values, {
      ft_inscrit: franceTravail.inscrit,
      ft_identifiant: franceTravail.identifiant,
      ft_date_inscription: franceTravail.dateInscription,
    });
  }
  return values;
};

/**
 * Moves the current address: a different one closes the current row today (history) and opens the new one; a
 * correction on the day the address was opened is made in place (a typo is not a move).
 */
const moveAdresse = async (
  ctx: AppContext,
  dossier: DossierRecord,
  sent: AdresseValues | null,
  meta: { today: string; by: string; at: Date },
  transaction: Transaction,
): Promise<void> => {
  const { sequelize } = ctx.db;
  const current = dossier.adresses.find((adresse) => adresse.validTo === null) ?? null;
  if (current !== null && sent !== null && sameAdresse(current, sent)) {
    return;
  }
  if (current !== null && sent !== null && current.validFrom >= meta.today) {
    await correctAdresse(sequelize, current.id, sent, { transaction });
    return;
  }
  if (current !== null) {
    await closeAdresse(sequelize, current.id, meta.today, { transaction });
  }
  if (sent !== null) {
    await insertAdresse(sequelize, dossier.jeune.id, sent, { validFrom: meta.today, by: meta.by, at: meta.at }, { transaction });
  }
};

/** The situations as they will be stored: ids kept, new ones given one; 400 on an id twice or of another dossier. */
const situationsToStore = async (
  ctx: AppContext,
  dossier: DossierRecord,
  sent: NonNullable<DossierPatch['situations']>,
  transaction: Transaction,
): Promise<SituationRecord[]> => {
  const seen = new Set<string>();
  const twice = sent.flatMap((situation, index) => {
    if (situation.id === undefined) {
      return [];
    }
    const repeated = seen.has(situation.id);
    seen.add(situation.id);
    return repeated ? [{ path: `situations.${index}.id`, message: 'Cette situation est envoyée deux fois.' }] : [];
  });
  const others = new Set(await situationIdsOfOthers(ctx.db.sequelize, dossier.jeune.id, [...seen], { transaction }));
  const foreign = sent.flatMap((situation, index) =>
    situation.id !== undefined && others.has(situation.id)
      ? [{ path: `situations.${index}.id`, message: "Cette situation n'appartient pas à ce dossier." }]
      : [],
  );
  if (twice.length + foreign.length > 0) {
    throw invalidFields([...twice, ...foreign]);
  }
  // An id the client chose (offline, in its outbox) and never stored is a new situation under that id.
  return sent.map((situation) => ({
    id: situation.id ?? randomUUID(),
    categorie: situation.categorie,
    etat: situation.etat,
    dateDebut: situation.dateDebut,
    dateFin: situation.dateFin,
    intitule: situation.intitule,
    romeCode: situation.romeCode,
  }));
};

/**
 * Saves the sections a patch carries (each replaced whole), when the version read is still the stored one: else 409
 * with the current dossier, so that the PWA shows what changed. Completeness and the current situation are
 * recomputed; the audit row names the sections, never their values. Runs in the caller's transaction, which also
 * holds the request's idempotency key (an edit queued offline and replayed is applied once).
 */
export const updateDossier = async (
  ctx: AppContext,
  caller: DossiersCaller,
  id: string,
  patch: DossierPatch,
  reasons: AccessReasons,
  transaction: Transaction,
): Promise<DossierDto> => {
  const sections = sectionsOf(patch);
  const editables = editableSections(caller.user.roles);
  const refused = sections.filter((section) => !editables.includes(section));
  if (refused.length > 0) {
    throw forbidden(`Vous ne pouvez pas modifier ces parties du dossier : ${refused.join(', ')}.`);
  }
  checkCommunes([
    ['identite.communeNaissanceInsee', patch.identite?.communeNaissanceInsee],
    ['coordonnees.adresse.communeInsee', patch.coordonnees?.adresse?.communeInsee],
  ]);
  const { sequelize } = ctx.db;
  const dossier = await loadInScope(ctx, caller, id, transaction, true);
  requireAccessReason(ownershipOf(dossier), caller.user, reasons);
  if (dossier.jeune.version !== patch.version) {
    throw problem(PROBLEM_CODES.conflict, 'Le dossier a été modifié entre-temps : voici sa version actuelle.', {
      extensions: { current: toDossierDto(ctx, dossier, caller, await suiviFor(ctx, caller, dossier, transaction)) },
    });
  }
  const at = ctx.clock.now();
  const today = localDateIn(at, dossier.jeune.missionLocale.timezone);
  const situations = patch.situations === undefined ? undefined : await situationsToStore(ctx, dossier, patch.situations, transaction);
  if (patch.coordonnees) {
    await moveAdresse(ctx, dossier, patch.coordonnees.adresse, { today, by: caller.user.id, at }, transaction);
  }
  if (situations !== undefined) {
    await replaceSituations(sequelize, id, situations, { by: caller.user.id, at }, { transaction });
  }
  const saved = await updateJeune(sequelize, id, columnsOf(ctx, dossier, patch), { version: patch.version, by: caller.user.id, at }, { transaction });
  if (!saved) {
    // The row is locked FOR UPDATE above: only a bug gets here.
    throw new Error(`dossier ${id} changed under its lock`);
  }
  await refreshDossierDerived(sequelize, id, { transaction, now: at });
  await ctx.audit.record(
    { action: 'dossiers.update', outcome: 'success', ...actedBy(caller.user, caller.origin), targetType: 'jeune', targetId: id, details: { sections } },
    transaction,
  );
  const updated = await loadInScope(ctx, caller, id, transaction);
  return toDossierDto(ctx, updated, caller, await suiviFor(ctx, caller, updated, transaction));
};
