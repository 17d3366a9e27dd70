import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { type MemoCreation, type MemoDto, type MemoPatch, PROBLEM_CODES } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { conflict, forbidden, notFound, problem } from '../../platform/errors';
import { principalOf } from '../../platform/tenancy';
import { findSuiviJeune, JEUNE_NOT_FOUND } from '../evenements/suivi-access';
import { type AgendaCaller, auditByCaller, auditOnJeuneOf } from './agenda-access';
import { deleteMemo, findMemo, insertMemo, listMemos, type MemoReader, type MemoRecord, updateMemo } from './memos.repository';

// Mémos (#5): notes to oneself or to the team of the Mission Locale, optionally about a jeune of it, with a due date.
// Only its author sees (and edits) a MOI mémo; any staff member of the Mission Locale edits a team one. Audited without
// their text.

const MEMO_NOT_FOUND = "Ce mémo n'existe pas.";

/** How many mémos a list answers at most. */
export const MAX_MEMOS = 500;

/** Who reads mémos now. */
export const memoReaderOf = (ctx: AppContext, caller: AgendaCaller): MemoReader => ({ userId: caller.user.id, scope: caller.scope, now: ctx.clock.now() });

/** A mémo as read. */
export const toMemoDto = ({ missionLocaleId: _missionLocaleId, ...memo }: MemoRecord): MemoDto => memo;

const auditOf = (caller: AgendaCaller, memo: { readonly jeuneId: string | null; readonly missionLocaleId: string }, details: Readonly<Record<string, unknown>>) =>
  memo.jeuneId === null
    ? auditByCaller(caller, memo.missionLocaleId, details)
    : auditOnJeuneOf(caller, { id: memo.jeuneId, missionLocaleId: memo.missionLocaleId }, details);

/** The jeune a mémo is about, in a scope (404 otherwise). */
const jeuneInScope = async (ctx: AppContext, jeuneId: string, scope: readonly string[] | null, transaction: Transaction) => {
  const jeune = await findSuiviJeune(ctx.db.sequelize, jeuneId, { scope, transaction });
  if (jeune === null) {
    throw notFound(JEUNE_NOT_FOUND);
  }
  return jeune;
};

/** Writes a mémo in the Mission Locale of its jeune (of the caller's, else 404), or in the caller's principal one. */
export const createMemo = async (ctx: AppContext, caller: AgendaCaller, input: MemoCreation, transaction: Transaction): Promise<MemoDto> => {
  const { sequelize } = ctx.db;
  const missionLocaleId =
    input.jeuneId === null ? principalOf(caller.user.missionsLocales) : (await jeuneInScope(ctx, input.jeuneId, caller.scope, transaction)).missionLocaleId;
  if (missionLocaleId === null) {
    throw forbidden("Vous n'êtes rattaché à aucune Mission Locale.");
  }
  const id = input.id ?? randomUUID();
  const values = { texte: input.texte, portee: input.portee, jeuneId: input.jeuneId, echeance: input.echeance };
  if (!(await insertMemo(sequelize, { ...values, id, missionLocaleId, auteurId: caller.user.id, at: ctx.clock.now() }, { transaction }))) {
    throw conflict('Un mémo existe déjà sous cet identifiant : un nouveau mémo demande un nouvel identifiant.');
  }
  await ctx.audit.record({ action: 'memos.create', ...auditOf(caller, { jeuneId: input.jeuneId, missionLocaleId }, { memoId: id, portee: input.portee }) }, transaction);
  const memo = await findMemo(sequelize, id, memoReaderOf(ctx, caller), { transaction });
  return toMemoDto(memo!);
};

/** The mémos the caller sees, filtered; audited with the filters' names. */
export const listMemosOf = async (
  ctx: AppContext,
  caller: AgendaCaller,
  query: { readonly echeanceAu?: string; readonly jeune?: string; readonly fait?: 'true' | 'false' },
): Promise<MemoDto[]> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const memos = await listMemos(
      ctx.db.sequelize,
      memoReaderOf(ctx, caller),
      { echeanceAu: query.echeanceAu, jeuneId: query.jeune, fait: query.fait === undefined ? undefined : query.fait === 'true', limit: MAX_MEMOS },
      { transaction },
    );
    await ctx.audit.record(
      { action: 'memos.list', ...auditByCaller(caller, principalOf(caller.user.missionsLocales), { memos: memos.length, filtres: Object.keys(query).sort() }) },
      transaction,
    );
    return memos.map(toMemoDto);
  });

/** A mémo the caller sees, locked (404 otherwise: another's MOI mémo, another Mission Locale's). */
const visibleMemo = async (ctx: AppContext, caller: AgendaCaller, id: string, transaction: Transaction): Promise<MemoRecord> => {
  const memo = await findMemo(ctx.db.sequelize, id, memoReaderOf(ctx, caller), { transaction, lock: true });
  if (memo === null) {
    throw notFound(MEMO_NOT_FOUND);
  }
  return memo;
};

/**
 * Saves a mémo whole, done or not, when the version read is still the stored one (409 with the current mémo
 * otherwise). Only its author changes who it is for; its jeune must be of the mémo's Mission Locale.
 */
export const updateMemoOf = async (ctx: AppContext, caller: AgendaCaller, id: string, patch: MemoPatch, transaction: Transaction): Promise<MemoDto> => {
  const memo = await visibleMemo(ctx, caller, id, transaction);
  if (memo.version !== patch.version) {
    throw problem(PROBLEM_CODES.conflict, 'Le mémo a été modifié entre-temps : voici sa version actuelle.', { extensions: { current: toMemoDto(memo) } });
  }
  if (patch.portee !== memo.portee && memo.auteur.id !== caller.user.id) {
    throw forbidden("Seul l'auteur d'un mémo choisit pour qui il est.");
  }
  if (patch.jeuneId !== null && patch.jeuneId !== memo.jeune?.id) {
    await jeuneInScope(ctx, patch.jeuneId, [memo.missionLocaleId], transaction);
  }
  const { sequelize } = ctx.db;
  await updateMemo(sequelize, id, { texte: patch.texte, portee: patch.portee, jeuneId: patch.jeuneId, echeance: patch.echeance, fait: patch.fait }, ctx.clock.now(), {
    transaction,
  });
  await ctx.audit.record(
    { action: 'memos.update', ...auditOf(caller, { jeuneId: patch.jeuneId, missionLocaleId: memo.missionLocaleId }, { memoId: id, portee: patch.portee, fait: patch.fait }) },
    transaction,
  );
  return toMemoDto((await findMemo(sequelize, id, memoReaderOf(ctx, caller), { transaction }))!);
};

/** Deletes a mémo the caller sees (404 otherwise). */
export const deleteMemoOf = async (ctx: AppContext, caller: AgendaCaller, id: string, transaction: Transaction): Promise<void> => {
  const memo = await visibleMemo(ctx, caller, id, transaction);
  await deleteMemo(ctx.db.sequelize, id, { transaction });
  await ctx.audit.record(
    { action: 'memos.delete', ...auditOf(caller, { jeuneId: memo.jeune?.id ?? null, missionLocaleId: memo.missionLocaleId }, { memoId: id, portee: memo.portee }) },
    transaction,
  );
};
