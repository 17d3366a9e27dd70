import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import {
  CAPABILITIES,
  can,
  type EvenementCreation,
  type EvenementDto,
  type EvenementPatch,
  type EvenementsQuery,
  type LieuInput,
  localDateIn,
  type ProblemFieldError,
  PROBLEM_CODES,
  type Suppression,
  TYPE_PREMIER_ACCUEIL,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { conflict, forbidden, invalidField, invalidFields, notFound, problem } from '../../platform/errors';
import { insertActionsOf } from './actions.service';
import {
  type EvenementRecord,
  type EvenementValues,
  findEvenement,
  insertEvenement,
  listEvenements,
  lockEvenement,
  refreshDernierContact,
  softDeleteEvenement,
  updateEvenement,
} from './evenements.repository';
import { insertPropositionsOf, offresOf } from './propositions.service';
import { findTypeUsable, siteOf } from './referentiels.repository';
import { auditOnJeune, type OpenedJeune, openJeune, type SuiviCaller } from './suivi-access';

// Événements (#4): every interaction with or about the jeune, typed by a conseiller (the chargé d'accueil records the
// premier accueil only), with the actions and propositions decided during it. Only its conseiller edits or deletes
// one; a deletion keeps the row, marked, and the timeline skips it. Each write keeps the dossier's "dernier contact".

const EVENEMENT_NOT_FOUND = "Cet événement n'existe pas.";

/** How many événements a list answers at most. */
export const MAX_EVENEMENTS = 500;

/** An événement as the Mission Locale's staff read it. */
export const toEvenementDto = (evenement: EvenementRecord): EvenementDto => ({
  id: evenement.id,
  jeuneId: evenement.jeuneId,
  date: evenement.dateHeure.toISOString(),
  dureeMinutes: evenement.dureeMinutes,
  type: { code: evenement.typeCode, libelle: evenement.typeLibelle },
  lieu: { type: evenement.lieuType, siteId: evenement.siteId, siteNom: evenement.siteNom, adresse: evenement.adresse },
  themes: [...evenement.themes],
  objet: evenement.objet,
  contexte: evenement.contexte,
  partenaire: evenement.partenaire,
  conseiller: { ...evenement.conseiller },
  origine: evenement.origine,
  propositionId: evenement.propositionId,
  actionIds: [...evenement.actionIds],
  propositionIds: [...evenement.propositionIds],
  version: evenement.version,
  creeLe: evenement.createdAt.toISOString(),
  modifieLe: evenement.updatedAt.toISOString(),
  modifiePar: evenement.modifiePar === null ? null : { ...evenement.modifiePar },
});

type EvenementFields = Pick<EvenementCreation, 'date' | 'dureeMinutes' | 'typeCode' | 'lieu' | 'themes' | 'objet' | 'contexte' | 'partenaire'>;

const valuesOf = (input: EvenementFields): EvenementValues => ({
  dateHeure: new Date(input.date),
  dureeMinutes: input.dureeMinutes,
  typeCode: input.typeCode,
  lieuType: input.lieu.type,
  siteId: input.lieu.type === 'SITE' ? input.lieu.siteId : null,
  adresse: input.lieu.type === 'ADRESSE' ? input.lieu.adresse : null,
  themes: input.themes,
  objet: input.objet,
  contexte: input.contexte,
  partenaire: input.partenaire,
});

/**
 * The field errors of the type and the lieu against the jeune's Mission Locale: an active national type or one of its
 * own (`keep`: the type already stored, accepted even if withdrawn since), and one of its sites.
 */
const referenceErrors = async (
  ctx: AppContext,
  opened: OpenedJeune,
  input: { readonly typeCode: string; readonly lieu: LieuInput },
  transaction: Transaction,
  keep?: string,
): Promise<ProblemFieldError[]> => {
  const { sequelize } = ctx.db;
  const errors: ProblemFieldError[] = [];
  const ml = opened.jeune.missionLocaleId;
  if (input.typeCode !== keep && (await findTypeUsable(sequelize, input.typeCode, ml, { transaction })) === null) {
    errors.push({ path: 'typeCode', message: "Ce type d'événement n'existe pas dans la Mission Locale du jeune." });
  }
  if (input.lieu.type === 'SITE' && !(await siteOf(sequelize, input.lieu.siteId, ml, { transaction }))) {
    errors.push({ path: 'lieu.siteId', message: 'Choisissez un site de la Mission Locale du jeune.' });
  }
  return errors;
};

/** Field errors of ids sent twice in one list (`actions.1.id`). */
const idsSentTwice = (list: readonly { readonly id?: string }[], name: string): ProblemFieldError[] => {
  const seen = new Set<string>();
  return list.flatMap((item, index) => {
    if (item.id === undefined) {
      return [];
    }
    const twice = seen.has(item.id);
    seen.add(item.id);
    return twice ? [{ path: `${name}.${index}.id`, message: 'Cet identifiant est envoyé deux fois.' }] : [];
  });
};

const reload = async (ctx: AppContext, id: string, transaction: Transaction): Promise<EvenementRecord> => {
  const evenement = await findEvenement(ctx.db.sequelize, id, { scope: null, transaction });
  if (evenement === null) {
    throw new Error(`evenement ${id} vanished inside its transaction`);
  }
  return evenement;
};

/** A holder of the premier-accueil capability only records a premier accueil, without actions nor propositions. */
const requireMayCreate = (caller: SuiviCaller, input: EvenementCreation): void => {
  if (can(caller.user.roles, CAPABILITIES.evenementsWrite)) {
    return;
  }
  if (input.typeCode !== TYPE_PREMIER_ACCUEIL || input.actions.length > 0 || input.propositions.length > 0) {
    throw forbidden("Vous ne pouvez enregistrer que l'événement de premier accueil, sans action ni proposition.");
  }
};

/**
 * Records an événement for the jeune, with the actions and propositions decided during it (linked to it), in the
 * caller's transaction (which also holds the request's idempotency key). Client-chosen ids already taken: 409.
 * Audited with its type, thèmes and the ids created — never its objet or contexte.
 */
export const createEvenement = async (
  ctx: AppContext,
  caller: SuiviCaller,
  jeuneId: string,
  input: EvenementCreation,
  transaction: Transaction,
): Promise<EvenementDto> => {
  requireMayCreate(caller, input);
  const values = valuesOf(input);
  const { sequelize } = ctx.db;
  const opened = await openJeune(ctx, caller, jeuneId, transaction, true);
  const { offres, errors: offreErrors } = await offresOf(ctx, opened, input.propositions, (index) => `propositions.${index}.`, transaction);
  const errors = [
    ...(await referenceErrors(ctx, opened, input, transaction)),
    ...idsSentTwice(input.actions, 'actions'),
    ...idsSentTwice(input.propositions, 'propositions'),
    ...offreErrors,
  ];
  if (errors.length > 0) {
    throw invalidFields(errors);
  }
  const id = input.id ?? randomUUID();
  const inserted = await insertEvenement(
    sequelize,
    {
      ...values,
      id,
      jeuneId,
      missionLocaleId: opened.jeune.missionLocaleId,
      conseillerId: caller.user.id,
      origine: 'SAISIE',
      propositionId: null,
      at: ctx.clock.now(),
    },
    { transaction },
  );
  if (!inserted) {
    throw conflict('Un événement existe déjà sous cet identifiant : un nouvel événement demande un nouvel identifiant.');
  }
  const actionIds = await insertActionsOf(ctx, caller, opened, input.actions, id, transaction);
  // Decided during the événement: proposed on its day unless told.
  const defaultDate = localDateIn(values.dateHeure, opened.jeune.timezone);
  const propositionIds = await insertPropositionsOf(ctx, caller, opened, input.propositions, offres, { evenementId: id, defaultDate }, transaction);
  await refreshDernierContact(sequelize, jeuneId, { transaction });
  await ctx.audit.record(
    {
      action: 'evenements.create',
      ...auditOnJeune(caller, opened, { evenementId: id, typeCode: input.typeCode, themes: input.themes, actionIds, propositionIds }),
    },
    transaction,
  );
  return toEvenementDto(await reload(ctx, id, transaction));
};

/** A jeune's événements, newest first, at most 500, filtered by thème, type and local days; the read is audited. */
export const listEvenementsOf = async (ctx: AppContext, caller: SuiviCaller, jeuneId: string, query: EvenementsQuery): Promise<EvenementDto[]> => {
  if (query.du !== undefined && query.au !== undefined && query.au < query.du) {
    throw invalidField('au', 'Au : le même jour que « Du » ou après.');
  }
  return ctx.db.sequelize.transaction(async (transaction) => {
    const opened = await openJeune(ctx, caller, jeuneId, transaction);
    const evenements = await listEvenements(
      ctx.db.sequelize,
      jeuneId,
      { ...query, timezone: opened.jeune.timezone, limit: MAX_EVENEMENTS },
      { transaction },
    );
    await ctx.audit.record(
      { action: 'evenements.list', ...auditOnJeune(caller, opened, { evenements: evenements.length, filtres: Object.keys(query).sort() }) },
      transaction,
    );
    return evenements.map(toEvenementDto);
  });
};

/** One live événement (404 outside the caller's Missions Locales, or deleted); audited. */
export const readEvenement = async (ctx: AppContext, caller: SuiviCaller, id: string): Promise<EvenementDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const evenement = await findEvenement(ctx.db.sequelize, id, { scope: caller.scope, transaction });
    if (evenement === null) {
      throw notFound(EVENEMENT_NOT_FOUND);
    }
    const opened = await openJeune(ctx, caller, evenement.jeuneId, transaction);
    await ctx.audit.record({ action: 'evenements.read', ...auditOnJeune(caller, opened, { evenementId: id }) }, transaction);
    return toEvenementDto(evenement);
  });

/**
 * The événement its conseiller changes or deletes, locked: the jeune first, then the row (the order of every suivi
 * write). 404 outside the caller's Missions Locales or once deleted; 403 for anyone but its conseiller.
 */
const ownEvenement = async (
  ctx: AppContext,
  caller: SuiviCaller,
  id: string,
  transaction: Transaction,
): Promise<{ opened: OpenedJeune; evenement: EvenementRecord }> => {
  const { sequelize } = ctx.db;
  const seen = await findEvenement(sequelize, id, { scope: caller.scope, transaction });
  if (seen === null) {
    throw notFound(EVENEMENT_NOT_FOUND);
  }
  const opened = await openJeune(ctx, caller, seen.jeuneId, transaction, true);
  const evenement = (await lockEvenement(sequelize, id, { transaction })) ? await findEvenement(sequelize, id, { scope: caller.scope, transaction }) : null;
  if (evenement === null) {
    throw notFound(EVENEMENT_NOT_FOUND);
  }
  if (evenement.conseiller.id !== caller.user.id) {
    throw forbidden('Seul le conseiller qui a enregistré cet événement peut le modifier ou le supprimer.');
  }
  return { opened, evenement };
};

/**
 * Saves an événement whole, by its conseiller, when the version read is still the stored one (else 409 with the
 * current événement); the dossier's "dernier contact" follows. Audited with its type and thèmes only.
 */
export const updateEvenementOf = async (
  ctx: AppContext,
  caller: SuiviCaller,
  id: string,
  patch: EvenementPatch,
  transaction: Transaction,
): Promise<EvenementDto> => {
  const values = valuesOf(patch);
  const { opened, evenement } = await ownEvenement(ctx, caller, id, transaction);
  if (evenement.version !== patch.version) {
    throw problem(PROBLEM_CODES.conflict, "L'événement a été modifié entre-temps : voici sa version actuelle.", {
      extensions: { current: toEvenementDto(evenement) },
    });
  }
  const errors = await referenceErrors(ctx, opened, patch, transaction, evenement.typeCode);
  if (errors.length > 0) {
    throw invalidFields(errors);
  }
  const { sequelize } = ctx.db;
  await updateEvenement(sequelize, id, values, { by: caller.user.id, at: ctx.clock.now() }, { transaction });
  await refreshDernierContact(sequelize, evenement.jeuneId, { transaction });
  await ctx.audit.record(
    { action: 'evenements.update', ...auditOnJeune(caller, opened, { evenementId: id, typeCode: patch.typeCode, themes: patch.themes }) },
    transaction,
  );
  return toEvenementDto(await reload(ctx, id, transaction));
};

/**
 * Deletes an événement, by its conseiller: the row stays, marked with who, when and why, and is read nowhere after;
 * the dossier's "dernier contact" follows. Audited with the motif.
 */
export const deleteEvenement = async (
  ctx: AppContext,
  caller: SuiviCaller,
  id: string,
  suppression: Suppression,
  transaction: Transaction,
): Promise<void> => {
  const { opened, evenement } = await ownEvenement(ctx, caller, id, transaction);
  const { sequelize } = ctx.db;
  await softDeleteEvenement(sequelize, id, { by: caller.user.id, at: ctx.clock.now(), motif: suppression.motif }, { transaction });
  await refreshDernierContact(sequelize, evenement.jeuneId, { transaction });
  await ctx.audit.record(
    {
      action: 'evenements.delete',
      ...auditOnJeune(caller, opened, { evenementId: id, typeCode: evenement.typeCode, motifSuppression: suppression.motif }),
    },
    transaction,
  );
};
