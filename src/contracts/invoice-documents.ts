import { z } from 'zod';
import { calendarDateSchema, centsSchema } from './common';

export const companyIdParamsSchema = z.object({ id: z.uuid() });
export const invoiceDocumentParamsSchema = z.object({ id: z.uuid(), piece: z.string().min(1).max(200) });

/** Why an entry of `metadata.json` was not stored. */
export const INVOICE_REJECTION_REASONS = [
  'missing_file',
  'not_pdf',
  'too_large',
  'unknown_piece',
  'duplicate',
] as const;
export type InvoiceRejectionReason = (typeof INVOICE_REJECTION_REASONS)[number];

/** `POST /api/companies/:id/invoice-documents`: what was stored, what was not and why. */
export const invoiceUploadResultSchema = z.object({
  /** Documents stored, and the pieces they now document. */
  stored: z.array(z.object({ file: z.string(), pieces: z.array(z.string()), sizeBytes: z.number().int() })),
  rejected: z.array(
    z.object({
      file: z.string(),
      piece: z.string().nullable(),
      reason: z.enum(INVOICE_REJECTION_REASONS),
      message: z.string(),
    }),
  ),
  /** Files of the ZIP that `metadata.json` does not name: left aside. */
  ignoredFiles: z.array(z.string()),
});
export type InvoiceUploadResult = z.infer<typeof invoiceUploadResultSchema>;

export const missingDocumentsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `GET /api/companies/:id/invoice-documents/missing`: open items whose piece has no document. */
export const missingDocumentsSchema = z.object({
  items: z.array(
    z.object({
      pieceRef: z.string(),
      customerId: z.uuid(),
      customerAccount: z.string(),
      customerName: z.string(),
      documentDate: calendarDateSchema,
      dueDate: calendarDateSchema,
      openAmount: centsSchema,
    }),
  ),
  total: z.number().int(),
});
export type MissingDocuments = z.infer<typeof missingDocumentsSchema>;
export type MissingDocumentRow = MissingDocuments['items'][number];

/** `GET /api/companies/:id/invoice-documents/missing/export`: the whole list as CSV or XLSX. */
export const missingDocumentsExportQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']) });
