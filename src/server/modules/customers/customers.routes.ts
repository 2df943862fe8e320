import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  customerExportQuerySchema,
  customerListQuerySchema,
  customerListSchema,
} from '../../../contracts/customers';
import type { AppDeps } from '../../app-deps';
import { sendTableExport } from '../../documents/send-table-export';
import { authOf, requireUser } from '../auth/auth.guard';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { findCustomers, streamCustomers } from './customers.queries';
import { refreshStaleSummaries } from './customers.service';
import { whoOwesWhatTable } from './customers-export';

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
      await refreshStaleSummaries(deps.database, auth.orgId, today);
      const { agingBounds } = await getOrganizationSettings(deps.database.db, auth.orgId);
      const page = await findCustomers(deps.database.db, auth, query, agingBounds.length + 2, today);
      return { ...page, page: query.page, pageSize: query.pageSize, asOf: today, agingBounds };
    },
  );

  r.get(
    '/api/customers/export',
    { preHandler: requireUser(deps), schema: { querystring: customerExportQuerySchema } },
    async (request, reply) => {
      const auth = authOf(request);
      const query = request.query;
      if (query.companyId) await getCompanyOrThrow(deps.database.db, auth.orgId, query.companyId);
      const today = deps.clock.today();
      await refreshStaleSummaries(deps.database, auth.orgId, today);
      const { agingBounds } = await getOrganizationSettings(deps.database.db, auth.orgId);
      const rows = streamCustomers(deps.database.db, auth, query, agingBounds.length + 2);
      return sendTableExport(
        reply,
        whoOwesWhatTable(rows, { query, locale: auth.locale, agingBounds, today }),
      );
    },
  );
}
