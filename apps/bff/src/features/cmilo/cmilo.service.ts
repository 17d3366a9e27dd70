import type { Transaction } from 'sequelize';
import {
  type ActionDto,
  type MeRendezVousDto,
  type MeRendezVousListDto,
  type MeSessionDto,
  type PreferencesNotification,
  type ReponseJeuneBody,
  TYPE_RENDEZ_VOUS_LABELS_JEUNE,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { onJeuneDossier, type RequestOrigin } from '../../platform/audit';
import { conflict, notFound } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';
import type { SignedTokens } from '../../platform/signed-token';
import { communeName } from '../dossiers/communes';
import { listActions } from '../evenements/actions.repository';
import { toActionDto } from '../evenements/actions.service';
import { findSession, listOpenSessions, type SessionRecord } from '../sessions/sessions.repository';
import { finOf, placesLibresOf, registerJeune, type RegistrationActor, SESSION_NOT_FOUND, unregisterJeune } from '../sessions/sessions.service';
import {
  findJeuneById,
  findJeuneOfAccount,
  findMeItem,
  type JeuneOfAccount,
  listMeItems,
  lockRendezVousOf,
  type MeItemRecord,
  readPreferences,
  savePreferences,
  saveReponse,
  useToken,
} from './cmilo.repository';

// C-Milo (#5): the jeune's own space. The jeune is the dossier linked to the signed-in account; everything is read
// and written for that dossier only (another jeune's rendez-vous: 404). Nothing internal to the staff leaves (the
// rendez-vous' commentaire, the session's). Audited with the jeune's account as actor, filed under their dossier.

/** Who acts in C-Milo: the signed-in account and where the request came from. */
export interface CmiloCaller {
  readonly user: Pick<SessionUser, 'id'>;
  readonly origin: RequestOrigin;
}

const RENDEZ_VOUS_NOT_FOUND = "Ce rendez-vous n'existe pas.";

/** What the signed token of a notification's "Je confirme" is for (`sub`: the jeune, `obj`: the rendez-vous). */
export const CONFIRMATION_TOKEN_PURPOSE = 'confirmation';

/**
 * The URL a notification's "Je confirme" action calls: a plain GET carrying a single-use token bound to the jeune
 * and the rendez-vous, which stops working when the rendez-vous starts.
 */
export const confirmationLink = (tokens: SignedTokens, rendezVous: { readonly id: string; readonly jeuneId: string; readonly debut: Date }): string =>
  `/api/v1/me/rendez-vous/${rendezVous.id}/confirmation?jeton=${encodeURIComponent(
    tokens.sign(CONFIRMATION_TOKEN_PURPOSE, rendezVous.jeuneId, rendezVous.id, rendezVous.debut),
  )}`;

/** The dossier of the signed-in jeune; 404 when the account is linked to none (or it was anonymised). */
const jeuneOf = async (ctx: AppContext, caller: CmiloCaller, transaction: Transaction, lock = false): Promise<JeuneOfAccount> => {
  const jeune = await findJeuneOfAccount(ctx.db.sequelize, caller.user.id, { transaction, lock });
  if (jeune === null) {
    throw notFound("Votre compte n'est relié à aucun dossier : contactez votre Mission Locale.");
  }
  return jeune;
};

/** The audit fields of an act of the jeune in C-Milo: their account, their dossier, their Mission Locale. */
const actorOf = (caller: CmiloCaller): RegistrationActor => ({ actorId: caller.user.id, ...caller.origin });

const auditOnSelf = (caller: CmiloCaller, jeune: JeuneOfAccount, details: Readonly<Record<string, unknown>>) =>
  onJeuneDossier(actorOf(caller), jeune, details);

/** Where it happens, as the jeune reads it: the site and its commune, or the address; nothing by phone or visio. */
const lieuOf = (place: { readonly siteNom: string | null; readonly siteCommuneInsee: string | null; readonly adresse: string | null }): string | null => {
  if (place.siteNom !== null) {
    const commune = place.siteCommuneInsee === null ? null : communeName(place.siteCommuneInsee);
    return commune === null ? place.siteNom : `${place.siteNom}, ${commune}`;
  }
  return place.adresse;
};

/** A map of the place: an OpenStreetMap search, which needs no key and sends nothing about the jeune. */
const carteUrlOf = (lieu: string | null): string | null =>
  lieu === null ? null : `https://www.openstreetmap.org/search?query=${encodeURIComponent(lieu)}`;

const toMeRendezVous = (item: MeItemRecord): MeRendezVousDto => {
  const lieu = item.modalite === 'PRESENTIEL_SITE' || item.modalite === 'AUTRE_LIEU' ? lieuOf(item) : null;
  return {
    id: item.id,
    kind: item.kind,
    libelle: item.type === null ? (item.offreLibelle ?? '') : TYPE_RENDEZ_VOUS_LABELS_JEUNE[item.type],
    objet: item.objet,
    modalite: item.modalite,
    debut: item.debut.toISOString(),
    fin: new Date(item.debut.getTime() + item.dureeMinutes * 60_000).toISOString(),
    lieu,
    carteUrl: carteUrlOf(lieu),
    aApporter: item.aApporter,
    conseiller: { ...item.conseiller },
    statut: item.statut,
    reponse: item.reponse,
    presence: item.presence,
    rangAttente: item.rangAttente,
  };
};

const PAST_MONTHS = 6;

/**
 * The jeune's rendez-vous and sessions: those not over yet, soonest first (cancelled ones too, with their status),
 * and those of the last six months, latest first. Audited.
 */
export const listMeRendezVous = async (ctx: AppContext, caller: CmiloCaller): Promise<MeRendezVousListDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const jeune = await jeuneOf(ctx, caller, transaction);
    const now = ctx.clock.now();
    const since = new Date(now.getTime());
    since.setUTCMonth(since.getUTCMonth() - PAST_MONTHS);
    const items = (await listMeItems(ctx.db.sequelize, jeune.id, since, { transaction })).map(toMeRendezVous);
    const aVenir = items.filter((item) => Date.parse(item.fin) > now.getTime());
    const passes = items.filter((item) => Date.parse(item.fin) <= now.getTime()).reverse();
    await ctx.audit.record({ action: 'cmilo.rendez-vous.list', ...auditOnSelf(caller, jeune, { aVenir: aVenir.length, passes: passes.length }) }, transaction);
    return { timezone: jeune.timezone, aVenir, passes };
  });

/**
 * Records the jeune's answer to a planned rendez-vous of theirs, before it starts: a confirmation (again: nothing
 * changes), or a cancellation with their reason. The conseiller is told. Answers the rendez-vous as the jeune sees it.
 */
const answer = async (
  ctx: AppContext,
  caller: CmiloCaller,
  jeune: JeuneOfAccount,
  rendezVousId: string,
  body: ReponseJeuneBody,
  transaction: Transaction,
): Promise<MeRendezVousDto> => {
  const { sequelize } = ctx.db;
  const rendezVous = await lockRendezVousOf(sequelize, jeune.id, rendezVousId, { transaction });
  if (rendezVous === null) {
    throw notFound(RENDEZ_VOUS_NOT_FOUND);
  }
  if (rendezVous.statut === 'ANNULE') {
    throw conflict('Ce rendez-vous est annulé.');
  }
  if (rendezVous.statut === 'CLOS') {
    throw conflict('Ce rendez-vous a eu lieu.');
  }
  const now = ctx.clock.now();
  if (now.getTime() >= rendezVous.debut.getTime()) {
    throw conflict('Ce rendez-vous a commencé : pour tout changement, appelez votre conseiller.');
  }
  if (!(body.reponse === 'CONFIRME' && rendezVous.reponse === 'CONFIRME')) {
    await saveReponse(
      sequelize,
      rendezVousId,
      { reponse: body.reponse, motif: body.reponse === 'ANNULE' ? body.motif : null },
      { by: jeune.utilisateurId, at: now },
      { transaction },
    );
    await ctx.notifier.rendezVousChanged(transaction, { kind: body.reponse === 'ANNULE' ? 'annulation-jeune' : 'confirmation-jeune', rendezVousId });
    // The reason stays out of the audit: the jeune may write anything there.
    await ctx.audit.record({ action: 'cmilo.rendez-vous.reponse', ...auditOnSelf(caller, jeune, { rendezVousId, reponse: body.reponse }) }, transaction);
  }
  return toMeRendezVous((await findMeItem(sequelize, jeune.id, { kind: 'rendez-vous', id: rendezVousId }, { transaction }))!);
};

/** The signed-in jeune answers one of their rendez-vous. */
export const answerRendezVous = async (
  ctx: AppContext,
  caller: CmiloCaller,
  rendezVousId: string,
  body: ReponseJeuneBody,
  transaction: Transaction,
): Promise<MeRendezVousDto> => answer(ctx, caller, await jeuneOf(ctx, caller, transaction, true), rendezVousId, body, transaction);

/**
 * The "Je confirme" of a notification, without a session: a genuine token of this rendez-vous, not expired (it
 * expires at the start), confirms once; a replay changes nothing (`false`). Anything else answers 404, the same for
 * every cause.
 */
export const confirmByToken = async (
  ctx: AppContext,
  jeton: string,
  rendezVousId: string,
  origin: RequestOrigin,
  transaction: Transaction,
): Promise<boolean> => {
  const now = ctx.clock.now();
  const claims = ctx.tokens.verify(jeton, CONFIRMATION_TOKEN_PURPOSE, now);
  const jeune = claims === null || claims.obj !== rendezVousId ? null : await findJeuneById(ctx.db.sequelize, claims.sub, { transaction });
  if (claims === null || jeune === null) {
    throw notFound("Ce lien n'est plus valable : ouvrez C-Milo pour répondre.");
  }
  if (!(await useToken(ctx.db.sequelize, claims.jti, { at: now, expiresAt: new Date(claims.exp * 1000) }, { transaction }))) {
    return false;
  }
  await answer(ctx, { user: { id: jeune.utilisateurId }, origin }, jeune, rendezVousId, { reponse: 'CONFIRME' }, transaction);
  return true;
};

/** The jeune's actions, but the cancelled ones: open ones first by échéance, then the done ones. Audited. */
export const listMeActions = async (ctx: AppContext, caller: CmiloCaller): Promise<ActionDto[]> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const jeune = await jeuneOf(ctx, caller, transaction);
    const actions = (await listActions(ctx.db.sequelize, jeune.id, { transaction })).filter((action) => action.statut !== 'ANNULEE');
    await ctx.audit.record({ action: 'cmilo.actions.list', ...auditOnSelf(caller, jeune, { actions: actions.length }) }, transaction);
    return actions.map(toActionDto);
  });

/** The jeune's consents per channel. Audited. */
export const readMePreferences = async (ctx: AppContext, caller: CmiloCaller): Promise<PreferencesNotification> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const jeune = await jeuneOf(ctx, caller, transaction);
    await ctx.audit.record({ action: 'cmilo.preferences.read', ...auditOnSelf(caller, jeune, {}) }, transaction);
    return readPreferences(ctx.db.sequelize, jeune.id, { transaction });
  });

/** Saves the jeune's consents per channel. Audited with the values (consents, not content). */
export const saveMePreferences = async (
  ctx: AppContext,
  caller: CmiloCaller,
  preferences: PreferencesNotification,
  transaction: Transaction,
): Promise<PreferencesNotification> => {
  const jeune = await jeuneOf(ctx, caller, transaction, true);
  await savePreferences(ctx.db.sequelize, jeune.id, preferences, { by: caller.user.id, at: ctx.clock.now() }, { transaction });
  await ctx.audit.record({ action: 'cmilo.preferences.update', ...auditOnSelf(caller, jeune, { ...preferences }) }, transaction);
  return readPreferences(ctx.db.sequelize, jeune.id, { transaction });
};

const toMeSession = (session: SessionRecord): MeSessionDto => {
  const lieu = lieuOf({ siteNom: session.site?.nom ?? null, siteCommuneInsee: session.site?.communeInsee ?? null, adresse: session.adresse }) ?? '';
  return {
    id: session.id,
    offre: { libelle: session.offre.libelle, type: session.offre.type },
    titre: session.titre,
    debut: session.debut.toISOString(),
    fin: finOf(session).toISOString(),
    dureeMinutes: session.dureeMinutes,
    lieu,
    carteUrl: carteUrlOf(lieu)!,
    animateur: { prenom: session.animateur.prenom, nom: session.animateur.nom },
    placesLibres: placesLibresOf(session),
    dateLimiteInscription: session.dateLimiteInscription,
    aApporter: session.aApporter,
  };
};

/** The sessions of the jeune's Mission Locale they may register to now, earliest first. Audited. */
export const listMeSessions = async (ctx: AppContext, caller: CmiloCaller): Promise<MeSessionDto[]> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const jeune = await jeuneOf(ctx, caller, transaction);
    const sessions = await listOpenSessions(ctx.db.sequelize, jeune.missionLocaleId, jeune.id, ctx.clock.now(), { transaction });
    await ctx.audit.record({ action: 'cmilo.sessions.list', ...auditOnSelf(caller, jeune, { sessions: sessions.length }) }, transaction);
    return sessions.map(toMeSession);
  });

/** A session of the jeune's Mission Locale open to their own registration, locked; 404 otherwise. */
const selfServiceSession = async (ctx: AppContext, jeune: JeuneOfAccount, sessionId: string, transaction: Transaction): Promise<SessionRecord> => {
  const session = await findSession(ctx.db.sequelize, sessionId, { scope: [jeune.missionLocaleId], transaction, lock: true });
  if (session === null || !session.visible || !session.autoinscription) {
    throw notFound(SESSION_NOT_FOUND);
  }
  return session;
};

/** The jeune registers to a session open to it (refused when full, after the deadline, or already on it). */
export const registerSelf = async (ctx: AppContext, caller: CmiloCaller, sessionId: string, transaction: Transaction): Promise<MeRendezVousDto> => {
  const jeune = await jeuneOf(ctx, caller, transaction);
  const session = await selfServiceSession(ctx, jeune, sessionId, transaction);
  await registerJeune(ctx, session, jeune.id, { mode: 'self', actor: actorOf(caller) }, transaction);
  return toMeRendezVous((await findMeItem(ctx.db.sequelize, jeune.id, { kind: 'session', id: sessionId }, { transaction }))!);
};

/** The jeune leaves a session of theirs before it starts; their seat goes to the waiting list. */
export const unregisterSelf = async (ctx: AppContext, caller: CmiloCaller, sessionId: string, transaction: Transaction): Promise<void> => {
  const jeune = await jeuneOf(ctx, caller, transaction);
  const session = await findSession(ctx.db.sequelize, sessionId, { scope: [jeune.missionLocaleId], transaction, lock: true });
  if (session === null) {
    throw notFound(SESSION_NOT_FOUND);
  }
  await unregisterJeune(ctx, session, jeune.id, { mode: 'self', actor: actorOf(caller) }, transaction);
};
