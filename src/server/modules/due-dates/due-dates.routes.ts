import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  dueDateExportQuerySchema,
  dueDateListQuerySchema,
  dueDateListSchema,
} from '../../../contracts/due-dates';
import type { AppDeps } from '../../app-deps';
import { sendTableExport } from '../../documents/send-table-export';
import { authOf, requireUser } from '../auth/auth.guard';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { refreshStaleSummaries } from '../customers/customers.service';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { findDueDates, streamDueDates } from './due-dates.queries';
import { dueDatesTable } from './due-dates-export';

/** Due-date tracking (VIS-5): every open item of the organization, or of one company. */
export async function dueDatesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/due-dates',
    {
      preHandler: requireUser(deps),
      schema: { querystring: dueDateListQuerySchema, response: { 200: dueDateListSchema } },
    },
    async (request) => {
      const auth = authOf(request);
      const query = request.query;
      const db = deps.database.db;
      if (query.companyId) await getCompanyOrThrow(db, auth.orgId, query.companyId);
      const today = deps.clock.today();
      // The totals are today's snapshot's: bring it to today, as the other lists do.
      await refreshStaleSummaries(deps.database, auth.orgId, today);
      const settings = await getOrganizationSettings(db, auth.orgId);
      const page = await findDueDates(db, auth, query, today);
      return {
        ...page,
        page: query.page,
        pageSize: query.pageSize,
        asOf: today,
        agingBounds: settings.agingBounds,
      };
    },
  );

  r.get(
    '/api/due-dates/export',
    { preHandler: requireUser(deps), schema: { querystring: dueDateExportQuerySchema } },
    async (request, reply) => {
      const auth = authOf(request);
      const query = request.query;
      const db = deps.database.db;
      if (query.companyId) await getCompanyOrThrow(db, auth.orgId, query.companyId);
      const today = deps.clock.today();
      const rows = streamDueDates(db, auth, query, today);
      return sendTableExport(reply, dueDatesTable(rows, { query, locale: auth.locale, today }));
    },
  );
}
