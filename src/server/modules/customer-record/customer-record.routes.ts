import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  accountSituationExportQuerySchema,
  accountSituationQuerySchema,
  accountSituationSchema,
  consolidatedQuerySchema,
  consolidatedSchema,
  contactPatchSchema,
  contactRestoreSchema,
  customerIdParamsSchema,
  customerRecordSchema,
} from '../../../contracts/customer-record';
import type { AppDeps } from '../../app-deps';
import { sendTableExport } from '../../documents/send-table-export';
import { authOf, requireUser } from '../auth/auth.guard';
import { invoiceDocumentsRoutes } from '../invoice-documents/invoice-documents.routes';
import { exportAccountSituation, getAccountSituation } from './account-situation.service';
import { getConsolidated } from './consolidated.service';
import { getCustomerRecord, restoreCustomerContact, updateCustomerContact } from './customer-record.service';
import { statementRoutes } from './statement.routes';

/** The customer record (VIS-6, IMP-8), its account situation (VIS-7, VIS-12) and the consolidated view (VIS-8). */
export async function customerRecordRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // COL-5: viewers read; users and admins change contact data.
  const canAct = requireUser(deps, ['admin', 'user']);

  r.get(
    '/api/customers/:id',
    {
      preHandler: requireUser(deps),
      schema: { params: customerIdParamsSchema, response: { 200: customerRecordSchema } },
    },
    (request) => getCustomerRecord(deps.database, authOf(request), request.params.id, deps.clock.today()),
  );

  r.get(
    '/api/customers/:id/entries',
    {
      preHandler: requireUser(deps),
      schema: {
        params: customerIdParamsSchema,
        querystring: accountSituationQuerySchema,
        response: { 200: accountSituationSchema },
      },
    },
    (request) =>
      getAccountSituation(
        deps.database,
        authOf(request),
        request.params.id,
        request.query,
        deps.clock.today(),
      ),
  );

  r.get(
    '/api/customers/:id/entries/export',
    {
      preHandler: requireUser(deps),
      schema: { params: customerIdParamsSchema, querystring: accountSituationExportQuerySchema },
    },
    async (request, reply) => {
      const table = await exportAccountSituation(
        deps.database,
        authOf(request),
        request.params.id,
        request.query,
        deps.clock.today(),
      );
      return sendTableExport(reply, table);
    },
  );

  r.patch(
    '/api/customers/:id/contact',
    {
      preHandler: canAct,
      schema: {
        params: customerIdParamsSchema,
        body: contactPatchSchema,
        response: { 200: customerRecordSchema },
      },
    },
    (request) =>
      updateCustomerContact(
        deps.database,
        authOf(request),
        request.params.id,
        request.body,
        deps.clock.today(),
      ),
  );

  r.post(
    '/api/customers/:id/contact/restore',
    {
      preHandler: canAct,
      schema: {
        params: customerIdParamsSchema,
        body: contactRestoreSchema,
        response: { 200: customerRecordSchema },
      },
    },
    (request) =>
      restoreCustomerContact(
        deps.database,
        authOf(request),
        request.params.id,
        request.body.fields,
        deps.clock.today(),
      ),
  );

  r.get(
    '/api/consolidated',
    {
      preHandler: requireUser(deps),
      schema: { querystring: consolidatedQuerySchema, response: { 200: consolidatedSchema } },
    },
    (request) => getConsolidated(deps.database, authOf(request), request.query, deps.clock.today()),
  );

  await statementRoutes(app, deps);
  // Invoice PDFs are read from the account situation: their routes live beside it.
  await invoiceDocumentsRoutes(app, deps);
}
