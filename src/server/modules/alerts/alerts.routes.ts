import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { alertsQuerySchema, alertsSchema } from '../../../contracts/alerts';
import type { AppDeps } from '../../app-deps';
import { authOf, requireUser } from '../auth/auth.guard';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { computeAlerts } from './alerts.service';

/** Alerts (VIS-9): what needs attention, from today's data. */
export async function alertsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/alerts',
    {
      preHandler: requireUser(deps),
      schema: { querystring: alertsQuerySchema, response: { 200: alertsSchema } },
    },
    async (request) => {
      const auth = authOf(request);
      const { companyId } = request.query;
      const db = deps.database.db;
      if (companyId) await getCompanyOrThrow(db, auth.orgId, companyId);
      return computeAlerts(db, auth, { today: deps.clock.today(), now: deps.clock.now(), companyId });
    },
  );
}
