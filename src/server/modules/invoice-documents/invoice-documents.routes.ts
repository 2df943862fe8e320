import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  companyIdParamsSchema,
  invoiceDocumentParamsSchema,
  invoiceUploadResultSchema,
  missingDocumentsExportQuerySchema,
  missingDocumentsQuerySchema,
  missingDocumentsSchema,
} from '../../../contracts/invoice-documents';
import type { AppDeps } from '../../app-deps';
import { sendTableExport } from '../../documents/send-table-export';
import { AppError, notFound } from '../../errors/app-error';
import { authOf, requireUser } from '../auth/auth.guard';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { getCustomerRecordRowOrThrow } from '../customer-record/customer-record.queries';
import {
  findItemsWithoutDocument,
  getPieceDocument,
  streamItemsWithoutDocument,
} from './invoice-documents.queries';
import { uploadInvoiceDocuments } from './invoice-documents.service';
import { missingDocumentsTable } from './invoice-documents-export';
import { INVOICE_ZIP_LIMIT_BYTES } from './invoice-documents-zip';
import { customerHasPiece } from './piece-links';

const ACTORS = ['admin', 'user'] as const;

/** Invoice documents (issue 5 point 4): bulk upload as a ZIP, what is missing (and its export), one download. */
export async function invoiceDocumentsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/companies/:id/invoice-documents',
    {
      preHandler: requireUser(deps, ACTORS),
      schema: { params: companyIdParamsSchema, response: { 200: invoiceUploadResultSchema } },
    },
    async (request) => {
      const auth = authOf(request);
      const companyId = request.params.id;
      await getCompanyOrThrow(deps.database.db, auth.orgId, companyId);
      const limit = Math.min(INVOICE_ZIP_LIMIT_BYTES, deps.config.uploadLimitBytes);
      const file = await request.file({ limits: { fileSize: limit, files: 1 } });
      if (!file) throw new AppError('invalid_input', 'file: no file was sent');
      await mkdir(deps.config.uploadDir, { recursive: true });
      const path = join(deps.config.uploadDir, `invoices-${randomUUID()}.zip`);
      try {
        await pipeline(file.file, createWriteStream(path));
        if (file.file.truncated) {
          throw new AppError(
            'too_large',
            `${file.filename}: the ZIP is larger than ${limit / 1024 / 1024} MB`,
          );
        }
        return await uploadInvoiceDocuments(
          deps.database,
          { orgId: auth.orgId, companyId, userId: auth.userId },
          path,
        );
      } finally {
        await rm(path, { force: true });
      }
    },
  );

  r.get(
    '/api/companies/:id/invoice-documents/missing',
    {
      preHandler: requireUser(deps),
      schema: {
        params: companyIdParamsSchema,
        querystring: missingDocumentsQuerySchema,
        response: { 200: missingDocumentsSchema },
      },
    },
    async (request) => {
      const auth = authOf(request);
      await getCompanyOrThrow(deps.database.db, auth.orgId, request.params.id);
      return findItemsWithoutDocument(deps.database.db, auth, request.params.id, request.query);
    },
  );

  r.get(
    '/api/companies/:id/invoice-documents/missing/export',
    {
      preHandler: requireUser(deps),
      schema: { params: companyIdParamsSchema, querystring: missingDocumentsExportQuerySchema },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const db = deps.database.db;
      const company = await getCompanyOrThrow(db, auth.orgId, request.params.id);
      const rows = streamItemsWithoutDocument(db, auth, company.id);
      return sendTableExport(
        reply,
        missingDocumentsTable(rows, {
          company,
          format: request.query.format,
          locale: auth.locale,
          today: deps.clock.today(),
        }),
      );
    },
  );

  r.get(
    '/api/customers/:id/invoice-documents/:piece',
    { preHandler: requireUser(deps), schema: { params: invoiceDocumentParamsSchema } },
    async (request, reply) => {
      const auth = authOf(request);
      const db = deps.database.db;
      const customer = await getCustomerRecordRowOrThrow(db, auth, request.params.id);
      const scope = { orgId: auth.orgId, companyId: customer.company_id };
      // Another customer's invoice of the same company is not this customer's to read.
      if (!(await customerHasPiece(db, scope, customer.account, request.params.piece))) {
        throw notFound('invoice document');
      }
      const document = await getPieceDocument(db, scope, request.params.piece);
      if (!document) throw notFound('invoice document');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${document.fileName.replace(/["\\\r\n]/g, '_')}"`)
        .header('cache-control', 'private, no-cache')
        .send(document.content);
    },
  );
}
