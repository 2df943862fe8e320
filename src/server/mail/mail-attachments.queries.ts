import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invoiceDocuments, mailAttachments } from '../db/schema';

/** A file that goes with an email: a stored invoice document (DUN-11, TPL-5). */
export interface MailAttachment {
  documentId: string;
  fileName: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

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
 * changed all the same is an error rather than a message sent without it.
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
  const stored = await db
    .select({ id: invoiceDocuments.id, content: invoiceDocuments.content, sha256: invoiceDocuments.sha256 })
    .from(invoiceDocuments)
    .where(
      and(
        eq(invoiceDocuments.orgId, key.orgId),
        inArray(
          invoiceDocuments.id,
          rows.map((r) => r.documentId),
        ),
      ),
    );
  const contents = new Map(stored.map((d) => [d.id, d]));
  return rows.map((r) => {
    const document = contents.get(r.documentId);
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
