import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dashboardQuerySchema, dashboardSchema } from '../../../contracts/dashboard';
import type { AppDeps } from '../../app-deps';
import { authOf, requireUser } from '../auth/auth.guard';
import { getDashboard } from './dashboard.service';

export async function dashboardRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/dashboard',
    {
      preHandler: requireUser(deps),
      schema: { querystring: dashboardQuerySchema, response: { 200: dashboardSchema } },
    },
    async (request) =>
      getDashboard(deps.database, authOf(request), {
        companyId: request.query.companyId,
        today: deps.clock.today(),
      }),
  );
}
