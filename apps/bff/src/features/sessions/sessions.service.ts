import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Transaction } from 'sequelize';
import {
  type AgendaQuery,
  type Annulation,
  type Emargement,
  type InscriptionDto,
  localDateIn,
  PROBLEM_CODES,
  type ProblemFieldError,
  rendezVousDateError,
  type SessionCreation,
  type SessionDetailDto,
  type SessionDto,
  type SessionPatch,
  type StatutPresence,
  type StatutSession,
  type Theme,
  TYPES_RENDEZ_VOUS_COLLECTIFS,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, onJeuneDossier, type RequestOrigin, requestOrigin } from '../../platform/audit';
import { conflict, invalidFields, notFound, problem } from '../../platform/errors';
import { currentUser } from '../../platform/guards';
import type { SessionUser } from '../../platform/session-user';
import { missionLocaleScope } from '../../platform/tenancy';
import { insertEvenement, refreshDernierContact } from '../evenements/evenements.repository';
import { siteOf } from '../evenements/referentiels.repository';
import { findSuiviJeune, JEUNE_NOT_FOUND } from '../evenements/suivi-access';
import {
  endSession,
  findInscription,
  findOffre,
  findSession,
  firstWaiting,
  type InscriptionRecord,
  insertSession,
  listInscriptions,
  listSessions,
  saveInscription,
  type SessionRecord,
  type SessionValues,
  setInscriptionStatut,
  updateSession,
} from './sessions.repository';

// Collective sessions of the offre de service (#5, reference.md §b.4, §c.5): seats, a registration deadline (the
// Mission Locale's local day), registrations of jeunes of the session's Mission Locale with a waiting list when full,
// and the émargement that closes the session and writes each jeune's événement. A closed or cancelled session is
// never changed again. Seats are counted under the session's row lock.

/** Message of the 404 on a session out of reach. */
export const SESSION_NOT_FOUND = "Cette session n'existe pas.";

/** Who acts on sessions: the session's user, their Missions Locales, where the request came from. */
export interface SessionsCaller {
  readonly user: SessionUser;
  readonly scope: readonly string[] | null;
  readonly origin: RequestOrigin;
}

/** The caller of a staff request on sessions. */
export const sessionsCallerOf = (req: Request): SessionsCaller => ({
  user: currentUser(req),
  scope: missionLocaleScope(req),
  origin: requestOrigin(req),
});

/** A session's status at `now`: one to come whose start has passed is to close. */
export const statutOf = (session: SessionRecord, now: Date): StatutSession =>
  session.statut === 'A_VENIR' && session.debut.getTime() <= now.getTime() ? 'A_CLOTURER' : session.statut;

/** The end of a session. */
export const finOf = (session: SessionRecord): Date => new Date(session.debut.getTime() + session.dureeMinutes * 60_000);

/** Seats left (never below zero: places lowered under the count are refused, but a race-free read costs nothing). */
export const placesLibresOf = (session: SessionRecord): number => Math.max(0, session.places - session.inscrits);

export const toSessionDto = (session: SessionRecord, now: Date): SessionDto => ({
  id: session.id,
  offre: { id: session.offre.id, libelle: session.offre.libelle, type: session.offre.type },
  titre: session.titre,
  debut: session.debut.toISOString(),
  fin: finOf(session).toISOString(),
  dureeMinutes: session.dureeMinutes,
  site: session.site === null ? null : { id: session.site.id, nom: session.site.nom },
  adresse: session.adresse,
  animateur: { ...session.animateur },
  places: session.places,
  inscrits: session.inscrits,
  enAttente: session.enAttente,
  placesLibres: placesLibresOf(session),
  dateLimiteInscription: session.dateLimiteInscription,
  autoinscription: session.autoinscription,
  commentaire: session.commentaire,
  aApporter: session.aApporter,
  statut: statutOf(session, now),
  version: session.version,
});

const toInscriptionDto = (inscription: InscriptionRecord): InscriptionDto => ({
  id: inscription.id,
  jeune: { ...inscription.jeune },
  statut: inscription.statut,
  rangAttente: inscription.rangAttente,
  inscritLe: inscription.inscritLe.toISOString(),
});

const detailOf = async (ctx: AppContext, id: string, transaction: Transaction): Promise<SessionDetailDto> => {
  const session = await reload(ctx, id, transaction);
  const inscriptions = await listInscriptions(ctx.db.sequelize, id, { transaction });
  return { ...toSessionDto(session, ctx.clock.now()), inscriptions: inscriptions.map(toInscriptionDto) };
};

const reload = async (ctx: AppContext, id: string, transaction: Transaction): Promise<SessionRecord> => {
  const session = await findSession(ctx.db.sequelize, id, { scope: null, transaction });
  if (session === null) {
    throw new Error(`session ${id} vanished inside its transaction`);
  }
  return session;
};

const auditSession = (caller: SessionsCaller, session: { id: string; missionLocaleId: string }, details: Readonly<Record<string, unknown>>) => ({
  outcome: 'success' as const,
  ...actedBy(caller.user, caller.origin),
  missionLocaleId: session.missionLocaleId,
  targetType: 'session',
  targetId: session.id,
  details,
});

/** Who wrote a registration change, for the audit row filed under the jeune (the dossier's access report lists it). */
export interface RegistrationActor {
  readonly actorId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

const auditOnJeune = (actor: RegistrationActor, session: SessionRecord, jeuneId: string, details: Readonly<Record<string, unknown>>) =>
  onJeuneDossier(actor, { id: jeuneId, missionLocaleId: session.missionLocaleId }, { sessionId: session.id, ...details });

/** 409 unless the session is still to come in the database: a closed or cancelled session is never changed again. */
export const requireOpen = (session: SessionRecord): void => {
  if (session.statut === 'CLOTUREE') {
    throw conflict('Cette session est clôturée : elle ne se modifie plus.');
  }
  if (session.statut === 'ANNULEE') {
    throw conflict('Cette session est annulée : elle ne se modifie plus.');
  }
};

/** 409 once the session has started: registrations then stay as they are until the émargement. */
export const requireNotStarted = (session: SessionRecord, now: Date): void => {
  if (now.getTime() >= session.debut.getTime()) {
    throw conflict('La session a commencé : les inscriptions ne changent plus avant l’émargement.');
  }
};

const frenchDay = (day: string): string => day.split('-').reverse().join('/');

/** 409 once the Mission Locale's local day is past the registration deadline. */
const requireBeforeDeadline = (session: SessionRecord, now: Date): void => {
  if (localDateIn(now, session.timezone) > session.dateLimiteInscription) {
    throw conflict(`La date limite d’inscription (${frenchDay(session.dateLimiteInscription)}) est passée.`);
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Reads.

/** The sessions of the caller's Missions Locales starting in a range of their local days; audited. */
export const listSessionsOf = async (ctx: AppContext, caller: SessionsCaller, query: AgendaQuery): Promise<SessionDto[]> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const sessions = await listSessions(
      ctx.db.sequelize,
      { scope: caller.scope, from: query.from, to: query.to, siteId: query.site, animateurId: query.conseiller },
      { transaction },
    );
    await ctx.audit.record(
      {
        action: 'sessions.list',
        outcome: 'success',
        ...actedBy(caller.user, caller.origin),
        details: { from: query.from, to: query.to, sessions: sessions.length, filtres: Object.keys(query).sort() },
      },
      transaction,
    );
    const now = ctx.clock.now();
    return sessions.map((session) => toSessionDto(session, now));
  });

/** A session with its registrations (404 outside the caller's Missions Locales); audited. */
export const readSession = async (ctx: AppContext, caller: SessionsCaller, id: string): Promise<SessionDetailDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const session = await findSession(ctx.db.sequelize, id, { scope: caller.scope, transaction });
    if (session === null) {
      throw notFound(SESSION_NOT_FOUND);
    }
    await ctx.audit.record({ action: 'sessions.read', ...auditSession(caller, session, {}) }, transaction);
    return detailOf(ctx, id, transaction);
  });

// ---------------------------------------------------------------------------------------------------------------
// Creation, edit, cancellation.

const valuesOf = (input: SessionCreation | SessionPatch): SessionValues => ({
  offreId: input.offreId,
  titre: input.titre,
  debut: new Date(input.debut),
  dureeMinutes: input.dureeMinutes,
  siteId: input.siteId,
  adresse: input.adresse,
  places: input.places,
  dateLimiteInscription: input.dateLimiteInscription,
  autoinscription: input.autoinscription,
  commentaire: input.commentaire,
  aApporter: input.aApporter,
});

/**
 * The Mission Locale of a session's form, or its field errors: an active internal atelier or information collective
 * of the caller's Missions Locales (of the session's own, when edited: the offre already stored is accepted even if
 * withdrawn since), a site of the same Mission Locale, a start within the rendez-vous window (§c.4) and a deadline no
 * later than the start's local day.
 */
const checkValues = async (
  ctx: AppContext,
  caller: SessionsCaller,
  values: SessionValues,
  transaction: Transaction,
  existing?: SessionRecord,
): Promise<string> => {
  const { sequelize } = ctx.db;
  const errors: ProblemFieldError[] = [];
  const offre = await findOffre(sequelize, values.offreId, existing ? [existing.missionLocaleId] : caller.scope, { transaction });
  const usable = offre !== null && offre.actif && (TYPES_RENDEZ_VOUS_COLLECTIFS as readonly string[]).includes(offre.type);
  if (!usable && !(offre !== null && values.offreId === existing?.offre.id)) {
    errors.push({ path: 'offreId', message: 'Choisissez un atelier ou une information collective active de l’offre de service de la Mission Locale.' });
  }
  const missionLocale = existing ?? (offre === null ? null : { missionLocaleId: offre.missionLocaleId, timezone: offre.timezone });
  if (values.siteId !== null && (missionLocale === null || !(await siteOf(sequelize, values.siteId, missionLocale.missionLocaleId, { transaction })))) {
    errors.push({ path: 'siteId', message: 'Choisissez un site de la Mission Locale de la session.' });
  }
  const dateError = rendezVousDateError(values.debut, ctx.clock.now());
  if (dateError !== null) {
    errors.push({ path: 'debut', message: dateError.replace('Un rendez-vous', 'Une session') });
  }
  if (missionLocale !== null && values.dateLimiteInscription > localDateIn(values.debut, missionLocale.timezone)) {
    errors.push({ path: 'dateLimiteInscription', message: 'La date limite d’inscription : le jour de la session au plus tard.' });
  }
  if (errors.length > 0 || missionLocale === null) {
    throw invalidFields(errors);
  }
  return missionLocale.missionLocaleId;
};

/** Plans a session animated by the caller, under the id the client chose or a new one; audited. */
export const createSession = async (ctx: AppContext, caller: SessionsCaller, input: SessionCreation, transaction: Transaction): Promise<SessionDto> => {
  const values = valuesOf(input);
  const missionLocaleId = await checkValues(ctx, caller, values, transaction);
  const id = input.id ?? randomUUID();
  const inserted = await insertSession(
    ctx.db.sequelize,
    { ...values, id, missionLocaleId, animateurId: caller.user.id, at: ctx.clock.now() },
    { transaction },
  );
  if (!inserted) {
    throw conflict('Une session existe déjà sous cet identifiant : une nouvelle session demande un nouvel identifiant.');
  }
  await ctx.audit.record(
    { action: 'sessions.create', ...auditSession(caller, { id, missionLocaleId }, { offreId: input.offreId, places: input.places, autoinscription: input.autoinscription }) },
    transaction,
  );
  return toSessionDto(await reload(ctx, id, transaction), ctx.clock.now());
};

/** The session a write changes, locked (404 outside the caller's Missions Locales). */
const lockedSession = async (ctx: AppContext, scope: readonly string[] | null, id: string, transaction: Transaction): Promise<SessionRecord> => {
  const session = await findSession(ctx.db.sequelize, id, { scope, transaction, lock: true });
  if (session === null) {
    throw notFound(SESSION_NOT_FOUND);
  }
  return session;
};

/**
 * Seats the first of the waiting list in the seats left (after an unregistration, or more places); each promoted jeune
 * is told as if just registered. Answers their ids.
 */
const promoteWaiting = async (ctx: AppContext, sessionId: string, transaction: Transaction): Promise<string[]> => {
  const session = await reload(ctx, sessionId, transaction);
  const promoted = await firstWaiting(ctx.db.sequelize, sessionId, placesLibresOf(session), { transaction });
  for (const inscription of promoted) {
    await setInscriptionStatut(ctx.db.sequelize, inscription.id, 'INSCRIT', { at: ctx.clock.now() }, { transaction });
    await ctx.notifier.sessionChanged(transaction, { kind: 'inscription', sessionId, jeuneId: inscription.jeuneId });
  }
  return promoted.map((inscription) => inscription.jeuneId);
};

/**
 * Saves a session whole when the version read is still the stored one (else 409 with the current session); never
 * below the registered count; more places seat the waiting list. Registered jeunes are told. Audited.
 */
export const updateSessionOf = async (
  ctx: AppContext,
  caller: SessionsCaller,
  id: string,
  patch: SessionPatch,
  transaction: Transaction,
): Promise<SessionDetailDto> => {
  const session = await lockedSession(ctx, caller.scope, id, transaction);
  requireOpen(session);
  if (session.version !== patch.version) {
    throw problem(PROBLEM_CODES.conflict, 'La session a été modifiée entre-temps : voici sa version actuelle.', {
      extensions: { current: await detailOf(ctx, id, transaction) },
    });
  }
  const values = valuesOf(patch);
  await checkValues(ctx, caller, values, transaction, session);
  if (values.places < session.inscrits) {
    throw invalidFields([
      { path: 'places', message: `${session.inscrits} jeunes sont déjà inscrits : au moins ${session.inscrits} places, ou désinscrivez d’abord.` },
    ]);
  }
  await updateSession(ctx.db.sequelize, id, values, { by: caller.user.id, at: ctx.clock.now() }, { transaction });
  const promoted = await promoteWaiting(ctx, id, transaction);
  await ctx.notifier.sessionChanged(transaction, { kind: 'modification-session', sessionId: id, jeuneId: null });
  await ctx.audit.record(
    { action: 'sessions.update', ...auditSession(caller, session, { places: values.places, autoinscription: values.autoinscription, promus: promoted }) },
    transaction,
  );
  return detailOf(ctx, id, transaction);
};

/** Cancels a session before it starts: kept, marked cancelled; registered jeunes are told. Audited with the motif. */
export const cancelSession = async (ctx: AppContext, caller: SessionsCaller, id: string, annulation: Annulation, transaction: Transaction): Promise<void> => {
  const session = await lockedSession(ctx, caller.scope, id, transaction);
  requireOpen(session);
  if (ctx.clock.now().getTime() >= session.debut.getTime()) {
    throw conflict('La session a commencé : elle se clôture par l’émargement.');
  }
  await endSession(ctx.db.sequelize, id, 'ANNULEE', { by: caller.user.id, at: ctx.clock.now() }, { transaction });
  await ctx.notifier.sessionChanged(transaction, { kind: 'annulation-session', sessionId: id, jeuneId: null });
  await ctx.audit.record({ action: 'sessions.cancel', ...auditSession(caller, session, { motif: annulation.motif, inscrits: session.inscrits }) }, transaction);
};

// ---------------------------------------------------------------------------------------------------------------
// Registrations, by the staff or by the jeune in C-Milo.

/** Who registers: the staff (a full session puts the jeune on the waiting list) or the jeune (refused when full). */
export type RegistrationMode = 'staff' | 'self';

/**
 * Registers a jeune of the session's Mission Locale to a locked session, before its deadline: seated while seats are
 * left, else on the waiting list (staff) or refused (the jeune). Already registered or waiting: 409. Audited under the
 * jeune. Answers the registration.
 */
export const registerJeune = async (
  ctx: AppContext,
  session: SessionRecord,
  jeuneId: string,
  by: { readonly mode: RegistrationMode; readonly actor: RegistrationActor },
  transaction: Transaction,
): Promise<InscriptionRecord> => {
  const { sequelize } = ctx.db;
  const now = ctx.clock.now();
  requireOpen(session);
  requireNotStarted(session, now);
  requireBeforeDeadline(session, now);
  const existing = await findInscription(sequelize, session.id, jeuneId, { transaction });
  if (existing !== null && (existing.statut === 'INSCRIT' || existing.statut === 'ATTENTE')) {
    throw conflict(
      by.mode === 'self'
        ? 'Vous êtes déjà inscrit à cette session.'
        : existing.statut === 'ATTENTE'
          ? 'Ce jeune est déjà sur la liste d’attente de cette session.'
          : 'Ce jeune est déjà inscrit à cette session.',
    );
  }
  const full = placesLibresOf(session) === 0;
  if (full && by.mode === 'self') {
    throw conflict('Cette session est complète : il ne reste plus de place.');
  }
  const statut = full ? 'ATTENTE' : 'INSCRIT';
  await saveInscription(
    sequelize,
    { id: existing?.id ?? randomUUID(), sessionId: session.id, jeuneId, missionLocaleId: session.missionLocaleId, statut, par: by.actor.actorId, at: now },
    { transaction },
  );
  // A jeune put on the waiting list hears from the session once seated.
  if (statut === 'INSCRIT') {
    await ctx.notifier.sessionChanged(transaction, { kind: 'inscription', sessionId: session.id, jeuneId });
  }
  await ctx.audit.record({ action: 'sessions.inscription', ...auditOnJeune(by.actor, session, jeuneId, { statut, mode: by.mode }) }, transaction);
  return (await findInscription(sequelize, session.id, jeuneId, { transaction }))!;
};

/**
 * Unregisters a registered or waiting jeune from a locked session before it starts; a freed seat goes to the first
 * of the waiting list. 404 when the jeune is neither. Audited under the jeune.
 */
export const unregisterJeune = async (
  ctx: AppContext,
  session: SessionRecord,
  jeuneId: string,
  by: { readonly mode: RegistrationMode; readonly actor: RegistrationActor },
  transaction: Transaction,
): Promise<void> => {
  const { sequelize } = ctx.db;
  requireOpen(session);
  requireNotStarted(session, ctx.clock.now());
  const inscription = await findInscription(sequelize, session.id, jeuneId, { transaction });
  if (inscription === null || (inscription.statut !== 'INSCRIT' && inscription.statut !== 'ATTENTE')) {
    throw notFound(by.mode === 'self' ? 'Vous n’êtes pas inscrit à cette session.' : "Ce jeune n'est pas inscrit à cette session.");
  }
  await setInscriptionStatut(sequelize, inscription.id, 'DESINSCRIT', { at: ctx.clock.now() }, { transaction });
  await ctx.notifier.sessionChanged(transaction, { kind: 'desinscription', sessionId: session.id, jeuneId });
  const promoted = inscription.statut === 'INSCRIT' ? await promoteWaiting(ctx, session.id, transaction) : [];
  await ctx.audit.record(
    { action: 'sessions.desinscription', ...auditOnJeune(by.actor, session, jeuneId, { avant: inscription.statut, mode: by.mode, promus: promoted }) },
    transaction,
  );
};

const staffActor = (caller: SessionsCaller): RegistrationActor => ({ actorId: caller.user.id, ...caller.origin });

/** A member of the staff registers a jeune of the session's Mission Locale (404 for anyone else's jeune). */
export const registerByStaff = async (
  ctx: AppContext,
  caller: SessionsCaller,
  sessionId: string,
  jeuneId: string,
  transaction: Transaction,
): Promise<InscriptionDto> => {
  const session = await lockedSession(ctx, caller.scope, sessionId, transaction);
  if ((await findSuiviJeune(ctx.db.sequelize, jeuneId, { scope: [session.missionLocaleId], transaction })) === null) {
    throw notFound(JEUNE_NOT_FOUND);
  }
  return toInscriptionDto(await registerJeune(ctx, session, jeuneId, { mode: 'staff', actor: staffActor(caller) }, transaction));
};

/** A member of the staff unregisters a jeune. */
export const unregisterByStaff = async (
  ctx: AppContext,
  caller: SessionsCaller,
  sessionId: string,
  jeuneId: string,
  transaction: Transaction,
): Promise<void> => {
  const session = await lockedSession(ctx, caller.scope, sessionId, transaction);
  await unregisterJeune(ctx, session, jeuneId, { mode: 'staff', actor: staffActor(caller) }, transaction);
};

// ---------------------------------------------------------------------------------------------------------------
// Émargement.

/** The type of the événement an émargement writes: the atelier or information collective itself, or the absence. */
const typeEvenementOf = (session: SessionRecord, presence: StatutPresence): string => {
  if (presence === 'ABSENT') {
    return 'RENDEZ_VOUS_ABSENT';
  }
  if (presence === 'EXCUSE') {
    return 'RENDEZ_VOUS_EXCUSE';
  }
  return session.offre.type === 'INFORMATION_COLLECTIVE' ? 'INFORMATION_COLLECTIVE' : 'ATELIER';
};

/**
 * Closes a started session with a presence for every registered jeune (exactly them): each registration takes its
 * presence and the jeune's timeline an événement (linked to the registration), the dossier's "dernier contact"
 * follows, and the session is closed for good (who, when). Audited under the session and each jeune.
 */
export const emarger = async (ctx: AppContext, caller: SessionsCaller, id: string, emargement: Emargement, transaction: Transaction): Promise<SessionDetailDto> => {
  const { sequelize } = ctx.db;
  const session = await lockedSession(ctx, caller.scope, id, transaction);
  if (session.statut === 'CLOTUREE') {
    throw conflict('Cette session est déjà émargée et clôturée.');
  }
  if (session.statut === 'ANNULEE') {
    throw conflict('Cette session est annulée : elle ne s’émarge pas.');
  }
  const now = ctx.clock.now();
  if (now.getTime() < session.debut.getTime()) {
    throw conflict('Une session s’émarge une fois commencée.');
  }
  const inscrits = new Map(
    (await listInscriptions(sequelize, id, { transaction })).filter((inscription) => inscription.statut === 'INSCRIT').map((inscription) => [inscription.jeune.id, inscription]),
  );
  const errors: ProblemFieldError[] = emargement.presences.flatMap((presence, index) =>
    inscrits.has(presence.jeuneId) ? [] : [{ path: `presences.${index}.jeuneId`, message: "Ce jeune n'est pas inscrit à la session." }],
  );
  const missing = inscrits.size - (emargement.presences.length - errors.length);
  if (missing > 0) {
    errors.push({ path: 'presences', message: `Émargez chaque jeune inscrit : ${missing} sans présence.` });
  }
  if (errors.length > 0) {
    throw invalidFields(errors);
  }
  for (const { jeuneId, presence } of emargement.presences) {
    // The jeune's row first, as every write of the suivi, before its "dernier contact" moves.
    await findSuiviJeune(sequelize, jeuneId, { scope: [session.missionLocaleId], transaction, lock: true });
    const evenementId = randomUUID();
    await insertEvenement(
      sequelize,
      {
        id: evenementId,
        jeuneId,
        missionLocaleId: session.missionLocaleId,
        conseillerId: caller.user.id,
        origine: 'SAISIE',
        propositionId: null,
        at: now,
        dateHeure: session.debut,
        dureeMinutes: session.dureeMinutes,
        typeCode: typeEvenementOf(session, presence),
        lieuType: session.site === null ? 'ADRESSE' : 'SITE',
        siteId: session.site?.id ?? null,
        adresse: session.site === null ? session.adresse : null,
        themes: [session.offre.theme as Theme],
        objet: session.titre,
        contexte: null,
        partenaire: null,
      },
      { transaction },
    );
    await setInscriptionStatut(sequelize, inscrits.get(jeuneId)!.id, presence, { at: now, evenementId }, { transaction });
    await refreshDernierContact(sequelize, jeuneId, { transaction });
    await ctx.audit.record({ action: 'sessions.emargement', ...auditOnJeune(staffActor(caller), session, jeuneId, { presence, evenementId }) }, transaction);
  }
  await endSession(sequelize, id, 'CLOTUREE', { by: caller.user.id, at: now }, { transaction });
  await ctx.audit.record({ action: 'sessions.cloture', ...auditSession(caller, session, { presences: emargement.presences.length }) }, transaction);
  return detailOf(ctx, id, transaction);
};
