import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { bytes, createdAt, orgId } from './columns';

/**
 * An invoice PDF uploaded for a company (issue 5 point 4). A document never changes once stored:
 * uploading a piece again points the piece at a new document, so an email that attached the old
 * one can still be delivered again as it was recorded (DUN-13, DUN-14).
 */
export const invoiceDocuments = pgTable(
  'invoice_documents',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    fileName: text('file_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Hex SHA-256 of the content: what the archive of a sent email records. */
    sha256: text('sha256').notNull(),
    content: bytes('content').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('invoice_documents_company_idx').on(t.orgId, t.companyId),
  ],
);

/**
 * Which document a piece reference of the company has. Keyed by the piece reference, not an
 * entry row: it survives every re-import (principle 6). One document may serve several pieces.
 */
export const invoiceDocumentPieces = pgTable(
  'invoice_document_pieces',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    pieceRef: text('piece_ref').notNull(),
    documentId: uuid('document_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.companyId, t.pieceRef] }),
    index('invoice_document_pieces_document_idx').on(t.orgId, t.documentId),
  ],
);

/**
 * The files an email carried (DUN-11, DUN-14): name, size and SHA-256 as sent, and either the
 * stored document they came from or, for a file generated for the email (the statement of
 * account, TPL-5), its bytes: a retry after a temporary refusal sends the same bytes again
 * (DUN-13), even when the customer's account has moved since.
 */
export const mailAttachments = pgTable(
  'mail_attachments',
  {
    orgId: orgId(),
    mailId: uuid('mail_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    /** The stored invoice document; `null` for a generated file, whose bytes are in `content`. */
    documentId: uuid('document_id'),
    /** A generated file's bytes (the statement); `null` for a stored document. */
    content: bytes('content'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.mailId, t.ordinal] }),
    index('mail_attachments_document_idx').on(t.orgId, t.documentId),
    check('mail_attachments_one_source', sql`(${t.documentId} is null) <> (${t.content} is null)`),
  ],
);
