import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { OffreInterneCreation, OffreInterneDto, OffreInternePatch, TypeEvenementCreation, TypeEvenementDto } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy } from '../../platform/audit';
import { conflict, forbidden, notFound } from '../../platform/errors';
import { principalOf } from '../../platform/tenancy';
import type { DossiersCaller } from '../dossiers/dossiers.service';
import { findOffre, insertOffre, insertTypeEvenement, listOffres, listTypesEvenement, type OffreRecord, updateOffre } from './referentiels.repository';

// The referentials of the suivi a Mission Locale extends (#4): its own types of événement beside the national ones,
// and its internal offre de service. Lists are the caller's own Missions Locales'; additions go to their principal one.

const OFFRE_NOT_FOUND = "Cette offre n'existe pas.";

/** An offre as the PWA reads it. */
export const toOffreDto = (offre: OffreRecord): OffreInterneDto => ({
  id: offre.id,
  code: offre.code,
  libelle: offre.libelle,
  theme: offre.theme,
  type: offre.type,
  actif: offre.actif,
});

const ownMissionsLocales = (caller: DossiersCaller): string[] => caller.user.missionsLocales.map((ml) => ml.id);

/** The Mission Locale an addition goes to: the caller's principal one (403 for a user attached to none). */
const principalMissionLocale = (caller: DossiersCaller): string => {
  const principal = principalOf(caller.user.missionsLocales);
  if (principal === null) {
    throw forbidden("Vous n'êtes rattaché à aucune Mission Locale.");
  }
  return principal;
};

/** The active types of événement: national, and those of the caller's Missions Locales; by order, then libellé. */
export const listTypes = async (ctx: AppContext, caller: DossiersCaller): Promise<TypeEvenementDto[]> =>
  ctx.db.sequelize.transaction((transaction) => listTypesEvenement(ctx.db.sequelize, ownMissionsLocales(caller), { transaction }));

/** Adds a type of événement to the caller's principal Mission Locale; 409 when its code is national or already its own. */
export const createType = async (
  ctx: AppContext,
  caller: DossiersCaller,
  input: TypeEvenementCreation,
  transaction: Transaction,
): Promise<TypeEvenementDto> => {
  const missionLocaleId = principalMissionLocale(caller);
  const inserted = await insertTypeEvenement(ctx.db.sequelize, missionLocaleId, { ...input, at: ctx.clock.now() }, { transaction });
  if (!inserted) {
    throw conflict(`Le code ${input.code} est déjà celui d'un type d'événement national ou de la Mission Locale.`);
  }
  await ctx.audit.record(
    {
      action: 'types-evenement.create',
      outcome: 'success',
      ...actedBy(caller.user, caller.origin),
      missionLocaleId,
      targetType: 'type_evenement',
      targetId: input.code,
      details: { code: input.code, contact: input.contact },
    },
    transaction,
  );
  return { code: input.code, libelle: input.libelle, national: false, contact: input.contact };
};

/** The internal offre de service of the caller's Missions Locales: the active offres unless `toutes`. */
export const listOffresInternes = async (ctx: AppContext, caller: DossiersCaller, toutes: boolean): Promise<OffreInterneDto[]> =>
  ctx.db.sequelize.transaction(async (transaction) =>
    (await listOffres(ctx.db.sequelize, ownMissionsLocales(caller), toutes, { transaction })).map(toOffreDto),
  );

/** Adds an offre to the caller's principal Mission Locale; 409 when it already has one under this code. */
export const createOffre = async (
  ctx: AppContext,
  caller: DossiersCaller,
  input: OffreInterneCreation,
  transaction: Transaction,
): Promise<OffreInterneDto> => {
  const missionLocaleId = principalMissionLocale(caller);
  const id = randomUUID();
  const inserted = await insertOffre(ctx.db.sequelize, { ...input, id, missionLocaleId, at: ctx.clock.now() }, { transaction });
  if (!inserted) {
    throw conflict(`La Mission Locale a déjà une offre sous le code ${input.code}.`);
  }
  await ctx.audit.record(
    {
      action: 'offres-internes.create',
      outcome: 'success',
      ...actedBy(caller.user, caller.origin),
      missionLocaleId,
      targetType: 'offre_interne',
      targetId: id,
      details: { code: input.code, theme: input.theme, type: input.type, actif: input.actif },
    },
    transaction,
  );
  return { id, code: input.code, libelle: input.libelle, theme: input.theme, type: input.type, actif: input.actif };
};

/** Changes an offre of the caller's Missions Locales (404 elsewhere): everything but its code. */
export const updateOffreInterne = async (
  ctx: AppContext,
  caller: DossiersCaller,
  id: string,
  patch: OffreInternePatch,
  transaction: Transaction,
): Promise<OffreInterneDto> => {
  const offre = await findOffre(ctx.db.sequelize, id, { scope: caller.scope, transaction, forUpdate: true });
  if (offre === null) {
    throw notFound(OFFRE_NOT_FOUND);
  }
  await updateOffre(ctx.db.sequelize, id, { ...patch, at: ctx.clock.now() }, { transaction });
  await ctx.audit.record(
    {
      action: 'offres-internes.update',
      outcome: 'success',
      ...actedBy(caller.user, caller.origin),
      missionLocaleId: offre.missionLocaleId,
      targetType: 'offre_interne',
      targetId: id,
      details: { code: offre.code, theme: patch.theme, type: patch.type, actif: patch.actif },
    },
    transaction,
  );
  return toOffreDto({ ...offre, ...patch });
};
