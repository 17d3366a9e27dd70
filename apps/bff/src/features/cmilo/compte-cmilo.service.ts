import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import {
  accessCodeExpiresAt,
  type CanalCodeCmilo,
  CODES_CMILO_PAR_HEURE,
  type CompteCmiloDto,
  type EnvoiCodeCmilo,
  type EnvoiCodeCmiloResultDto,
  firstFreeIdentifiant,
  formatRdvDate,
  identifiantCmiloBase,
  masquerEmail,
  masquerTelephone,
  smsActivation,
  smsBudgetState,
  smsSegments,
  toGsm7,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { conflict, invalidField, notFound } from '../../platform/errors';
import { issueAccessCode } from '../auth/access-code.service';
import { auditOnJeune, JEUNE_NOT_FOUND, openJeune, type OpenedJeune, type SuiviCaller } from '../evenements/suivi-access';
import { MOTIFS_ENVOI, monthBounds, smsSegmentsBilled, toE164 } from '../notifications/dispatcher';
import { activationMail } from '../notifications/mail-templates';
import {
  countCodesSince,
  type DossierCompte,
  findDernierCodeEnvoye,
  findDossierCompte,
  insertCompte,
  recordEnvoiActivation,
  takenIdentifiants,
} from './compte-cmilo.repository';

// A jeune's C-Milo account, created by the conseiller or the accueil from the dossier (#5): the account has no
// password until the jeune types the activation code they received (by SMS or e-mail) on /activation, exactly as a
// staff member does with the code their référent hands over. The code goes to the jeune only: it is in no answer,
// table (but its hash), log or audit row.

const HOUR_MS = 3_600_000;
// Two jeunes of the same name creating their accounts at once both find `prenom.nom` free; the second retries.
const IDENTIFIANT_ATTEMPTS = 5;

const CANAL_ENVOI = { SMS: 'sms', EMAIL: 'email' } as const satisfies Record<CanalCodeCmilo, 'sms' | 'email'>;
const CANAL_CODE = { sms: 'SMS', email: 'EMAIL' } as const satisfies Record<'sms' | 'email', CanalCodeCmilo>;

const MESSAGES = {
  archive: 'Le dossier est archivé : rouvrez-le avant de créer un compte C-Milo.',
  dejaActive: 'Le compte C-Milo est déjà activé.',
  desactive: 'Le compte C-Milo de ce jeune est désactivé : voyez avec l’administrateur de la Mission Locale.',
  sansTelephone: "Le dossier n'a pas de numéro de téléphone : ajoutez-le, ou envoyez le code par e-mail.",
  sansEmail: "Le dossier n'a pas d'adresse e-mail : ajoutez-la, ou envoyez le code par SMS.",
  tropDeCodes: `${CODES_CMILO_PAR_HEURE} codes ont déjà été envoyés à ce jeune dans l’heure : attendez avant d’en renvoyer un.`,
  identifiantIndisponible: 'Aucun identifiant libre n’a pu être attribué : réessayez.',
} as const;

/** Where a code can go, masked, per channel (null: the dossier has no such coordinate). */
const destinataireMasque = (dossier: DossierCompte, canal: CanalCodeCmilo): string | null => {
  if (canal === 'SMS') {
    return dossier.telephone === null ? null : masquerTelephone(dossier.telephone);
  }
  return dossier.email === null ? null : masquerEmail(dossier.email);
};

const stateOf = async (ctx: AppContext, jeuneId: string, dossier: DossierCompte, transaction?: Transaction): Promise<CompteCmiloDto> => {
  const compte = dossier.compte;
  // Once the password is chosen, the codes sent before are history.
  const dernier = compte && !compte.active ? await findDernierCodeEnvoye(ctx.db.sequelize, jeuneId, transaction) : null;
  return {
    existe: compte !== null,
    identifiant: compte?.login ?? null,
    active: compte?.active ?? false,
    activeLe: compte?.activeLe?.toISOString() ?? null,
    dernierCode: dernier && {
      envoyeLe: dernier.envoyeLe.toISOString(),
      canal: CANAL_CODE[dernier.canal],
      destinataireMasque: destinataireMasque(dossier, CANAL_CODE[dernier.canal]),
      expireLe: accessCodeExpiresAt(dernier.envoyeLe).toISOString(),
    },
    joignable: { sms: dossier.telephone !== null, email: dossier.email !== null },
  };
};

const dossierOf = async (ctx: AppContext, jeuneId: string, transaction?: Transaction): Promise<DossierCompte> => {
  const dossier = await findDossierCompte(ctx.db.sequelize, jeuneId, transaction);
  if (dossier === null) {
    // openJeune found it a moment ago: only a concurrent deletion gets here.
    throw notFound(JEUNE_NOT_FOUND);
  }
  return dossier;
};

/** The state of the jeune's C-Milo account (audited as a read of the dossier). */
export const readCompteCmilo = async (ctx: AppContext, caller: SuiviCaller, jeuneId: string): Promise<CompteCmiloDto> => {
  const opened = await openJeune(ctx, caller, jeuneId);
  const state = await stateOf(ctx, jeuneId, await dossierOf(ctx, jeuneId));
  await ctx.audit.record({ action: 'cmilo.compte.read', ...auditOnJeune(caller, opened, {}) });
  return state;
};

/** Creates the account, with the first identifiant free for the jeune's name; answers its id and identifiant. */
const createCompte = async (ctx: AppContext, opened: OpenedJeune, dossier: DossierCompte, transaction: Transaction) => {
  const base = identifiantCmiloBase(dossier.prenoms, dossier.nom);
  const prenom = dossier.prenoms.trim().split(/\s+/)[0] ?? dossier.prenoms;
  for (let attempt = 0; attempt < IDENTIFIANT_ATTEMPTS; attempt += 1) {
    const login = firstFreeIdentifiant(base, await takenIdentifiants(ctx.db.sequelize, base, transaction));
    const compte = { id: randomUUID(), login, prenom, nom: dossier.nom, jeuneId: opened.jeune.id, missionLocaleId: opened.jeune.missionLocaleId };
    if (await insertCompte(ctx.db.sequelize, compte, ctx.clock.now(), transaction)) {
      return compte;
    }
  }
  throw conflict(MESSAGES.identifiantIndisponible);
};

/** What became of one sending; `segments` and `reference` for a sent SMS. */
type Delivery =
  | { readonly ok: true; readonly segments: number | null; readonly reference: string }
  | { readonly ok: false; readonly motif: string };

// Thrown inside the savepoint so that an undelivered code is rolled back: the previous code, if any, keeps working.
class NotDelivered extends Error {
  constructor(readonly motif: string) {
    super('activation code not delivered');
  }
}

interface Recipient {
  readonly login: string;
  readonly userId: string;
}

/** Sends the code by SMS if the Mission Locale's monthly budget allows it (serialised like the dispatcher's SMS). */
const deliverBySms = async (
  ctx: AppContext,
  opened: OpenedJeune,
  dossier: DossierCompte,
  text: string,
  transaction: Transaction,
): Promise<Delivery> => {
  const missionLocaleId = opened.jeune.missionLocaleId;
  const segments = smsSegments(text).segments;
  await ctx.db.sequelize.query("SELECT pg_advisory_xact_lock(hashtextextended('sms-budget:' || $ml, 0))", { transaction, bind: { ml: missionLocaleId } });
  const used = await smsSegmentsBilled(ctx.db.sequelize, missionLocaleId, monthBounds(ctx.clock.now(), opened.jeune.timezone), transaction);
  if (smsBudgetState({ sentThisMonth: used, segmentsToSend: segments, monthlyBudget: dossier.smsBudgetMensuel }).level === 'stopped') {
    return { ok: false, motif: MOTIFS_ENVOI.budgetAtteint };
  }
  const result = await ctx.channels.sms.send({ missionLocaleId, to: toE164(dossier.telephone ?? ''), text });
  return result.ok ? { ok: true, segments, reference: result.providerRef } : { ok: false, motif: `Fournisseur SMS : ${result.reason}` };
};

/**
 * Issues a new code (revoking the previous one) and sends it at once with the identifiant, inside a savepoint: a code
 * that did not leave is rolled back with its issue, so the previous one stays valid and nobody holds a live code
 * nobody knows.
 */
const issueAndSend = async (
  ctx: AppContext,
  caller: SuiviCaller,
  opened: OpenedJeune,
  dossier: DossierCompte,
  recipient: Recipient,
  canal: CanalCodeCmilo,
  transaction: Transaction,
): Promise<Delivery> => {
  const lien = `${ctx.config.publicUrl}/activation`;
  try {
    return await ctx.db.sequelize.transaction({ transaction }, async (savepoint) => {
      const { code, expiresAt } = await issueAccessCode(ctx, recipient.userId, caller.user.id, savepoint);
      const delivery: Delivery =
        canal === 'SMS'
          ? await deliverBySms(
              ctx,
              opened,
              dossier,
              toGsm7(smsActivation({ missionLocale: dossier.missionLocaleNom, identifiant: recipient.login, code, lien })).text,
              savepoint,
            )
          : await deliverByMail(ctx, opened, dossier, recipient, { code, expiresAt, lien });
      if (!delivery.ok) {
        throw new NotDelivered(delivery.motif);
      }
      return delivery;
    });
  } catch (error) {
    // The savepoint is rolled back by now; the failure is the answer, recorded in the delivery log by the caller.
    if (error instanceof NotDelivered) {
      return { ok: false, motif: error.motif };
    }
    throw error;
  }
};

const deliverByMail = async (
  ctx: AppContext,
  opened: OpenedJeune,
  dossier: DossierCompte,
  recipient: Recipient,
  code: { readonly code: string; readonly expiresAt: string; readonly lien: string },
): Promise<Delivery> => {
  const content = activationMail({
    prenom: dossier.prenoms.trim().split(/\s+/)[0] ?? '',
    identifiant: recipient.login,
    code: code.code,
    lien: code.lien,
    missionLocale: dossier.missionLocaleNom,
    expire: `le ${formatRdvDate(code.expiresAt, opened.jeune.timezone)}`,
  });
  const result = await ctx.channels.mail.send({ to: dossier.email ?? '', ...content });
  return result.ok ? { ok: true, segments: null, reference: result.messageId } : { ok: false, motif: `Messagerie : ${result.reason}` };
};

/** Refuses what may not be sent: an archived dossier, an account already activated or closed, a missing coordinate. */
const judgeSending = (dossier: DossierCompte, canal: CanalCodeCmilo): void => {
  if (dossier.archive) {
    throw conflict(MESSAGES.archive);
  }
  if (dossier.compte?.active) {
    // A forgotten password is another flow: a code would let whoever holds the phone replace the jeune's password.
    throw conflict(MESSAGES.dejaActive);
  }
  if (dossier.compte && !dossier.compte.ouvert) {
    throw conflict(MESSAGES.desactive);
  }
  if (destinataireMasque(dossier, canal) === null) {
    throw invalidField('canal', canal === 'SMS' ? MESSAGES.sansTelephone : MESSAGES.sansEmail);
  }
};

/**
 * Creates the jeune's C-Milo account if there is none, then issues a new activation code and sends it through the
 * chosen channel with the identifiant. At most CODES_CMILO_PAR_HEURE tries per dossier and hour (each SMS is billed,
 * and a phone must not be flooded). The dossier row is locked: two clicks never create two accounts.
 */
export const sendCodeCmilo = async (
  ctx: AppContext,
  caller: SuiviCaller,
  jeuneId: string,
  dto: EnvoiCodeCmilo,
  transaction: Transaction,
): Promise<EnvoiCodeCmiloResultDto> => {
  const opened = await openJeune(ctx, caller, jeuneId, transaction, true);
  const dossier = await dossierOf(ctx, jeuneId, transaction);
  judgeSending(dossier, dto.canal);
  const now = ctx.clock.now();
  if ((await countCodesSince(ctx.db.sequelize, jeuneId, new Date(now.getTime() - HOUR_MS), transaction)) >= CODES_CMILO_PAR_HEURE) {
    throw conflict(MESSAGES.tropDeCodes);
  }
  const created = dossier.compte === null ? await createCompte(ctx, opened, dossier, transaction) : null;
  const recipient: Recipient = created ? { login: created.login, userId: created.id } : { login: dossier.compte!.login, userId: dossier.compte!.id };
  const delivery = await issueAndSend(ctx, caller, opened, dossier, recipient, dto.canal, transaction);
  const statut = delivery.ok ? 'ENVOYE' : 'ECHEC';
  const motif = delivery.ok ? null : delivery.motif;
  await recordEnvoiActivation(
    ctx.db.sequelize,
    {
      jeuneId,
      missionLocaleId: opened.jeune.missionLocaleId,
      canal: CANAL_ENVOI[dto.canal],
      statut,
      motif,
      segments: delivery.ok ? delivery.segments : null,
      reference: delivery.ok ? delivery.reference : null,
      at: now,
    },
    transaction,
  );
  await ctx.audit.record(
    { action: 'cmilo.compte.code', ...auditOnJeune(caller, opened, { canal: dto.canal, statut, creation: created !== null, utilisateurId: recipient.userId }) },
    transaction,
  );
  const state = await stateOf(ctx, jeuneId, await dossierOf(ctx, jeuneId, transaction), transaction);
  return { ...state, envoi: { canal: dto.canal, statut, motif } };
};
