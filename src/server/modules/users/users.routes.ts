import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  invitationResultSchema,
  inviteUserBodySchema,
  portfolioOptionsSchema,
  updateUserBodySchema,
  userIdParamsSchema,
  userListSchema,
  userResultSchema,
} from '../../../contracts/users';
import type { AppDeps } from '../../app-deps';
import { authOf, requireUser } from '../auth/auth.guard';
import { accountLinkRoutes } from './account-links.routes';
import { outboxRoutes } from './outbox.routes';
import { findPortfolioOptions, findUsers } from './users.queries';
import { inviteUser, resendInvitation, setUserDisabled, updateUser } from './users.service';

/** COL-5 / ACC-1: admins manage the organization's users; the emailed links are public. */
export async function usersRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const adminOnly = requireUser(deps, ['admin']);

  r.get(
    '/api/users',
    { preHandler: adminOnly, schema: { response: { 200: userListSchema } } },
    async (request) => ({ items: await findUsers(deps.database.db, authOf(request).orgId) }),
  );

  r.get(
    '/api/users/portfolio-options',
    { preHandler: adminOnly, schema: { response: { 200: portfolioOptionsSchema } } },
    async (request) => findPortfolioOptions(deps.database.db, authOf(request).orgId),
  );

  r.post(
    '/api/users',
    {
      preHandler: adminOnly,
      schema: { body: inviteUserBodySchema, response: { 201: invitationResultSchema } },
    },
    async (request, reply) => {
      const result = await inviteUser(deps, authOf(request), request.body);
      return reply.code(201).send(result);
    },
  );

  r.post(
    '/api/users/:id/invitation',
    {
      preHandler: adminOnly,
      schema: { params: userIdParamsSchema, response: { 200: invitationResultSchema } },
    },
    async (request) => resendInvitation(deps, authOf(request), request.params.id),
  );

  r.patch(
    '/api/users/:id',
    {
      preHandler: adminOnly,
      schema: { params: userIdParamsSchema, body: updateUserBodySchema, response: { 200: userResultSchema } },
    },
    async (request) => ({ user: await updateUser(deps, authOf(request), request.params.id, request.body) }),
  );

  for (const [action, isDisabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(
      `/api/users/:id/${action}`,
      {
        preHandler: adminOnly,
        schema: { params: userIdParamsSchema, response: { 200: userResultSchema } },
      },
      async (request) => ({
        user: await setUserDisabled(deps, authOf(request), request.params.id, isDisabled),
      }),
    );
  }

  await outboxRoutes(app, deps);
  await accountLinkRoutes(app, deps);
}
