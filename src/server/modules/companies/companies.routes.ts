import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { companyListSchema, companySchema, createCompanyBodySchema } from '../../../contracts/companies';
import type { AppDeps } from '../../app-deps';
import { writeAudit } from '../audit/audit.queries';
import { authOf, requireUser } from '../auth/auth.guard';
import { createCompanyChecked, findCompanies, toCompanyDto } from './companies.queries';
import { letterheadRoutes } from './letterhead.routes';

export async function companiesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/companies',
    { preHandler: requireUser(deps), schema: { response: { 200: companyListSchema } } },
    async (request) => {
      const rows = await findCompanies(deps.database.db, authOf(request).orgId);
      return { companies: rows.map(toCompanyDto) };
    },
  );

  r.post(
    '/api/companies',
    {
      preHandler: requireUser(deps, ['admin']),
      schema: { body: createCompanyBodySchema, response: { 201: companySchema } },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const company = await deps.database.transaction(async (tx) => {
        const created = await createCompanyChecked(tx.db, auth.orgId, request.body);
        await writeAudit(tx.db, {
          orgId: auth.orgId,
          userId: auth.userId,
          action: 'company.create',
          target: created.id,
          details: { code: created.code },
        });
        return created;
      });
      return reply.code(201).send(toCompanyDto(company));
    },
  );

  await letterheadRoutes(app, deps);
}
