import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import {
  localDateIn,
  objetTransition,
  type ProblemFieldError,
  PROBLEM_CODES,
  type PropositionCreation,
  type PropositionDto,
  type PropositionTransition,
  transitionProposition,
  TYPE_EVENEMENT_PROPOSITION,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { conflict, fromDomainError, invalidFields, notFound, problem } from '../../platform/errors';
import { insertEvenement, localNoon, refreshDernierContact } from './evenements.repository';
import { findProposition, insertEtape, insertProposition, listPropositions, type PropositionRecord, updateEtatProposition } from './propositions.repository';
import { findOffre, type OffreRecord } from './referentiels.repository';
import { auditOnJeune, type OpenedJeune, openJeune, type SuiviCaller } from './suivi-access';

// Propositions (#4, décret annex §IV.B): an offre of the Mission Locale's internal offre de service or a free
// libellé, proposed to the jeune, then accepted or refused, then carried out or abandoned. Each change of state
// writes an administrative événement on the timeline; any conseiller of the Mission Locale may move it.

const PROPOSITION_NOT_FOUND = "Cette proposition n'existe pas.";

/** A proposition as the PWA reads it. */
export const toPropositionDto = (proposition: PropositionRecord): PropositionDto => ({
  id: proposition.id,
  jeuneId: proposition.jeuneId,
  evenementId: proposition.evenementId,
  offre: proposition.offre === null ? null : { ...proposition.offre },
  libelle: proposition.libelle,
  theme: proposition.theme,
  partenaire: proposition.partenaire,
  commentaire: proposition.commentaire,
  etat: proposition.etat,
  historique: proposition.historique.map((etape) => ({
    etat: etape.etat,
    date: etape.date,
    resultat: etape.resultat,
    par: etape.par === null ? null : { ...etape.par },
    evenementId: etape.evenementId,
  })),
  creePar: proposition.creePar === null ? null : { ...proposition.creePar },
  creeLe: proposition.createdAt.toISOString(),
  version: proposition.version,
  modifieLe: proposition.updatedAt.toISOString(),
});

/**
 * The offres the propositions name, each an active offre of the jeune's Mission Locale; the field errors of the
 * others (`<prefix>offreId`). Answers the offres found, by index.
 */
export const offresOf = async (
  ctx: AppContext,
  opened: OpenedJeune,
  propositions: readonly PropositionCreation[],
  prefix: (index: number) => string,
  transaction: Transaction,
): Promise<{ offres: Map<number, OffreRecord>; errors: ProblemFieldError[] }> => {
  const offres = new Map<number, OffreRecord>();
  const errors: ProblemFieldError[] = [];
  for (const [index, proposition] of propositions.entries()) {
    if (proposition.offreId === null) {
      continue;
    }
    const offre = await findOffre(ctx.db.sequelize, proposition.offreId, { scope: [opened.jeune.missionLocaleId], transaction });
    if (offre === null || !offre.actif) {
      errors.push({ path: `${prefix(index)}offreId`, message: "Cette offre n'est pas proposable dans la Mission Locale du jeune." });
    } else {
      offres.set(index, offre);
    }
  }
  return { offres, errors };
};

/**
 * Inserts propositions, "proposées" with their first step, under the ids the client chose or new ones (409 when an
 * id is taken); an offre gives its libellé and thème. `defaultDate`: the first step's day when none is sent.
 */
export const insertPropositionsOf = async (
  ctx: AppContext,
  caller: SuiviCaller,
  opened: OpenedJeune,
  propositions: readonly PropositionCreation[],
  offres: ReadonlyMap<number, OffreRecord>,
  options: { readonly evenementId: string | null; readonly defaultDate: string },
  transaction: Transaction,
): Promise<string[]> => {
  const ids: string[] = [];
  const at = ctx.clock.now();
  for (const [index, proposition] of propositions.entries()) {
    const offre = offres.get(index) ?? null;
    const id = proposition.id ?? randomUUID();
    const inserted = await insertProposition(
      ctx.db.sequelize,
      {
        id,
        jeuneId: opened.jeune.id,
        missionLocaleId: opened.jeune.missionLocaleId,
        evenementId: options.evenementId,
        offreId: offre?.id ?? null,
        // The schema asks for both when there is no offre.
        libelle: offre?.libelle ?? proposition.libelle ?? '',
        theme: offre?.theme ?? proposition.theme ?? 'EMPLOI',
        partenaire: proposition.partenaire,
        commentaire: proposition.commentaire,
        date: proposition.date ?? options.defaultDate,
        by: caller.user.id,
        at,
      },
      { transaction },
    );
    if (!inserted) {
      throw conflict('Une proposition existe déjà sous cet identifiant : une nouvelle proposition demande un nouvel identifiant.');
    }
    ids.push(id);
  }
  return ids;
};

const reload = async (ctx: AppContext, id: string, transaction: Transaction): Promise<PropositionRecord> => {
  const proposition = await findProposition(ctx.db.sequelize, id, { scope: null, transaction });
  if (proposition === null) {
    throw new Error(`proposition ${id} vanished inside its transaction`);
  }
  return proposition;
};

/** A jeune's propositions, newest first; the read is audited. */
export const listPropositionsOf = async (ctx: AppContext, caller: SuiviCaller, jeuneId: string): Promise<PropositionDto[]> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const opened = await openJeune(ctx, caller, jeuneId, transaction);
    const propositions = await listPropositions(ctx.db.sequelize, jeuneId, { transaction });
    await ctx.audit.record({ action: 'propositions.list', ...auditOnJeune(caller, opened, { propositions: propositions.length }) }, transaction);
    return propositions.map(toPropositionDto);
  });

/** One proposition with its history (404 outside the caller's Missions Locales); audited. */
export const readProposition = async (ctx: AppContext, caller: SuiviCaller, id: string): Promise<PropositionDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const proposition = await findProposition(ctx.db.sequelize, id, { scope: caller.scope, transaction });
    if (proposition === null) {
      throw notFound(PROPOSITION_NOT_FOUND);
    }
    const opened = await openJeune(ctx, caller, proposition.jeuneId, transaction);
    await ctx.audit.record({ action: 'propositions.read', ...auditOnJeune(caller, opened, { propositionId: id }) }, transaction);
    return toPropositionDto(proposition);
  });

/**
 * Proposes an offre (an active one of the jeune's Mission Locale: its libellé and thème) or a free libellé to the
 * jeune, on the given day or today in the Mission Locale's timezone; audited (never the commentaire).
 */
export const createProposition = async (
  ctx: AppContext,
  caller: SuiviCaller,
  jeuneId: string,
  input: PropositionCreation,
  transaction: Transaction,
): Promise<PropositionDto> => {
  const opened = await openJeune(ctx, caller, jeuneId, transaction);
  const { offres, errors } = await offresOf(ctx, opened, [input], () => '', transaction);
  if (errors.length > 0) {
    throw invalidFields(errors);
  }
  const [id] = await insertPropositionsOf(
    ctx,
    caller,
    opened,
    [input],
    offres,
    { evenementId: null, defaultDate: localDateIn(ctx.clock.now(), opened.jeune.timezone) },
    transaction,
  );
  const proposition = await reload(ctx, id!, transaction);
  await ctx.audit.record(
    {
      action: 'propositions.create',
      ...auditOnJeune(caller, opened, { propositionId: id, offreId: proposition.offre?.id ?? null, theme: proposition.theme }),
    },
    transaction,
  );
  return toPropositionDto(proposition);
};

/**
 * Moves a proposition to a new state on a day (the state machine of the domain: 409 for a move it forbids, 400 for
 * a day before the previous step), when the version read is still the stored one (else 409 with the current one).
 * The step is recorded with an administrative événement on the timeline, by the caller: at the current time when the
 * day is today in the Mission Locale, else at noon of that day there.
 */
export const transitionPropositionOf = async (
  ctx: AppContext,
  caller: SuiviCaller,
  id: string,
  transition: PropositionTransition,
  transaction: Transaction,
): Promise<PropositionDto> => {
  const { sequelize } = ctx.db;
  const seen = await findProposition(sequelize, id, { scope: caller.scope, transaction });
  if (seen === null) {
    throw notFound(PROPOSITION_NOT_FOUND);
  }
  // The jeune first, then the proposition: every write of the suivi locks in that order.
  const opened = await openJeune(ctx, caller, seen.jeuneId, transaction, true);
  const found = await findProposition(sequelize, id, { scope: caller.scope, transaction, forUpdate: true });
  if (found === null) {
    throw notFound(PROPOSITION_NOT_FOUND);
  }
  if (found.version !== transition.version) {
    throw problem(PROBLEM_CODES.conflict, 'La proposition a été modifiée entre-temps : voici sa version actuelle.', {
      extensions: { current: toPropositionDto(found) },
    });
  }
  const last = found.historique.at(-1);
  const outcome = transitionProposition(
    { etat: found.etat, date: last?.date ?? transition.date },
    { etat: transition.etat, date: transition.date },
  );
  if (!outcome.ok) {
    throw fromDomainError(outcome.error, outcome.error.code === PROBLEM_CODES.validation ? 'date' : undefined);
  }
  const at = ctx.clock.now();
  const today = localDateIn(at, opened.jeune.timezone);
  const evenementId = randomUUID();
  await insertEvenement(
    sequelize,
    {
      id: evenementId,
      jeuneId: found.jeuneId,
      missionLocaleId: found.missionLocaleId,
      conseillerId: caller.user.id,
      origine: 'PROPOSITION',
      propositionId: id,
      dateHeure: transition.date === today ? at : await localNoon(sequelize, transition.date, opened.jeune.timezone, { transaction }),
      dureeMinutes: null,
      typeCode: TYPE_EVENEMENT_PROPOSITION,
      lieuType: 'DISTANCE',
      siteId: null,
      adresse: null,
      themes: [found.theme],
      objet: objetTransition(found.libelle, outcome.value),
      contexte: null,
      partenaire: found.partenaire,
      at,
    },
    { transaction },
  );
  await insertEtape(
    sequelize,
    {
      propositionId: id,
      rang: (last?.rang ?? 0) + 1,
      etat: outcome.value,
      date: transition.date,
      resultat: transition.resultat,
      by: caller.user.id,
      evenementId,
      at,
    },
    { transaction },
  );
  await updateEtatProposition(sequelize, id, outcome.value, { by: caller.user.id, at }, { transaction });
  await refreshDernierContact(sequelize, found.jeuneId, { transaction });
  await ctx.audit.record(
    {
      action: 'propositions.transition',
      ...auditOnJeune(caller, opened, { propositionId: id, de: found.etat, vers: outcome.value, date: transition.date, evenementId }),
    },
    transaction,
  );
  return toPropositionDto(await reload(ctx, id, transaction));
};
