import { randomUUID } from 'node:crypto';
import {
  CAPABILITIES,
  can,
  type DemandeTransfert,
  type DossierCreation,
  type DossierDto,
  type DoublonsDto,
  estDoublonProbable,
  type IdentiteCreation,
  localDateIn,
  PROBLEM_CODES,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy } from '../../platform/audit';
import { forbidden, notFound, problem } from '../../platform/errors';
import { inScope, principalOf } from '../../platform/tenancy';
import { refreshDossierDerived } from './dossier-derived';
import { checkCommunes } from './dossier-input';
import type { AccessReasons } from './dossier-access';
import { suiviFor, toDossierDto } from './dossier.service';
import {
  findDossier,
  findDoublons,
  insertAdresse,
  insertDemandesTransfert,
  insertJeune,
  type JeuneValues,
  missionLocaleTimezone,
  nextMatricule,
} from './dossier.repository';
import type { DossiersCaller } from './dossiers.service';
import { findDuplicateCandidates } from './jeune-duplicates.repository';

/** Why the session may read a dossier its creator opened outside their portfolio (a direction's premier accueil). */
const MOTIF_CREATION = 'Premier accueil : création du dossier';

/**
 * The probable duplicates of an identity, nationally: those of the caller's Missions Locales with what the screen
 * shows of them, and only the ids of the others (which never leave the BFF).
 */
const probableDuplicates = async (ctx: AppContext, caller: DossiersCaller, identite: IdentiteCreation) => {
  const candidates = await findDuplicateCandidates(ctx.db.sequelize, {
    dateNaissance: identite.dateNaissance,
    nomNaissance: identite.nomNaissance,
    nomUsage: identite.nomUsage,
    prenoms: identite.prenoms,
  });
  const probables = candidates.filter((candidate) => estDoublonProbable(identite, candidate));
  const mine = probables.filter((candidate) => inScope(caller.scope, candidate.missionLocaleId)).map((candidate) => candidate.id);
  const elsewhere = probables.filter((candidate) => !inScope(caller.scope, candidate.missionLocaleId)).map((candidate) => candidate.id);
  return { mine: await findDoublons(ctx.db.sequelize, mine, caller.scope), elsewhere };
};

/** The caller's principal Mission Locale: where their premier accueil registers the jeune. */
const missionLocaleOf = (caller: DossiersCaller): string => {
  const id = principalOf(caller.user.missionsLocales);
  if (id === null) {
    throw forbidden("Votre compte n'est rattaché à aucune Mission Locale.");
  }
  return id;
};

const identiteColumns = (identite: IdentiteCreation): JeuneValues => ({
  nom_naissance: identite.nomNaissance,
  nom_usage: identite.nomUsage,
  prenoms: identite.prenoms,
  sexe: identite.sexe,
  date_naissance: identite.dateNaissance,
  ne_etranger: identite.neEtranger,
  commune_naissance_insee: identite.communeNaissanceInsee,
  pays_naissance: identite.paysNaissance,
});

/**
 * Premier accueil (#3): creates a dossier in the caller's principal Mission Locale, after the duplicate check. Probable
 * duplicates answer 409 with `doublons` (the caller's own candidates; only whether one exists elsewhere), and
 * nothing is written, until the conseiller confirms (`confirmerDoublon`) having looked. A conseiller becomes the
 * référent; the matricule is the Mission Locale's next.
 */
export const createDossier = async (
  ctx: AppContext,
  caller: DossiersCaller,
  creation: DossierCreation,
  reasons: AccessReasons,
): Promise<DossierDto> => {
  const { identite, coordonnees } = creation;
  checkCommunes([
    ['identite.communeNaissanceInsee', identite.communeNaissanceInsee],
    ['coordonnees.adresse.communeInsee', coordonnees?.adresse?.communeInsee],
  ]);
  const missionLocaleId = missionLocaleOf(caller);
  const doublons = await probableDuplicates(ctx, caller, identite);
  const hasDoublons = doublons.mine.length > 0 || doublons.elsewhere.length > 0;
  if (hasDoublons && !creation.confirmerDoublon) {
    const body: DoublonsDto = { missionLocale: doublons.mine, ailleurs: doublons.elsewhere.length > 0 };
    throw problem(PROBLEM_CODES.conflict, 'Ce jeune est peut-être déjà connu : vérifiez les dossiers proches avant de créer.', {
      extensions: { doublons: body },
    });
  }
  const { sequelize } = ctx.db;
  const id = randomUUID();
  const at = ctx.clock.now();
  const dto = await sequelize.transaction(async (transaction) => {
    const today = localDateIn(at, await missionLocaleTimezone(sequelize, missionLocaleId, { transaction }));
    const adresse = coordonnees?.adresse ?? null;
    await insertJeune(
      sequelize,
      {
        id,
        matricule: await nextMatricule(sequelize, missionLocaleId, { transaction }),
        missionLocaleId,
        referentId: caller.user.roles.includes('conseiller') ? caller.user.id : null,
        createdBy: caller.user.id,
        at,
        today,
        values: {
          ...identiteColumns(identite),
          ...(coordonnees
            ? {
                telephone: coordonnees.telephone,
                email: coordonnees.email,
                consentement_sms: coordonnees.consentements.sms,
                consentement_email: coordonnees.consentements.email,
                consentement_push: coordonnees.consentements.push,
                commune_insee: adresse?.communeInsee ?? null,
                qpv_code: adresse?.qpvCode ?? null,
              }
            : {}),
        },
      },
      { transaction },
    );
    if (adresse !== null) {
      await insertAdresse(sequelize, id, adresse, { validFrom: today, by: caller.user.id, at }, { transaction });
    }
    await refreshDossierDerived(sequelize, id, { transaction, now: at });
    await ctx.audit.record(
      {
        action: 'dossiers.create',
        outcome: 'success',
        ...actedBy(caller.user, caller.origin),
        targetType: 'jeune',
        targetId: id,
        details: { doublonConfirme: hasDoublons, sections: coordonnees ? ['identite', 'coordonnees'] : ['identite'] },
      },
      transaction,
    );
    const dossier = await findDossier(sequelize, id, { scope: caller.scope, transaction });
    if (dossier === null) {
      throw new Error(`dossier ${id} not found right after its creation`);
    }
    return toDossierDto(ctx, dossier, caller, await suiviFor(ctx, caller, dossier, transaction));
  });
  if (!dto.dansMonPortefeuille && can(caller.user.roles, CAPABILITIES.dossiersRead)) {
    reasons.remember(id, MOTIF_CREATION);
  }
  return dto;
};

/**
 * Asks for dossiers held by other Missions Locales that are probably this jeune (art. 3 II: the holder decides);
 * one pending request per dossier and Mission Locale, a repeat changes nothing. 404 when there is none; the answer
 * counts them, and says nothing else of the other tenant.
 */
export const requestTransfers = async (ctx: AppContext, caller: DossiersCaller, demande: DemandeTransfert): Promise<{ demandes: number }> => {
  const missionLocaleId = missionLocaleOf(caller);
  const { elsewhere } = await probableDuplicates(ctx, caller, demande.identite);
  if (elsewhere.length === 0) {
    throw notFound('Aucun dossier correspondant dans une autre Mission Locale.');
  }
  const at = ctx.clock.now();
  const demandes = await ctx.db.sequelize.transaction(async (transaction) => {
    const count = await insertDemandesTransfert(
      ctx.db.sequelize,
      { jeuneIds: elsewhere, missionLocaleId, by: caller.user.id, motif: demande.motif, at },
      { transaction },
    );
    await ctx.audit.record(
      { action: 'dossiers.transfer-request', outcome: 'success', ...actedBy(caller.user, caller.origin), details: { demandes: count } },
      transaction,
    );
    return count;
  });
  return { demandes };
};
