import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityDetailSchema,
  activityListQuerySchema,
  activityListSchema,
} from '../../../contracts/activities';
import type { AppDeps } from '../../app-deps';
import { notFound } from '../../errors/app-error';
import { authOf, requireUser } from '../auth/auth.guard';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { findActivities, findActivity, findActivityDocument } from './activities.queries';

const idParams = z.object({ id: z.uuid() });

/**
 * The Activities page (DUN-14, DUN-11): every reminder and manual contact of the organization,
 * with who acted, channel, status and the archived content, within the caller's portfolio (COL-5).
 */
export async function activitiesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/activities',
    {
      preHandler: requireUser(deps),
      schema: { querystring: activityListQuerySchema, response: { 200: activityListSchema } },
    },
    async (request) => {
      const auth = authOf(request);
      const query = request.query;
      if (query.companyId) await getCompanyOrThrow(deps.database.db, auth.orgId, query.companyId);
      const found = await findActivities(deps.database.db, auth, query);
      return { ...found, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/activities/:id',
    {
      preHandler: requireUser(deps),
      schema: { params: idParams, response: { 200: activityDetailSchema } },
    },
    async (request) => {
      const activity = await findActivity(deps.database.db, authOf(request), request.params.id);
      if (!activity) throw notFound('activity');
      return activity;
    },
  );

  r.get(
    '/api/activities/:id/document.pdf',
    { preHandler: requireUser(deps), schema: { params: idParams } },
    async (request, reply) => {
      const pdf = await findActivityDocument(deps.database.db, authOf(request), request.params.id);
      if (!pdf) throw notFound('document');
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="letter-${request.params.id.slice(0, 8)}.pdf"`)
        .send(pdf);
    },
  );
}
