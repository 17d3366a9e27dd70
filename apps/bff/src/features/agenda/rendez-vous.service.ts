import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import {
  type Annulation,
  CAPABILITIES,
  can,
  canClose,
  type Cloture,
  conflictsWith,
  type LieuEvenementType,
  PROBLEM_CODES,
  type RendezVousCreation,
  type RendezVousDetailDto,
  type RendezVousDto,
  type RendezVousEcritDto,
  type RendezVousPatch,
  rendezVousDateError,
  type Theme,
  typeEvenementDeCloture,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { conflict, forbidden, fromDomainError, invalidField, notFound, problem } from '../../platform/errors';
import { insertEvenement, refreshDernierContact } from '../evenements/evenements.repository';
import { siteOf } from '../evenements/referentiels.repository';
import { listMessages } from '../notifications/messages.repository';
import { findSuiviJeune, JEUNE_NOT_FOUND } from '../evenements/suivi-access';
import { type AgendaCaller, auditOnJeuneOf } from './agenda-access';
import {
  cancelRendezVous,
  closeRendezVous,
  findRendezVous,
  findStaffMember,
  insertHistorique,
  insertRendezVous,
  listHistorique,
  plannedAround,
  type RendezVousRecord,
  type RendezVousValues,
  updateRendezVous,
} from './rendez-vous.repository';

/** The messages a rendez-vous' detail shows, newest first (a handful in practice: changes and reminders). */
const MESSAGES_SHOWN = 50;

// Individual rendez-vous (#5, reference.md §c.4): booked with one jeune of the caller's Missions Locales, for oneself
// or a colleague; moved and cancelled with their history kept; closed once started, which writes the contact (or the
// absence) on the jeune's timeline. Every change tells the notifier inside the same transaction.

const RENDEZ_VOUS_NOT_FOUND = "Ce rendez-vous n'existe pas.";

/** A rendez-vous carries no thème; the événement its closing writes is filed under the accompaniment as a whole. */
const THEME_CLOTURE: Theme = 'PROJET_PROFESSIONNEL';

const MINUTE_MS = 60_000;

const finOf = (rendezVous: { readonly debut: Date; readonly dureeMinutes: number }): Date =>
  new Date(rendezVous.debut.getTime() + rendezVous.dureeMinutes * MINUTE_MS);

/** A rendez-vous as the staff read it, at `now` (which says whether it is to be closed). */
export const toRendezVousDto = (record: RendezVousRecord, now: Date): RendezVousDto => ({
  id: record.id,
  jeune: { ...record.jeune },
  conseiller: { ...record.conseiller },
  type: record.type,
  modalite: record.modalite,
  site: record.site === null ? null : { ...record.site },
  adresse: record.adresse,
  debut: record.debut.toISOString(),
  fin: finOf(record).toISOString(),
  dureeMinutes: record.dureeMinutes,
  objet: record.objet,
  commentaire: record.commentaire,
  aApporter: record.aApporter,
  presenceConseiller: record.presenceConseiller,
  statut: record.statut,
  aCloturer: record.statut === 'PLANIFIE' && record.debut.getTime() <= now.getTime(),
  presence: record.presence,
  reponseJeune:
    record.reponseJeune === null || record.reponseJeuneLe === null ? null : { reponse: record.reponseJeune, le: record.reponseJeuneLe.toISOString() },
  annulation:
    record.motifAnnulation === null || record.annuleLe === null
      ? null
      : { motif: record.motifAnnulation, le: record.annuleLe.toISOString(), parJeune: record.reponseJeune === 'ANNULE' },
  evenementId: record.evenementId,
  version: record.version,
  creeLe: record.createdAt.toISOString(),
  modifieLe: record.updatedAt.toISOString(),
});

type RendezVousFields = Pick<
  RendezVousCreation,
  'type' | 'modalite' | 'siteId' | 'adresse' | 'debut' | 'dureeMinutes' | 'objet' | 'commentaire' | 'aApporter' | 'presenceConseiller'
>;

const valuesOf = (input: RendezVousFields): RendezVousValues => ({
  type: input.type,
  modalite: input.modalite,
  siteId: input.siteId,
  adresse: input.adresse,
  debut: new Date(input.debut),
  dureeMinutes: input.dureeMinutes,
  objet: input.objet,
  commentaire: input.commentaire,
  aApporter: input.aApporter,
  presenceConseiller: input.presenceConseiller,
});

/** The names of the fields an edit changes (the history and the audit name them, never their values). */
const changedFields = (before: RendezVousValues, after: RendezVousValues): string[] =>
  (Object.keys(after) as (keyof RendezVousValues)[]).filter((field) => {
    const [a, b] = [before[field], after[field]];
    return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
  });

const valuesOfRecord = (record: RendezVousRecord): RendezVousValues => ({
  type: record.type,
  modalite: record.modalite,
  siteId: record.site?.id ?? null,
  adresse: record.adresse,
  debut: record.debut,
  dureeMinutes: record.dureeMinutes,
  objet: record.objet,
  commentaire: record.commentaire,
  aApporter: record.aApporter,
  presenceConseiller: record.presenceConseiller,
});

/** 400 on `siteId` unless the site is one of the Mission Locale's. */
const requireSiteOf = async (ctx: AppContext, siteId: string | null, missionLocaleId: string, transaction: Transaction): Promise<void> => {
  if (siteId !== null && !(await siteOf(ctx.db.sequelize, siteId, missionLocaleId, { transaction }))) {
    throw invalidField('siteId', 'Choisissez un site de la Mission Locale du jeune.');
  }
};

/** The conseiller's other planned rendez-vous overlapping this one (a warning: the write is done anyway). */
const conflitsOf = async (ctx: AppContext, record: RendezVousRecord, transaction: Transaction): Promise<RendezVousEcritDto['conflits']> => {
  const around = await plannedAround(ctx.db.sequelize, record.conseiller.id, { from: record.debut, to: finOf(record) }, record.id, { transaction });
  return conflictsWith(record, around).map((other) => ({
    id: other.id,
    debut: other.debut.toISOString(),
    fin: finOf(other).toISOString(),
    objet: other.objet,
  }));
};

const reload = async (ctx: AppContext, id: string, transaction: Transaction): Promise<RendezVousRecord> => {
  const record = await findRendezVous(ctx.db.sequelize, id, { scope: null, transaction });
  if (record === null) {
    throw new Error(`rendez-vous ${id} vanished inside its transaction`);
  }
  return record;
};

const written = async (ctx: AppContext, id: string, transaction: Transaction): Promise<RendezVousEcritDto> => {
  const record = await reload(ctx, id, transaction);
  return { rendezVous: toRendezVousDto(record, ctx.clock.now()), conflits: await conflitsOf(ctx, record, transaction) };
};

/**
 * Whose agenda the rendez-vous goes in: the caller's own (who must keep an agenda), or a colleague's of the jeune's
 * Mission Locale (404 for anyone else) for a caller who books for colleagues.
 */
const conseillerFor = async (ctx: AppContext, caller: AgendaCaller, conseillerId: string | undefined, missionLocaleId: string, transaction: Transaction) => {
  const id = conseillerId ?? caller.user.id;
  if (id === caller.user.id) {
    if (!can(caller.user.roles, CAPABILITIES.agendaMine)) {
      throw forbidden("Vous n'avez pas d'agenda de rendez-vous : choisissez le conseiller du rendez-vous.");
    }
    return id;
  }
  if (!can(caller.user.roles, CAPABILITIES.agendaBookForColleague)) {
    throw forbidden("Vous ne pouvez pas planifier de rendez-vous pour un collègue.");
  }
  const colleague = await findStaffMember(ctx.db.sequelize, id, missionLocaleId, { transaction });
  if (colleague === null) {
    throw notFound("Ce conseiller n'existe pas dans la Mission Locale du jeune.");
  }
  if (!can(colleague.roles as Parameters<typeof can>[0], CAPABILITIES.agendaMine)) {
    throw invalidField('conseillerId', "Ce membre de l'équipe n'a pas d'agenda de rendez-vous.");
  }
  return id;
};

/**
 * Books a rendez-vous with a jeune of the caller's Missions Locales (404 otherwise), in the window of §c.4 (400 with
 * the rule's message). Answers it with the conseiller's overlapping rendez-vous, if any.
 */
export const createRendezVous = async (
  ctx: AppContext,
  caller: AgendaCaller,
  input: RendezVousCreation,
  transaction: Transaction,
): Promise<RendezVousEcritDto> => {
  const { sequelize } = ctx.db;
  const now = ctx.clock.now();
  const jeune = await findSuiviJeune(sequelize, input.jeuneId, { scope: caller.scope, transaction });
  if (jeune === null) {
    throw notFound(JEUNE_NOT_FOUND);
  }
  const conseillerId = await conseillerFor(ctx, caller, input.conseillerId, jeune.missionLocaleId, transaction);
  const values = valuesOf(input);
  const dateError = rendezVousDateError(values.debut, now);
  if (dateError !== null) {
    throw invalidField('debut', dateError);
  }
  await requireSiteOf(ctx, values.siteId, jeune.missionLocaleId, transaction);
  const id = input.id ?? randomUUID();
  const inserted = await insertRendezVous(
    sequelize,
    { ...values, id, missionLocaleId: jeune.missionLocaleId, jeuneId: jeune.id, conseillerId, by: caller.user.id, at: now },
    { transaction },
  );
  if (!inserted) {
    throw conflict('Un rendez-vous existe déjà sous cet identifiant : un nouveau rendez-vous demande un nouvel identifiant.');
  }
  await insertHistorique(sequelize, id, { le: now, auteurId: caller.user.id, operation: 'CREATION' }, { transaction });
  await ctx.notifier.rendezVousChanged(transaction, { kind: 'creation', rendezVousId: id });
  await ctx.audit.record(
    {
      action: 'rendez-vous.create',
      ...auditOnJeuneOf(caller, jeune, { rendezVousId: id, conseillerId, type: values.type, modalite: values.modalite }),
    },
    transaction,
  );
  return written(ctx, id, transaction);
};

/** A rendez-vous with its history and its messages to the jeune (404 outside the caller's Missions Locales); audited. */
export const readRendezVous = async (ctx: AppContext, caller: AgendaCaller, id: string): Promise<RendezVousDetailDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const { sequelize } = ctx.db;
    const record = await findRendezVous(sequelize, id, { scope: caller.scope, transaction });
    if (record === null) {
      throw notFound(RENDEZ_VOUS_NOT_FOUND);
    }
    const historique = await listHistorique(sequelize, id, { transaction });
    const messages = await listMessages(sequelize, { rendezVousId: id }, { limit: MESSAGES_SHOWN, transaction });
    await ctx.audit.record(
      { action: 'rendez-vous.read', ...auditOnJeuneOf(caller, { id: record.jeune.id, missionLocaleId: record.missionLocaleId }, { rendezVousId: id }) },
      transaction,
    );
    return {
      ...toRendezVousDto(record, ctx.clock.now()),
      historique: historique.map((line) => ({ le: line.le.toISOString(), operation: line.operation, auteur: line.auteur })),
      messages,
    };
  });

/**
 * The rendez-vous locked for a change, still planned: 404 outside the caller's Missions Locales, 409 once cancelled or
 * closed (it no longer changes). The jeune's row is locked first, in the order of every suivi write.
 */
const plannedRendezVous = async (ctx: AppContext, caller: AgendaCaller, id: string, transaction: Transaction): Promise<RendezVousRecord> => {
  const { sequelize } = ctx.db;
  const seen = await findRendezVous(sequelize, id, { scope: caller.scope, transaction });
  if (seen === null) {
    throw notFound(RENDEZ_VOUS_NOT_FOUND);
  }
  await findSuiviJeune(sequelize, seen.jeune.id, { scope: null, transaction, lock: true });
  const record = await findRendezVous(sequelize, id, { scope: caller.scope, transaction, lock: true });
  if (record === null) {
    throw notFound(RENDEZ_VOUS_NOT_FOUND);
  }
  return record;
};

const requirePlanned = (record: RendezVousRecord): void => {
  if (record.statut === 'ANNULE') {
    throw conflict('Ce rendez-vous est annulé : il ne se modifie plus.');
  }
  if (record.statut === 'CLOS') {
    throw conflict('Ce rendez-vous est clôturé : il ne se modifie plus.');
  }
};

const jeuneOf = (record: RendezVousRecord) => ({ id: record.jeune.id, missionLocaleId: record.missionLocaleId });

/**
 * Saves a rendez-vous whole (a move changes its start) when the version read is still the stored one (409 with the
 * current rendez-vous otherwise), keeping its history; the jeune is told. A new start must be in the window of §c.4.
 */
export const updateRendezVousOf = async (
  ctx: AppContext,
  caller: AgendaCaller,
  id: string,
  patch: RendezVousPatch,
  transaction: Transaction,
): Promise<RendezVousEcritDto> => {
  const { sequelize } = ctx.db;
  const now = ctx.clock.now();
  const record = await plannedRendezVous(ctx, caller, id, transaction);
  requirePlanned(record);
  if (record.version !== patch.version) {
    throw problem(PROBLEM_CODES.conflict, 'Le rendez-vous a été modifié entre-temps : voici sa version actuelle.', {
      extensions: { current: toRendezVousDto(record, now) },
    });
  }
  if (patch.jeuneId !== record.jeune.id) {
    throw invalidField('jeuneId', 'Un rendez-vous ne change pas de jeune : annulez-le et planifiez-en un autre.');
  }
  const values = valuesOf(patch);
  const champs = changedFields(valuesOfRecord(record), values);
  if (champs.length === 0) {
    return written(ctx, id, transaction);
  }
  const dateError = champs.includes('debut') ? rendezVousDateError(values.debut, now) : null;
  if (dateError !== null) {
    throw invalidField('debut', dateError);
  }
  await requireSiteOf(ctx, values.siteId, record.missionLocaleId, transaction);
  await updateRendezVous(sequelize, id, values, { by: caller.user.id, at: now }, { transaction });
  await insertHistorique(sequelize, id, { le: now, auteurId: caller.user.id, operation: 'MODIFICATION', detail: { champs } }, { transaction });
  await ctx.notifier.rendezVousChanged(transaction, { kind: 'modification', rendezVousId: id });
  await ctx.audit.record({ action: 'rendez-vous.update', ...auditOnJeuneOf(caller, jeuneOf(record), { rendezVousId: id, champs }) }, transaction);
  return written(ctx, id, transaction);
};

/** Cancels a planned rendez-vous with a reason (the jeune is told; the row stays, marked); 409 once cancelled or closed. */
export const cancelRendezVousOf = async (
  ctx: AppContext,
  caller: AgendaCaller,
  id: string,
  annulation: Annulation,
  transaction: Transaction,
): Promise<RendezVousDto> => {
  const { sequelize } = ctx.db;
  const now = ctx.clock.now();
  const record = await plannedRendezVous(ctx, caller, id, transaction);
  requirePlanned(record);
  await cancelRendezVous(sequelize, id, { by: caller.user.id, at: now, motif: annulation.motif }, { transaction });
  await insertHistorique(sequelize, id, { le: now, auteurId: caller.user.id, operation: 'ANNULATION' }, { transaction });
  await ctx.notifier.rendezVousChanged(transaction, { kind: 'annulation', rendezVousId: id });
  await ctx.audit.record({ action: 'rendez-vous.cancel', ...auditOnJeuneOf(caller, jeuneOf(record), { rendezVousId: id }) }, transaction);
  return toRendezVousDto(await reload(ctx, id, transaction), now);
};

/** Where the événement of a closing took place, from the rendez-vous' modalité. */
const lieuOf = (record: RendezVousRecord): { lieuType: LieuEvenementType; siteId: string | null; adresse: string | null } => {
  if (record.modalite === 'PRESENTIEL_SITE' && record.site !== null) {
    return { lieuType: 'SITE', siteId: record.site.id, adresse: null };
  }
  if (record.modalite === 'AUTRE_LIEU' && record.adresse !== null) {
    return { lieuType: 'ADRESSE', siteId: null, adresse: record.adresse };
  }
  return { lieuType: 'DISTANCE', siteId: null, adresse: null };
};

/**
 * Closes a rendez-vous once started (§c.4) with the jeune's presence, and writes its événement on the jeune's
 * timeline, linked to it: the contact when the jeune came, the absence otherwise; the dossier's "dernier contact"
 * follows. A second closing is refused (409), so the événement is written once.
 */
export const closeRendezVousOf = async (
  ctx: AppContext,
  caller: AgendaCaller,
  id: string,
  cloture: Cloture,
  transaction: Transaction,
): Promise<RendezVousDto> => {
  const { sequelize } = ctx.db;
  const now = ctx.clock.now();
  const record = await plannedRendezVous(ctx, caller, id, transaction);
  const closable = canClose(record.debut, now, { annule: record.statut === 'ANNULE', clos: record.statut === 'CLOS' });
  if (!closable.ok) {
    throw fromDomainError(closable.error);
  }
  const evenementId = randomUUID();
  const present = cloture.presence === 'PRESENT';
  await insertEvenement(
    sequelize,
    {
      id: evenementId,
      jeuneId: record.jeune.id,
      missionLocaleId: record.missionLocaleId,
      conseillerId: record.conseiller.id,
      dateHeure: record.debut,
      // An absence lasted no time with the jeune.
      dureeMinutes: present ? record.dureeMinutes : null,
      typeCode: typeEvenementDeCloture(record.modalite, cloture.presence),
      ...lieuOf(record),
      themes: [THEME_CLOTURE],
      objet: record.objet,
      contexte: null,
      partenaire: null,
      origine: 'SAISIE',
      propositionId: null,
      at: now,
    },
    { transaction },
  );
  await refreshDernierContact(sequelize, record.jeune.id, { transaction });
  await closeRendezVous(sequelize, id, { by: caller.user.id, at: now, presence: cloture.presence, evenementId }, { transaction });
  await insertHistorique(sequelize, id, { le: now, auteurId: caller.user.id, operation: 'CLOTURE', detail: { presence: cloture.presence } }, { transaction });
  await ctx.notifier.rendezVousChanged(transaction, { kind: 'cloture', rendezVousId: id });
  await ctx.audit.record(
    { action: 'rendez-vous.close', ...auditOnJeuneOf(caller, jeuneOf(record), { rendezVousId: id, presence: cloture.presence, evenementId }) },
    transaction,
  );
  return toRendezVousDto(await reload(ctx, id, transaction), now);
};
