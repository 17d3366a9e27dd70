import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { type ActionCreation, type ActionDto, type ActionPatch, localDateIn, PROBLEM_CODES, type StatutAction } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { conflict, notFound, problem } from '../../platform/errors';
import { type ActionRecord, findAction, insertAction, listActions, updateAction } from './actions.repository';
import { auditOnJeune, type OpenedJeune, openJeune, type SuiviCaller } from './suivi-access';

// The jeune's actions (#4): decided with the conseiller (on their own or during an événement), followed by every
// conseiller of the Mission Locale (an action follows the jeune, not its author).

const ACTION_NOT_FOUND = "Cette action n'existe pas.";

/** An action as the PWA reads it. */
export const toActionDto = (action: ActionRecord): ActionDto => ({
  id: action.id,
  jeuneId: action.jeuneId,
  evenementId: action.evenementId,
  titre: action.titre,
  description: action.description,
  echeance: action.echeance,
  statut: action.statut,
  createur: action.createur,
  creePar: action.creePar === null ? null : { ...action.creePar },
  creeLe: action.createdAt.toISOString(),
  closeLe: action.closeLe,
  version: action.version,
  modifieLe: action.updatedAt.toISOString(),
});

const isClosed = (statut: StatutAction): boolean => statut === 'TERMINEE' || statut === 'ANNULEE';

/**
 * Inserts the actions a conseiller decided with the jeune (during an événement when `evenementId` is given), under
 * the ids the client chose or new ones; 409 when an id is already taken. Answers their ids.
 */
export const insertActionsOf = async (
  ctx: AppContext,
  caller: SuiviCaller,
  opened: OpenedJeune,
  actions: readonly ActionCreation[],
  evenementId: string | null,
  transaction: Transaction,
): Promise<string[]> => {
  const ids: string[] = [];
  const at = ctx.clock.now();
  for (const action of actions) {
    const id = action.id ?? randomUUID();
    const inserted = await insertAction(
      ctx.db.sequelize,
      {
        id,
        jeuneId: opened.jeune.id,
        missionLocaleId: opened.jeune.missionLocaleId,
        evenementId,
        titre: action.titre,
        description: action.description,
        echeance: action.echeance,
        createur: 'CONSEILLER',
        by: caller.user.id,
        at,
      },
      { transaction },
    );
    if (!inserted) {
      throw conflict('Une action existe déjà sous cet identifiant : une nouvelle action demande un nouvel identifiant.');
    }
    ids.push(id);
  }
  return ids;
};

const reload = async (ctx: AppContext, id: string, transaction: Transaction): Promise<ActionRecord> => {
  const action = await findAction(ctx.db.sequelize, id, { scope: null, transaction });
  if (action === null) {
    throw new Error(`action ${id} vanished inside its transaction`);
  }
  return action;
};

/** A jeune's actions: open ones first by échéance, then closed ones, latest first. The read is audited. */
export const listActionsOf = async (ctx: AppContext, caller: SuiviCaller, jeuneId: string): Promise<ActionDto[]> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const opened = await openJeune(ctx, caller, jeuneId, transaction);
    const actions = await listActions(ctx.db.sequelize, jeuneId, { transaction });
    await ctx.audit.record({ action: 'actions.list', ...auditOnJeune(caller, opened, { actions: actions.length }) }, transaction);
    return actions.map(toActionDto);
  });

/** One action of a jeune of the caller's Missions Locales (404 otherwise); audited. */
export const readAction = async (ctx: AppContext, caller: SuiviCaller, id: string): Promise<ActionDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const action = await findAction(ctx.db.sequelize, id, { scope: caller.scope, transaction });
    if (action === null) {
      throw notFound(ACTION_NOT_FOUND);
    }
    const opened = await openJeune(ctx, caller, action.jeuneId, transaction);
    await ctx.audit.record({ action: 'actions.read', ...auditOnJeune(caller, opened, { actionId: id }) }, transaction);
    return toActionDto(action);
  });

/** Creates an action of the jeune, "à faire", by a conseiller; audited (never its title or detail). */
export const createAction = async (
  ctx: AppContext,
  caller: SuiviCaller,
  jeuneId: string,
  input: ActionCreation,
  transaction: Transaction,
): Promise<ActionDto> => {
  const opened = await openJeune(ctx, caller, jeuneId, transaction);
  const [id] = await insertActionsOf(ctx, caller, opened, [input], null, transaction);
  await ctx.audit.record({ action: 'actions.create', ...auditOnJeune(caller, opened, { actionId: id, echeance: input.echeance }) }, transaction);
  return toActionDto(await reload(ctx, id!, transaction));
};

/**
 * Saves an action whole, when the version read is still the stored one (else 409 with the current action). Closing
 * it (terminée, annulée) records the Mission Locale's local day; reopening it clears that day.
 */
export const updateActionOf = async (
  ctx: AppContext,
  caller: SuiviCaller,
  id: string,
  patch: ActionPatch,
  transaction: Transaction,
): Promise<ActionDto> => {
  const { sequelize } = ctx.db;
  const found = await findAction(sequelize, id, { scope: caller.scope, transaction, forUpdate: true });
  if (found === null) {
    throw notFound(ACTION_NOT_FOUND);
  }
  const opened = await openJeune(ctx, caller, found.jeuneId, transaction);
  if (found.version !== patch.version) {
    throw problem(PROBLEM_CODES.conflict, "L'action a été modifiée entre-temps : voici sa version actuelle.", {
      extensions: { current: toActionDto(found) },
    });
  }
  const at = ctx.clock.now();
  const today = localDateIn(at, opened.jeune.timezone);
  const closeLe = isClosed(patch.statut) ? (isClosed(found.statut) ? (found.closeLe ?? today) : today) : null;
  await updateAction(
    sequelize,
    id,
    { titre: patch.titre, description: patch.description, echeance: patch.echeance, statut: patch.statut, closeLe },
    { by: caller.user.id, at },
    { transaction },
  );
  await ctx.audit.record(
    { action: 'actions.update', ...auditOnJeune(caller, opened, { actionId: id, statut: patch.statut, echeance: patch.echeance }) },
    transaction,
  );
  return toActionDto(await reload(ctx, id, transaction));
};
