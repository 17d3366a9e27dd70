import { randomUUID } from 'node:crypto';
import {
  type AccessCodeIssuedDto,
  type AdminMissionLocaleDto,
  type AdminUserDto,
  type CguDto,
  type CreatedUserDto,
  type CreateUserDto,
  judgeAccountManagement,
  judgeRolesGranted,
  judgeUserUpdate,
  type PublishCguDto,
  type UpdateUserDto,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, type RequestOrigin } from '../../platform/audit';
import { conflict, fromDomainError, invalidField, notFound } from '../../platform/errors';
import { destroySessionsOf } from '../../platform/session';
import type { SessionUser } from '../../platform/session-user';
import { issueAccessCode } from '../auth/access-code.service';
import type { AdminRepository, AdminUser, NewUser, UserChanges } from './admin.repository';

/** Who is acting: the signed-in administrator, the Missions Locales they may touch and where the request came from. */
export interface AdminCaller {
  readonly user: SessionUser;
  /** `null`: every Mission Locale (national administrator). */
  readonly scope: readonly string[] | null;
  readonly origin: RequestOrigin;
}

/** What the administration use cases need. */
export interface AdminDeps {
  readonly ctx: AppContext;
  readonly repository: AdminRepository;
}

const USER_NOT_FOUND = "Cet utilisateur n'existe pas.";

// Names sort the French way (accents, case) whatever the database collation.
const byName = new Intl.Collator('fr', { sensitivity: 'base' });

const toAdminUserDto = (user: AdminUser): AdminUserDto => ({
  id: user.id,
  login: user.login,
  prenom: user.prenom,
  nom: user.nom,
  email: user.email,
  roles: [...user.roles],
  biProfils: [...user.biProfils],
  active: user.active,
  activated: user.activated,
  missionLocale: { ...user.missionLocale },
  lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
});

// An act on an account is filed under that account's Mission Locale, so that its audit log shows it.
const auditOnAccount = (caller: AdminCaller, user: { id: string; missionLocaleId: string }) => ({
  outcome: 'success' as const,
  ...actedBy(caller.user, caller.origin),
  missionLocaleId: user.missionLocaleId,
  targetType: 'utilisateur',
  targetId: user.id,
});

/** The staff accounts of the caller's Missions Locales, by nom then prénom. */
export const listUsers = async ({ repository }: AdminDeps, caller: AdminCaller): Promise<AdminUserDto[]> => {
  const users = await repository.listUsers(caller.scope);
  return users
    .sort((a, b) => byName.compare(a.nom, b.nom) || byName.compare(a.prenom, b.prenom) || a.login.localeCompare(b.login))
    .map(toAdminUserDto);
};

/** The caller's Missions Locales and their sites, for the user form. */
export const listMissionsLocales = async ({ repository }: AdminDeps, caller: AdminCaller): Promise<AdminMissionLocaleDto[]> => {
  const missionsLocales = await repository.listMissionsLocales(caller.scope);
  return missionsLocales.map((ml) => ({ id: ml.id, nom: ml.nom, sites: ml.sites.map((site) => ({ ...site })) }));
};

/**
 * Creates a staff account in one of the caller's Missions Locales and issues its first access code in the same
 * transaction: the code is shown once, and no account exists without one.
 */
export const createUser = async ({ ctx, repository }: AdminDeps, caller: AdminCaller, dto: CreateUserDto): Promise<CreatedUserDto> => {
  const grant = judgeRolesGranted(caller.user.roles, dto.roles);
  if (!grant.ok) {
    throw fromDomainError(grant.error, 'roles');
  }
  return ctx.db.sequelize.transaction(async (transaction) => {
    const missionLocale = await repository.findMissionLocale(dto.missionLocaleId, caller.scope, transaction);
    if (!missionLocale) {
      throw notFound("Cette Mission Locale n'existe pas.");
    }
    if (dto.siteId !== undefined && !missionLocale.sites.some((site) => site.id === dto.siteId)) {
      throw invalidField('siteId', "Ce site n'appartient pas à cette Mission Locale.");
    }
    const newUser: NewUser = {
      id: randomUUID(),
      login: dto.login,
      prenom: dto.prenom,
      nom: dto.nom,
      email: dto.email ?? null,
      roles: dto.roles,
      biProfils: dto.biProfils,
      missionLocaleId: missionLocale.id,
      siteId: dto.siteId ?? null,
    };
    if (!(await repository.insertUser(newUser, ctx.clock.now(), transaction))) {
      throw conflict('Cet identifiant est déjà utilisé.');
    }
    const accessCode = await issueAccessCode(ctx, newUser.id, caller.user.id, transaction);
    await ctx.audit.record(
      {
        action: 'admin.user.create',
        ...auditOnAccount(caller, { id: newUser.id, missionLocaleId: missionLocale.id }),
        details: { roles: dto.roles },
      },
      transaction,
    );
    const user = toAdminUserDto({
      ...newUser,
      active: true,
      activated: false,
      missionLocale: { id: missionLocale.id, nom: missionLocale.nom },
      lastLoginAt: null,
    });
    return { user, accessCode };
  });
};

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((value) => b.includes(value));

/** The fields the update really changes, with their new values: names and roles only, no personal data. */
const changesOf = (user: AdminUser, update: UpdateUserDto): UserChanges => ({
  ...(update.roles && !sameSet(update.roles, user.roles) ? { roles: update.roles } : {}),
  ...(update.biProfils && !sameSet(update.biProfils, user.biProfils) ? { biProfils: update.biProfils } : {}),
  ...(update.active !== undefined && update.active !== user.active ? { active: update.active } : {}),
});

/**
 * Changes an account's roles, BI profiles or activity. Deactivation also ends the user's open sessions, so that
 * a departed colleague is out at once rather than at their next request.
 */
export const updateUser = async (
  { ctx, repository }: AdminDeps,
  caller: AdminCaller,
  id: string,
  update: UpdateUserDto,
): Promise<AdminUserDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const user = await repository.findUser(id, caller.scope, transaction);
    if (!user) {
      throw notFound(USER_NOT_FOUND);
    }
    const decision = judgeUserUpdate(caller.user, user, update);
    if (!decision.ok) {
      throw fromDomainError(decision.error, 'roles');
    }
    const changes = changesOf(user, update);
    await repository.updateUser(id, changes, ctx.clock.now(), transaction);
    if (update.active === false) {
      // Inside the transaction: if the sessions cannot be ended, the account stays as it was.
      await destroySessionsOf(ctx.db.pool, id);
    }
    await ctx.audit.record(
      {
        action: 'admin.user.update',
        ...auditOnAccount(caller, { id, missionLocaleId: user.missionLocale.id }),
        details: { changed: Object.keys(changes), ...changes },
      },
      transaction,
    );
    return toAdminUserDto({ ...user, ...changes });
  });

/**
 * Issues a new access code (the previous one is revoked). The password stays valid until the user activates
 * the new code, so a reset never locks out someone who still knows theirs.
 */
export const resetAccessCode = async (
  { ctx, repository }: AdminDeps,
  caller: AdminCaller,
  id: string,
): Promise<AccessCodeIssuedDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const user = await repository.findUser(id, caller.scope, transaction);
    if (!user) {
      throw notFound(USER_NOT_FOUND);
    }
    const decision = judgeAccountManagement(caller.user, user);
    if (!decision.ok) {
      throw fromDomainError(decision.error);
    }
    const accessCode = await issueAccessCode(ctx, id, caller.user.id, transaction);
    await ctx.audit.record(
      { action: 'admin.user.access-code', ...auditOnAccount(caller, { id, missionLocaleId: user.missionLocale.id }) },
      transaction,
    );
    return accessCode;
  });

/**
 * Publishes the next CGU version for an audience. Nothing else is needed for everyone of that audience to accept
 * it again: a session user must accept whenever their last acceptance is not of the latest version.
 */
export const publishCgu = async ({ ctx, repository }: AdminDeps, caller: AdminCaller, dto: PublishCguDto): Promise<CguDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const cgu = await repository.publishCgu(
      { id: randomUUID(), audience: dto.audience, texte: dto.texte, publishedBy: caller.user.id, at: ctx.clock.now() },
      transaction,
    );
    await ctx.audit.record(
      {
        action: 'admin.cgu.publish',
        outcome: 'success',
        ...actedBy(caller.user, caller.origin),
        targetType: 'cgu_version',
        targetId: cgu.id,
        details: { audience: cgu.audience, version: cgu.version },
      },
      transaction,
    );
    return { version: cgu.version, audience: cgu.audience, texte: cgu.texte, publishedAt: cgu.publishedAt.toISOString(), acceptedAt: null };
  });
