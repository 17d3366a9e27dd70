import { type Request, Router } from 'express';
import {
  CAPABILITIES,
  createUserSchema,
  type CreateUserDto,
  publishCguSchema,
  type PublishCguDto,
  type UpdateUserDto,
  updateUserSchema,
  type UserIdParams,
  userIdParamsSchema,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { currentUser, requireCapability } from '../../platform/guards';
import { missionLocaleScope } from '../../platform/tenancy';
import { validated, validateBody, validateParams } from '../../platform/validate';
import { AdminRepository } from './admin.repository';
import { type AdminCaller, createUser, listMissionsLocales, listUsers, publishCgu, resetAccessCode, updateUser } from './admin.service';

const callerOf = (req: Request): AdminCaller => ({
  user: currentUser(req),
  scope: missionLocaleScope(req),
  origin: requestOrigin(req),
});

/** The admin portal: accounts of the caller's Missions Locales, access codes and CGU versions. */
export const adminRouter = (ctx: AppContext): Router => {
  const deps = { ctx, repository: new AdminRepository(ctx.db.sequelize) };
  const manageUsers = requireCapability(CAPABILITIES.usersManage);
  const router = Router();

  router.get('/admin/users', manageUsers, async (req, res) => {
    res.json(await listUsers(deps, callerOf(req)));
  });

  router.get('/admin/missions-locales', manageUsers, async (req, res) => {
    res.json(await listMissionsLocales(deps, callerOf(req)));
  });

  router.post('/admin/users', manageUsers, validateBody(createUserSchema), async (req, res) => {
    res.status(201).json(await createUser(deps, callerOf(req), req.body as CreateUserDto));
  });

  router.patch('/admin/users/:id', manageUsers, validateParams(userIdParamsSchema), validateBody(updateUserSchema), async (req, res) => {
    const { id } = validated<UserIdParams>(req, 'params');
    res.json(await updateUser(deps, callerOf(req), id, req.body as UpdateUserDto));
  });

  router.post('/admin/users/:id/access-code', manageUsers, validateParams(userIdParamsSchema), async (req, res) => {
    const { id } = validated<UserIdParams>(req, 'params');
    res.status(201).json(await resetAccessCode(deps, callerOf(req), id));
  });

  router.post('/admin/cgu', requireCapability(CAPABILITIES.cguPublish), validateBody(publishCguSchema), async (req, res) => {
    res.status(201).json(await publishCgu(deps, callerOf(req), req.body as PublishCguDto));
  });

  return router;
};
