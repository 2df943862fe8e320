import { and, eq, inArray } from 'drizzle-orm';
import { planAttachments } from '../../../domain/dunning/attachments';
import type { Db } from '../../db/client';
import { invoiceDocuments, type ReminderContent } from '../../db/schema';
import type { MailAttachment } from '../../mail/mail-attachments.queries';
import { findPieceDocuments } from '../invoice-documents/invoice-documents.queries';

/**
 * The invoice PDFs a reminder email carries (DUN-11, TPL-5): the documents of its pieces, at most
 * 15 files and 15 MB (`planAttachments`), with their bytes for the mailer; the content records
 * them (DUN-14) and, when some stayed behind, says in both parts which pieces are on request.
 */
export async function attachInvoiceDocuments(
  db: Db,
  scope: { orgId: string; companyId: string },
  pieces: readonly string[],
  content: ReminderContent,
): Promise<{ content: ReminderContent; attachments: MailAttachment[] }> {
  const documents = await findPieceDocuments(db, scope, pieces);
  if (documents.size === 0) return { content, attachments: [] };
  const plan = planAttachments(pieces, documents);
  const ids = plan.attached.map((a) => a.document.documentId);
  const rows =
    ids.length === 0
      ? []
      : await db
          .select({ id: invoiceDocuments.id, content: invoiceDocuments.content })
          .from(invoiceDocuments)
          .where(and(eq(invoiceDocuments.orgId, scope.orgId), inArray(invoiceDocuments.id, ids)));
  const bytes = new Map(rows.map((r) => [r.id, r.content]));
  const attachments: MailAttachment[] = plan.attached.map(({ document }) => ({
    documentId: document.documentId,
    fileName: document.fileName,
    contentType: 'application/pdf',
    sha256: document.sha256,
    content: bytes.get(document.documentId)!,
  }));
  const recorded: ReminderContent = {
    ...content,
    attachments: plan.attached.map(({ document, pieces: covered }) => ({
      file: document.fileName,
      pieces: covered,
      sizeBytes: document.sizeBytes,
      sha256: document.sha256,
    })),
  };
  if (plan.leftOut.length === 0) return { content: recorded, attachments };
  const note = onRequestNote(plan.leftOut, content.language);
  return {
    content: {
      ...recorded,
      attachmentsLeftOut: plan.leftOut,
      text: `${content.text.trimEnd()}\n\n${note}\n`,
      html: content.html === null ? null : appendParagraph(content.html, note),
    },
    attachments,
  };
}

/** The sentence naming the invoices not attached (French for French customers, else English). */
export function onRequestNote(pieces: readonly string[], language: string): string {
  const list = pieces.join(', ');
  return language === 'fr'
    ? `Les factures suivantes ne sont pas jointes à ce message et vous seront envoyées sur demande : ${list}.`
    : `The following invoices are not attached to this message and are available on request: ${list}.`;
}

function appendParagraph(html: string, text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const paragraph = `<p>${escaped}</p>`;
  const end = html.lastIndexOf('</body>');
  return end === -1 ? `${html}${paragraph}` : `${html.slice(0, end)}${paragraph}${html.slice(end)}`;
}
