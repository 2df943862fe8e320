import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerIdParamsSchema } from '../../../contracts/customer-record';
import type { AppDeps } from '../../app-deps';
import { PDF_LANGUAGES } from '../../documents/pdf-page';
import { STATEMENT_SCOPES } from '../../documents/statement-pdf';
import { authOf, requireUser } from '../auth/auth.guard';
import { renderCustomerStatement } from './statement.service';

export const statementQuerySchema = z.object({
  /** `open`: the open items (default); `all`: every entry with its lettering. */
  status: z.enum(STATEMENT_SCOPES).default('open'),
  /** The customer's language when absent. */
  language: z.enum(PDF_LANGUAGES).optional(),
});

/**
 * `GET /api/customers/:id/statement.pdf` (issue 5 point 5): every role reads it, as it reads the
 * account situation (COL-5); outside the organization or the caller's portfolio it is a 404.
 */
export async function statementRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/customers/:id/statement.pdf',
    {
      preHandler: requireUser(deps),
      schema: { params: customerIdParamsSchema, querystring: statementQuerySchema },
    },
    async (request, reply) => {
      const { pdf, fileName } = await renderCustomerStatement(
        deps.database,
        authOf(request),
        request.params.id,
        { scope: request.query.status, language: request.query.language },
        deps.clock.today(),
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .header('cache-control', 'private, no-cache')
        .send(pdf);
    },
  );
}
