import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invoiceDocuments, mailAttachments } from '../db/schema';

/**
 * A file that goes with an email (DUN-11, TPL-5): a stored invoice document (`documentId`), or a
 * file generated for this email, such as the statement of account (`documentId` null), whose
 * bytes are recorded with it.
 */
export interface MailAttachment {
  documentId: string | null;
  fileName: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

/**
 * A file generated for one email, ready to record with it.
 * @example generatedAttachment('releve-C001-2024-04-30.pdf', pdf)
 */
export function generatedAttachment(
  fileName: string,
  content: Buffer,
  contentType = 'application/pdf',
): MailAttachment {
  return { documentId: null, fileName, contentType, sha256: sha256Of(content), content };
}

const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Records what an email carries, in the transaction that records the email (DUN-14). */
export async function insertMailAttachments(
  db: Db,
  key: { orgId: string; mailId: string },
  attachments: readonly MailAttachment[],
): Promise<void> {
  if (attachments.length === 0) return;
  await db.insert(mailAttachments).values(
    attachments.map((a, ordinal) => ({
      ...key,
      ordinal,
      documentId: a.documentId,
      // A stored document is kept once, in `invoice_documents`; a generated file only here.
      content: a.documentId === null ? a.content : null,
      fileName: a.fileName,
      contentType: a.contentType,
      sizeBytes: a.content.length,
      sha256: a.sha256,
    })),
  );
}

/**
 * The attachments recorded with an email, with their bytes, to send it again as it was recorded
 * (DUN-13). Stored documents never change and are kept while an email names them; one missing or
 * changed all the same is an error rather than a message sent without it. A generated file is
 * read back from the email's own record.
 */
export async function loadMailAttachments(
  db: Db,
  key: { orgId: string; mailId: string },
): Promise<MailAttachment[]> {
  const rows = await db
    .select()
    .from(mailAttachments)
    .where(and(eq(mailAttachments.orgId, key.orgId), eq(mailAttachments.mailId, key.mailId)))
    .orderBy(asc(mailAttachments.ordinal));
  if (rows.length === 0) return [];
  const ids = rows.flatMap((r) => (r.documentId === null ? [] : [r.documentId]));
  const stored =
    ids.length === 0
      ? []
      : await db
          .select({
            id: invoiceDocuments.id,
            content: invoiceDocuments.content,
            sha256: invoiceDocuments.sha256,
          })
          .from(invoiceDocuments)
          .where(and(eq(invoiceDocuments.orgId, key.orgId), inArray(invoiceDocuments.id, ids)));
  const contents = new Map(stored.map((d) => [d.id, d]));
  return rows.map((r) => {
    const document =
      r.documentId === null
        ? r.content && { content: r.content, sha256: sha256Of(r.content) }
        : contents.get(r.documentId);
    if (!document || document.sha256 !== r.sha256) {
      throw new Error(`the attachment ${r.fileName} recorded with the email is no longer stored`);
    }
    return {
      documentId: r.documentId,
      fileName: r.fileName,
      contentType: r.contentType,
      sha256: r.sha256,
      content: document.content,
    };
  });
}
