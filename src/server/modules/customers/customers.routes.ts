import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { customerListQuerySchema, customerListSchema } from '../../../contracts/customers';
import type { AppDeps } from '../../app-deps';
import { refreshOpenItems } from '../../import/open-items-refresh';
import { authOf, requireUser } from '../auth/auth.guard';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { findCustomers, findStaleCompanies } from './customers.queries';

export async function customersRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/customers',
    {
      preHandler: requireUser(deps),
      schema: { querystring: customerListQuerySchema, response: { 200: customerListSchema } },
    },
    async (request) => {
      const auth = authOf(request);
      const query = request.query;
      if (query.companyId) await getCompanyOrThrow(deps.database.db, auth.orgId, query.companyId);
      const today = deps.clock.today();
      // Overdue amounts move with the date: summaries computed for an earlier day are refreshed
      // first (the nightly job will usually have done it).
      for (const company of await findStaleCompanies(deps.database.db, auth.orgId, today)) {
        await deps.database.transaction((tx) =>
          refreshOpenItems(tx, {
            orgId: auth.orgId,
            companyId: company.id,
            today,
            defaultTerms: company.default_terms,
          }),
        );
      }
      const page = await findCustomers(deps.database.db, auth, query);
      return { ...page, page: query.page, pageSize: query.pageSize, asOf: today };
    },
  );
}
